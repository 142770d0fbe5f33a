import { describe, expect, test } from 'vitest';
import { execute } from '../course/decide.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  clinicalCutoffs,
  jacobsonTruaxCategory,
  outcome,
  reliableChangeIndex,
  type OutcomeOptions,
  type ReliableChange,
} from './outcome.js';

type Instrument = 'phq-9' | 'gad-7' | 'hamd-17';

/** Item maxima of each instrument (PHQ-9 and GAD-7 0-3; HAM-D-17 nine items 0-4, eight 0-2). */
const MAXIMA: Readonly<Record<Instrument, readonly number[]>> = {
  'phq-9': [3, 3, 3, 3, 3, 3, 3, 3, 3],
  'gad-7': [3, 3, 3, 3, 3, 3, 3],
  'hamd-17': [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2],
};

/**
 * Answers summing to `total`, filled greedily from item 1 (so PHQ-9 item 9 stays 0 below 25).
 * `null` gives an incomplete answer set (item 2 unanswered).
 */
function answers(instrument: Instrument, total: number | null): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  let left = total ?? 5;
  MAXIMA[instrument].forEach((max, index) => {
    const value = Math.min(max, left);
    result[`item${index + 1}`] = value;
    left -= value;
  });
  if (left !== 0) throw new Error('total out of range');
  if (total === null) result.item2 = null;
  return result;
}

interface Score {
  readonly id: string;
  readonly date: string;
  readonly total: number | null;
  readonly instrument?: Instrument;
}

/** Runs commands from `null`, failing the test on any refusal. */
function run(commands: readonly Record<string, unknown>[]): DeepReadonly<Course> {
  let state: CourseState = null;
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`refused ${String(command.type)}: ${result.error.code}`);
    state = result.value.state;
  }
  if (state === null) throw new Error('no course');
  return state;
}

const START = {
  type: 'start-course',
  courseId: 'course-1',
  protocol: 'ipt',
  startDate: '2026-03-02',
  timeLimit: { sessions: 12, cadence: 'weekly' },
};

function measure(score: Score): Record<string, unknown> {
  const instrument = score.instrument ?? 'phq-9';
  return {
    type: 'record-measure',
    measureId: score.id,
    date: score.date,
    instrument,
    responses: answers(instrument, score.total),
    ...(score.total === null ? { missing: { kind: 'incomplete' } } : {}),
  };
}

/** A course of standard IPT with the given scores recorded, in the order given. */
function courseWith(scores: readonly Score[]): DeepReadonly<Course> {
  return run([START, ...scores.map(measure)]);
}

/** Commands that move a course into the middle phase on a date. */
function toMiddle(date: string): Record<string, unknown>[] {
  return [
    {
      type: 'choose-focus',
      focus: { area: 'interpersonal-deficits' },
      rank: 'primary',
      date: '2026-03-09',
    },
    { type: 'share-formulation', date: '2026-03-09', accepted: true },
    { type: 'agree-contract', date: '2026-03-09' },
    { type: 'advance-phase', to: 'middle', date },
  ];
}

function reliable(pre: number, post: number, higherIsWorse = true): ReliableChange {
  const result = reliableChangeIndex({ pre, post, sd: 5.5, reliability: 0.89, higherIsWorse });
  if (!result.ok) throw new Error('expected a reliable change');
  return result.value;
}

const MARKER = 'ZZSECRET';

describe('reliableChangeIndex [PSYCTC-RC] [JT91] [TALKSTATS]', () => {
  test('[PSYCTC-RC] worked example (reference 7.5): SD 5.5, r 0.89 -> S_diff ≈ 2.58, RC ≈ 5.1 points', () => {
    // S_diff = 5.5 · √2 · √(1 - 0.89) = 5.5 · 1.4142136 · 0.3316625 = 2.5797287;
    // 1.96 · 2.5797287 = 5.0562682 ≈ 5.1 points. SE = 5.5 · 0.3316625 = 1.8241436.
    const result = reliableChangeIndex({ pre: 18, post: 11, sd: 5.5, reliability: 0.89 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sDiff).toBeCloseTo(2.5797287, 6);
    expect(result.value.sDiff.toFixed(2)).toBe('2.58');
    expect(result.value.pointsForReliableChange).toBeCloseTo(5.0562682, 6);
    expect(result.value.pointsForReliableChange.toFixed(1)).toBe('5.1');
    expect(result.value.standardError).toBeCloseTo(1.8241436, 6);
    // RCI = (11 - 18) / 2.5797287 = -2.7134637: reliable, and an improvement (lower is better).
    expect(result.value.rci).toBeCloseTo(-2.7134637, 6);
    expect(result.value.reliable).toBe(true);
    expect(result.value.direction).toBe('improved');
    expect(result.value.sd).toBe(5.5);
    expect(result.value.reliability).toBe(0.89);
    expect(result.value.threshold).toBe(1.96);
    expect(result.value.method).toBe('jacobson-truax');
    expect(result.value.source).toEqual(['PSYCTC-RC', 'JT91', 'TALKSTATS']);
  });

  test('[PSYCTC-RC] worked example (reference 7.5): SD 5.5, r 0.84 -> RC ≈ 6.1 points', () => {
    // S_diff = 5.5 · √2 · √0.16 = 5.5 · 1.4142136 · 0.4 = 3.1112698; 1.96 · 3.1112698 = 6.0980888.
    const result = reliableChangeIndex({ pre: 15, post: 9, sd: 5.5, reliability: 0.84 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sDiff).toBeCloseTo(3.1112698, 6);
    expect(result.value.pointsForReliableChange.toFixed(1)).toBe('6.1');
    // A drop of 6 points is not quite reliable here: RCI = -6 / 3.1112698 = -1.9284730.
    expect(result.value.rci).toBeCloseTo(-1.928473, 6);
    expect(result.value.reliable).toBe(false);
    expect(result.value.direction).toBe('no-reliable-change');
  });

  test('[TALKSTATS] |RCI| must exceed 1.96; direction follows the scale', () => {
    // With SD 5.5 and r 0.89, 4 points (RCI -1.55) is not reliable, a 6-point rise (2.33) is.
    expect(reliable(18, 14).direction).toBe('no-reliable-change');
    expect(reliable(10, 16).direction).toBe('deteriorated');
    expect(reliable(10, 16).rci).toBeCloseTo(6 / 2.5797287, 6);
    // On a scale where higher is better, a rise is an improvement.
    expect(reliable(10, 16, false).direction).toBe('improved');
    expect(reliable(16, 10, false).direction).toBe('deteriorated');
    expect(reliable(10, 16, false).higherIsWorse).toBe(false);
  });

  test('r = 0 is allowed (S_diff = SD · √2)', () => {
    const result = reliableChangeIndex({ pre: 0, post: 1, sd: 1, reliability: 0 });
    expect(result.ok && result.value.sDiff).toBeCloseTo(Math.SQRT2, 14);
  });

  test('bad input gives issues with paths and never throws', () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ pre: Number.NaN, post: 1, sd: 1, reliability: 0.5 }, ['pre']],
      [{ pre: 1, post: Number.POSITIVE_INFINITY, sd: 1, reliability: 0.5 }, ['post']],
      [{ pre: 1, post: 2, sd: 0, reliability: 0.5 }, ['sd']],
      [{ pre: 1, post: 2, sd: -3, reliability: 0.5 }, ['sd']],
      [{ pre: 1, post: 2, sd: 1, reliability: 1 }, ['reliability']],
      [{ pre: 1, post: 2, sd: 1, reliability: -0.1 }, ['reliability']],
      [{ pre: '1', post: 2, sd: 1, reliability: 0.5 }, ['pre']],
      [{ pre: 1, post: 2, sd: 1, reliability: 0.5, method: 'maassen' }, ['method']],
      [{ pre: 1, post: 2, sd: 1, reliability: 0.5, higherIsWorse: 'yes' }, ['higherIsWorse']],
      [{ pre: 1, post: 2, sd: 1 }, ['reliability']],
    ];
    for (const [input, path] of cases) {
      const result = reliableChangeIndex(input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.kind).toBe('validation');
      expect(result.error.issues.map((found) => found.path)).toContainEqual(path);
    }
    for (const input of [null, undefined, 'text', 42, [], { [MARKER]: 1 }]) {
      const result = reliableChangeIndex(input);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(MARKER);
    }
  });

  test('an SD so small that the index overflows is refused, not returned as Infinity', () => {
    const result = reliableChangeIndex({ pre: 0, post: 1e300, sd: 1e-300, reliability: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]?.code).toBe('not-finite');
  });

  test('returns frozen values', () => {
    const result = reliableChangeIndex({ pre: 18, post: 11, sd: 5.5, reliability: 0.89 });
    expect(Object.isFrozen(result)).toBe(true);
    expect(result.ok && Object.isFrozen(result.value.source)).toBe(true);
  });
});

describe('clinicalCutoffs [JT91] [MCMILLAN] [PSYOUT] (formulas UNCONFIRMED)', () => {
  test('[JT91] a, b and c by hand', () => {
    // Clinical 15.4 ± 5.5 (IAPT intake), functional 3 ± 3 (illustrative):
    // a = 15.4 - 2·5.5 = 4.4; b = 3 + 2·3 = 9; c = (5.5·3 + 3·15.4) / (5.5 + 3) = 62.7 / 8.5 = 7.3764706.
    const result = clinicalCutoffs({
      clinical: { mean: 15.4, sd: 5.5 },
      functional: { mean: 3, sd: 3 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.a).toBeCloseTo(4.4, 12);
    expect(result.value.b).toBeCloseTo(9, 12);
    expect(result.value.c).toBeCloseTo(7.3764706, 6);
    expect(result.value.unconfirmed).toBe(true);
    expect(result.value.source).toEqual(['JT91', 'MCMILLAN', 'PSYOUT']);
    expect(Object.isFrozen(result.value)).toBe(true);
  });

  test('with higher scores better the directions flip; c does not depend on direction', () => {
    const result = clinicalCutoffs({
      clinical: { mean: 40, sd: 10 },
      functional: { mean: 70, sd: 10 },
      higherIsWorse: false,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // a = 40 + 2·10 = 60; b = 70 - 2·10 = 50; c = (10·70 + 10·40) / 20 = 55.
    expect(result.value).toMatchObject({ a: 60, b: 50, c: 55, higherIsWorse: false });
  });

  test('without a functional population only a is known', () => {
    const result = clinicalCutoffs({ clinical: { mean: 20, sd: 4 } });
    expect(result.ok && result.value).toMatchObject({ a: 12, b: null, c: null });
  });

  test('bad input gives issues with paths', () => {
    const result = clinicalCutoffs({
      clinical: { mean: Number.NaN, sd: 0 },
      functional: { mean: 1 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((found) => found.path);
    expect(paths).toContainEqual(['clinical', 'mean']);
    expect(paths).toContainEqual(['clinical', 'sd']);
    expect(paths).toContainEqual(['functional', 'sd']);
    expect(clinicalCutoffs('x').ok).toBe(false);
  });
});

describe('jacobsonTruaxCategory [JT91] [SCHOLARGATE]', () => {
  test('recovered: reliable improvement from the dysfunctional into the functional range', () => {
    // 18 -> 8 with S_diff 2.58: RCI -3.88; 18 >= 10 and 8 < 10.
    expect(jacobsonTruaxCategory(reliable(18, 8), 8, 10)).toBe('recovered');
  });

  test('improved: reliable improvement that stays on the dysfunctional side', () => {
    // 25 -> 15: RCI -3.88, but 15 >= 10.
    expect(jacobsonTruaxCategory(reliable(25, 15), 15, 10)).toBe('improved');
  });

  test('improved, not recovered, when the start was already in the functional range', () => {
    // 9 -> 2: RCI -2.71, but 9 < 10 at the start: nothing was crossed.
    expect(jacobsonTruaxCategory(reliable(9, 2), 2, 10)).toBe('improved');
  });

  test('unchanged: crossing the cut-off without reliable change', () => {
    // 11 -> 8: RCI -1.16.
    expect(jacobsonTruaxCategory(reliable(11, 8), 8, 10)).toBe('unchanged');
  });

  test('deteriorated: reliable change for the worse', () => {
    expect(jacobsonTruaxCategory(reliable(8, 20), 20, 10)).toBe('deteriorated');
  });

  test('higher-is-better scales use score > cut-off as functional', () => {
    expect(jacobsonTruaxCategory(reliable(40, 60, false), 60, 55)).toBe('recovered');
    expect(jacobsonTruaxCategory(reliable(40, 52, false), 52, 55)).toBe('improved');
  });
});

describe('outcome of a course', () => {
  const phqCourse = () =>
    courseWith([
      { id: 'phq-1', date: '2026-03-02', total: 20 },
      { id: 'phq-2', date: '2026-03-30', total: 14 },
      { id: 'phq-3', date: '2026-05-18', total: 8 },
    ]);

  test('[KP20] [IAPT] PHQ-9 20 -> 8 with the default criteria', () => {
    // change 8 - 20 = -12; percent -12/20 = -60%; response: 12 >= 0.5·20 [KP20];
    // remission: 8 < 5 is false [KP20]; reliable improvement: 12 >= 6 [IAPT];
    // cut-off 10 [IAPT]: 20 >= 10 and 8 < 10, so the cut-off was crossed.
    const result = outcome(phqCourse(), { instrument: 'phq-9' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value;
    expect(value.courseId).toBe('course-1');
    expect(value.instrument).toBe('phq-9');
    expect(value.baseline).toEqual({ measureId: 'phq-1', date: '2026-03-02', total: 20 });
    expect(value.final).toEqual({ measureId: 'phq-3', date: '2026-05-18', total: 8 });
    expect(value.measures).toBe(3);
    expect(value.skipped).toBe(0);
    expect(value.change).toBe(-12);
    expect(value.percentChange).toBe(-60);
    expect(value.response).toBe(true);
    expect(value.remission).toBe(false);
    expect(value.reliableImprovement).toBe(true);
    expect(value.crossedCutoff).toBe(true);
    expect(value.reliableChange).toBeNull();
    expect(value.category).toBeNull();
    expect(value.criteria.map((criterion) => criterion.name)).toEqual([
      'response',
      'remission',
      'reliable-improvement',
      'clinical-cutoff',
    ]);
    const byName = Object.fromEntries(
      value.criteria.map((criterion) => [criterion.name, criterion]),
    );
    expect(byName.response).toMatchObject({ value: 0.5, source: ['KP20'], origin: 'default' });
    expect(byName.remission).toMatchObject({ value: 5, source: ['KP20'], origin: 'default' });
    expect(byName.remission?.unconfirmed).toBeUndefined();
    expect(byName['reliable-improvement']).toMatchObject({ value: 6, source: ['IAPT'] });
    expect(byName['clinical-cutoff']).toMatchObject({ value: 10, source: ['IAPT'] });
    expect(value.notApplied.map((entry) => entry.name)).toEqual([
      'reliable-change',
      'clinical-significance',
    ]);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.criteria[0])).toBe(true);
  });

  test('[JT91] [PSYCTC-RC] with SD and reliability the RCI and the category are computed', () => {
    // RCI = (8 - 20) / 2.5797287 = -4.6516; reliable improvement and the cut-off 10 is crossed.
    const result = outcome(phqCourse(), {
      instrument: 'phq-9',
      reliableChange: { sd: 5.5, reliability: 0.89 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.reliableChange?.rci).toBeCloseTo(-12 / 2.5797287, 6);
    expect(result.value.reliableChange?.sd).toBe(5.5);
    expect(result.value.reliableChange?.reliability).toBe(0.89);
    expect(result.value.category).toBe('recovered');
    const names = result.value.criteria.map((criterion) => criterion.name);
    expect(names).toContain('reliable-change');
    expect(names).toContain('clinical-significance');
    const rc = result.value.criteria.find((criterion) => criterion.name === 'reliable-change');
    expect(rc).toMatchObject({
      value: 1.96,
      source: ['PSYCTC-RC', 'JT91', 'TALKSTATS'],
      origin: 'option',
    });
    const significance = result.value.criteria.find((c) => c.name === 'clinical-significance');
    expect(significance?.unconfirmed).toBe(true);
    expect(result.value.notApplied).toEqual([]);
  });

  test('reliable improvement falls back on the RCI when the fixed-point criterion is switched off', () => {
    const result = outcome(phqCourse(), {
      instrument: 'phq-9',
      reliableImprovementPoints: null,
      reliableChange: { sd: 5.5, reliability: 0.89 },
    });
    expect(result.ok && result.value.reliableImprovement).toBe(true);
    const criterion = result.ok
      ? result.value.criteria.find((c) => c.name === 'reliable-improvement')
      : undefined;
    expect(criterion?.source).toEqual(['PSYCTC-RC', 'JT91', 'TALKSTATS']);
  });

  test('measures are taken in date order, whatever order they were recorded in', () => {
    const course = courseWith([
      { id: 'late', date: '2026-05-18', total: 4 },
      { id: 'early', date: '2026-03-02', total: 12 },
      { id: 'middle', date: '2026-04-06', total: 9 },
    ]);
    const result = outcome(course, { instrument: 'phq-9' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.baseline.measureId).toBe('early');
    expect(result.value.final.measureId).toBe('late');
    // 12 -> 4: change -8, -66.67%, response, remission (4 < 5), reliable improvement (8 >= 6).
    expect(result.value.change).toBe(-8);
    expect(result.value.percentChange).toBeCloseTo(-66.6667, 4);
    expect(result.value.response).toBe(true);
    expect(result.value.remission).toBe(true);
    expect(result.value.reliableImprovement).toBe(true);
  });

  test('[KP20] response is inclusive at exactly 50% and fails just below it', () => {
    const half = courseWith([
      { id: 'a', date: '2026-03-02', total: 14 },
      { id: 'b', date: '2026-04-02', total: 7 },
    ]);
    expect(
      outcome(half, { instrument: 'phq-9' }).ok && outcome(half, { instrument: 'phq-9' }),
    ).toMatchObject({
      value: { response: true, reliableImprovement: true },
    });
    const less = courseWith([
      { id: 'a', date: '2026-03-02', total: 14 },
      { id: 'b', date: '2026-04-02', total: 8 },
    ]);
    const result = outcome(less, { instrument: 'phq-9' });
    expect(result.ok && result.value.response).toBe(false);
    // 6 points is exactly the IAPT criterion (drop >= 6).
    expect(result.ok && result.value.reliableImprovement).toBe(true);
  });

  test('incomplete scores are skipped and counted', () => {
    const course = courseWith([
      { id: 'a', date: '2026-03-02', total: 16 },
      { id: 'gap', date: '2026-03-09', total: null },
      { id: 'b', date: '2026-04-02', total: 11 },
      { id: 'end', date: '2026-06-01', total: null },
    ]);
    const result = outcome(course, { instrument: 'phq-9' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.measures).toBe(2);
    expect(result.value.skipped).toBe(2);
    expect(result.value.final.measureId).toBe('b');
  });

  test('too few scored measures: too-few-measures', () => {
    for (const scores of [
      [],
      [{ id: 'a', date: '2026-03-02', total: 16 }],
      [
        { id: 'a', date: '2026-03-02', total: 16 },
        { id: 'b', date: '2026-03-09', total: null },
      ],
      [
        { id: 'a', date: '2026-03-02', total: 16 },
        { id: 'g', date: '2026-03-09', total: 10, instrument: 'gad-7' as const },
      ],
    ] as Score[][]) {
      const result = outcome(courseWith(scores), { instrument: 'phq-9' });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.issues[0]).toMatchObject({
        code: 'too-few-measures',
        path: ['course', 'measures'],
      });
    }
  });

  test('a zero baseline gives no percent change and no response, and says why', () => {
    const course = courseWith([
      { id: 'a', date: '2026-03-02', total: 0 },
      { id: 'b', date: '2026-04-02', total: 3 },
    ]);
    const result = outcome(course, { instrument: 'phq-9' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.percentChange).toBeNull();
    expect(result.value.response).toBeNull();
    expect(result.value.notApplied.map((entry) => entry.name)).toContain('response');
    expect(result.value.criteria.map((criterion) => criterion.name)).not.toContain('response');
    expect(result.value.change).toBe(3);
    expect(result.value.crossedCutoff).toBe(false);
  });

  test('[IAPT] GAD-7: no remission threshold unless given (and the outcome says so)', () => {
    const course = courseWith([
      { id: 'g1', date: '2026-03-02', total: 15, instrument: 'gad-7' },
      { id: 'g2', date: '2026-05-02', total: 6, instrument: 'gad-7' },
    ]);
    const result = outcome(course, { instrument: 'gad-7' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 15 -> 6: drop 9 >= 4 [IAPT]; 15 >= 8 and 6 < 8, so the caseness cut-off 8 is crossed.
    expect(result.value.remission).toBeNull();
    expect(result.value.reliableImprovement).toBe(true);
    expect(result.value.crossedCutoff).toBe(true);
    const reason = result.value.notApplied.find((entry) => entry.name === 'remission')?.reason;
    expect(reason).toContain('remissionBelow');
    const response = result.value.criteria.find((criterion) => criterion.name === 'response');
    expect(response?.unconfirmed).toBe(true);
    const points = result.value.criteria.find((c) => c.name === 'reliable-improvement');
    expect(points).toMatchObject({ value: 4, source: ['IAPT'] });
    expect(result.value.criteria.find((c) => c.name === 'clinical-cutoff')?.value).toBe(8);

    const given = outcome(course, { instrument: 'gad-7', remissionBelow: 5 });
    expect(given.ok && given.value.remission).toBe(false);
    const criterion = given.ok
      ? given.value.criteria.find((c) => c.name === 'remission')
      : undefined;
    expect(criterion).toMatchObject({ value: 5, origin: 'option' });
  });

  test('[FRANK91] HAM-D-17: remission <= 7 (threshold UNCONFIRMED), no IAPT points or cut-off', () => {
    const course = courseWith([
      { id: 'h1', date: '2026-03-02', total: 22, instrument: 'hamd-17' },
      { id: 'h2', date: '2026-05-02', total: 7, instrument: 'hamd-17' },
    ]);
    const result = outcome(course, { instrument: 'hamd-17' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 22 -> 7: response (15 >= 11), remission (7 <= 7).
    expect(result.value.response).toBe(true);
    expect(result.value.remission).toBe(true);
    expect(result.value.reliableImprovement).toBeNull();
    expect(result.value.crossedCutoff).toBeNull();
    const remission = result.value.criteria.find((criterion) => criterion.name === 'remission');
    expect(remission).toMatchObject({
      value: 8,
      unconfirmed: true,
      source: ['FRANK91', 'IDS-QIDS'],
    });
    expect(result.value.notApplied.map((entry) => entry.name)).toEqual([
      'reliable-change',
      'reliable-improvement',
      'clinical-cutoff',
      'clinical-significance',
    ]);
    const eight = courseWith([
      { id: 'h1', date: '2026-03-02', total: 22, instrument: 'hamd-17' },
      { id: 'h2', date: '2026-05-02', total: 8, instrument: 'hamd-17' },
    ]);
    expect(outcome(eight, { instrument: 'hamd-17' })).toMatchObject({
      value: { remission: false },
    });
  });

  test('criteria can be switched off with null, and caller values are marked as options', () => {
    const result = outcome(phqCourse(), {
      instrument: 'phq-9',
      remissionBelow: null,
      clinicalCutoff: 12,
      responseReduction: 0.6,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.remission).toBeNull();
    // 12 points is exactly 60% of 20.
    expect(result.value.response).toBe(true);
    expect(result.value.criteria.find((c) => c.name === 'response')).toMatchObject({
      value: 0.6,
      origin: 'option',
    });
    expect(result.value.criteria.find((c) => c.name === 'clinical-cutoff')).toMatchObject({
      value: 12,
      origin: 'option',
    });
    expect(result.value.notApplied.find((entry) => entry.name === 'remission')?.reason).toBe(
      'switched off by the options',
    );
  });

  test("baseline 'first-before-middle' needs a measure dated on or before the middle phase began", () => {
    const late = run([
      START,
      ...toMiddle('2026-03-16'),
      measure({ id: 'a', date: '2026-03-23', total: 18 }),
      measure({ id: 'b', date: '2026-05-04', total: 9 }),
    ]);
    const refused = outcome(late, { instrument: 'phq-9', baseline: 'first-before-middle' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.issues[0]?.code).toBe('no-baseline-before-middle');
    expect(outcome(late, { instrument: 'phq-9' }).ok).toBe(true);

    const early = run([
      START,
      measure({ id: 'a', date: '2026-03-02', total: 18 }),
      ...toMiddle('2026-03-16'),
      measure({ id: 'b', date: '2026-05-04', total: 9 }),
    ]);
    const accepted = outcome(early, { instrument: 'phq-9', baseline: 'first-before-middle' });
    expect(accepted.ok && accepted.value.baseline.measureId).toBe('a');
  });

  test('bad options give issues under options, and never throw', () => {
    const course = phqCourse();
    const cases: [unknown, (string | number)[]][] = [
      [{ instrument: 'bdi-ii' }, ['options', 'instrument']],
      [{}, ['options', 'instrument']],
      [{ instrument: 'phq-9', responseReduction: 0 }, ['options', 'responseReduction']],
      [{ instrument: 'phq-9', responseReduction: Number.NaN }, ['options', 'responseReduction']],
      [
        { instrument: 'phq-9', remissionBelow: Number.POSITIVE_INFINITY },
        ['options', 'remissionBelow'],
      ],
      [
        { instrument: 'phq-9', reliableChange: { sd: 0, reliability: 0.8 } },
        ['options', 'reliableChange', 'sd'],
      ],
      [
        { instrument: 'phq-9', reliableChange: { sd: 5, reliability: 1 } },
        ['options', 'reliableChange', 'reliability'],
      ],
      [
        { instrument: 'phq-9', reliableImprovementPoints: '6' },
        ['options', 'reliableImprovementPoints'],
      ],
      [{ instrument: 'phq-9', baseline: 'last' }, ['options', 'baseline']],
      [{ instrument: 'phq-9', final: 'first' }, ['options', 'final']],
    ];
    for (const [options, path] of cases) {
      const result = outcome(course, options as OutcomeOptions);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.issues.map((found) => found.path)).toContainEqual(path);
    }
    for (const options of [null, undefined, 'phq-9', { instrument: 'phq-9', [MARKER]: true }]) {
      const result = outcome(course, options as unknown as OutcomeOptions);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(MARKER);
    }
  });

  test('a value that is not a course gives an issue under course, never a throw', () => {
    for (const course of [
      null,
      42,
      'course',
      {},
      { courseId: 'x', measures: null },
      { courseId: 'x', measures: { m: 1 } },
    ]) {
      const result = outcome(course as unknown as DeepReadonly<Course>, { instrument: 'phq-9' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.issues[0]?.path[0]).toBe('course');
    }
  });

  test('does not change the course', () => {
    const course = phqCourse();
    const before = JSON.stringify(course);
    outcome(course, { instrument: 'phq-9', reliableChange: { sd: 5.5, reliability: 0.89 } });
    expect(JSON.stringify(course)).toBe(before);
  });
});
