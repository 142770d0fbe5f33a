import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execute } from '../course/decide.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  clinicalCutoffs,
  jacobsonTruaxCategory,
  outcome,
  reliableChangeIndex,
  type OutcomeOptions,
} from './outcome.js';

const score = fc.integer({ min: 0, max: 52 });
const sd = fc.double({ min: 0.5, max: 20, noNaN: true });
const reliability = fc.double({ min: 0, max: 0.99, noNaN: true });

/** Adds days to an ISO date (UTC, written here independently of the library). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const START = '2026-03-02';

interface Record_ {
  readonly offset: number;
  /** Nine PHQ-9 answers, or `null` for an incomplete set. */
  readonly answers: readonly number[] | null;
}

const record = fc.record({
  offset: fc.integer({ min: 0, max: 120 }),
  answers: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }), {
    nil: null,
    freq: 5,
  }),
});

function buildCourse(records: readonly Record_[]): DeepReadonly<Course> {
  let state: CourseState = null;
  const commands: Record<string, unknown>[] = [
    {
      type: 'start-course',
      courseId: 'course-p',
      protocol: 'ipt',
      startDate: START,
      timeLimit: { sessions: 16, cadence: 'weekly' },
    },
  ];
  records.forEach((entry, index) => {
    const responses: Record<string, number | null> = {};
    for (let item = 0; item < 9; item += 1) {
      responses[`item${item + 1}`] =
        entry.answers === null ? (item === 1 ? null : 1) : entry.answers[item]!;
    }
    commands.push({
      type: 'record-measure',
      measureId: `m-${index}`,
      date: addDays(START, entry.offset),
      instrument: 'phq-9',
      responses,
      ...(entry.answers === null ? { missing: { kind: 'incomplete' } } : {}),
    });
  });
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    state = result.value.state;
  }
  return state!;
}

const optionsArbitrary = fc.record(
  {
    responseReduction: fc.double({ min: 0.05, max: 1, noNaN: true }),
    remissionBelow: fc.option(fc.integer({ min: 1, max: 27 }), { nil: null }),
    reliableChange: fc.option(fc.record({ sd, reliability }), { nil: null }),
    reliableImprovementPoints: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    clinicalCutoff: fc.option(fc.integer({ min: 1, max: 27 }), { nil: null }),
  },
  { requiredKeys: [] },
);

describe('reliableChangeIndex (properties)', () => {
  it('[PSYCTC-RC] is antisymmetric: swapping pre and post negates the RCI and keeps S_diff', () => {
    fc.assert(
      fc.property(
        score,
        score,
        sd,
        reliability,
        fc.boolean(),
        (pre, post, spread, r, higherIsWorse) => {
          const forward = reliableChangeIndex({
            pre,
            post,
            sd: spread,
            reliability: r,
            higherIsWorse,
          });
          const backward = reliableChangeIndex({
            pre: post,
            post: pre,
            sd: spread,
            reliability: r,
            higherIsWorse,
          });
          expect(forward.ok && backward.ok).toBe(true);
          if (!forward.ok || !backward.ok) return;
          // === rather than Object.is: no change gives 0 one way and -0 the other.
          expect(backward.value.rci === -forward.value.rci).toBe(true);
          expect(backward.value.sDiff).toBe(forward.value.sDiff);
          expect(backward.value.reliable).toBe(forward.value.reliable);
          const flipped = {
            improved: 'deteriorated',
            deteriorated: 'improved',
            'no-reliable-change': 'no-reliable-change',
          };
          expect(backward.value.direction).toBe(flipped[forward.value.direction]);
        },
      ),
    );
  });

  it('[PSYCTC-RC] S_diff = SD·√2·√(1 - r), RCI = (post - pre)/S_diff, reliable iff |RCI| > 1.96', () => {
    fc.assert(
      fc.property(score, score, sd, reliability, (pre, post, spread, r) => {
        const result = reliableChangeIndex({ pre, post, sd: spread, reliability: r });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const sDiff = Math.sqrt(2 * (spread * Math.sqrt(1 - r)) ** 2);
        expect(result.value.sDiff).toBeCloseTo(sDiff, 10);
        expect(result.value.rci).toBeCloseTo((post - pre) / sDiff, 10);
        expect(result.value.reliable).toBe(Math.abs(result.value.rci) > 1.96);
        expect(result.value.sd).toBe(spread);
        expect(result.value.reliability).toBe(r);
      }),
    );
  });

  it('never throws on any input, and fails with issues that have paths', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = reliableChangeIndex(input);
        if (!result.ok) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const found of result.error.issues) expect(Array.isArray(found.path)).toBe(true);
        }
        clinicalCutoffs(input);
      }),
    );
  });

  it('bad numbers in any field give an issue at that field', () => {
    const bad = fc.constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '3',
      null,
      {},
    );
    const field = fc.constantFrom('pre', 'post', 'sd', 'reliability');
    fc.assert(
      fc.property(field, bad, (key, value) => {
        const input: Record<string, unknown> = { pre: 10, post: 4, sd: 5, reliability: 0.8 };
        input[key] = value;
        const result = reliableChangeIndex(input);
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.error.issues.map((found) => found.path)).toContainEqual([key]);
      }),
    );
  });
});

describe('jacobsonTruaxCategory (properties)', () => {
  it('[JT91] categories agree with the RCI and the cut-off', () => {
    fc.assert(
      fc.property(
        score,
        score,
        sd,
        reliability,
        fc.integer({ min: 0, max: 52 }),
        fc.boolean(),
        (pre, post, spread, r, cutoff, higherIsWorse) => {
          const change = reliableChangeIndex({
            pre,
            post,
            sd: spread,
            reliability: r,
            higherIsWorse,
          });
          if (!change.ok) throw new Error('expected a change');
          const category = jacobsonTruaxCategory(change.value, post, cutoff);
          const functional = (value: number) => (higherIsWorse ? value < cutoff : value > cutoff);
          const { direction } = change.value;
          switch (category) {
            case 'recovered':
              expect(direction).toBe('improved');
              expect(functional(post)).toBe(true);
              expect(functional(pre)).toBe(false);
              break;
            case 'improved':
              expect(direction).toBe('improved');
              expect(functional(post) && !functional(pre)).toBe(false);
              break;
            case 'deteriorated':
              expect(direction).toBe('deteriorated');
              break;
            case 'unchanged':
              expect(direction).toBe('no-reliable-change');
              break;
          }
        },
      ),
    );
  });
});

describe('outcome (properties)', () => {
  it('never throws on random courses; change = final - baseline, computed independently', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), optionsArbitrary, (records, extra) => {
        const course = buildCourse(records);
        const options: OutcomeOptions = { instrument: 'phq-9', ...extra };
        const result = outcome(course, options);

        // Independent expectation: scored records in date order (ties in recording order).
        const scored = records
          .map((entry, index) => ({ entry, index }))
          .filter(({ entry }) => entry.answers !== null)
          .map(({ entry, index }) => ({
            id: `m-${index}`,
            date: addDays(START, entry.offset),
            total: entry.answers!.reduce((sum, value) => sum + value, 0),
            index,
          }))
          .sort((left, right) =>
            left.date === right.date ? left.index - right.index : left.date < right.date ? -1 : 1,
          );
        if (scored.length < 2) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.issues[0]?.code).toBe('too-few-measures');
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const first = scored[0]!;
        const last = scored[scored.length - 1]!;
        const value = result.value;
        expect(value.baseline.measureId).toBe(first.id);
        expect(value.final.measureId).toBe(last.id);
        expect(value.change).toBe(last.total - first.total);
        expect(value.measures).toBe(scored.length);
        expect(value.skipped).toBe(records.length - scored.length);
        if (first.total === 0) {
          expect(value.percentChange).toBeNull();
          expect(value.response).toBeNull();
        } else {
          expect(value.percentChange).toBeCloseTo(
            (100 * (last.total - first.total)) / first.total,
            10,
          );
          const reduction = extra.responseReduction ?? 0.5;
          const drop = first.total - last.total;
          // Away from the boundary the rule is unambiguous.
          if (Math.abs(drop - reduction * first.total) > 1e-6) {
            expect(value.response).toBe(drop >= reduction * first.total);
          }
        }
        const remissionBelow = extra.remissionBelow === undefined ? 5 : extra.remissionBelow;
        expect(value.remission).toBe(remissionBelow === null ? null : last.total < remissionBelow);
        const points =
          extra.reliableImprovementPoints === undefined ? 6 : extra.reliableImprovementPoints;
        if (points !== null)
          expect(value.reliableImprovement).toBe(first.total - last.total >= points);
        const cutoff = extra.clinicalCutoff === undefined ? 10 : extra.clinicalCutoff;
        expect(value.crossedCutoff).toBe(
          cutoff === null ? null : first.total >= cutoff && last.total < cutoff,
        );

        // The reliable change is that of the first and last totals, with SD and r returned.
        if (extra.reliableChange === undefined || extra.reliableChange === null) {
          expect(value.reliableChange).toBeNull();
          expect(value.category).toBeNull();
        } else {
          expect(value.reliableChange?.sd).toBe(extra.reliableChange.sd);
          expect(value.reliableChange?.reliability).toBe(extra.reliableChange.reliability);
          expect(value.reliableChange?.pre).toBe(first.total);
          expect(value.reliableChange?.post).toBe(last.total);
          if (cutoff !== null) {
            const category = value.category;
            if (category === 'recovered') {
              expect(value.reliableChange?.direction).toBe('improved');
              expect(last.total).toBeLessThan(cutoff);
              expect(value.crossedCutoff).toBe(true);
            }
            if (category === 'deteriorated')
              expect(value.reliableChange?.direction).toBe('deteriorated');
            if (category === 'unchanged') expect(value.reliableChange?.reliable).toBe(false);
          }
        }

        // Every criterion used names its source; nothing appears both used and not applied.
        for (const criterion of value.criteria) expect(criterion.source.length).toBeGreaterThan(0);
        const used = new Set(value.criteria.map((criterion) => criterion.name));
        for (const entry of value.notApplied) expect(used.has(entry.name)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary options or arbitrary courses', () => {
    const course = buildCourse([
      { offset: 0, answers: [2, 2, 2, 2, 2, 2, 2, 2, 0] },
      { offset: 30, answers: [1, 1, 1, 1, 1, 1, 1, 1, 0] },
    ]);
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const withOptions = outcome(course, input as OutcomeOptions);
        if (!withOptions.ok) expect(withOptions.error.issues[0]?.path[0]).toBe('options');
        const withCourse = outcome(input as DeepReadonly<Course>, { instrument: 'phq-9' });
        expect(withCourse.ok).toBe(false);
      }),
    );
  });
});
