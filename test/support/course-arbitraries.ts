/**
 * Test support for the course of treatment: a generator of plausible and implausible command
 * sequences (as "intents" turned into concrete commands against the state they meet), a runner,
 * an independent invariant checker and acceptance oracle, and helpers for example tests (dates,
 * commands, a deep-frozen walk). Nothing here imports the rule functions: expectations are
 * computed from the IPT reference, section 11.
 */
import fc from 'fast-check';
import { execute } from '../../src/course/decide.js';
import type { CourseEvent } from '../../src/course/events.js';
import type { CourseWarning, RuleViolation } from '../../src/course/rule-violation.js';
import type { Course, CourseState } from '../../src/course/state.js';
import type { DeepReadonly } from '../../src/internal/deep-freeze.js';
import { protocols } from '../../src/protocol/protocols.js';

/** A marker put into every label and free text, that must never show up in an error. */
export const MARKER = 'ZZSECRET';

/** The start date of generated courses (a Monday). */
export const START = '2026-01-05';

/** A read-only started course. */
export type ReadCourse = DeepReadonly<Course>;

/** A command as a caller writes it (validated by `execute`). */
export type Command = Record<string, unknown>;

/**
 * Adds days to an ISO date (computed with UTC dates, independent of the library's date helpers).
 * @param date - `YYYY-MM-DD`.
 * @param days - Days to add (may be negative).
 * @returns The new date.
 */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * A custom protocol derived from standard IPT that allows a single focus (foci.max 1).
 * @returns Protocol data (a fresh, mutable copy).
 */
export function singleFocusProtocol(): Record<string, unknown> {
  const base = structuredClone(protocols.ipt) as unknown as Record<string, unknown>;
  return {
    ...base,
    id: 'single-focus-ipt',
    name: 'IPT with a single focus',
    foci: { max: 1, sources: ['ISIPT'], note: 'Exactly one problem area.' },
  };
}

/**
 * A short custom protocol (4-6 sessions, initial phase 1, ending raised at least 2 sessions before
 * the last one), so that generated courses reach the time limit and the termination notice often.
 * @returns Protocol data (a fresh, mutable copy).
 */
export function shortProtocol(): Record<string, unknown> {
  const base = structuredClone(protocols.ipt) as unknown as Record<string, unknown>;
  return {
    ...base,
    id: 'short-ipt',
    name: 'A short IPT for tests',
    sessions: { min: 4, max: 6, sources: ['CG7'] },
    phases: [
      { id: 'initial', label: 'initial', maxSessions: 1, sources: ['MARK06'] },
      { id: 'middle', label: 'middle', sources: ['ALPF'] },
      { id: 'termination', label: 'termination', sources: ['CG7'] },
    ],
    termination: { minSessionsBeforeEnd: 2, sources: ['CG7'] },
  };
}

/** Walks a value and tells whether every object and array in it is frozen. */
export function isDeeplyFrozen(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  if (!Object.isFrozen(value)) return false;
  return Object.values(value as Record<string, unknown>).every((child) =>
    isDeeplyFrozen(child, seen),
  );
}

/** Tells whether any object or array in a value is frozen (inputs must never be frozen). */
export function hasFrozenPart(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.isFrozen(value)) return true;
  return Object.values(value as Record<string, unknown>).some(hasFrozenPart);
}

// ------------------------------------------------------------------------------------------------
// Intents: what a generated step wants to do, turned into a concrete command against the state.
// ------------------------------------------------------------------------------------------------

const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p-unknown'] as const;
const MEASURE_IDS = ['m1', 'm2', 'm3', 'm4', 'm5'] as const;
const ANALYSIS_IDS = ['a1', 'a2', 'a3'] as const;
const PHASES = ['initial', 'middle', 'maintenance', 'termination'] as const;
const CADENCES = ['twice-weekly', 'weekly', 'fortnightly', 'twice-monthly', 'monthly'] as const;
const STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;
const AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
const OUTCOMES = [
  'completed',
  'dropped-out',
  'referred-on',
  'continuation-agreed',
  'maintenance-agreed',
] as const;
const PROTOCOL_CHOICES = [
  'ipt',
  'ipt',
  'ipt-brief',
  'ipc',
  'ipt-a',
  'group-ipt',
  'ipt-m',
  'ipsrt',
  'ipt-stuart-robertson',
  'ipt-stuart-robertson',
  'single-focus',
  'single-focus',
  'short',
  'short',
  'short',
] as const;

/** Day steps: mostly forward, sometimes backward (implausible). */
const dayStep = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: -1 }) },
);
const person = fc.integer({ min: 0, max: PEOPLE.length - 1 });
const secret = fc.string({ maxLength: 8 }).map((rest) => `${MARKER} ${rest}x`);

export const intent = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('start' as const),
      protocol: fc.constantFrom(...PROTOCOL_CHOICES),
      sessions: fc.oneof(
        { weight: 19, arbitrary: fc.constant('in-range' as const) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 24 }) },
      ),
      pick: fc.nat(20),
      cadence: fc.oneof(
        { weight: 19, arbitrary: fc.constant('default' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...CADENCES) },
      ),
      ringCount: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    }),
  },
  {
    weight: 27,
    arbitrary: fc.record({
      kind: fc.constant('session' as const),
      numberShift: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1, 2),
      step: dayStep,
      status: fc.constantFrom('attended' as const, 'missed' as const, 'cancelled' as const),
      duplicate: fc.integer({ min: 0, max: 15 }).map((roll) => roll === 0),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('add-person' as const),
      person,
      deceased: fc.boolean(),
      label: secret,
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('update-person' as const),
      person,
      vital: fc.constantFrom('alive' as const, 'deceased' as const, 'keep' as const),
      label: secret,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-person' as const), person }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      person,
      ring: fc.integer({ min: 0, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unplace' as const), person }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('life-event' as const),
      person: fc.option(person, { nil: undefined }),
      step: fc.integer({ min: -400, max: 5 }),
      description: secret,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mood' as const),
      value: fc.integer({ min: -2, max: 12 }),
      step: dayStep,
      note: secret,
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('measure' as const),
      instrument: fc.constantFrom('phq-9' as const, 'gad-7' as const),
      answers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
      item9: fc.constantFrom(0, 0, 0, 1, 2, 3),
      broken: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
      id: fc.integer({ min: 0, max: MEASURE_IDS.length - 1 }),
      session: fc.constantFrom('none' as const, 'none' as const, 'last' as const, 'bogus' as const),
      step: dayStep,
    }),
  },
  {
    weight: 15,
    arbitrary: fc.record({
      kind: fc.constant('focus' as const),
      area: fc.constantFrom(...AREAS),
      person,
      stage: fc.constantFrom(...STAGES),
      loss: fc.constantFrom(undefined, undefined, 'death' as const, 'other' as const),
      rank: fc.constantFrom(
        'auto' as const,
        'auto' as const,
        'auto' as const,
        'primary' as const,
        'secondary' as const,
      ),
      step: dayStep,
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('formulation' as const),
      accepted: fc.integer({ min: 0, max: 4 }).map((roll) => roll !== 0),
      step: dayStep,
      summary: secret,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('contract' as const),
      step: dayStep,
      goal: secret,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('stage' as const),
      person,
      stage: fc.constantFrom(...STAGES),
      step: dayStep,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('analysis' as const),
      id: fc.integer({ min: 0, max: ANALYSIS_IDS.length - 1 }),
      person,
      content: secret,
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      to: fc.oneof(
        { weight: 3, arbitrary: fc.constant('next' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...PHASES) },
      ),
      step: dayStep,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('renegotiate' as const),
      /** A change from the current limit, or (as `pick`) a limit within the protocol's range. */
      target: fc.oneof(
        fc.record({ delta: fc.integer({ min: -5, max: 5 }) }),
        fc.record({ pick: fc.nat(20) }),
      ),
      cadence: fc.oneof(
        { weight: 3, arbitrary: fc.constant('keep' as const) },
        { weight: 1, arbitrary: fc.constantFrom(...CADENCES) },
      ),
      step: dayStep,
      reason: secret,
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('raise' as const), step: dayStep }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('acknowledge' as const),
      flag: fc.integer({ min: -1, max: 2 }),
      action: secret,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('end' as const),
      outcome: fc.constantFrom(...OUTCOMES),
      step: dayStep,
    }),
  },
);

/** One generated step. */
export type Intent = typeof intent extends fc.Arbitrary<infer TIntent> ? TIntent : never;

/** A generated course: a start, then up to `maxLength` more steps (a further start is refused). */
export const intentSequence = (maxLength = 40) =>
  fc
    .tuple(
      intent.filter((step) => step.kind === 'start'),
      fc.array(intent, { minLength: Math.min(10, maxLength), maxLength, size: 'max' }),
    )
    .map(([start, rest]) => [start, ...rest]);

/** What the runner keeps between steps to make dates and ids plausible. */
export interface Clock {
  /** The latest date of an accepted dated command (never before the start). */
  today: string;
  /** The next fresh session id number. */
  nextSession: number;
}

function sessionsHeld(course: ReadCourse): number {
  return Object.keys(course.sessions).length;
}

function lastSince(course: ReadCourse): string {
  return course.phaseHistory[course.phaseHistory.length - 1]?.since ?? course.startDate;
}

function nextPhaseOf(course: ReadCourse): string | undefined {
  const order = course.protocol.phases.map((plan) => plan.id as string);
  const index = order.indexOf(course.phase);
  return index === -1 ? undefined : order[index + 1];
}

/**
 * Turns an intent into a concrete command against the state it meets.
 * @param step - The intent.
 * @param state - The current state.
 * @param clock - Dates and ids so far.
 * @returns The command.
 */
export function commandFor(step: Intent, state: CourseState, clock: Clock): Command {
  const course = state;
  const date = (days: number) => addDays(clock.today, days);
  // Indexes 0-3 name the people already in the inventory when there are any (plausible), else
  // p1-p4 (which may not exist); the last index always names nobody (implausible).
  const known = course === null ? [] : Object.keys(course.inventory.people).sort();
  const personId = (index: number) =>
    index >= PEOPLE.length - 1
      ? 'p-unknown'
      : (known[index % Math.max(1, known.length)] ?? PEOPLE[index] ?? 'p-unknown');
  const newPersonId = (index: number) => PEOPLE[index] ?? 'p-unknown';
  switch (step.kind) {
    case 'start': {
      const protocolData =
        step.protocol === 'single-focus'
          ? singleFocusProtocol()
          : step.protocol === 'short'
            ? shortProtocol()
            : step.protocol;
      const catalog =
        step.protocol === 'single-focus' || step.protocol === 'short'
          ? protocols.ipt
          : protocols[step.protocol];
      const { min, max } =
        step.protocol === 'short' ? { min: 4, max: 6 as number | undefined } : catalog.sessions;
      const span = (max ?? min + 11) - min + 1;
      const sessions = step.sessions === 'in-range' ? min + (step.pick % span) : step.sessions;
      const cadence = step.cadence === 'default' ? catalog.cadence.default : step.cadence;
      return {
        type: 'start-course',
        courseId: 'course-1',
        protocol: protocolData,
        startDate: START,
        timeLimit: { sessions, cadence },
        ...(step.ringCount === undefined ? {} : { ringCount: step.ringCount }),
      };
    }
    case 'session': {
      const held = course === null ? 0 : sessionsHeld(course);
      const sessionId =
        step.duplicate && held > 0 ? `s${clock.nextSession - 1}` : `s${clock.nextSession}`;
      return {
        type: 'record-session',
        sessionId,
        number: Math.max(1, (course?.sessionCount ?? 0) + 1 + step.numberShift),
        date: date(step.step),
        status: step.status,
      };
    }
    case 'add-person': {
      return {
        type: 'add-person',
        person: {
          id: newPersonId(step.person),
          label: step.label,
          relationship: step.deceased ? 'parent' : 'partner',
          vitalStatus: step.deceased
            ? { status: 'deceased', diedOn: addDays(START, -90) }
            : { status: 'alive' },
          period: step.deceased ? 'past' : 'current',
          communicationNotes: `${MARKER} notes`,
        },
      };
    }
    case 'update-person': {
      const changes: Record<string, unknown> = { label: step.label };
      if (step.vital === 'alive') changes.vitalStatus = { status: 'alive' };
      if (step.vital === 'deceased') changes.vitalStatus = { status: 'deceased' };
      return { type: 'update-person', personId: personId(step.person), changes };
    }
    case 'remove-person':
      return { type: 'remove-person', personId: personId(step.person) };
    case 'place': {
      return { type: 'place-in-circle', personId: personId(step.person), ring: step.ring };
    }
    case 'unplace':
      return { type: 'remove-from-circle', personId: personId(step.person) };
    case 'life-event': {
      return {
        type: 'record-life-event',
        event: {
          date: date(step.step),
          kind: 'loss',
          description: step.description,
          ...(step.person === undefined ? {} : { personId: personId(step.person) }),
        },
      };
    }
    case 'mood': {
      return {
        type: 'record-mood',
        rating: { date: date(step.step), value: step.value, note: step.note },
      };
    }
    case 'measure': {
      const count = step.instrument === 'phq-9' ? 9 : 7;
      const responses: Record<string, number> = {};
      for (let item = 1; item <= count; item += 1)
        responses[`item${item}`] = step.answers[item - 1] ?? 0;
      if (step.instrument === 'phq-9') responses.item9 = step.item9;
      if (step.broken) responses.item1 = 7;
      const lastSession =
        course === null
          ? undefined
          : Object.values(course.sessions).find((found) => found.number === course.sessionCount);
      const sessionId =
        step.session === 'bogus'
          ? 's-bogus'
          : step.session === 'last'
            ? lastSession?.sessionId
            : undefined;
      return {
        type: 'record-measure',
        measureId: MEASURE_IDS[step.id] ?? 'm1',
        date: date(step.step),
        instrument: step.instrument,
        responses,
        ...(sessionId === undefined ? {} : { sessionId }),
      };
    }
    case 'focus': {
      const focus =
        step.area === 'grief'
          ? {
              area: 'grief',
              personId: personId(step.person),
              ...(step.loss === undefined ? {} : { loss: step.loss }),
            }
          : step.area === 'role-dispute'
            ? { area: 'role-dispute', personId: personId(step.person), stage: step.stage }
            : step.area === 'role-transition'
              ? { area: 'role-transition', from: 'employee', to: 'retiree' }
              : { area: 'interpersonal-deficits' };
      const rank =
        step.rank === 'auto' ? (course?.foci.primary == null ? 'primary' : 'secondary') : step.rank;
      return { type: 'choose-focus', focus, rank, date: date(step.step) };
    }
    case 'formulation': {
      return {
        type: 'share-formulation',
        date: date(step.step),
        accepted: step.accepted,
        summary: step.summary,
      };
    }
    case 'contract': {
      return { type: 'agree-contract', date: date(step.step), goals: [step.goal] };
    }
    case 'stage': {
      return {
        type: 'assess-dispute-stage',
        personId: personId(step.person),
        stage: step.stage,
        date: date(step.step),
      };
    }
    case 'analysis': {
      return {
        type: 'record-communication-analysis',
        analysisId: ANALYSIS_IDS[step.id] ?? 'a1',
        analysis: {
          personId: personId(step.person),
          turns: [{ speaker: 'client', act: 'said', content: step.content }],
          problems: [{ category: 'silence', turn: 0 }],
          alternatives: [{ text: step.content, rehearsed: false }],
        },
      };
    }
    case 'advance': {
      const to =
        step.to === 'next'
          ? ((course === null ? undefined : nextPhaseOf(course)) ?? 'middle')
          : step.to;
      return { type: 'advance-phase', to, date: date(step.step) };
    }
    case 'renegotiate': {
      const current = course?.contract.timeLimit ?? { sessions: 12, cadence: 'weekly' };
      const range = course?.protocol.sessions ?? { min: 12, max: 16 };
      const span = (range.max ?? range.min + 11) - range.min + 1;
      const sessions =
        'delta' in step.target
          ? Math.max(1, current.sessions + step.target.delta)
          : range.min + (step.target.pick % span);
      return {
        type: 'renegotiate-contract',
        date: date(step.step),
        timeLimit: {
          sessions,
          cadence: step.cadence === 'keep' ? current.cadence : step.cadence,
        },
        reason: step.reason,
      };
    }
    case 'raise':
      return { type: 'raise-termination', date: date(step.step) };
    case 'acknowledge': {
      const flags = course === null ? [] : Object.keys(course.riskFlags).sort();
      const flagId =
        step.flag < 0
          ? 'm-none:suicidalIdeation'
          : (flags[step.flag % Math.max(1, flags.length)] ?? 'm1:suicidalIdeation');
      return {
        type: 'acknowledge-risk',
        flagId,
        by: 'dr-1',
        at: `${clock.today}T10:00:00Z`,
        action: step.action,
      };
    }
    case 'end': {
      return { type: 'end-course', date: date(step.step), outcome: step.outcome };
    }
  }
}

/** The date a command carries, if any (for the runner's clock). */
export function commandDate(command: Command): string | undefined {
  const direct = command.date;
  if (typeof direct === 'string') return direct;
  return undefined;
}

/** One executed step. */
export interface Step {
  readonly command: Command;
  readonly before: CourseState;
  readonly after: CourseState;
  readonly error?: RuleViolation;
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly warnings: readonly CourseWarning[];
  /** With `snapshot`: a structured clone of the state taken before `execute` ran. */
  readonly beforeClone?: unknown;
  /** With `snapshot`: a structured clone of the command taken before `execute` ran. */
  readonly commandClone?: unknown;
}

/**
 * Runs generated intents through `execute`, keeping the state of accepted commands only.
 * @param intents - The steps.
 * @param onStep - Called after every step (assertions go here).
 * @returns Every step, and all events recorded.
 */
export function runIntents(
  intents: readonly Intent[],
  onStep: (step: Step, events: readonly DeepReadonly<CourseEvent>[]) => void = () => undefined,
  options: { readonly snapshot?: boolean } = {},
): { steps: Step[]; events: DeepReadonly<CourseEvent>[]; state: CourseState } {
  let state: CourseState = null;
  const events: DeepReadonly<CourseEvent>[] = [];
  const steps: Step[] = [];
  const clock: Clock = { today: START, nextSession: 1 };
  for (const generated of intents) {
    const command = commandFor(generated, state, clock);
    const snapshot =
      options.snapshot === true
        ? { beforeClone: structuredClone(state), commandClone: structuredClone(command) }
        : {};
    const result = execute(state, command);
    let step: Step;
    if (result.ok) {
      step = {
        ...snapshot,
        command,
        before: state,
        after: result.value.state,
        events: result.value.events,
        warnings: result.value.warnings,
      };
      state = result.value.state;
      events.push(...result.value.events);
      const dated = commandDate(command);
      if (dated !== undefined && dated > clock.today) clock.today = dated;
      if (command.type === 'record-session') clock.nextSession += 1;
    } else {
      step = {
        ...snapshot,
        command,
        before: state,
        after: state,
        error: result.error,
        events: [],
        warnings: [],
      };
    }
    steps.push(step);
    onStep(step, events);
  }
  return { steps, events, state };
}

// ------------------------------------------------------------------------------------------------
// Invariants (IPT reference section 11), computed from the state alone.
// ------------------------------------------------------------------------------------------------

/**
 * Checks the invariants of IPT reference section 11 (and DESIGN 3) on a state.
 * @param state - A state built by iptkit.
 * @returns The broken invariants, as readable strings (empty when all hold).
 */
export function checkInvariants(state: CourseState): string[] {
  const broken: string[] = [];
  const fail = (message: string) => broken.push(message);
  if (state === null) return broken;
  const course = state;
  const protocol = course.protocol;

  // Sessions numbered 1..sessionCount without gaps, dated in order, none before the start.
  const sessions = Object.entries(course.sessions).map(([key, session]) => ({ key, ...session }));
  sessions.sort((left, right) => left.number - right.number);
  if (sessions.length !== course.sessionCount) fail('sessionCount differs from the sessions held');
  sessions.forEach((session, index) => {
    if (session.key !== session.sessionId) fail(`session ${session.key} stored under another key`);
    if (session.number !== index + 1) fail(`session numbers have a gap at ${index + 1}`);
    if (session.date < course.startDate) fail(`session ${session.number} before the start`);
    const previous = sessions[index - 1];
    if (previous !== undefined && session.date < previous.date) {
      fail(`session ${session.number} dated before session ${previous.number}`);
    }
  });
  const last = sessions[sessions.length - 1];
  if ((last?.date ?? null) !== course.lastSessionDate) fail('lastSessionDate is not the last date');

  // [ISIPT] [CG7] 11.1: the time limit holds and lies within the protocol.
  const limit = course.contract.timeLimit;
  if (course.sessionCount > limit.sessions) fail('more sessions than the time limit');
  if (limit.sessions < protocol.sessions.min) fail('time limit below the protocol minimum');
  if (protocol.sessions.max !== undefined && limit.sessions > protocol.sessions.max) {
    fail('time limit above the protocol maximum');
  }
  if (!protocol.cadence.allowed.includes(limit.cadence)) fail('cadence not allowed');

  // [ALPF] 11.2: phases follow the protocol order one step at a time.
  const order = protocol.phases.map((plan) => plan.id);
  const history = course.phaseHistory;
  if (history[0]?.phase !== 'initial' || history[0].since !== course.startDate) {
    fail('phase history does not start with the initial phase at the start date');
  }
  history.forEach((entry, index) => {
    if (entry.phase !== order[index]) fail(`phase ${index} is ${entry.phase}, not ${order[index]}`);
    const previous = history[index - 1];
    if (previous !== undefined && entry.since < previous.since) fail('phase dates go backwards');
  });
  if (history[history.length - 1]?.phase !== course.phase) fail('phase is not the last in history');

  // [ALPF] 11.2: past the initial phase there is a primary focus and an accepted formulation.
  if (course.phase !== 'initial') {
    if (course.foci.primary === null) fail('past the initial phase without a primary focus');
    if (course.formulation?.accepted !== true)
      fail('past the initial phase without an accepted formulation');
  }

  // [ISIPT] [ACF] 11.4-11.6: foci.
  const foci = [course.foci.primary, course.foci.secondary].filter((focus) => focus !== null);
  if (course.foci.secondary !== null && course.foci.primary === null) {
    fail('a secondary focus without a primary one');
  }
  if (foci.length > protocol.foci.max) fail('more foci than the protocol allows');
  const [primary, secondary] = [course.foci.primary, course.foci.secondary];
  if (primary !== null && secondary !== null && primary.area === secondary.area) {
    const samePerson =
      'personId' in primary && 'personId' in secondary && primary.personId === secondary.personId;
    const sameRoles =
      primary.area === 'role-transition' &&
      secondary.area === 'role-transition' &&
      primary.from === secondary.from &&
      primary.to === secondary.to;
    const sameLoss =
      primary.area !== 'grief' ||
      secondary.area !== 'grief' ||
      (primary.loss ?? 'death') === (secondary.loss ?? 'death');
    if (primary.area === 'interpersonal-deficits' || sameRoles || (samePerson && sameLoss)) {
      fail('the primary and secondary foci are about the same problem');
    }
  }
  for (const focus of foci) {
    if (!protocol.problemAreas.areas.includes(focus.area))
      fail(`focus area ${focus.area} not in protocol`);
    if (focus.area === 'grief' && focus.loss !== 'other') {
      const died =
        focus.personId === undefined
          ? undefined
          : Object.hasOwn(course.inventory.people, focus.personId)
            ? course.inventory.people[focus.personId]
            : undefined;
      if (died?.vitalStatus.status !== 'deceased')
        fail('grief focus without a deceased inventory person');
    }
    if (
      focus.area === 'grief' &&
      focus.loss === 'other' &&
      protocol.problemAreas.griefRequiresDeath
    ) {
      fail('grief focus about another loss under a protocol whose grief means a death');
    }
    if (focus.area === 'role-dispute') {
      if (!(STAGES as readonly string[]).includes(focus.stage))
        fail('role dispute without a stage');
      if (!Object.hasOwn(course.inventory.people, focus.personId))
        fail('role dispute party not in the inventory');
    }
  }

  // [PP-CC] 11.9: circle placements name inventory people and existing rings.
  for (const [personId, ring] of Object.entries(course.inventory.circle.placements)) {
    if (!Object.hasOwn(course.inventory.people, personId)) fail(`placement of unknown ${personId}`);
    if (!Number.isInteger(ring) || ring < 0 || ring >= course.inventory.circle.ringCount) {
      fail(`ring ${ring} out of range`);
    }
  }
  for (const [key, entry] of Object.entries(course.inventory.people)) {
    if (entry.id !== key) fail(`person ${key} stored under another key`);
  }

  // [CG7] 11.7: sessions past the notice point only once the ending has been raised.
  const notice = protocol.termination?.minSessionsBeforeEnd;
  if (
    notice !== undefined &&
    course.sessionCount > limit.sessions - notice &&
    course.terminationRaised === null
  ) {
    fail('sessions past the termination notice point without the ending raised');
  }
  if (
    course.terminationRaised !== null &&
    course.terminationRaised.afterSession > course.sessionCount
  ) {
    fail('termination raised after more sessions than held');
  }
  if (
    notice !== undefined &&
    course.terminationRaised !== null &&
    course.terminationRaised.afterSession > limit.sessions - notice
  ) {
    fail('the ending was raised fewer sessions before the last one than the notice');
  }

  // [KROENKE01] [CALC] 11.10: PHQ-9 item 9 above 0 has a risk flag; an ended course has none open.
  for (const [key, measure] of Object.entries(course.measures)) {
    if (measure.measureId !== key) fail(`measure ${key} stored under another key`);
    const item9 = (measure.responses as Readonly<Record<string, number>>).item9;
    if (measure.instrument === 'phq-9' && item9 !== undefined && item9 >= 1) {
      const flag = course.riskFlags[`${key}:suicidalIdeation`];
      if (flag === undefined) fail(`PHQ-9 ${key} with item 9 = ${item9} has no risk flag`);
    }
  }
  const open = Object.values(course.riskFlags).filter((flag) => flag.acknowledged === null);
  if (course.outcome !== null && open.length > 0) fail('an ended course has open risk flags');

  return broken;
}

/**
 * An independent prediction of whether a command is accepted, for the commands whose rules are
 * simple enough to restate; `undefined` for the others.
 * @param state - The state before.
 * @param command - The command.
 * @returns Whether it should be accepted.
 */
export function predictAccepted(state: CourseState, command: Command): boolean | undefined {
  if (state === null) return command.type === 'start-course' ? undefined : false;
  if (state.outcome !== null) return false;
  const course = state;
  const notice = course.protocol.termination?.minSessionsBeforeEnd;
  const limit = course.contract.timeLimit.sessions;
  const date = typeof command.date === 'string' ? command.date : '';
  const has = (record: object, key: unknown) =>
    typeof key === 'string' && Object.hasOwn(record, key);
  switch (command.type) {
    case 'start-course':
      return false;
    case 'record-session': {
      const number = command.number as number;
      return (
        !has(course.sessions, command.sessionId) &&
        number === course.sessionCount + 1 &&
        number <= limit &&
        date >= course.startDate &&
        (course.lastSessionDate === null || date >= course.lastSessionDate) &&
        date >= lastSince(course) &&
        (notice === undefined || course.terminationRaised !== null || limit - number >= notice)
      );
    }
    case 'add-person':
      return !has(course.inventory.people, (command.person as { id: string }).id);
    case 'place-in-circle':
      return (
        has(course.inventory.people, command.personId) &&
        (command.ring as number) < course.inventory.circle.ringCount
      );
    case 'remove-from-circle':
      return has(course.inventory.circle.placements, command.personId);
    case 'acknowledge-risk': {
      const flagId = command.flagId as string;
      return has(course.riskFlags, flagId) && course.riskFlags[flagId]?.acknowledged === null;
    }
    case 'raise-termination':
      return (
        date >= course.startDate &&
        course.terminationRaised === null &&
        (notice === undefined || limit - course.sessionCount >= notice)
      );
    case 'advance-phase': {
      const order = course.protocol.phases.map((plan) => plan.id as string);
      const next = order[order.indexOf(course.phase) + 1];
      return (
        date >= lastSince(course) &&
        (course.lastSessionDate === null || date >= course.lastSessionDate) &&
        command.to === next &&
        (course.phase !== 'initial' ||
          (course.foci.primary !== null && course.formulation?.accepted === true))
      );
    }
    case 'renegotiate-contract': {
      const timeLimit = command.timeLimit as { sessions: number; cadence: string };
      const { min, max } = course.protocol.sessions;
      const heldOrRaised = course.terminationRaised?.afterSession ?? course.sessionCount;
      return (
        date >= course.startDate &&
        timeLimit.sessions >= min &&
        (max === undefined || timeLimit.sessions <= max) &&
        (course.protocol.cadence.allowed as readonly string[]).includes(timeLimit.cadence) &&
        timeLimit.sessions >= course.sessionCount &&
        timeLimit.sessions >= heldOrRaised + (notice ?? 0)
      );
    }
    case 'end-course':
      return (
        date >= course.startDate &&
        (course.lastSessionDate === null || date >= course.lastSessionDate) &&
        Object.values(course.riskFlags).every((flag) => flag.acknowledged !== null)
      );
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------------------------------------
// Helpers for example tests.
// ------------------------------------------------------------------------------------------------

/** The first day of the example courses (a Monday). */
export const DAY0 = '2026-03-02';

/** The date of weekly session `number` of an example course. */
export function week(number: number): string {
  return addDays(DAY0, 7 * (number - 1));
}

/** A `start-course` command for standard IPT, 12 weekly sessions, from {@link DAY0}. */
export function startIpt(overrides: Command = {}): Command {
  return {
    type: 'start-course',
    courseId: 'course-1',
    protocol: 'ipt',
    startDate: DAY0,
    timeLimit: { sessions: 12, cadence: 'weekly' },
    ...overrides,
  };
}

/** A `record-session` command for session `number`, on its weekly date unless given. */
export function session(number: number, overrides: Command = {}): Command {
  return {
    type: 'record-session',
    sessionId: `s${number}`,
    number,
    date: week(number),
    status: 'attended',
    ...overrides,
  };
}

/** An `add-person` command; labels and notes carry the {@link MARKER}. */
export function addPerson(
  id: string,
  status: 'alive' | 'deceased',
  overrides: Command = {},
): Command {
  return {
    type: 'add-person',
    person: {
      id,
      label: `${MARKER} ${id}`,
      relationship: status === 'deceased' ? 'parent' : 'partner',
      vitalStatus: status === 'deceased' ? { status, diedOn: '2025-12-01' } : { status },
      period: status === 'deceased' ? 'past' : 'current',
      communicationNotes: `${MARKER} notes`,
      ...overrides,
    },
  };
}

/** PHQ-9 answers: items 1-8 at `others`, item 9 at `item9`. */
export function phq9Answers(item9: number, others = 1): Record<string, number> {
  const answers: Record<string, number> = {};
  for (let item = 1; item <= 8; item += 1) answers[`item${item}`] = others;
  answers.item9 = item9;
  return answers;
}

/** A `record-measure` command for a PHQ-9. */
export function recordPhq9(measureId: string, date: string, item9: number, others = 1): Command {
  return {
    type: 'record-measure',
    measureId,
    date,
    instrument: 'phq-9',
    responses: phq9Answers(item9, others),
  };
}

/** The result of {@link executeAll}. */
export interface Executed {
  readonly state: CourseState;
  readonly events: DeepReadonly<CourseEvent>[];
  readonly warnings: CourseWarning[];
}

/**
 * Executes commands one after another; throws (failing the test) if one is refused.
 * @param commands - The commands.
 * @param from - The state to start from.
 * @returns The final state, every event, every warning.
 */
export function executeAll(commands: readonly Command[], from: CourseState = null): Executed {
  let state = from;
  const events: DeepReadonly<CourseEvent>[] = [];
  const warnings: CourseWarning[] = [];
  for (const [index, command] of commands.entries()) {
    const result = execute(state, command);
    if (!result.ok) {
      throw new Error(
        `command ${index} (${String(command.type)}) refused: ${result.error.code} ${result.error.message}`,
      );
    }
    state = result.value.state;
    events.push(...result.value.events);
    warnings.push(...result.value.warnings);
  }
  return { state, events, warnings };
}

/** A started course (throws if not): for tests that need a non-null state. */
export function started(executed: Executed): ReadCourse {
  if (executed.state === null) throw new Error('the course has not started');
  return executed.state;
}
