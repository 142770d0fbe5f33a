/**
 * A health app's view of iptkit: run a short course of IPT command by command, see a refused step
 * and a risk flag, store the events and replay them. Run it with `npx tsx examples/run-a-course.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  execute,
  openRiskFlags,
  parseDocument,
  replay,
  toDocument,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
} from '../src/index.js';

/**
 * Runs the example course and describes what happened, line by line.
 * @returns The lines of the report.
 */
export function runCourseLines(): string[] {
  const lines: string[] = [];
  // Changed inside `run`; the cast keeps TypeScript from narrowing it to null here.
  let state = null as CourseState;
  const stored: CourseEvent[] = [];

  const run = (command: CourseCommandInput): boolean => {
    const result = execute(state, command);
    if (!result.ok) {
      lines.push(`  refused ${command.type}: ${result.error.code} (${result.error.reference})`);
      return false;
    }
    state = result.value.state;
    stored.push(...(result.value.events as readonly CourseEvent[]));
    const warnings = result.value.warnings.map((warning) => warning.code).join(', ');
    lines.push(`  ${command.type}${warnings === '' ? '' : ` (warning: ${warnings})`}`);
    return true;
  };

  lines.push('A 12-session course of standard IPT:');
  run({
    type: 'start-course',
    courseId: 'course-001',
    protocol: 'ipt',
    startDate: '2026-03-02',
    timeLimit: { sessions: 12, cadence: 'weekly' },
  });
  run({
    type: 'add-person',
    person: {
      id: 'person-1',
      label: 'Partner',
      relationship: 'partner',
      vitalStatus: { status: 'alive' },
      period: 'current',
    },
  });
  run({ type: 'place-in-circle', personId: 'person-1', ring: 0 });
  run({
    type: 'record-session',
    sessionId: 's-1',
    number: 1,
    date: '2026-03-02',
    status: 'attended',
  });
  run({
    type: 'record-measure',
    measureId: 'phq-1',
    date: '2026-03-02',
    instrument: 'phq-9',
    responses: {
      item1: 2,
      item2: 2,
      item3: 2,
      item4: 2,
      item5: 1,
      item6: 2,
      item7: 1,
      item8: 1,
      item9: 1,
    },
    sessionId: 's-1',
  });
  if (state !== null) {
    const flags = openRiskFlags(state).map((flag) => flag.id);
    lines.push(`  open risk flags: ${flags.join(', ')}`);
  }
  run({ type: 'advance-phase', to: 'middle', date: '2026-03-09' });
  run({
    type: 'acknowledge-risk',
    flagId: 'phq-1:suicidalIdeation',
    by: 'clinician-7',
    at: '2026-03-02T11:05:00+01:00',
    action: 'Safety plan agreed; follow-up call booked.',
  });
  run({
    type: 'choose-focus',
    focus: { area: 'role-dispute', personId: 'person-1', stage: 'impasse' },
    rank: 'primary',
    date: '2026-03-09',
  });
  run({ type: 'share-formulation', date: '2026-03-09', accepted: true });
  run({ type: 'agree-contract', date: '2026-03-09' });
  run({
    type: 'record-session',
    sessionId: 's-2',
    number: 2,
    date: '2026-03-09',
    status: 'attended',
  });
  run({ type: 'advance-phase', to: 'middle', date: '2026-03-16' });
  run({
    type: 'assess-dispute-stage',
    personId: 'person-1',
    stage: 'renegotiation',
    date: '2026-04-06',
  });

  const document = JSON.stringify(toDocument('iptkit/course-events', stored));
  const parsed = parseDocument(JSON.parse(document));
  const rebuilt = parsed.ok ? replay(parsed.value.data) : undefined;
  const same = rebuilt?.ok === true && JSON.stringify(rebuilt.value) === JSON.stringify(state);
  lines.push(
    `Stored ${stored.length} events (${document.length} bytes); replayed: ${same ? 'same state' : 'different'}`,
  );
  if (state !== null) {
    const course: NonNullable<CourseState> = state;
    lines.push(
      `Now in the ${course.phase} phase after ${course.sessionCount} of ${course.contract.timeLimit.sessions} sessions; dispute stage ${course.foci.primary?.area === 'role-dispute' ? course.foci.primary.stage : '-'}`,
    );
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(runCourseLines().join('\n'));
}
