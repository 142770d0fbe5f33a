import { execute } from '../course/decide.js';
import type { CourseCommandInput } from '../course/commands.js';
import { openRiskFlags, type CourseState } from '../course/state.js';
import { syntheticCohort } from '../testing/synthetic-cohort.js';

/** One step of the demo course: what the clinician does, in words, and the command. */
interface Step {
  readonly says: string;
  readonly command: CourseCommandInput;
}

const steps: readonly Step[] = [
  {
    says: 'Start a 12-session course of standard IPT',
    command: {
      type: 'start-course',
      courseId: 'demo-course',
      protocol: 'ipt',
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
  },
  {
    says: 'Add the client’s sister to the inventory and the innermost ring',
    command: {
      type: 'add-person',
      person: {
        id: 'sister',
        label: 'Sister',
        relationship: 'sibling',
        vitalStatus: { status: 'alive' },
        period: 'current',
      },
    },
  },
  { says: '', command: { type: 'place-in-circle', personId: 'sister', ring: 0 } },
  {
    says: 'Session 1',
    command: {
      type: 'record-session',
      sessionId: 's1',
      number: 1,
      date: '2026-03-02',
      status: 'attended',
    },
  },
  {
    says: 'PHQ-9 at baseline: total 16, item 9 answered 1',
    command: {
      type: 'record-measure',
      measureId: 'phq-1',
      date: '2026-03-02',
      instrument: 'phq-9',
      responses: {
        item1: 2,
        item2: 2,
        item3: 2,
        item4: 2,
        item5: 2,
        item6: 2,
        item7: 2,
        item8: 1,
        item9: 1,
      },
      sessionId: 's1',
    },
  },
  {
    says: 'Try to start the middle phase straight away',
    command: { type: 'advance-phase', to: 'middle', date: '2026-03-09' },
  },
  {
    says: 'Acknowledge the risk flag with the action taken',
    command: {
      type: 'acknowledge-risk',
      flagId: 'phq-1:suicidalIdeation',
      by: 'clinician-1',
      at: '2026-03-02T10:50:00+01:00',
      action: 'Risk assessed; safety plan agreed.',
    },
  },
  {
    says: 'Choose a role dispute with the sister (impasse) as the focus',
    command: {
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'sister', stage: 'impasse' },
      rank: 'primary',
      date: '2026-03-09',
    },
  },
  {
    says: 'Share the formulation; the client accepts it',
    command: { type: 'share-formulation', date: '2026-03-09', accepted: true },
  },
  { says: 'Agree the treatment contract', command: { type: 'agree-contract', date: '2026-03-09' } },
  {
    says: 'Session 2',
    command: {
      type: 'record-session',
      sessionId: 's2',
      number: 2,
      date: '2026-03-09',
      status: 'attended',
    },
  },
  {
    says: 'Start the middle phase',
    command: { type: 'advance-phase', to: 'middle', date: '2026-03-16' },
  },
];

/**
 * The first part of `iptkit demo`: one course step by step, with a refused step and a risk flag.
 * @returns The lines to print.
 */
export function demoCourseLines(): string[] {
  const lines = ['One course, step by step:'];
  let state = null as CourseState;
  for (const { says, command } of steps) {
    const result = execute(state, command);
    const label = says === '' ? command.type : `${says} (${command.type})`;
    if (!result.ok) {
      lines.push(
        `  REFUSED  ${label}: ${result.error.message} [${result.error.code}, ${result.error.reference}]`,
      );
      continue;
    }
    state = result.value.state;
    lines.push(`  ok       ${label}`);
    for (const warning of result.value.warnings)
      lines.push(`           warning: ${warning.message} [${warning.code}]`);
    if (state !== null && command.type === 'record-measure') {
      for (const flag of openRiskFlags(state)) lines.push(`           open risk flag: ${flag.id}`);
    }
  }
  if (state !== null) {
    lines.push(
      `  -> ${state.phase} phase, ${state.sessionCount} of ${state.contract.timeLimit.sessions} sessions, open risk flags: ${openRiskFlags(state).length}`,
    );
  }
  return lines;
}

/** The synthetic cohort the demo summarises. */
export function demoCohort(size = 200, seed = 2026) {
  return syntheticCohort({ seed, size });
}
