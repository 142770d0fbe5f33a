/**
 * The short course the browser test runs inside headless Chromium. It is plain code over the
 * iptkit core (no DOM, no Node built-ins), so the same function runs in Node too and the test can
 * check that the browser got exactly the same answer. It returns plain JSON only.
 *
 * Clinical values: PHQ-9 items and the item-9 risk flag follow Kroenke et al. 2001 [KROENKE01] and
 * the risk rule of IPT reference 7.1 / 11.10 [CALC]; "no middle phase before a focus" is IPT
 * reference 11.2 [ALPF]; "nothing after the course has ended" is DESIGN section 3.
 */
import {
  execute,
  openRiskFlags,
  replay,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
  type RelationshipKind,
} from '../../src/index.js';

/** What happened to one command of the scenario. */
export interface StepOutcome {
  /** The command's `type`. */
  readonly type: string;
  /** Whether the rules accepted it. */
  readonly ok: boolean;
  /** The rule code when refused. */
  readonly code?: string;
  /** The reference of the refused rule. */
  readonly reference?: string;
  /** Warning codes when accepted. */
  readonly warnings: readonly string[];
  /** How many risk flags were open right after this step. */
  readonly openFlags: number;
}

/** The plain JSON summary of the course run in the page. */
export interface ScenarioSummary {
  readonly steps: readonly StepOutcome[];
  /** The phase at the end. */
  readonly phase: string | null;
  /** The outcome the course ended with, if it ended. */
  readonly outcome: string | null;
  readonly sessionCount: number;
  /** The ids of the risk flags still open at the end. */
  readonly openRiskFlags: readonly string[];
  /** The ids of every risk flag raised, open or acknowledged. */
  readonly riskFlags: readonly string[];
  readonly eventCount: number;
  readonly eventTypes: readonly string[];
  /** The PHQ-9 totals recorded, in order. */
  readonly phq9Totals: readonly (number | null)[];
  /** Whether replaying the stored events (as JSON) rebuilt the very same state. */
  readonly replayedSame: boolean;
}

/** The course's outcome: the summary, the final state and its events (for the pictures). */
export interface ScenarioRun {
  readonly summary: ScenarioSummary;
  readonly state: CourseState;
  readonly events: readonly CourseEvent[];
}

/** The id of the PHQ-9 whose item 9 is above 0 (its risk flag is `<measureId>:suicidalIdeation`). */
export const RISKY_MEASURE = 'phq-1';

/**
 * PHQ-9 answers (each item 0-3 [KROENKE01]) whose items sum to `total`, with item 9 fixed.
 * @param total - The wanted total of items 1-8 plus item 9.
 * @param item9 - The answer to item 9 (thoughts of self-harm).
 * @returns The responses keyed `item1`..`item9`.
 */
export function phq9Answers(total: number, item9: number): Record<string, number> {
  const responses: Record<string, number> = { item9 };
  let left = total - item9;
  for (let item = 1; item <= 8; item += 1) {
    const answer = Math.min(3, Math.max(0, left));
    responses[`item${item}`] = answer;
    left -= answer;
  }
  return responses;
}

/**
 * The commands of the course, in order. Three of them must be refused by the rules.
 * @returns The commands, as a caller writes them.
 */
export function scenarioCommands(): CourseCommandInput[] {
  const person = (
    id: string,
    label: string,
    relationship: RelationshipKind,
    ring: number,
  ): CourseCommandInput[] => [
    {
      type: 'add-person',
      person: { id, label, relationship, vitalStatus: { status: 'alive' }, period: 'current' },
    },
    { type: 'place-in-circle', personId: id, ring },
  ];
  const session = (number: number, date: string): CourseCommandInput => ({
    type: 'record-session',
    sessionId: `s-${number}`,
    number,
    date,
    status: 'attended',
  });
  const phq9 = (
    number: number,
    date: string,
    total: number,
    item9: number,
  ): CourseCommandInput => ({
    type: 'record-measure',
    measureId: `phq-${number}`,
    date,
    instrument: 'phq-9',
    responses: phq9Answers(total, item9),
    sessionId: `s-${number}`,
  });
  return [
    {
      type: 'start-course',
      courseId: 'browser-course',
      protocol: 'ipt',
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
    ...person('person-1', 'Partner <&> "quoted"', 'partner', 0),
    ...person('person-2', 'Sister', 'sibling', 1),
    ...person('person-3', 'Colleague', 'co-worker', 2),
    {
      type: 'record-life-event',
      event: { date: '2026-01-15', kind: 'conflict', personId: 'person-1' },
    },
    { type: 'record-life-event', event: { date: '2026-02-10', kind: 'transition' } },
    { type: 'record-mood', rating: { date: '2026-01-10', value: 6 } },
    { type: 'record-mood', rating: { date: '2026-02-01', value: 3 } },
    { type: 'record-mood', rating: { date: '2026-03-01', value: 4 } },
    session(1, '2026-03-02'),
    // Item 9 above 0 opens the suicidal-ideation risk flag (IPT reference 7.1 [CALC]).
    phq9(1, '2026-03-02', 19, 1),
    // Refused: no middle phase before a primary focus (IPT reference 11.2 [ALPF]).
    { type: 'advance-phase', to: 'middle', date: '2026-03-09' },
    {
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'person-1', stage: 'impasse' },
      rank: 'primary',
      date: '2026-03-09',
    },
    { type: 'share-formulation', date: '2026-03-09', accepted: true },
    { type: 'agree-contract', date: '2026-03-09' },
    session(2, '2026-03-09'),
    phq9(2, '2026-03-09', 15, 0),
    { type: 'advance-phase', to: 'middle', date: '2026-03-16' },
    session(3, '2026-03-16'),
    phq9(3, '2026-03-16', 11, 0),
    session(4, '2026-03-23'),
    phq9(4, '2026-03-23', 7, 0),
    // Refused: a course does not end while a risk flag is open (IPT reference 11.10 [CALC]).
    { type: 'end-course', date: '2026-03-30', outcome: 'dropped-out' },
    {
      type: 'acknowledge-risk',
      flagId: `${RISKY_MEASURE}:suicidalIdeation`,
      by: 'clinician-7',
      at: '2026-03-02T11:05:00+01:00',
      action: 'Safety plan agreed.',
    },
    { type: 'end-course', date: '2026-03-30', outcome: 'dropped-out' },
    // Refused: nothing happens after the course has ended (DESIGN 3).
    session(5, '2026-04-06'),
  ];
}

/**
 * Runs the scenario's commands one after another, keeping the accepted events.
 * @returns The summary, the final state and the stored events.
 */
export function runScenario(): ScenarioRun {
  let state: CourseState = null;
  const events: CourseEvent[] = [];
  const steps: StepOutcome[] = [];
  const openCount = (current: CourseState): number =>
    current === null ? 0 : openRiskFlags(current).length;
  for (const command of scenarioCommands()) {
    const result = execute(state, command);
    if (result.ok) {
      state = result.value.state;
      events.push(...(result.value.events as readonly CourseEvent[]));
      steps.push({
        type: command.type,
        ok: true,
        warnings: result.value.warnings.map((warning) => warning.code),
        openFlags: openCount(state),
      });
    } else {
      steps.push({
        type: command.type,
        ok: false,
        code: result.error.code,
        reference: result.error.reference,
        warnings: [],
        openFlags: openCount(state),
      });
    }
  }
  const rebuilt = replay(JSON.parse(JSON.stringify(events)));
  const course = state;
  const summary: ScenarioSummary = {
    steps,
    phase: course?.phase ?? null,
    outcome: course?.outcome?.outcome ?? null,
    sessionCount: course?.sessionCount ?? 0,
    openRiskFlags: course === null ? [] : openRiskFlags(course).map((flag) => flag.id),
    riskFlags: course === null ? [] : Object.keys(course.riskFlags).sort(),
    eventCount: events.length,
    eventTypes: events.map((event) => event.type),
    phq9Totals:
      course === null
        ? []
        : Object.values(course.measures)
            .filter((measure) => measure.instrument === 'phq-9')
            .sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0))
            .map((measure) => measure.score.total),
    replayedSame: rebuilt.ok && JSON.stringify(rebuilt.value) === JSON.stringify(state),
  };
  return { summary, state, events };
}
