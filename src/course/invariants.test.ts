/**
 * Example tests of the snapshot consistency check (issue #9, "nothing returns a state that breaks
 * an invariant"): real courses built with `execute`, each then broken in exactly one field, with
 * the code and path the check must report. Each test names the IPT reference section (or the
 * rule of rules.ts) the invariant comes from.
 */
import { describe, expect, test } from 'vitest';
import {
  addPerson,
  DAY0,
  executeAll,
  MARKER,
  recordPhq9,
  session,
  singleFocusProtocol,
  started,
  startIpt,
  week,
  type Command,
  type ReadCourse,
} from '../../test/support/course-arbitraries.js';
import type { Issue } from '../internal/issues.js';
import { courseInvariantIssues } from './invariants.js';
import type { Course } from './state.js';

/** A course built by commands (refused commands fail the test). */
function built(commands: readonly Command[]): ReadCourse {
  return started(executeAll(commands));
}

/** A changed copy of a course: `change` edits a plain mutable copy. */
function broken(course: ReadCourse, change: (draft: Course) => void): ReadCourse {
  const draft = structuredClone(course) as Course;
  change(draft);
  return draft;
}

/** The entry of an id-keyed record of a draft (which the test knows is there). */
function entry<TValue>(record: Record<string, TValue>, key: string): TValue {
  const value = record[key];
  if (value === undefined) throw new Error(`no ${key}`);
  return value;
}

/** The issues as [code, path] pairs, after checking every message is clean. */
function found(course: ReadCourse): [string, Issue['path']][] {
  const issues = courseInvariantIssues(course);
  for (const one of issues) {
    expect(one.message.length).toBeGreaterThan(0);
    expect(one.message).not.toContain(MARKER);
    for (const id of ['p1', 'p2', 'p3', 'p9', 's99', 'm9', 'a1', 'course-1']) {
      expect(one.message).not.toContain(id);
    }
    expect(Object.isFrozen(one)).toBe(true);
  }
  return issues.map((one) => [one.code, one.path]);
}

function analysis(personId: string): Command {
  return {
    personId,
    turns: [{ speaker: 'client', act: 'said', content: `${MARKER} words` }],
    problems: [{ category: 'silence', turn: 0 }],
    alternatives: [{ text: `${MARKER} other words`, rehearsed: false }],
  };
}

function gad7(measureId: string, date: string, sessionId?: string): Command {
  const responses: Record<string, number> = {};
  for (let item = 1; item <= 7; item += 1) responses[`item${item}`] = 1;
  return {
    type: 'record-measure',
    measureId,
    date,
    instrument: 'gad-7',
    responses,
    ...(sessionId === undefined ? {} : { sessionId }),
  };
}

/**
 * A whole standard IPT course: three people (one deceased), placements, a life event, a role
 * dispute (primary, its stage reassessed) and a grief focus (secondary), an accepted formulation,
 * an agreed contract, a communication analysis, a PHQ-9 with item 9 above 0 (a risk flag, then
 * acknowledged), two renegotiations (12 to 13 to 14 sessions), the ending raised after session 11,
 * all three phases, and the end after session 14.
 */
const full = built([
  startIpt(),
  addPerson('p1', 'alive'),
  addPerson('p2', 'deceased'),
  addPerson('p3', 'alive'),
  { type: 'place-in-circle', personId: 'p1', ring: 0 },
  { type: 'place-in-circle', personId: 'p3', ring: 2 },
  {
    type: 'record-life-event',
    event: { date: '2025-12-01', kind: 'loss', personId: 'p2', description: MARKER },
  },
  session(1),
  { ...recordPhq9('m1', week(1), 1), sessionId: 's1' },
  {
    type: 'choose-focus',
    focus: { area: 'role-dispute', personId: 'p1', stage: 'impasse' },
    rank: 'primary',
    date: week(1),
  },
  {
    type: 'choose-focus',
    focus: { area: 'grief', personId: 'p2' },
    rank: 'secondary',
    date: week(1),
  },
  session(2),
  { type: 'assess-dispute-stage', personId: 'p1', stage: 'renegotiation', date: week(2) },
  { type: 'share-formulation', date: week(2), accepted: true, summary: MARKER },
  { type: 'agree-contract', date: week(2), goals: [`${MARKER} goal`] },
  { type: 'record-communication-analysis', analysisId: 'a1', analysis: analysis('p1') },
  session(3),
  { type: 'advance-phase', to: 'middle', date: week(3) },
  {
    type: 'acknowledge-risk',
    flagId: 'm1:suicidalIdeation',
    by: 'dr-1',
    at: `${week(3)}T10:00:00Z`,
    action: `${MARKER} safety plan`,
  },
  ...[4, 5, 6, 7, 8].map((number) => session(number)),
  gad7('m2', week(8), 's8'),
  {
    type: 'renegotiate-contract',
    date: week(8),
    timeLimit: { sessions: 13, cadence: 'weekly' },
    reason: MARKER,
  },
  session(9),
  { type: 'renegotiate-contract', date: week(9), timeLimit: { sessions: 14, cadence: 'weekly' } },
  session(10),
  session(11),
  { type: 'raise-termination', date: week(11) },
  session(12),
  { type: 'advance-phase', to: 'termination', date: week(12) },
  session(13),
  session(14),
  recordPhq9('m3', week(14), 0),
  { type: 'end-course', date: week(14), outcome: 'completed' },
]);

/** An initial-phase course with a deficits focus, three sessions and the ending raised. */
const early = built([
  startIpt(),
  { type: 'choose-focus', focus: { area: 'interpersonal-deficits' }, rank: 'primary', date: DAY0 },
  session(1),
  session(2),
  session(3),
  { type: 'raise-termination', date: week(3) },
]);

/** A course that moved through all three phases without a session. */
const noSessions = built([
  startIpt(),
  { type: 'choose-focus', focus: { area: 'interpersonal-deficits' }, rank: 'primary', date: DAY0 },
  { type: 'share-formulation', date: DAY0, accepted: true },
  { type: 'advance-phase', to: 'middle', date: week(2) },
  { type: 'advance-phase', to: 'termination', date: week(3) },
]);

describe('courseInvariantIssues on courses the rules built', () => {
  test('finds nothing wrong with a whole course, an early one and one without sessions', () => {
    expect(full.outcome?.outcome).toBe('completed');
    expect(full.sessionCount).toBe(14);
    expect(Object.keys(full.riskFlags)).toEqual(['m1:suicidalIdeation']);
    expect(full.contract.renegotiations).toHaveLength(2);
    for (const course of [full, early, noSessions]) expect(found(course)).toEqual([]);
  });

  test('finds nothing wrong with a plain JSON copy either (how a snapshot arrives)', () => {
    expect(found(JSON.parse(JSON.stringify(full)) as ReadCourse)).toEqual([]);
  });

  test('does not change or freeze the course it checks', () => {
    const copy = structuredClone(full) as Course;
    const before = JSON.stringify(copy);
    courseInvariantIssues(copy);
    expect(JSON.stringify(copy)).toBe(before);
    expect(Object.isFrozen(copy)).toBe(false);
  });
});

describe('sessions (IPT reference 11.1; DESIGN 3: sessions numbered and dated in order)', () => {
  test('11.1: a session stored under another key is id-mismatch at its sessionId', () => {
    const course = broken(full, (draft) => {
      (draft.sessions as Record<string, { sessionId: string }>).s3!.sessionId = 's99';
    });
    expect(found(course)).toEqual([['id-mismatch', ['sessions', 's3', 'sessionId']]]);
  });

  test('11.1: a gap in the numbering is session-number-invalid at the session', () => {
    const course = broken(full, (draft) => {
      (draft.sessions as Record<string, { number: number }>).s5!.number = 15;
    });
    expect(found(course)).toEqual([['session-number-invalid', ['sessions', 's5', 'number']]]);
  });

  test('11.1: a number used twice is session-number-invalid at the second session', () => {
    const course = broken(full, (draft) => {
      (draft.sessions as Record<string, { number: number }>).s6!.number = 5;
    });
    expect(found(course)).toEqual([['session-number-invalid', ['sessions', 's6', 'number']]]);
  });

  test('11.1: sessionCount other than the sessions held is session-count-mismatch', () => {
    expect(found(broken(full, (draft) => void (draft.sessionCount = 13)))).toEqual([
      ['session-count-mismatch', ['sessionCount']],
    ]);
  });

  test('11.1: a session before the start of the course is date-before-start', () => {
    const withSession = broken(early, (draft) => {
      (draft.sessions as Record<string, { date: string }>).s1!.date = '2026-03-01';
    });
    // Before the start, and so also before the initial phase began.
    expect(found(withSession)).toEqual([
      ['date-before-start', ['sessions', 's1', 'date']],
      ['session-phase-mismatch', ['sessions', 's1', 'phase']],
    ]);
  });

  test('11.1: a session dated before the session numbered before it is date-out-of-order', () => {
    const course = broken(full, (draft) => {
      (draft.sessions as Record<string, { date: string }>).s7!.date = week(5);
    });
    expect(found(course)).toEqual([['date-out-of-order', ['sessions', 's7', 'date']]]);
  });

  test('11.1: lastSessionDate other than the last session is last-session-date-mismatch', () => {
    expect(found(broken(full, (draft) => void (draft.lastSessionDate = week(13))))).toEqual([
      ['last-session-date-mismatch', ['lastSessionDate']],
    ]);
    expect(found(broken(noSessions, (draft) => void (draft.lastSessionDate = week(1))))).toEqual([
      ['last-session-date-mismatch', ['lastSessionDate']],
    ]);
  });

  test('11.2: a session filed under a phase not in force on its date is session-phase-mismatch', () => {
    const later = broken(full, (draft) => {
      (draft.sessions as Record<string, { phase: string }>).s5!.phase = 'termination';
    });
    expect(found(later)).toEqual([['session-phase-mismatch', ['sessions', 's5', 'phase']]]);
    const earlier = broken(full, (draft) => {
      (draft.sessions as Record<string, { phase: string }>).s13!.phase = 'middle';
    });
    expect(found(earlier)).toEqual([['session-phase-mismatch', ['sessions', 's13', 'phase']]]);
    // On the day the phase changed, a session may fall on either side, but not back again.
    const eitherSide = broken(full, (draft) => {
      (draft.sessions as Record<string, { phase: string }>).s12!.phase = 'termination';
    });
    expect(found(eitherSide)).toEqual([]);
    const sameDay = broken(full, (draft) => {
      const sessions = draft.sessions as Record<string, { date: string; phase: string }>;
      sessions.s11!.date = week(12);
      sessions.s11!.phase = 'termination';
    });
    expect(found(sameDay)).toEqual([['session-phase-mismatch', ['sessions', 's12', 'phase']]]);
    const never = broken(early, (draft) => {
      (draft.sessions as Record<string, { phase: string }>).s2!.phase = 'maintenance';
    });
    expect(found(never)).toEqual([['session-phase-mismatch', ['sessions', 's2', 'phase']]]);
  });
});

describe('the time limit and the contract (IPT reference 11.1 [ISIPT] [CG7])', () => {
  test('11.1: more sessions than the time limit is session-limit-exceeded', () => {
    const course = broken(full, (draft) => {
      draft.contract.timeLimit = { sessions: 13, cadence: 'weekly' };
      draft.contract.renegotiations[1]!.to = { sessions: 13, cadence: 'weekly' };
    });
    expect(found(course)).toEqual([['session-limit-exceeded', ['sessionCount']]]);
  });

  test('11.1: a time limit outside the protocol is contract-outside-protocol or cadence-not-allowed', () => {
    const tooLong = broken(full, (draft) => {
      draft.contract.timeLimit = { sessions: 17, cadence: 'weekly' };
      draft.contract.renegotiations[1]!.to = { sessions: 17, cadence: 'weekly' };
    });
    expect(found(tooLong)).toEqual([
      ['contract-outside-protocol', ['contract', 'timeLimit', 'sessions']],
    ]);
    const monthly = broken(full, (draft) => {
      draft.contract.timeLimit = { sessions: 14, cadence: 'monthly' };
      draft.contract.renegotiations[1]!.to = { sessions: 14, cadence: 'monthly' };
    });
    expect(found(monthly)).toEqual([['cadence-not-allowed', ['contract', 'timeLimit', 'cadence']]]);
    const firstLimit = broken(full, (draft) => {
      draft.contract.renegotiations[0]!.from = { sessions: 20, cadence: 'weekly' };
    });
    expect(found(firstLimit)).toEqual([
      ['contract-outside-protocol', ['contract', 'renegotiations', 0, 'from', 'sessions']],
    ]);
  });

  test('11.1: renegotiations that do not chain to the current limit are renegotiation-mismatch', () => {
    const gap = broken(full, (draft) => {
      draft.contract.renegotiations[1]!.from = { sessions: 12, cadence: 'weekly' };
    });
    expect(found(gap)).toEqual([
      ['renegotiation-mismatch', ['contract', 'renegotiations', 1, 'from']],
    ]);
    const stale = broken(full, (draft) => {
      draft.contract.timeLimit = { sessions: 15, cadence: 'weekly' };
    });
    expect(found(stale)).toEqual([
      ['renegotiation-mismatch', ['contract', 'renegotiations', 1, 'to']],
    ]);
  });

  test('11.1: dated steps before the start are date-before-start at their date', () => {
    const cases: [(draft: Course) => void, (string | number)[]][] = [
      [
        (draft) => void (entry(draft.measures, 'm2').date = '2026-01-01'),
        ['measures', 'm2', 'date'],
      ],
      [(draft) => void (draft.formulation!.date = '2026-01-01'), ['formulation', 'date']],
      [(draft) => void (draft.contract.agreedOn = '2026-01-01'), ['contract', 'agreedOn']],
      [
        (draft) => void (draft.contract.renegotiations[0]!.date = '2026-01-01'),
        ['contract', 'renegotiations', 0, 'date'],
      ],
      [(draft) => void (draft.disputeStages[0]!.date = '2026-01-01'), ['disputeStages', 0, 'date']],
      [
        (draft) => void (draft.terminationRaised!.date = '2026-01-01'),
        ['terminationRaised', 'date'],
      ],
    ];
    for (const [change, path] of cases) {
      expect(found(broken(full, change))).toEqual([['date-before-start', path]]);
    }
  });

  test('1.2 [CG7]: goals without an agreed contract are goals-without-contract', () => {
    expect(found(broken(full, (draft) => void (draft.contract.agreedOn = null)))).toEqual([
      ['goals-without-contract', ['contract', 'goals']],
    ]);
  });
});

describe('phases (IPT reference 11.2 [ALPF], 11.3 [MARK06])', () => {
  test('11.2: a history that leaves the protocol order is phase-order', () => {
    const course = broken(full, (draft) => {
      draft.phaseHistory.push({ phase: 'termination', since: week(14) });
    });
    expect(found(course)).toEqual([['phase-order', ['phaseHistory', 3, 'phase']]]);
    const skipped = broken(noSessions, (draft) => {
      draft.phaseHistory.splice(1, 1);
    });
    expect(found(skipped)).toEqual([['phase-order', ['phaseHistory', 1, 'phase']]]);
  });

  test('11.2: an initial phase that does not start on the start date is phase-start-mismatch', () => {
    const course = broken(full, (draft) => void (draft.phaseHistory[0]!.since = '2026-03-01'));
    expect(found(course)).toEqual([['phase-start-mismatch', ['phaseHistory', 0, 'since']]]);
  });

  test('11.2: a phase starting before the phase before it is date-out-of-order', () => {
    const course = broken(noSessions, (draft) => void (draft.phaseHistory[2]!.since = week(1)));
    expect(found(course)).toEqual([['date-out-of-order', ['phaseHistory', 2, 'since']]]);
  });

  test('11.2: a phase other than the last of the history is phase-mismatch', () => {
    expect(found(broken(full, (draft) => void (draft.phase = 'middle')))).toEqual([
      ['phase-mismatch', ['phase']],
    ]);
  });

  test('11.2: past the initial phase without a primary focus is focus-required', () => {
    const course = broken(noSessions, (draft) => void (draft.foci.primary = null));
    expect(found(course)).toEqual([
      ['focus-required', ['formulation']],
      ['focus-required', ['foci', 'primary']],
    ]);
  });

  test('11.2: past the initial phase without an accepted formulation is formulation-required', () => {
    expect(found(broken(full, (draft) => void (draft.formulation!.accepted = false)))).toEqual([
      ['formulation-required', ['formulation', 'accepted']],
    ]);
    expect(found(broken(noSessions, (draft) => void (draft.formulation = null)))).toEqual([
      ['formulation-required', ['formulation']],
    ]);
  });

  test('1.2 [CG7]: a contract or a formulation without a primary focus is focus-required', () => {
    const contract = built([
      startIpt(),
      {
        type: 'choose-focus',
        focus: { area: 'interpersonal-deficits' },
        rank: 'primary',
        date: DAY0,
      },
      { type: 'agree-contract', date: DAY0 },
    ]);
    expect(found(broken(contract, (draft) => void (draft.foci.primary = null)))).toEqual([
      ['focus-required', ['contract', 'agreedOn']],
    ]);
    const formulation = built([
      startIpt(),
      {
        type: 'choose-focus',
        focus: { area: 'interpersonal-deficits' },
        rank: 'primary',
        date: DAY0,
      },
      { type: 'share-formulation', date: DAY0, accepted: false },
    ]);
    expect(found(broken(formulation, (draft) => void (draft.foci.primary = null)))).toEqual([
      ['focus-required', ['formulation']],
    ]);
  });
});

describe('foci (IPT reference 11.4-11.6)', () => {
  const twoFoci = built([
    startIpt(),
    {
      type: 'choose-focus',
      focus: { area: 'interpersonal-deficits' },
      rank: 'primary',
      date: DAY0,
    },
    {
      type: 'choose-focus',
      focus: { area: 'role-transition', from: `${MARKER} a`, to: `${MARKER} b` },
      rank: 'secondary',
      date: DAY0,
    },
  ]);

  test('11.4 [ISIPT]: a secondary focus without a primary one is primary-focus-required', () => {
    expect(found(broken(twoFoci, (draft) => void (draft.foci.primary = null)))).toEqual([
      ['primary-focus-required', ['foci', 'secondary']],
    ]);
  });

  test('11.4 [ISIPT]: a second focus under a single-focus protocol is too-many-foci', () => {
    const single = built([
      startIpt({ protocol: singleFocusProtocol() }),
      {
        type: 'choose-focus',
        focus: { area: 'interpersonal-deficits' },
        rank: 'primary',
        date: DAY0,
      },
    ]);
    const course = broken(single, (draft) => {
      draft.foci.secondary = { area: 'role-transition', from: 'a', to: 'b' };
    });
    expect(found(course)).toEqual([['too-many-foci', ['foci', 'secondary']]]);
  });

  test('11.4: the same problem as primary and secondary focus is focus-already-chosen', () => {
    const course = broken(twoFoci, (draft) => {
      draft.foci.secondary = { area: 'interpersonal-deficits' };
    });
    expect(found(course)).toEqual([['focus-already-chosen', ['foci', 'secondary']]]);
  });

  test("11.4 [ACF]: an area outside the protocol's manual is area-not-in-protocol", () => {
    const stuart = built([
      startIpt({ protocol: 'ipt-stuart-robertson' }),
      {
        type: 'choose-focus',
        focus: { area: 'role-transition', from: 'a', to: 'b' },
        rank: 'primary',
        date: DAY0,
      },
    ]);
    const course = broken(stuart, (draft) => {
      draft.foci.primary = { area: 'interpersonal-deficits' };
    });
    expect(found(course)).toEqual([['area-not-in-protocol', ['foci', 'primary', 'area']]]);
  });

  test('11.5 [ISIPT]: grief about another loss where grief means a death is grief-requires-death', () => {
    const course = broken(full, (draft) => {
      draft.foci.secondary = { area: 'grief', personId: 'p2' as never, loss: 'other' };
    });
    expect(found(course)).toEqual([['grief-requires-death', ['foci', 'secondary', 'loss']]]);
  });

  test('11.5 [ISIPT]: a grief focus whose person is alive is grief-requires-death', () => {
    const course = broken(full, (draft) => {
      entry(draft.inventory.people, 'p2').vitalStatus = { status: 'alive' };
    });
    expect(found(course)).toEqual([['grief-requires-death', ['foci', 'secondary', 'personId']]]);
  });

  test('11.5, 11.8: a focus naming a person not in the inventory is person-not-found', () => {
    const course = broken(full, (draft) => {
      draft.foci.secondary = { area: 'grief', personId: 'p9' as never };
    });
    expect(found(course)).toEqual([['person-not-found', ['foci', 'secondary', 'personId']]]);
  });

  test('11.6 [MEMPHIS-RD]: a role dispute without a known stage is invalid-dispute-stage', () => {
    const course = broken(full, (draft) => {
      (draft.foci.primary as { stage: string }).stage = 'truce';
    });
    expect(found(course)).toEqual([['invalid-dispute-stage', ['foci', 'primary', 'stage']]]);
  });

  test('11.6 [MEMPHIS-RD]: a dispute stage other than the last assessed is dispute-stage-mismatch', () => {
    const course = broken(full, (draft) => {
      (draft.foci.primary as { stage: string }).stage = 'impasse';
    });
    expect(found(course)).toEqual([['dispute-stage-mismatch', ['foci', 'primary', 'stage']]]);
    const unassessed = broken(full, (draft) => void (draft.disputeStages = []));
    expect(found(unassessed)).toEqual([['dispute-stage-mismatch', ['foci', 'primary', 'stage']]]);
  });

  test('11.6: a dispute-stage assessment about a person not in the inventory is person-not-found', () => {
    const course = broken(full, (draft) => {
      draft.disputeStages[0]!.personId = 'p9' as never;
    });
    expect(found(course)).toEqual([['person-not-found', ['disputeStages', 0, 'personId']]]);
  });
});

describe('the inventory and what refers to it (IPT reference 11.8 [ALPF], 11.9 [PP-CC])', () => {
  test('11.8: a person stored under another key is id-mismatch', () => {
    const course = broken(
      full,
      (draft) => void (entry(draft.inventory.people, 'p3').id = 'p33' as never),
    );
    expect(found(course)).toEqual([['id-mismatch', ['inventory', 'people', 'p3', 'id']]]);
  });

  test('11.9: a placement of a person not in the inventory is person-not-found', () => {
    const course = broken(full, (draft) => {
      (draft.inventory.circle.placements as Record<string, number>).p9 = 1;
    });
    expect(found(course)).toEqual([
      ['person-not-found', ['inventory', 'circle', 'placements', 'p9']],
    ]);
  });

  test('11.9 [PP-CC]: a placement outside the rings is ring-out-of-range', () => {
    const course = broken(full, (draft) => {
      (draft.inventory.circle.placements as Record<string, number>).p3 = 3;
    });
    expect(found(course)).toEqual([
      ['ring-out-of-range', ['inventory', 'circle', 'placements', 'p3']],
    ]);
  });

  test('3.3: a life event about a person not in the inventory is person-not-found', () => {
    const course = broken(full, (draft) => {
      draft.timeline.events[0]!.personId = 'p9' as never;
    });
    expect(found(course)).toEqual([['person-not-found', ['timeline', 'events', 0, 'personId']]]);
  });

  test('4.1: a communication analysis about a person not in the inventory is person-not-found', () => {
    const course = broken(full, (draft) => {
      entry(draft.communicationAnalyses, 'a1').personId = 'p9' as never;
    });
    expect(found(course)).toEqual([
      ['person-not-found', ['communicationAnalyses', 'a1', 'personId']],
    ]);
  });
});

describe('the ending (IPT reference 11.7 [CG7])', () => {
  test('11.7: sessions past the notice point without the ending raised is termination-not-raised', () => {
    expect(found(broken(full, (draft) => void (draft.terminationRaised = null)))).toEqual([
      ['termination-not-raised', ['terminationRaised']],
    ]);
  });

  test('11.7: an ending raised within the notice is termination-raised-late', () => {
    const course = broken(full, (draft) => void (draft.terminationRaised!.afterSession = 13));
    expect(found(course)).toEqual([
      ['termination-raised-late', ['terminationRaised', 'afterSession']],
    ]);
  });

  test('11.7: an ending raised after more sessions than held is termination-session-mismatch', () => {
    const course = broken(early, (draft) => void (draft.terminationRaised!.afterSession = 5));
    expect(found(course)).toEqual([
      ['termination-session-mismatch', ['terminationRaised', 'afterSession']],
    ]);
  });

  test('DESIGN 3: an end dated before the last session is date-out-of-order', () => {
    expect(found(broken(full, (draft) => void (draft.outcome!.date = week(13))))).toEqual([
      ['date-out-of-order', ['outcome', 'date']],
    ]);
    expect(found(broken(full, (draft) => void (draft.outcome!.date = '2026-01-01')))).toEqual([
      ['date-before-start', ['outcome', 'date']],
      ['date-out-of-order', ['outcome', 'date']],
    ]);
  });

  test('7.1, 11.10 [CALC]: an ended course with an open risk flag is risk-unacknowledged', () => {
    const course = broken(full, (draft) => {
      draft.riskFlags['m1:suicidalIdeation']!.acknowledged = null;
    });
    expect(found(course)).toEqual([
      ['risk-unacknowledged', ['riskFlags', 'm1:suicidalIdeation', 'acknowledged']],
    ]);
  });
});

describe('measures and risk flags (IPT reference 7.1, 11.10, 11.11 [KROENKE01] [CALC])', () => {
  test('a measure stored under another key is id-mismatch', () => {
    const course = broken(
      full,
      (draft) => void (entry(draft.measures, 'm2').measureId = 'm9' as never),
    );
    expect(found(course)).toEqual([['id-mismatch', ['measures', 'm2', 'measureId']]]);
  });

  test('a measure of a session not recorded is session-not-found', () => {
    const course = broken(
      full,
      (draft) => void (entry(draft.measures, 'm2').sessionId = 's99' as never),
    );
    expect(found(course)).toEqual([['session-not-found', ['measures', 'm2', 'sessionId']]]);
  });

  test('11.10: answers that cannot be scored are invalid-responses', () => {
    const course = broken(full, (draft) => void (entry(draft.measures, 'm2').responses.item1 = 7));
    expect(found(course)).toEqual([['invalid-responses', ['measures', 'm2', 'responses']]]);
  });

  test('11.10-11.11: a stored score that is not the score of its answers is score-mismatch', () => {
    const total = broken(full, (draft) => {
      const score = entry(draft.measures, 'm2').score;
      score.total = (score.total ?? 0) + 1;
    });
    expect(found(total)).toEqual([['score-mismatch', ['measures', 'm2', 'score']]]);
    const band = broken(full, (draft) => {
      entry(draft.measures, 'm3').score.band!.label = 'Severe';
    });
    expect(found(band)).toEqual([['score-mismatch', ['measures', 'm3', 'score']]]);
    // Item 9 back to 0 while the stored score still says it raised the flag.
    const answers = broken(full, (draft) => void (entry(draft.measures, 'm1').responses.item9 = 0));
    expect(found(answers)).toEqual([['score-mismatch', ['measures', 'm1', 'score']]]);
    const version = broken(
      full,
      (draft) => void (entry(draft.measures, 'm2').instrumentVersion = 'v0'),
    );
    expect(found(version)).toEqual([['score-mismatch', ['measures', 'm2', 'instrumentVersion']]]);
  });

  test('11.10 [CALC]: a flag the measure raised without its risk flag is risk-flag-missing', () => {
    const course = broken(full, (draft) => {
      Reflect.deleteProperty(draft.riskFlags, 'm1:suicidalIdeation');
    });
    expect(found(course)).toEqual([
      ['risk-flag-missing', ['measures', 'm1', 'score', 'flags', 'suicidalIdeation']],
    ]);
  });

  test('11.10 [CALC]: a risk flag for a measure that raised none is risk-flag-not-raised', () => {
    const course = broken(full, (draft) => {
      draft.riskFlags['m3:suicidalIdeation'] = {
        ...draft.riskFlags['m1:suicidalIdeation']!,
        id: 'm3:suicidalIdeation',
        measureId: 'm3' as never,
        raisedOn: week(14),
      };
    });
    expect(found(course)).toEqual([
      ['risk-flag-not-raised', ['riskFlags', 'm3:suicidalIdeation', 'flag']],
    ]);
  });

  test('11.10: a risk flag naming a measure not recorded is measure-not-found', () => {
    const course = broken(full, (draft) => {
      draft.riskFlags['m9:suicidalIdeation'] = {
        ...draft.riskFlags['m1:suicidalIdeation']!,
        id: 'm9:suicidalIdeation',
        measureId: 'm9' as never,
      };
    });
    expect(found(course)).toEqual([
      ['measure-not-found', ['riskFlags', 'm9:suicidalIdeation', 'measureId']],
    ]);
  });

  test('7.1: a risk flag dated other than its measure, or misnamed, is risk-flag-mismatch', () => {
    const dated = broken(full, (draft) => {
      draft.riskFlags['m1:suicidalIdeation']!.raisedOn = week(2);
    });
    expect(found(dated)).toEqual([
      ['risk-flag-mismatch', ['riskFlags', 'm1:suicidalIdeation', 'raisedOn']],
    ]);
    const named = broken(full, (draft) => {
      const flag = draft.riskFlags['m1:suicidalIdeation']!;
      Reflect.deleteProperty(draft.riskFlags, 'm1:suicidalIdeation');
      draft.riskFlags['m1-flag'] = { ...flag, id: 'm1-flag' };
    });
    expect(found(named)).toEqual([
      ['risk-flag-missing', ['measures', 'm1', 'score', 'flags', 'suicidalIdeation']],
      ['risk-flag-mismatch', ['riskFlags', 'm1-flag', 'id']],
    ]);
  });

  test('a risk flag stored under another key is id-mismatch, a key that is not an id masked', () => {
    const course = broken(full, (draft) => {
      const flag = draft.riskFlags['m1:suicidalIdeation']!;
      Reflect.deleteProperty(draft.riskFlags, 'm1:suicidalIdeation');
      draft.riskFlags[`${MARKER} Jane Doe`] = flag;
    });
    expect(found(course)).toEqual([
      ['risk-flag-missing', ['measures', 'm1', 'score', 'flags', 'suicidalIdeation']],
      ['id-mismatch', ['riskFlags', '[key]', 'id']],
    ]);
    expect(JSON.stringify(courseInvariantIssues(course))).not.toContain(MARKER);
  });
});

describe('never throws', () => {
  test('a value the schema would refuse is unreadable-input, not a throw', () => {
    for (const junk of [{}, { sessions: null }, { ...full, measures: undefined }, [], 'x']) {
      expect(found(junk as unknown as ReadCourse)).toEqual([['unreadable-input', []]]);
    }
  });

  test('a throwing getter is unreadable-input, not a throw', () => {
    const hostile = { ...full };
    Object.defineProperty(hostile, 'sessions', {
      get(): never {
        throw new Error(MARKER);
      },
    });
    expect(found(hostile)).toEqual([['unreadable-input', []]]);
  });
});
