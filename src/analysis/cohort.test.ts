import { describe, expect, it } from 'vitest';
import { polluteWhenRead, removeHiddenEntry } from '../../test/support/prototype.js';
import { execute } from '../course/decide.js';
import type { CourseEvent } from '../course/events.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  addTrustedCourse,
  createCohortAccumulator,
  summarizeCohort,
  type CohortSummary,
} from './cohort.js';

// ------------------------------------------------------------------------------------------------
// A tiny course builder: a course of standard IPT with the given sessions, PHQ-9 totals (one a
// week from the start), primary focus and ending, built command by command with `execute`.
// ------------------------------------------------------------------------------------------------

interface Spec {
  readonly id: string;
  readonly sessions: readonly ('attended' | 'missed' | 'cancelled')[];
  readonly scores: readonly number[];
  readonly gad7?: readonly number[];
  readonly ending?: 'completed' | 'dropped-out' | 'referred-on' | null;
  readonly focus?: 'interpersonal-deficits' | 'role-transition' | 'role-dispute' | null;
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Answers with the given total, item 9 at 0 (so no risk flag). */
function answers(total: number, items: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (let item = 1; item <= items; item += 1) {
    result[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
  }
  if (items === 9) result.item9 = 0;
  return result;
}

function build(spec: Spec): DeepReadonly<Course> {
  // Changed inside `run`; the cast keeps TypeScript from narrowing it to null here.
  let state = null as CourseState;
  const run = (command: Record<string, unknown>) => {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
    return result.value.events as readonly CourseEvent[];
  };
  run({
    type: 'start-course',
    courseId: spec.id,
    protocol: 'ipt',
    startDate: day(0),
    timeLimit: { sessions: 16, cadence: 'weekly' },
  });
  if (spec.focus === 'role-dispute') {
    run({
      type: 'add-person',
      person: {
        id: 'p1',
        label: 'Partner',
        relationship: 'partner',
        vitalStatus: { status: 'alive' },
        period: 'current',
      },
    });
  }
  if (spec.focus !== undefined && spec.focus !== null) {
    const focus =
      spec.focus === 'role-dispute'
        ? { area: spec.focus, personId: 'p1', stage: 'impasse' }
        : spec.focus === 'role-transition'
          ? { area: spec.focus, from: 'employee', to: 'retiree' }
          : { area: spec.focus };
    run({ type: 'choose-focus', focus, rank: 'primary', date: day(0) });
  }
  spec.sessions.forEach((status, index) => {
    run({
      type: 'record-session',
      sessionId: `s${index + 1}`,
      number: index + 1,
      date: day(7 * index),
      status,
    });
  });
  spec.scores.forEach((total, index) => {
    run({
      type: 'record-measure',
      measureId: `phq${index + 1}`,
      date: day(7 * index),
      instrument: 'phq-9',
      responses: answers(total, 9),
    });
  });
  (spec.gad7 ?? []).forEach((total, index) => {
    run({
      type: 'record-measure',
      measureId: `gad${index + 1}`,
      date: day(7 * index),
      instrument: 'gad-7',
      responses: answers(total, 7),
    });
  });
  if (spec.ending !== undefined && spec.ending !== null) {
    run({ type: 'end-course', date: day(120), outcome: spec.ending });
  }
  if (state === null) throw new Error('no course');
  return state;
}

/** The Wilson score interval, written out here independently of the library. */
function wilson(successes: number, total: number, z = 1.959963984540054) {
  const p = successes / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  return { lower: centre - half, upper: centre + half };
}

function expectWilson(
  rate: CohortSummary['ended']['completion'],
  count: number,
  denominator: number,
) {
  expect(rate.count).toBe(count);
  expect(rate.denominator).toBe(denominator);
  expect(rate.estimate).toBeCloseTo(count / denominator, 12);
  const expected = wilson(count, denominator);
  expect(rate.interval?.level).toBe(0.95);
  expect(rate.interval?.lower).toBeCloseTo(Math.max(0, expected.lower), 9);
  expect(rate.interval?.upper).toBeCloseTo(Math.min(1, expected.upper), 9);
}

// The worked cohort. PHQ-9 baseline and final, change (final - baseline), and the criteria:
//   c1 completed,   role-dispute,    4 attended + 1 missed, 20 -> 4:  -16, response, remission, reliable
//   c2 dropped out, no focus,        2 attended + 1 missed, 18 -> 16:  -2, none
//   c3 completed,   deficits,        3 attended,            15 -> 6:   -9, response, reliable, no remission
//   c4 still open,  role-transition, 1 attended,            12 only:   no outcome
//   c5 referred on, no focus,        2 attended,            no PHQ-9 (GAD-7 only): no outcome
const specs: readonly Spec[] = [
  {
    id: 'c1',
    sessions: ['attended', 'attended', 'missed', 'attended', 'attended'],
    scores: [20, 13, 4],
    ending: 'completed',
    focus: 'role-dispute',
  },
  {
    id: 'c2',
    sessions: ['attended', 'missed', 'attended'],
    scores: [18, 16],
    ending: 'dropped-out',
  },
  {
    id: 'c3',
    sessions: ['attended', 'attended', 'attended'],
    scores: [15, 11, 6],
    ending: 'completed',
    focus: 'interpersonal-deficits',
  },
  { id: 'c4', sessions: ['attended'], scores: [12], focus: 'role-transition' },
  {
    id: 'c5',
    sessions: ['attended', 'cancelled', 'attended'],
    scores: [],
    gad7: [15, 5],
    ending: 'referred-on',
  },
];
const cohort = specs.map(build);

describe('summarizeCohort, worked example (five courses, PHQ-9)', () => {
  const summary = summarizeCohort(cohort, { instrument: 'phq-9' });

  it('counts the courses, the ended ones and how they ended', () => {
    expect(summary.instrument).toBe('phq-9');
    expect(summary.level).toBe(0.95);
    expect(summary.courses).toBe(5);
    expect(summary.ended.count).toBe(4);
    expect(summary.ended.byOutcome).toEqual({
      completed: 2,
      'dropped-out': 1,
      'referred-on': 1,
      'continuation-agreed': 0,
      'maintenance-agreed': 0,
    });
  });

  it('gives completion (2 of 4 ended) and dropout (1 of 4) with Wilson intervals', () => {
    expectWilson(summary.ended.completion, 2, 4);
    expectWilson(summary.ended.dropout, 1, 4);
    // 2/4 at 95%: centre 0.5, half-width 1.96 * 0.35 / 1.96036 = 0.34993.
    expect(summary.ended.completion.interval?.lower).toBeCloseTo(0.15, 3);
    expect(summary.ended.completion.interval?.upper).toBeCloseTo(0.85, 3);
  });

  it('summarises sessions attended: 4, 2, 3, 1, 2 -> mean 2.4, sd sqrt(1.3), min 1, max 4', () => {
    const attended = summary.sessionsAttended;
    expect(attended.n).toBe(5);
    expect(attended.mean).toBeCloseTo(2.4, 12);
    expect(attended.sd).toBeCloseTo(Math.sqrt(1.3), 12);
    expect(attended.min).toBe(1);
    expect(attended.max).toBe(4);
    expect(attended.interval!.lower).toBeLessThan(2.4);
    expect(attended.interval!.upper).toBeGreaterThan(2.4);
    expect(attended.interval!.lower + attended.interval!.upper).toBeCloseTo(4.8, 9);
  });

  it('counts the primary problem areas, with none', () => {
    expect(summary.primaryFocus).toEqual({
      grief: 0,
      'role-dispute': 1,
      'role-transition': 1,
      'interpersonal-deficits': 1,
      none: 2,
    });
  });

  it('computes outcomes for the three courses with two or more PHQ-9 scores', () => {
    const outcomes = summary.outcomes;
    expect(outcomes.withOutcome).toBe(3);
    expect(outcomes.notComputed).toEqual({ 'too-few-measures': 2 });
    expectWilson(outcomes.response, 2, 3);
    expectWilson(outcomes.remission, 1, 3);
    expectWilson(outcomes.reliableImprovement, 2, 3);
  });

  it('gives the mean change -9 (changes -16, -2, -9; sd 7) and d_z = -9 / 7', () => {
    const { change, effectSize } = summary.outcomes;
    expect(change.n).toBe(3);
    expect(change.mean).toBeCloseTo(-9, 12);
    expect(change.sd).toBeCloseTo(7, 12);
    expect(change.interval!.lower).toBeLessThan(-9);
    expect(change.interval!.upper).toBeGreaterThan(-9);
    expect(effectSize.name).toBe('d_z');
    expect(effectSize.n).toBe(3);
    expect(effectSize.value).toBeCloseTo(-9 / 7, 12);
    expect(effectSize.interval?.level).toBe(0.95);
    expect(effectSize.interval!.lower).toBeLessThan(-9 / 7);
    expect(effectSize.interval!.upper).toBeGreaterThan(-9 / 7);
  });

  it('reports the criteria of the first outcome, and that they do not differ', () => {
    expect(summary.outcomes.criteria).not.toBeNull();
    expect(summary.outcomes.criteria!.length).toBeGreaterThan(0);
    expect(summary.outcomes.criteriaDiffer).toBe(false);
  });

  it('counts outcome categories adding up to the courses with an outcome', () => {
    const categories = summary.outcomes.categories;
    const total = Object.values(categories).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(3);
  });

  it('is deeply frozen and survives JSON unchanged (numbers stay numbers)', () => {
    expect(Object.isFrozen(summary)).toBe(true);
    expect(Object.isFrozen(summary.outcomes.response.interval)).toBe(true);
    expect(Object.isFrozen(summary.ended.byOutcome)).toBe(true);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(typeof summary.outcomes.change.mean).toBe('number');
  });

  it('summarises GAD-7 when asked: only c5 has two GAD-7 scores', () => {
    const gad = summarizeCohort(cohort, { instrument: 'gad-7' });
    expect(gad.instrument).toBe('gad-7');
    expect(gad.outcomes.withOutcome).toBe(1);
    expect(gad.outcomes.change.mean).toBe(-10);
    expect(gad.outcomes.change.sd).toBeNull();
    expect(gad.outcomes.effectSize.value).toBeNull();
    // Everything that does not depend on the instrument is the same.
    expect(gad.ended).toEqual(summary.ended);
    expect(gad.sessionsAttended).toEqual(summary.sessionsAttended);
  });

  it('uses the confidence level asked for, and falls back to 0.95 for an impossible one', () => {
    const wide = summarizeCohort(cohort, { level: 0.99 });
    expect(wide.level).toBe(0.99);
    expect(wide.ended.completion.interval?.level).toBe(0.99);
    expect(wide.ended.completion.interval!.lower).toBeLessThan(
      summary.ended.completion.interval!.lower,
    );
    for (const level of [0, 1, 1.5, -0.2, Number.NaN]) {
      expect(summarizeCohort(cohort, { level }).level).toBe(0.95);
    }
  });

  it('passes criteria overrides on to outcome', () => {
    const strict = summarizeCohort(cohort, { outcome: { responseReduction: 0.75 } });
    // Only c1 (20 -> 4, 80%) reaches a 75% reduction; c3 (15 -> 6) is 60%.
    expect(strict.outcomes.response.count).toBe(1);
    expect(strict.outcomes.response.denominator).toBe(3);
    const off = summarizeCohort(cohort, { outcome: { remissionBelow: null } });
    expect(off.outcomes.remission).toEqual({
      count: 0,
      denominator: 0,
      estimate: null,
      interval: null,
    });
  });

  it('classifies courses (Jacobson & Truax) when the options give an SD and reliability', () => {
    // S_diff = 5.5 * sqrt(2) * sqrt(0.11) = 2.58: changes beyond 5.06 points are reliable.
    // c1 20 -> 4 and c3 15 -> 6 improve reliably and cross the PHQ-9 cut-off 10: recovered;
    // c2 18 -> 16 does not change reliably: unchanged.
    const classified = summarizeCohort(cohort, {
      outcome: { reliableChange: { sd: 5.5, reliability: 0.89 } },
    });
    expect(classified.outcomes.categories).toEqual({
      recovered: 2,
      improved: 0,
      unchanged: 1,
      deteriorated: 0,
      unclassified: 0,
    });
    expect(summary.outcomes.categories.unclassified).toBe(3);
  });

  it('counts courses left without an outcome by reason, an invalid override included', () => {
    const invalid = summarizeCohort(cohort, { outcome: { responseReduction: 2 } });
    expect(invalid.outcomes.withOutcome).toBe(0);
    expect(Object.values(invalid.outcomes.notComputed).reduce((a, b) => a + b, 0)).toBe(5);
    expect(Object.keys(invalid.outcomes.notComputed)).toEqual(['too-big']);
  });

  it('never changes the courses it reads', () => {
    const before = JSON.stringify(cohort);
    summarizeCohort(cohort);
    expect(JSON.stringify(cohort)).toBe(before);
  });
});

describe('summarizeCohort, edge cases', () => {
  it('gives an empty summary for no courses: zero counts, null rates and means', () => {
    const empty = summarizeCohort([]);
    expect(empty.courses).toBe(0);
    expect(empty.ended.count).toBe(0);
    expect(empty.ended.completion).toEqual({
      count: 0,
      denominator: 0,
      estimate: null,
      interval: null,
    });
    expect(empty.sessionsAttended).toMatchObject({ n: 0, mean: null, min: null, max: null });
    expect(empty.outcomes.withOutcome).toBe(0);
    expect(empty.outcomes.response.estimate).toBeNull();
    expect(empty.outcomes.change).toEqual({ mean: null, sd: null, n: 0, interval: null });
    expect(empty.outcomes.effectSize).toEqual({ name: 'd_z', value: null, interval: null, n: 0 });
    expect(empty.outcomes.criteria).toBeNull();
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });

  it('reads any iterable, a generator included, once', () => {
    function* courses() {
      yield* cohort;
    }
    expect(summarizeCohort(courses())).toEqual(summarizeCohort(cohort));
  });

  it('gives d_z null when every change is the same (sd 0)', () => {
    const same = [
      build({ id: 'a', sessions: [], scores: [20, 10] }),
      build({ id: 'b', sessions: [], scores: [15, 5] }),
    ];
    const summary = summarizeCohort(same);
    expect(summary.outcomes.change.sd).toBe(0);
    expect(summary.outcomes.effectSize.value).toBeNull();
  });
});

describe('createCohortAccumulator', () => {
  it('gives the same summary as summarizeCohort, and can be asked for one at any time', () => {
    const accumulator = createCohortAccumulator();
    expect(accumulator.summary().courses).toBe(0);
    for (const course of cohort) accumulator.add(course);
    expect(accumulator.summary()).toEqual(summarizeCohort(cohort));
    accumulator.add(cohort[0]!);
    expect(accumulator.summary().courses).toBe(6);
  });

  it('reports its options with defaults filled in', () => {
    expect(createCohortAccumulator().options).toEqual({ instrument: 'phq-9', level: 0.95 });
    expect(createCohortAccumulator({ instrument: 'gad-7', level: 0.9 }).options).toEqual({
      instrument: 'gad-7',
      level: 0.9,
    });
  });

  it('merges another accumulator: counts add up, moments combine', () => {
    const left = createCohortAccumulator();
    const right = createCohortAccumulator();
    cohort.slice(0, 2).forEach((course) => {
      left.add(course);
    });
    cohort.slice(2).forEach((course) => {
      right.add(course);
    });
    const rightBefore = right.summary();
    const merged = left.merge(right);
    expect(merged.ok).toBe(true);
    const whole = summarizeCohort(cohort);
    const summary = left.summary();
    expect(summary.courses).toBe(5);
    expect(summary.ended).toEqual(whole.ended);
    expect(summary.primaryFocus).toEqual(whole.primaryFocus);
    expect(summary.outcomes.response).toEqual(whole.outcomes.response);
    expect(summary.sessionsAttended.mean).toBeCloseTo(whole.sessionsAttended.mean!, 12);
    expect(summary.sessionsAttended.sd).toBeCloseTo(whole.sessionsAttended.sd!, 12);
    expect(summary.sessionsAttended.min).toBe(1);
    expect(summary.outcomes.change.mean).toBeCloseTo(-9, 12);
    expect(summary.outcomes.effectSize.value).toBeCloseTo(-9 / 7, 12);
    expect(right.summary()).toEqual(rightBefore);
  });

  it('merges into an empty accumulator and from an empty one', () => {
    const full = createCohortAccumulator();
    for (const course of cohort) full.add(course);
    const empty = createCohortAccumulator();
    expect(empty.merge(full).ok).toBe(true);
    expect(empty.summary()).toEqual(full.summary());
    expect(full.merge(createCohortAccumulator()).ok).toBe(true);
    expect(full.summary()).toEqual(summarizeCohort(cohort));
  });

  it('merges an accumulator into itself as if it were a copy (everything counted twice)', () => {
    const accumulator = createCohortAccumulator();
    for (const course of cohort) accumulator.add(course);
    expect(accumulator.merge(accumulator).ok).toBe(true);
    expect(accumulator.summary().courses).toBe(10);
    expect(accumulator.summary().outcomes.response.count).toBe(4);
    expect(accumulator.summary().outcomes.change.mean).toBeCloseTo(-9, 12);
  });

  it('refuses to merge an accumulator with other options, and adds nothing then', () => {
    const phq = createCohortAccumulator();
    phq.add(cohort[0]!);
    const gad = createCohortAccumulator({ instrument: 'gad-7' });
    gad.add(cohort[1]!);
    const result = phq.merge(gad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual(['incompatible-options']);
    expect(phq.merge(createCohortAccumulator({ level: 0.9 })).ok).toBe(false);
    expect(phq.summary().courses).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------
// Invalid input (issue #9): nothing throws, invalid courses are left out and reported by position,
// code and path, never summarised.
// ------------------------------------------------------------------------------------------------

/** A summary without its `rejected` part, to compare what was summarised. */
function figures(summary: CohortSummary): Omit<CohortSummary, 'rejected'> {
  const { rejected: _rejected, ...rest } = summary;
  return rest;
}

/** A plain, unfrozen copy of a course, as a file or a network would bring it. */
function copy(course: DeepReadonly<Course>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(course)) as Record<string, unknown>;
}

const [c1, c2, c3] = cohort as [DeepReadonly<Course>, DeepReadonly<Course>, DeepReadonly<Course>];

describe('summarizeCohort on invalid courses', () => {
  it('leaves junk entries out of every figure and lists each with its position and issues', () => {
    const entries: unknown[] = [c1, null, 42, 'a course', c2, {}, [c3], undefined, c3];
    const summary = summarizeCohort(entries as never);
    expect(figures(summary)).toEqual(figures(summarizeCohort([c1, c2, c3])));
    expect(summary.courses).toBe(3);
    expect(summary.rejected.count).toBe(6);
    expect(summary.rejected.courses.map((rejection) => rejection.index)).toEqual([
      1, 2, 3, 5, 6, 7,
    ]);
    // Not an object at all: one issue at the root of the course.
    expect(summary.rejected.courses[0]).toEqual({
      index: 1,
      issues: [{ code: 'invalid-type', path: [] }],
      issueCount: 1,
    });
    // An empty object: every one of the 19 fields of a course is missing.
    const empty = summary.rejected.courses[3];
    expect(empty?.issueCount).toBe(19);
    expect(empty?.issues).toHaveLength(19);
    expect(empty?.issues[0]).toEqual({ code: 'invalid-type', path: ['courseId'] });
  });

  it('reports a course with one field broken by the code and path of that field', () => {
    const broken = copy(c1);
    (broken.sessions as Record<string, Record<string, unknown>>).s1!.number = 'one';
    const negative = { ...copy(c2), sessionCount: -1 };
    const summary = summarizeCohort([c3, broken, negative] as never);
    expect(summary.courses).toBe(1);
    expect(summary.rejected).toEqual({
      count: 2,
      courses: [
        {
          index: 1,
          issues: [{ code: 'invalid-type', path: ['sessions', 's1', 'number'] }],
          issueCount: 1,
        },
        { index: 2, issues: [{ code: 'too-small', path: ['sessionCount'] }], issueCount: 1 },
      ],
    });
  });

  it('never puts a course’s text into an issue path: a name as a record key is masked', () => {
    const named = copy(c1);
    named.measures = { 'Jane Doe': Object.values(named.measures as object)[0] as unknown };
    const summary = summarizeCohort([named] as never);
    expect(summary.rejected.courses[0]?.issues).toEqual([
      { code: 'invalid-key', path: ['measures'] },
    ]);
    expect(JSON.stringify(summary)).not.toContain('Jane');
  });

  it('a getter that changes Object.prototype while the course is read does not get past the schema', () => {
    // The protocol is remembered as validated; the getter then adds a hidden `entry` (a key the
    // protocol schema reads) that the schema refuses. Review finding: the prototype was checked
    // before the course was copied, so the copy's protocol was taken from the memo unchecked.
    summarizeCohort([copy(c1)] as never);
    const hostile = copy(c1);
    polluteWhenRead(hostile, 'phase');
    try {
      const summary = summarizeCohort([hostile] as never);
      expect(summary.courses).toBe(0);
      expect(summary.rejected.count).toBe(1);
    } finally {
      removeHiddenEntry();
    }
    expect(summarizeCohort([copy(c1)] as never).courses).toBe(1);
  });

  it('lists at most 20 issues per course and counts the rest', () => {
    const many = copy(c1);
    many.sessions = Object.fromEntries(
      Array.from({ length: 30 }, (_, index) => [`s${index + 1}`, 'not a session']),
    );
    const [rejection] = summarizeCohort([many] as never).rejected.courses;
    expect(rejection?.issueCount).toBe(30);
    expect(rejection?.issues).toHaveLength(20);
    expect(rejection?.issues[19]).toEqual({ code: 'invalid-type', path: ['sessions', 's20'] });
  });

  it('lists the first 100 rejected courses and counts them all', () => {
    const summary = summarizeCohort([...Array.from({ length: 150 }, () => null), c1] as never);
    expect(summary.courses).toBe(1);
    expect(summary.rejected.count).toBe(150);
    expect(summary.rejected.courses).toHaveLength(100);
    expect(summary.rejected.courses.map((rejection) => rejection.index)).toEqual(
      Array.from({ length: 100 }, (_, index) => index),
    );
  });

  it('summarises a valid course brought as plain JSON exactly as the course itself', () => {
    expect(summarizeCohort(cohort.map(copy) as never)).toEqual(summarizeCohort(cohort));
  });

  it('neither changes nor freezes the values it reads, valid or not', () => {
    const plain = copy(c1);
    const junk = { courseId: 'x', sessions: { s1: { number: 'one' } } };
    const before = JSON.stringify([plain, junk]);
    summarizeCohort([plain, junk] as never);
    expect(JSON.stringify([plain, junk])).toBe(before);
    expect(Object.isFrozen(plain)).toBe(false);
    expect(Object.isFrozen(plain.sessions)).toBe(false);
    expect(Object.isFrozen(junk)).toBe(false);
  });

  it('gives an empty summary and a not-iterable report for a value that is not a list', () => {
    for (const courses of [undefined, null, 42, true, 'c1', {}, { length: 2, 0: c1, 1: c2 }]) {
      const summary = summarizeCohort(courses as never);
      expect(figures(summary), typeof courses).toEqual(figures(summarizeCohort([])));
      expect(summary.rejected).toEqual({
        count: 1,
        courses: [
          { index: null, issues: [{ code: 'not-iterable', path: ['courses'] }], issueCount: 1 },
        ],
      });
    }
  });

  it('summarises what a failing iterable gave before it failed, and reports where it failed', () => {
    function* failing() {
      yield c1;
      yield 'junk';
      yield c2;
      throw new Error('the database cursor closed');
    }
    const summary = summarizeCohort(failing() as never);
    expect(figures(summary)).toEqual(figures(summarizeCohort([c1, c2])));
    expect(summary.rejected).toEqual({
      count: 2,
      courses: [
        { index: 1, issues: [{ code: 'invalid-type', path: [] }], issueCount: 1 },
        {
          index: null,
          issues: [{ code: 'unreadable-input', path: ['courses', 3] }],
          issueCount: 1,
        },
      ],
    });
    expect(JSON.stringify(summary)).not.toContain('cursor');
  });

  it('reports an iterable that cannot even start, or breaks the iterator protocol', () => {
    const throwingGetter = {
      get [Symbol.iterator](): never {
        throw new Error('no');
      },
    };
    const throwingMethod = {
      [Symbol.iterator](): never {
        throw new Error('no');
      },
    };
    const notAnIterator = { [Symbol.iterator]: () => 7 };
    const revoked = Proxy.revocable([c1], {});
    revoked.revoke();
    for (const courses of [throwingGetter, throwingMethod, notAnIterator, revoked.proxy]) {
      expect(summarizeCohort(courses as never).rejected.courses).toEqual([
        { index: null, issues: [{ code: 'unreadable-input', path: ['courses'] }], issueCount: 1 },
      ]);
    }
    let calls = 0;
    const badSteps = {
      [Symbol.iterator]: () => ({
        next: () => {
          calls += 1;
          return calls === 1 ? { done: false, value: c1 } : 'not a step';
        },
      }),
    };
    const summary = summarizeCohort(badSteps as never);
    expect(summary.courses).toBe(1);
    expect(summary.rejected.courses).toEqual([
      { index: null, issues: [{ code: 'unreadable-input', path: ['courses', 1] }], issueCount: 1 },
    ]);
  });

  it('counts options that are not an object as none, and an unknown instrument as the default', () => {
    const plain = summarizeCohort(cohort);
    for (const options of [null, 5, 'gad-7', true]) {
      expect(summarizeCohort(cohort, options as never)).toEqual(plain);
    }
    const typo = summarizeCohort(cohort, { instrument: 'PHQ9' as never });
    expect(typo.instrument).toBe('phq-9');
    expect(typo).toEqual(plain);
    const unreadable = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(summarizeCohort(cohort, unreadable as never)).toEqual(plain);
  });
});

describe('createCohortAccumulator on invalid courses', () => {
  it('add says whether the course was summarised, and positions count every course offered', () => {
    const accumulator = createCohortAccumulator();
    expect(accumulator.add(c1)).toBe(true);
    expect(accumulator.add(null as never)).toBe(false);
    expect(accumulator.add(c2)).toBe(true);
    expect(accumulator.add({ ...copy(c3), phase: 'ending' } as never)).toBe(false);
    const summary = accumulator.summary();
    expect(summary.courses).toBe(2);
    expect(summary.rejected).toEqual({
      count: 2,
      courses: [
        { index: 1, issues: [{ code: 'invalid-type', path: [] }], issueCount: 1 },
        { index: 3, issues: [{ code: 'invalid-value', path: ['phase'] }], issueCount: 1 },
      ],
    });
    expect(summary).toEqual(
      summarizeCohort([c1, null, c2, { ...copy(c3), phase: 'ending' }] as never),
    );
  });

  it('merges rejections as if the other accumulator’s courses came after its own', () => {
    const left = createCohortAccumulator();
    const right = createCohortAccumulator();
    for (const course of [c1, 'junk', c2]) left.add(course as never);
    for (const course of [0, c3, {}]) right.add(course as never);
    expect(left.merge(right).ok).toBe(true);
    const whole = summarizeCohort([c1, 'junk', c2, 0, c3, {}] as never);
    expect(left.summary().rejected).toEqual(whole.rejected);
    expect(left.summary().rejected.courses.map((rejection) => rejection.index)).toEqual([1, 3, 5]);
    // Into itself: the copy's positions follow the six courses offered so far.
    expect(left.merge(left).ok).toBe(true);
    expect(left.summary().rejected.count).toBe(6);
    expect(left.summary().rejected.courses.map((rejection) => rejection.index)).toEqual([
      1, 3, 5, 7, 9, 11,
    ]);
  });

  it('merges without throwing when the overrides cannot be compared as JSON', () => {
    const odd = { responseReduction: 0.5, extra: 1n } as never;
    const accumulator = createCohortAccumulator({ outcome: odd });
    const result = accumulator.merge(createCohortAccumulator({ outcome: odd }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]?.code).toBe('incompatible-options');
  });

  it('addTrustedCourse adds a valid course without checking it, to the same summary', () => {
    const checked = createCohortAccumulator({ level: 0.9 });
    const trusted = createCohortAccumulator({ level: 0.9 });
    for (const course of cohort) {
      checked.add(course);
      addTrustedCourse(trusted, course);
    }
    expect(trusted.summary()).toEqual(checked.summary());
    expect(trusted.summary().courses).toBe(cohort.length);
  });

  it('addTrustedCourse hands the course to add for an accumulator it did not make', () => {
    const added: unknown[] = [];
    const stranger = {
      ...createCohortAccumulator(),
      add(course: unknown) {
        added.push(course);
        return true;
      },
    };
    addTrustedCourse(stranger, c1);
    expect(added).toEqual([c1]);
  });
});
