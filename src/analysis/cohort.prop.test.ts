import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asJson, mutationsAt, pathsOf } from '../../test/support/mutations.js';
import { execute } from '../course/decide.js';
import { Course, type CourseState } from '../course/state.js';
import { courseInvariantIssues } from '../course/invariants.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { CohortSummarySchema } from '../interop/json-schema/cohort-summary.js';
import {
  addTrustedCourse,
  createCohortAccumulator,
  summarizeCohort,
  type CohortRate,
  type CohortSummary,
} from './cohort.js';

// ------------------------------------------------------------------------------------------------
// Random courses: sessions with any status, any PHQ-9 totals a week apart, any primary focus and
// any ending, built with `execute`.
// ------------------------------------------------------------------------------------------------

const specArbitrary = fc.record({
  sessions: fc.array(fc.constantFrom('attended', 'missed', 'cancelled'), { maxLength: 6 }),
  scores: fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 4 }),
  ending: fc.constantFrom(
    null,
    'completed',
    'dropped-out',
    'referred-on',
    'continuation-agreed',
    'maintenance-agreed',
  ),
  focus: fc.constantFrom(null, 'interpersonal-deficits', 'role-transition'),
});
type Spec = typeof specArbitrary extends fc.Arbitrary<infer TSpec> ? TSpec : never;

function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

function build(spec: Spec, id: string): DeepReadonly<Course> {
  // Changed inside `run`; the cast keeps TypeScript from narrowing it to null here.
  let state = null as CourseState;
  const run = (command: Record<string, unknown>) => {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
  };
  run({
    type: 'start-course',
    courseId: id,
    protocol: 'ipt-m',
    startDate: day(0),
    timeLimit: { sessions: 24, cadence: 'monthly' },
  });
  if (spec.focus !== null) {
    run({
      type: 'choose-focus',
      focus:
        spec.focus === 'role-transition'
          ? { area: spec.focus, from: 'student', to: 'worker' }
          : { area: spec.focus },
      rank: 'primary',
      date: day(0),
    });
  }
  spec.sessions.forEach((status, index) => {
    run({
      type: 'record-session',
      sessionId: `s${index + 1}`,
      number: index + 1,
      date: day(30 * index),
      status,
    });
  });
  spec.scores.forEach((total, index) => {
    const responses: Record<string, number> = { item9: 0 };
    for (let item = 1; item <= 8; item += 1) {
      responses[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
    }
    run({
      type: 'record-measure',
      measureId: `m${index + 1}`,
      date: day(7 * index),
      instrument: 'phq-9',
      responses,
    });
  });
  if (spec.ending !== null) run({ type: 'end-course', date: day(400), outcome: spec.ending });
  if (state === null) throw new Error('no course');
  return state;
}

const cohortArbitrary = fc
  .array(specArbitrary, { maxLength: 8 })
  .map((specs) => specs.map((spec, index) => build(spec, `c${index}`)));

function expectRate(rate: CohortRate): void {
  expect(rate.count).toBeGreaterThanOrEqual(0);
  expect(rate.count).toBeLessThanOrEqual(rate.denominator);
  if (rate.denominator === 0) {
    expect(rate.estimate).toBeNull();
    expect(rate.interval).toBeNull();
    return;
  }
  const { estimate, interval } = rate;
  expect(estimate).not.toBeNull();
  expect(interval).not.toBeNull();
  if (estimate === null || interval === null) return;
  expect(estimate).toBeGreaterThanOrEqual(0);
  expect(estimate).toBeLessThanOrEqual(1);
  expect(interval.lower).toBeGreaterThanOrEqual(0);
  expect(interval.upper).toBeLessThanOrEqual(1);
  expect(interval.lower).toBeLessThanOrEqual(estimate);
  expect(interval.upper).toBeGreaterThanOrEqual(estimate);
}

function sum(values: Readonly<Record<string, number>>): number {
  return Object.values(values).reduce((total, count) => total + count, 0);
}

/** The parts of a summary that do not depend on the order of the courses (exact counts). */
function counts(summary: CohortSummary) {
  return {
    courses: summary.courses,
    ended: summary.ended,
    primaryFocus: summary.primaryFocus,
    min: summary.sessionsAttended.min,
    max: summary.sessionsAttended.max,
    withOutcome: summary.outcomes.withOutcome,
    response: summary.outcomes.response,
    remission: summary.outcomes.remission,
    reliableImprovement: summary.outcomes.reliableImprovement,
    categories: summary.outcomes.categories,
  };
}

function expectCloseMoments(left: CohortSummary, right: CohortSummary): void {
  const pairs = [
    [left.sessionsAttended.mean, right.sessionsAttended.mean],
    [left.sessionsAttended.sd, right.sessionsAttended.sd],
    [left.outcomes.change.mean, right.outcomes.change.mean],
    [left.outcomes.change.sd, right.outcomes.change.sd],
    [left.outcomes.effectSize.value, right.outcomes.effectSize.value],
  ] as const;
  for (const [first, second] of pairs) {
    if (first === null || second === null) expect(first).toBe(second);
    else expect(first).toBeCloseTo(second, 9);
  }
}

describe('summarizeCohort (properties)', () => {
  it('keeps every rate in [0, 1] with its interval containing it, and counts consistent', () => {
    fc.assert(
      fc.property(cohortArbitrary, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (courses, level) => {
        const summary = summarizeCohort(courses, { level });
        const { ended, outcomes, sessionsAttended } = summary;
        for (const rate of [
          ended.completion,
          ended.dropout,
          outcomes.response,
          outcomes.remission,
          outcomes.reliableImprovement,
        ]) {
          expectRate(rate);
          if (rate.interval !== null) expect(rate.interval.level).toBe(level);
        }
        expect(summary.courses).toBe(courses.length);
        expect(sum(ended.byOutcome)).toBe(ended.count);
        expect(ended.completion.denominator).toBe(ended.count);
        expect(ended.count).toBeLessThanOrEqual(summary.courses);
        expect(sum(summary.primaryFocus)).toBe(summary.courses);
        expect(outcomes.withOutcome).toBeLessThanOrEqual(summary.courses);
        expect(sum(outcomes.categories)).toBe(outcomes.withOutcome);
        expect(outcomes.response.denominator).toBeLessThanOrEqual(outcomes.withOutcome);
        expect(outcomes.remission.denominator).toBeLessThanOrEqual(outcomes.withOutcome);
        expect(outcomes.change.n).toBe(outcomes.withOutcome);
        expect(sessionsAttended.n).toBe(summary.courses);
        if (sessionsAttended.mean !== null) {
          expect(sessionsAttended.mean).toBeGreaterThanOrEqual(sessionsAttended.min! - 1e-9);
          expect(sessionsAttended.mean).toBeLessThanOrEqual(sessionsAttended.max! + 1e-9);
        }
        const { value, interval } = outcomes.effectSize;
        if (value !== null && interval !== null) {
          expect(interval.lower).toBeLessThanOrEqual(value);
          expect(interval.upper).toBeGreaterThanOrEqual(value);
        }
        expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
      }),
      { numRuns: 60 },
    );
  });

  it('does not depend on the order of the courses', () => {
    fc.assert(
      fc.property(
        cohortArbitrary.chain((courses) =>
          fc.tuple(
            fc.constant(courses),
            fc.shuffledSubarray(courses, { minLength: courses.length, maxLength: courses.length }),
          ),
        ),
        ([courses, shuffled]) => {
          const first = summarizeCohort(courses);
          const second = summarizeCohort(shuffled);
          expect(counts(second)).toEqual(counts(first));
          expectCloseMoments(first, second);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('merging accumulators over any split equals summarising the whole', () => {
    fc.assert(
      fc.property(
        cohortArbitrary.chain((courses) =>
          fc.tuple(fc.constant(courses), fc.nat({ max: courses.length })),
        ),
        ([courses, cut]) => {
          const left = createCohortAccumulator();
          const right = createCohortAccumulator();
          courses.slice(0, cut).forEach((course) => {
            left.add(course);
          });
          courses.slice(cut).forEach((course) => {
            right.add(course);
          });
          expect(left.merge(right).ok).toBe(true);
          const whole = summarizeCohort(courses);
          expect(counts(left.summary())).toEqual(counts(whole));
          expectCloseMoments(left.summary(), whole);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('does not care about course ids: copies sharing structure under new ids count again', () => {
    fc.assert(
      fc.property(cohortArbitrary, fc.integer({ min: 1, max: 3 }), (courses, copies) => {
        const many = Array.from({ length: copies }, (_, copy) =>
          courses.map((course) => ({
            ...course,
            courseId: `${course.courseId}-${copy}` as typeof course.courseId,
          })),
        ).flat();
        const once = summarizeCohort(courses);
        const repeated = summarizeCohort(many);
        expect(repeated.courses).toBe(once.courses * copies);
        expect(repeated.outcomes.withOutcome).toBe(once.outcomes.withOutcome * copies);
        expect(repeated.ended.completion.count).toBe(once.ended.completion.count * copies);
        if (once.outcomes.change.mean !== null) {
          expect(repeated.outcomes.change.mean).toBeCloseTo(once.outcomes.change.mean, 9);
        }
      }),
      { numRuns: 20 },
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Valid courses mixed with junk (issue #9). Junk is anything fast-check makes, or a valid course
// with one field broken; whether a broken course is still valid is asked of the zod schema itself
// and of the invariant check (course/invariants.ts).
// ------------------------------------------------------------------------------------------------

interface Entry {
  readonly value: unknown;
  readonly valid: boolean;
}

const validEntry: fc.Arbitrary<Entry> = fc
  .tuple(specArbitrary, fc.nat(99))
  .map(([spec, id]) => ({ value: build(spec, `v${id}`), valid: true }));

const junkEntry: fc.Arbitrary<Entry> = fc
  .anything({
    maxDepth: 2,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
  })
  .map((value) => ({ value, valid: false }));

const brokenEntry: fc.Arbitrary<Entry> = fc
  .tuple(specArbitrary, fc.nat(), fc.nat())
  .map(([spec, pathPick, mutationPick]) => {
    const document = asJson(build(spec, 'broken'));
    const paths = pathsOf(document);
    const path = paths[pathPick % paths.length] ?? [];
    const mutations = mutationsAt(document, path);
    const mutation = mutations[mutationPick % Math.max(1, mutations.length)];
    const value = mutation === undefined ? null : mutation.apply(document);
    const parsed = Course.safeParse(value);
    // Valid: the schema takes it and it keeps the invariants of a course the rules built.
    return {
      value,
      valid: parsed.success && courseInvariantIssues(parsed.data).length === 0,
    };
  });

const mixArbitrary = fc.array(fc.oneof(validEntry, validEntry, junkEntry, brokenEntry), {
  maxLength: 10,
});

function withoutRejected(summary: CohortSummary): Omit<CohortSummary, 'rejected'> {
  const { rejected: _rejected, ...rest } = summary;
  return rest;
}

describe('summarizeCohort on valid courses mixed with junk (properties)', () => {
  it('summarises the valid ones exactly as alone, and rejects every other entry by position', () => {
    fc.assert(
      fc.property(mixArbitrary, fc.constantFrom(0.9, 0.95), (entries, level) => {
        const summary = summarizeCohort(entries.map((entry) => entry.value) as never, { level });
        const valid = entries.filter((entry) => entry.valid).map((entry) => entry.value);
        const alone = summarizeCohort(valid as never, { level });
        expect(withoutRejected(summary)).toEqual(withoutRejected(alone));
        expect(alone.rejected).toEqual({ count: 0, courses: [] });
        const junk = entries.flatMap((entry, index) => (entry.valid ? [] : [index]));
        expect(summary.rejected.count).toBe(junk.length);
        expect(summary.rejected.courses.map((rejection) => rejection.index)).toEqual(junk);
        for (const rejection of summary.rejected.courses) {
          expect(rejection.issues.length).toBeGreaterThan(0);
          expect(rejection.issues.length).toBeLessThanOrEqual(Math.min(20, rejection.issueCount));
        }
        for (const rate of [
          summary.ended.completion,
          summary.ended.dropout,
          summary.outcomes.response,
          summary.outcomes.remission,
          summary.outcomes.reliableImprovement,
        ]) {
          expectRate(rate);
        }
        expect(CohortSummarySchema.safeParse(summary).success).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('an accumulator’s add agrees with summarizeCohort, and merges keep every position', () => {
    fc.assert(
      fc.property(
        mixArbitrary.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.nat({ max: entries.length })),
        ),
        ([entries, cut]) => {
          const values = entries.map((entry) => entry.value);
          const left = createCohortAccumulator();
          const right = createCohortAccumulator();
          values.slice(0, cut).forEach((value, index) => {
            expect(left.add(value as never)).toBe(entries[index]?.valid);
          });
          values.slice(cut).forEach((value) => {
            right.add(value as never);
          });
          expect(left.merge(right).ok).toBe(true);
          const whole = summarizeCohort(values as never);
          expect(left.summary().rejected).toEqual(whole.rejected);
          expect(counts(left.summary())).toEqual(counts(whole));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('summarises valid courses brought as plain JSON exactly as the courses themselves', () => {
    fc.assert(
      fc.property(cohortArbitrary, (courses) => {
        expect(summarizeCohort(courses.map(asJson) as never)).toEqual(summarizeCohort(courses));
        const trusted = createCohortAccumulator();
        for (const course of courses) addTrustedCourse(trusted, course);
        expect(trusted.summary()).toEqual(summarizeCohort(courses));
      }),
      { numRuns: 30 },
    );
  });
});
