import { describe, expect, test } from 'vitest';
import { replay } from '../course/replay.js';
import { syntheticCohort } from './synthetic-cohort.js';

describe('syntheticCohort', () => {
  test('the same seed gives the same cohort; another seed another one', () => {
    const first = syntheticCohort({ seed: 11, size: 20 });
    expect(JSON.stringify(syntheticCohort(11, 20))).toBe(JSON.stringify(first));
    expect(JSON.stringify(syntheticCohort(12, 20))).not.toBe(JSON.stringify(first));
  });

  test('seed 2026 still gives the cohort it gave when first published (pipelines name data by seed)', () => {
    // A regression pin: event counts and PHQ-9 totals [KROENKE01] of the first ten courses.
    const cohort = syntheticCohort({ seed: 2026, size: 10 });
    expect(cohort.map((course) => course.events.length)).toEqual([
      22, 26, 26, 26, 26, 15, 26, 31, 16, 26,
    ]);
    expect(
      cohort.map((course) =>
        Object.values(course.state.measures)
          .map((measure) => measure.score.total)
          .join('/'),
      ),
    ).toEqual([
      '21/19/18',
      '18/14/9/5',
      '14/8/7/2',
      '10/9/4/3',
      '24/16/9/7',
      '17/11',
      '17/11/9/8',
      '20/18/18/15/14',
      '24/23',
      '11/10/11/10',
    ]);
  });

  test('a dropout rate of 0 or 1 makes every course complete or drop out', () => {
    const outcomes = (rate: number) =>
      new Set(
        syntheticCohort({ seed: 4, size: 30, dropoutRate: rate }).map(
          (course) => course.state.outcome?.outcome,
        ),
      );
    expect([...outcomes(0)]).toEqual(['completed']);
    expect([...outcomes(1)]).toEqual(['dropped-out']);
  });

  test('every course replays from its own events to its own state, and is frozen', () => {
    for (const course of syntheticCohort(3, 15)) {
      const rebuilt = replay(JSON.parse(JSON.stringify(course.events)));
      expect(rebuilt.ok && rebuilt.value).toStrictEqual(course.state);
      expect(Object.isFrozen(course.events)).toBe(true);
      expect(Object.isFrozen(course.state)).toBe(true);
    }
  });

  test('courses end completed or dropped out, with PHQ-9 scores in range and no open risk flag', () => {
    const outcomes = new Set<string>();
    for (const { state } of syntheticCohort(5, 60)) {
      outcomes.add(state.outcome?.outcome ?? 'running');
      for (const measure of Object.values(state.measures)) {
        expect(measure.score.total).toBeGreaterThanOrEqual(0);
        expect(measure.score.total).toBeLessThanOrEqual(27);
      }
      expect(Object.values(state.riskFlags).every((flag) => flag.acknowledged !== null)).toBe(true);
    }
    expect([...outcomes].sort()).toEqual(['completed', 'dropped-out']);
  });

  test('odd seeds and sizes never throw', () => {
    expect(syntheticCohort(1e21, 2)).toHaveLength(2);
    expect(syntheticCohort(Number.NaN, 1)).toHaveLength(1);
    expect(syntheticCohort(-5, -3)).toHaveLength(0);
    expect(
      syntheticCohort({ seed: 1, size: Number.POSITIVE_INFINITY, dropoutRate: Number.NaN }),
    ).toHaveLength(0);
  });
});
