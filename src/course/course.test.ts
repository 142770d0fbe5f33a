import { describe, expect, test } from 'vitest';
import {
  addPerson,
  DAY0,
  executeAll,
  hasFrozenPart,
  isDeeplyFrozen,
  MARKER,
  recordPhq9,
  session,
  started,
  startIpt,
  week,
  type Command,
} from '../../test/support/course-arbitraries.js';
import { decide, decideWithWarnings, execute } from './decide.js';
import type { CourseEvent } from './events.js';
import { evolve } from './evolve.js';
import { replay } from './replay.js';
import { courseRules } from './rule-violation.js';
import { Course, openRiskFlags, sessionsInOrder, type CourseState } from './state.js';

/** Checks a result is a refusal with the given code, and returns the violation. */
function refused(result: ReturnType<typeof execute>, code: string) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(result.error.code).toBe(code);
  expect(JSON.stringify(result.error)).not.toContain(MARKER);
  return result.error;
}

/** The commands of the initial phase of a grief course: people, a session, focus, formulation. */
function griefOpening(): Command[] {
  return [
    startIpt(),
    addPerson('p-mother', 'deceased'),
    addPerson('p-partner', 'alive'),
    { type: 'place-in-circle', personId: 'p-partner', ring: 0 },
    { type: 'place-in-circle', personId: 'p-mother', ring: 1 },
    session(1),
    recordPhq9('m1', week(1), 0, 2),
    {
      type: 'record-life-event',
      event: { date: '2025-12-01', kind: 'loss', personId: 'p-mother', description: MARKER },
    },
    { type: 'record-mood', rating: { date: week(1), value: 3, note: MARKER } },
    session(2),
    {
      type: 'choose-focus',
      focus: { area: 'grief', personId: 'p-mother' },
      rank: 'primary',
      date: week(2),
    },
    { type: 'share-formulation', date: week(2), accepted: true, summary: `${MARKER} summary` },
    { type: 'agree-contract', date: week(2), goals: [`${MARKER} goal`] },
    session(3),
    { type: 'advance-phase', to: 'middle', date: week(3) },
  ];
}

function sessions(from: number, to: number): Command[] {
  const list: Command[] = [];
  for (let number = from; number <= to; number += 1) list.push(session(number));
  return list;
}

describe('a full standard IPT course (protocol ipt, 12 weekly sessions) [ISIPT] [CG7]', () => {
  const commands: Command[] = [
    ...griefOpening(),
    ...sessions(4, 10),
    recordPhq9('m2', week(6), 0, 1),
    { type: 'raise-termination', date: week(10) },
    { type: 'advance-phase', to: 'termination', date: week(11) },
    session(11),
    session(12),
    recordPhq9('m3', week(12), 0, 0),
    { type: 'end-course', date: week(12), outcome: 'completed' },
  ];
  const run = executeAll(commands);
  const course = started(run);

  test('runs from start to completed with one event per command and no warning', () => {
    expect(run.events).toHaveLength(commands.length);
    expect(run.events[0]?.type).toBe('course-started');
    expect(run.events.at(-1)?.type).toBe('course-ended');
    expect(run.warnings).toEqual([]);
    expect(course.outcome).toEqual({ date: '2026-05-18', outcome: 'completed' });
  });

  test('[ALPF] goes through initial, middle and termination in order', () => {
    expect(course.phase).toBe('termination');
    expect(course.phaseHistory).toEqual([
      { phase: 'initial', since: '2026-03-02' },
      { phase: 'middle', since: '2026-03-16' },
      { phase: 'termination', since: '2026-05-11' },
    ]);
  });

  test('[CG7] holds the 12 agreed sessions, numbered and dated in order, each in its phase', () => {
    expect(course.sessionCount).toBe(12);
    expect(course.lastSessionDate).toBe('2026-05-18');
    expect(course.contract).toEqual({
      timeLimit: { sessions: 12, cadence: 'weekly' },
      agreedOn: '2026-03-09',
      goals: [`${MARKER} goal`],
      renegotiations: [],
    });
    const ordered = sessionsInOrder(course);
    expect(ordered.map((held) => held.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(ordered.map((held) => held.phase)).toEqual([
      ...Array<string>(3).fill('initial'),
      ...Array<string>(7).fill('middle'),
      'termination',
      'termination',
    ]);
    expect(ordered[0]?.date).toBe(DAY0);
  });

  test('[CG7] raised the ending two sessions before the last one', () => {
    expect(course.terminationRaised).toEqual({ date: '2026-05-04', afterSession: 10 });
  });

  test('[KROENKE01] keeps the PHQ-9 scores (sum of items 1-9) with their bands', () => {
    expect(course.measures['m1' as never]).toMatchObject({
      score: { total: 16, band: { id: 'moderately-severe' } },
    });
    expect(course.measures['m2' as never]).toMatchObject({
      score: { total: 8, band: { id: 'mild' } },
    });
    expect(course.measures['m3' as never]).toMatchObject({
      score: { total: 0, band: { id: 'minimal' } },
    });
    expect(course.riskFlags).toEqual({});
  });

  test('keeps the inventory, circle, timeline and focus', () => {
    expect(Object.keys(course.inventory.people).sort()).toEqual(['p-mother', 'p-partner']);
    expect(course.inventory.circle.placements).toEqual({ 'p-partner': 0, 'p-mother': 1 });
    expect(course.timeline.events).toHaveLength(1);
    expect(course.timeline.moods).toEqual([{ date: DAY0, value: 3, note: MARKER }]);
    expect(course.foci).toEqual({
      primary: { area: 'grief', personId: 'p-mother' },
      secondary: null,
    });
    expect(course.formulation).toEqual({
      date: '2026-03-09',
      accepted: true,
      summary: `${MARKER} summary`,
    });
  });

  test('the final state is a valid, deeply frozen Course that replay rebuilds', () => {
    expect(Course.safeParse(course).success).toBe(true);
    expect(isDeeplyFrozen(course)).toBe(true);
    const replayed = replay(JSON.parse(JSON.stringify(run.events)));
    expect(replayed).toStrictEqual({ ok: true, value: course });
  });

  test('nothing happens after the course has ended', () => {
    for (const command of [
      session(13),
      { type: 'record-mood', rating: { date: week(12), value: 5 } },
    ]) {
      refused(execute(course, command), 'course-ended');
    }
  });
});

describe('a dropout', () => {
  test('a course ends as dropped-out in the middle phase, without a warning', () => {
    const run = executeAll([
      startIpt(),
      session(1),
      {
        type: 'choose-focus',
        focus: { area: 'interpersonal-deficits' },
        rank: 'primary',
        date: week(1),
      },
      { type: 'share-formulation', date: week(1), accepted: true },
      { type: 'agree-contract', date: week(1) },
      session(2),
      { type: 'advance-phase', to: 'middle', date: week(2) },
      session(3),
      session(4, { status: 'missed' }),
      session(5, { status: 'missed' }),
      { type: 'end-course', date: week(6), outcome: 'dropped-out' },
    ]);
    const course = started(run);
    expect(course.outcome).toEqual({ date: '2026-04-06', outcome: 'dropped-out' });
    expect(course.phase).toBe('middle');
    expect(course.sessionCount).toBe(5);
    expect(sessionsInOrder(course).map((held) => held.status)).toEqual([
      'attended',
      'attended',
      'attended',
      'missed',
      'missed',
    ]);
    expect(run.warnings).toEqual([]);
    refused(execute(course, session(6)), 'course-ended');
  });

  test('a course can be dropped out of in the initial phase, before any focus', () => {
    const course = started(
      executeAll([
        startIpt(),
        session(1),
        { type: 'end-course', date: week(2), outcome: 'dropped-out' },
      ]),
    );
    expect(course.phase).toBe('initial');
    expect(course.foci).toEqual({ primary: null, secondary: null });
    expect(course.outcome?.outcome).toBe('dropped-out');
  });
});

describe('a renegotiated contract [ISIPT] [CG7]', () => {
  const opening = executeAll([...griefOpening(), ...sessions(4, 10)]);
  const before = started(opening);

  test('[CG7] the agreed limit stops the course until the contract is renegotiated', () => {
    refused(execute(before, session(11)), 'termination-not-raised');
    expect(before.contract.timeLimit).toEqual({ sessions: 12, cadence: 'weekly' });
  });

  test('[CG7] renegotiating to 16 records the change and allows more sessions', () => {
    const run = executeAll(
      [
        {
          type: 'renegotiate-contract',
          date: week(10),
          timeLimit: { sessions: 16, cadence: 'weekly' },
          reason: `${MARKER} reason`,
        },
        ...sessions(11, 14),
      ],
      before,
    );
    const course = started(run);
    expect(course.contract.timeLimit).toEqual({ sessions: 16, cadence: 'weekly' });
    expect(course.contract.renegotiations).toEqual([
      {
        date: '2026-05-04',
        from: { sessions: 12, cadence: 'weekly' },
        to: { sessions: 16, cadence: 'weekly' },
        reason: `${MARKER} reason`,
      },
    ]);
    expect(course.sessionCount).toBe(14);
    // 16 - 15 = 1 session before the end: the ending must be raised first.
    refused(execute(course, session(15)), 'termination-not-raised');
    const ending = started(
      executeAll(
        [
          { type: 'raise-termination', date: week(14) },
          session(15),
          { type: 'advance-phase', to: 'termination', date: week(15) },
          session(16),
        ],
        course,
      ),
    );
    expect(ending.terminationRaised).toEqual({ date: week(14), afterSession: 14 });
    refused(execute(ending, session(17)), 'session-limit-reached');
    refused(
      execute(ending, {
        type: 'renegotiate-contract',
        date: week(16),
        timeLimit: { sessions: 17, cadence: 'weekly' },
      }),
      'contract-outside-protocol',
    );
    const done = started(
      executeAll([{ type: 'end-course', date: week(16), outcome: 'completed' }], ending),
    );
    expect(done.outcome?.outcome).toBe('completed');
  });
});

describe('a role dispute moving from impasse to renegotiation [MEMPHIS-RD]', () => {
  const run = executeAll([
    startIpt(),
    addPerson('p-partner', 'alive'),
    addPerson('p-friend', 'alive', { relationship: 'friend' }),
    session(1),
    {
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'p-partner', stage: 'impasse' },
      rank: 'primary',
      date: week(1),
    },
    { type: 'share-formulation', date: week(2), accepted: true },
    { type: 'agree-contract', date: week(2) },
    session(2),
    { type: 'advance-phase', to: 'middle', date: week(2) },
    session(3),
    {
      type: 'record-communication-analysis',
      analysisId: 'a1',
      analysis: {
        personId: 'p-partner',
        focusArea: 'role-dispute',
        turns: [
          { speaker: 'client', act: 'did', content: `${MARKER} sighed`, intended: MARKER },
          { speaker: 'other', act: 'said', content: `${MARKER} what now` },
        ],
        problems: [{ category: 'ambiguous-nonverbal', turn: 0 }],
        alternatives: [{ text: `${MARKER} ask`, skills: ['i-statements'], rehearsed: true }],
      },
    },
    session(4),
    { type: 'assess-dispute-stage', personId: 'p-partner', stage: 'renegotiation', date: week(4) },
  ]);
  const course = started(run);

  test('[MEMPHIS-RD] the focus carries the latest stage and the history keeps both', () => {
    expect(course.foci.primary).toEqual({
      area: 'role-dispute',
      personId: 'p-partner',
      stage: 'renegotiation',
    });
    expect(course.disputeStages).toEqual([
      { personId: 'p-partner', stage: 'impasse', date: '2026-03-02' },
      { personId: 'p-partner', stage: 'renegotiation', date: '2026-03-23' },
    ]);
  });

  test('keeps the communication analysis with the other party', () => {
    expect(Object.keys(course.communicationAnalyses)).toEqual(['a1']);
  });

  test('the other party of the dispute cannot be removed while referred to', () => {
    refused(execute(course, { type: 'remove-person', personId: 'p-partner' }), 'person-referenced');
    const removed = started(executeAll([{ type: 'remove-person', personId: 'p-friend' }], course));
    expect(Object.keys(removed.inventory.people)).toEqual(['p-partner']);
  });

  test('replay of the stream rebuilds the same course', () => {
    expect(replay(run.events)).toStrictEqual({ ok: true, value: course });
  });
});

describe('the PHQ-9 item 9 risk flag [KROENKE01] [CALC]', () => {
  const opening = executeAll([startIpt(), session(1)]);

  test('[CALC] item 9 above 0 opens a flag on the state, named <measureId>:suicidalIdeation', () => {
    const result = execute(opening.state, recordPhq9('m-1', week(1), 1, 0));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const course = result.value.state!;
    expect(course.riskFlags).toEqual({
      'm-1:suicidalIdeation': {
        id: 'm-1:suicidalIdeation',
        measureId: 'm-1',
        flag: 'suicidalIdeation',
        raisedOn: DAY0,
        acknowledged: null,
      },
    });
    // [CALC] independent of the total: the total here is only 1 (minimal).
    expect(course.measures['m-1' as never]).toMatchObject({ score: { total: 1 } });
    expect(openRiskFlags(course).map((flag) => flag.id)).toEqual(['m-1:suicidalIdeation']);
    expect(result.value.warnings.map((warning) => warning.code)).toEqual(['risk-flag-opened']);
  });

  test('[CALC] item 9 at 0 opens no flag, whatever the total', () => {
    const course = started(executeAll([recordPhq9('m-1', week(1), 0, 3)], opening.state));
    expect(course.measures['m-1' as never]).toMatchObject({ score: { total: 24 } });
    expect(course.riskFlags).toEqual({});
    expect(openRiskFlags(course)).toEqual([]);
  });

  test('[CALC] the flag blocks end-course until acknowledged with who, when and what was done', () => {
    const flagged = started(
      executeAll([recordPhq9('m-1', week(1), 2), recordPhq9('m-2', week(2), 3)], opening.state),
    );
    expect(openRiskFlags(flagged).map((flag) => flag.id)).toEqual([
      'm-1:suicidalIdeation',
      'm-2:suicidalIdeation',
    ]);
    const end = { type: 'end-course', date: week(2), outcome: 'dropped-out' };
    refused(execute(flagged, end), 'risk-unacknowledged');
    const acknowledge = (flagId: string) => ({
      type: 'acknowledge-risk',
      flagId,
      by: 'dr-1',
      at: '2026-03-02T10:30:00+01:00',
      action: `${MARKER} safety plan`,
    });
    const half = started(executeAll([acknowledge('m-1:suicidalIdeation')], flagged));
    expect(half.riskFlags['m-1:suicidalIdeation']?.acknowledged).toEqual({
      by: 'dr-1',
      at: '2026-03-02T10:30:00+01:00',
      action: `${MARKER} safety plan`,
    });
    expect(openRiskFlags(half).map((flag) => flag.id)).toEqual(['m-2:suicidalIdeation']);
    refused(execute(half, end), 'risk-unacknowledged');
    const clear = started(executeAll([acknowledge('m-2:suicidalIdeation'), end], half));
    expect(openRiskFlags(clear)).toEqual([]);
    expect(clear.outcome?.outcome).toBe('dropped-out');
  });

  test('a GAD-7 never opens a risk flag', () => {
    const responses: Record<string, number> = {};
    for (let item = 1; item <= 7; item += 1) responses[`item${item}`] = 3;
    const course = started(
      executeAll(
        [
          {
            type: 'record-measure',
            measureId: 'g1',
            date: week(1),
            instrument: 'gad-7',
            responses,
          },
        ],
        opening.state,
      ),
    );
    expect(course.measures['g1' as never]).toMatchObject({ score: { total: 21 } });
    expect(course.riskFlags).toEqual({});
  });
});

describe('warnings come back on execute and are never violations', () => {
  const ruleCodes = Object.keys(courseRules);

  /** Executes the last command after the others, and returns the warning codes it produced. */
  function warningsOf(setup: Command[], last: Command, from: CourseState = null): string[] {
    const before = executeAll(setup, from).state;
    const result = execute(before, last);
    expect(result.ok).toBe(true);
    if (!result.ok) return [];
    const codes = result.value.warnings.map((warning) => warning.code);
    for (const warning of result.value.warnings) {
      expect(ruleCodes).not.toContain(warning.code);
      expect(JSON.stringify(warning)).not.toContain(MARKER);
      expect(warning.reference.length).toBeGreaterThan(0);
    }
    const decided = decideWithWarnings(before, last);
    expect(decided.ok && decided.value.warnings.map((warning) => warning.code)).toEqual(codes);
    return codes;
  }

  test('[MARK06] initial-phase-long on the 4th session of the initial phase under ipt', () => {
    expect(warningsOf([startIpt(), session(1), session(2)], session(3))).toEqual([]);
    const codes = warningsOf([startIpt(), session(1), session(2), session(3)], session(4));
    expect(codes).toEqual(['initial-phase-long']);
  });

  test('[MARK06] no initial-phase-long once the middle phase has started', () => {
    const opening = executeAll(griefOpening()).state;
    expect(warningsOf([], session(4), opening)).toEqual([]);
  });

  test('[CG7] [ISIPT] contract-not-agreed when the middle phase starts without a contract', () => {
    const setup = [
      startIpt(),
      {
        type: 'choose-focus',
        focus: { area: 'interpersonal-deficits' },
        rank: 'primary',
        date: DAY0,
      },
      { type: 'share-formulation', date: DAY0, accepted: true },
    ];
    expect(warningsOf(setup, { type: 'advance-phase', to: 'middle', date: DAY0 })).toEqual([
      'contract-not-agreed',
    ]);
  });

  test('[CG7] ending-not-raised when the termination phase starts before the ending was raised', () => {
    const opening = executeAll(griefOpening()).state;
    expect(
      warningsOf(
        [session(4)],
        { type: 'advance-phase', to: 'termination', date: week(4) },
        opening,
      ),
    ).toEqual(['ending-not-raised']);
  });

  test('[CALC] risk-flag-opened when a PHQ-9 has item 9 above 0', () => {
    expect(warningsOf([startIpt()], recordPhq9('m1', DAY0, 3))).toEqual(['risk-flag-opened']);
    expect(warningsOf([startIpt()], recordPhq9('m1', DAY0, 0))).toEqual([]);
  });

  test('[CG7] ended-outside-termination when a course is completed outside the termination phase', () => {
    const end = (outcome: string) => ({ type: 'end-course', date: DAY0, outcome });
    expect(warningsOf([startIpt()], end('completed'))).toEqual(['ended-outside-termination']);
    expect(warningsOf([startIpt()], end('dropped-out'))).toEqual([]);
  });

  test('[OUP-TERM] follow-on-not-in-protocol for a follow-on the protocol does not name', () => {
    const end = (outcome: string) => ({ type: 'end-course', date: DAY0, outcome });
    const brief = startIpt({
      protocol: 'ipt-brief',
      timeLimit: { sessions: 8, cadence: 'weekly' },
    });
    expect(warningsOf([brief], end('continuation-agreed'))).toEqual(['follow-on-not-in-protocol']);
    const stuart = startIpt({
      protocol: 'ipt-stuart-robertson',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    });
    expect(warningsOf([stuart], end('continuation-agreed'))).toEqual(['follow-on-not-in-protocol']);
    expect(warningsOf([stuart], end('maintenance-agreed'))).toEqual([]);
    // Standard IPT names both continuation and maintenance.
    expect(warningsOf([startIpt()], end('maintenance-agreed'))).toEqual([]);
  });
});

describe('purity: decide, execute and evolve change nothing they are given', () => {
  const run = executeAll(griefOpening());
  const course = started(run);

  test('decide returns the events without changing the state or the command', () => {
    const command = session(4);
    const stateCopy = structuredClone(course);
    const commandCopy = structuredClone(command);
    const decided = decide(course, command);
    expect(decided.ok).toBe(true);
    expect(course).toEqual(stateCopy);
    expect(command).toEqual(commandCopy);
    expect(hasFrozenPart(command)).toBe(false);
    if (!decided.ok) return;
    expect(decided.value).toEqual([
      {
        type: 'session-recorded',
        sessionId: 's4',
        number: 4,
        date: '2026-03-23',
        status: 'attended',
      },
    ]);
    expect(isDeeplyFrozen(decided.value)).toBe(true);
  });

  test('execute returns a new frozen state and the events that evolve folds into it', () => {
    const result = execute(course, session(4));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.state).not.toBe(course);
    expect(course.sessionCount).toBe(3);
    expect(isDeeplyFrozen(result.value.state)).toBe(true);
    let folded: CourseState = course;
    for (const event of result.value.events) folded = evolve(folded, event as CourseEvent);
    expect(folded).toStrictEqual(result.value.state);
  });

  test('evolve leaves an unfrozen event as it was and shares untouched parts', () => {
    const event = JSON.parse(
      JSON.stringify({ type: 'mood-recorded', rating: { date: week(3), value: 6 } }),
    ) as CourseEvent;
    const copy = structuredClone(event);
    const next = evolve(course, event);
    expect(event).toEqual(copy);
    expect(hasFrozenPart(event)).toBe(false);
    expect(next).not.toBe(course);
    expect(next?.sessions).toBe(course.sessions);
    expect(next?.timeline.moods).toHaveLength(2);
    expect(course.timeline.moods).toHaveLength(1);
  });

  test('evolve ignores an event before the start and a second start', () => {
    expect(evolve(null, { type: 'mood-recorded', rating: { date: DAY0, value: 1 } })).toBeNull();
    const start = run.events[0] as CourseEvent;
    expect(evolve(course, start)).toBe(course);
  });
});
