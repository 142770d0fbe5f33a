/**
 * A realistic consumer of iptkit's course API: the file whose type-checking cost
 * `scripts/type-cost.ts` measures. It builds commands as an app's forms would, runs them with
 * `execute`, previews one with `decide`, restores a course with `replay`, narrows events and
 * commands by `type`, validates untrusted input with the schemas, and reads course fields.
 *
 * It imports everything from `./course-api.js`. The check compiles this same file twice: once with
 * that module re-exporting the built package, once with a generated module declaring the same
 * shapes in bare zod (and plain functions of the same signatures), so the two measurements differ
 * only in where the types come from. The exported functions have inferred return types on purpose:
 * the check also emits declarations for them.
 */
import type * as z from 'zod';
import {
  Course,
  CourseCommand,
  CourseEvent,
  decide,
  execute,
  replay,
  type CourseCommandInput,
  type CourseState,
  type DeepReadonly,
  type ReplayError,
  type Result,
  type RuleViolation,
} from './course-api.js';

/** A command as the app's session form builds it. */
export type SessionForm = Extract<CourseCommandInput, { type: 'record-session' }>;
/** The commands the app's menus offer. */
export type CommandType = CourseCommandInput['type'];
/** A command after validation. */
export type ValidCommand = z.infer<typeof CourseCommand>;
/** An event as the API hands it back. */
export type StoredEvent = DeepReadonly<CourseEvent>;

/** Starts a 12-session weekly course of IPT. */
export function startCourse(courseId: string, startDate: string) {
  return execute(null, {
    type: 'start-course',
    courseId,
    protocol: 'ipt',
    startDate,
    timeLimit: { sessions: 12, cadence: 'weekly' },
  } satisfies CourseCommandInput);
}

/** The session form's command. */
export function sessionCommand(number: number, date: string): SessionForm {
  return {
    type: 'record-session',
    sessionId: `s-${String(number)}`,
    number,
    date,
    status: 'attended',
    techniques: ['clarification', 'communication-analysis'],
    minutes: 50,
  };
}

/** The first weeks of a course as an app records them. */
export const firstWeeks: readonly CourseCommandInput[] = [
  {
    type: 'start-course',
    courseId: 'c-1',
    protocol: 'ipt',
    startDate: '2026-03-02',
    timeLimit: { sessions: 12, cadence: 'weekly' },
    ringCount: 3,
  },
  sessionCommand(1, '2026-03-02'),
  {
    type: 'record-measure',
    measureId: 'phq-1',
    date: '2026-03-02',
    instrument: 'phq-9',
    responses: { item1: 2, item2: 3, item3: 2, item4: 2, item5: 1, item6: 2, item7: 1 },
    missing: { kind: 'prorate', maxMissing: 2 },
  },
  {
    type: 'add-person',
    person: {
      id: 'p-1',
      label: 'Sam',
      relationship: 'partner',
      vitalStatus: { status: 'alive' },
      period: 'current',
      interactions: { frequency: 'daily' },
      expectations: [{ holder: 'client', text: 'listens', met: 'partly' }],
      support: { level: 'some', confiding: true },
    },
  },
  { type: 'place-in-circle', personId: 'p-1', ring: 0 },
  sessionCommand(2, '2026-03-09'),
  {
    type: 'choose-focus',
    focus: { area: 'role-dispute', personId: 'p-1', stage: 'renegotiation' },
    rank: 'primary',
    date: '2026-03-09',
  },
  { type: 'share-formulation', date: '2026-03-09', accepted: true },
  { type: 'agree-contract', date: '2026-03-09', goals: ['fewer arguments'] },
  { type: 'advance-phase', to: 'middle', date: '2026-03-16' },
];

/** Runs commands in order, stopping at the first one the rules refuse. */
export function runAll(commands: readonly CourseCommandInput[]) {
  let state: CourseState = null;
  const events: StoredEvent[] = [];
  const warnings: string[] = [];
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) {
      return { ok: false as const, refused: command.type, code: result.error.code };
    }
    state = result.value.state;
    events.push(...result.value.events);
    warnings.push(...result.value.warnings.map((warning) => warning.code));
  }
  return { ok: true as const, state, events, warnings };
}

/** One line of the course history. */
export function describeEvent(event: StoredEvent): string {
  switch (event.type) {
    case 'course-started':
      return `${event.protocol.name}: ${String(event.timeLimit.sessions)} ${event.timeLimit.cadence} sessions`;
    case 'session-recorded':
      return `session ${String(event.number)} on ${event.date} (${event.status})`;
    case 'person-added':
    case 'person-updated':
      return `person ${event.person.id} (${event.person.relationship})`;
    case 'measure-recorded':
      return `${event.instrument}: ${event.score.total === null ? 'incomplete' : String(event.score.total)}`;
    case 'focus-chosen':
      return `${event.rank} focus: ${event.focus.area}`;
    case 'phase-advanced':
      return `${event.from} -> ${event.to}`;
    case 'termination-raised':
      return `ending raised after session ${String(event.afterSession)}`;
    case 'course-ended':
      return `ended ${event.date}: ${event.outcome}`;
    default:
      return event.type;
  }
}

/** What a command would record, or why it is refused, without changing anything. */
export function preview(state: CourseState, command: CourseCommandInput) {
  const decided = decide(state, command);
  return decided.ok ? decided.value.map(describeEvent) : decided.error;
}

/** The label of a command in the app's undo list. */
export function commandLabel(command: CourseCommandInput): string {
  switch (command.type) {
    case 'start-course':
      return typeof command.protocol === 'string' ? command.protocol : command.protocol.id;
    case 'record-measure':
      return `${command.instrument} (${String(Object.keys(command.responses).length)} answers)`;
    case 'choose-focus':
      return command.focus.area === 'role-transition'
        ? `${command.focus.from} to ${command.focus.to}`
        : command.focus.area;
    case 'end-course':
      return command.outcome;
    default:
      return command.type;
  }
}

/** The course screen's summary. */
export function summary(state: CourseState) {
  if (state === null) return null;
  const phq9 = Object.values(state.measures)
    .filter((record) => record.instrument === 'phq-9')
    .map((record) => ({ date: record.date, total: record.score.total, band: record.score.band }));
  return {
    course: state.courseId,
    protocol: state.protocol.id,
    phase: state.phase,
    sessions: `${String(state.sessionCount)} of ${String(state.contract.timeLimit.sessions)}`,
    focus: state.foci.primary,
    people: Object.values(state.inventory.people).map((person) => person.label),
    openRisks: Object.values(state.riskFlags).filter((flag) => flag.acknowledged === null),
    lastSession: state.lastSessionDate,
    phq9,
    ended: state.outcome?.outcome ?? null,
  };
}

/** Restores a course from its stored events. */
export function restore(stored: unknown): Result<CourseState, string> {
  const replayed = replay(stored);
  if (replayed.ok) return replayed;
  const failure: ReplayError = replayed.error;
  return {
    ok: false,
    error: `event ${failure.index === null ? '-' : String(failure.index)}: ${failure.cause.kind}`,
  };
}

/** Reads a command from an untrusted request body. */
export function readCommand(body: unknown): ValidCommand | RuleViolation['code'] {
  const parsed = CourseCommand.safeParse(body);
  return parsed.success ? parsed.data : 'invalid-command';
}

/** Reads the valid events of an NDJSON export. */
export function readEvents(lines: readonly string[]): CourseEvent[] {
  return lines.flatMap((line) => {
    const parsed = CourseEvent.safeParse(JSON.parse(line));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Tells whether an object is a whole course as iptkit stores it. */
export function isCourse(value: unknown): value is Course {
  return Course.safeParse(value).success;
}
