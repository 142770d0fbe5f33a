import { describe, expect, expectTypeOf, test } from 'vitest';
import type * as z from 'zod';
import { summarizeCohort, type CohortSummary } from '../../analysis/cohort.js';
import type { DeepReadonly } from '../../internal/deep-freeze.js';
import { syntheticCohort } from '../../testing/synthetic-cohort.js';
import { CohortSummarySchema } from './cohort-summary.js';

const states = syntheticCohort({ seed: 99, size: 40 }).map((course) => course.state);

describe('CohortSummarySchema', () => {
  test.each([
    ['an empty cohort', () => summarizeCohort([])],
    ['one course', () => summarizeCohort(states.slice(0, 1))],
    ['a synthetic cohort', () => summarizeCohort(states)],
    ['GAD-7 at the 90% level', () => summarizeCohort(states, { instrument: 'gad-7', level: 0.9 })],
    ['HAM-D-17', () => summarizeCohort(states, { instrument: 'hamd-17' })],
    [
      'with Jacobson-Truax categories',
      () => summarizeCohort(states, { outcome: { reliableChange: { sd: 5, reliability: 0.84 } } }),
    ],
  ])('summarizeCohort output passes it: %s', (_label, summarize) => {
    const summary = summarize();
    const parsed = CohortSummarySchema.safeParse(summary);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // As JSON too (what `iptkit summarize --format json` prints).
    expect(CohortSummarySchema.safeParse(JSON.parse(JSON.stringify(summary))).success).toBe(true);
  });

  test('refuses a rate as text, a missing count and an unknown key', () => {
    const summary = JSON.parse(JSON.stringify(summarizeCohort(states))) as Record<string, unknown>;
    expect(CohortSummarySchema.safeParse({ ...summary, courses: '40' }).success).toBe(false);
    const { level: _level, ...withoutLevel } = summary;
    expect(CohortSummarySchema.safeParse(withoutLevel).success).toBe(false);
    expect(CohortSummarySchema.safeParse({ ...summary, extra: 1 }).success).toBe(false);
  });

  test('its type is the CohortSummary interface', () => {
    expectTypeOf<DeepReadonly<z.output<typeof CohortSummarySchema>>>().toExtend<CohortSummary>();
    expectTypeOf<CohortSummary>().toExtend<DeepReadonly<z.output<typeof CohortSummarySchema>>>();
  });
});
