import { describe, expect, expectTypeOf, test } from 'vitest';
import type * as z from 'zod';
import { disagreement, verdict } from '../../../test/support/json-schema.js';
import { allMutations, asJson } from '../../../test/support/mutations.js';
import { summarizeCohort, type CohortSummary } from '../../analysis/cohort.js';
import type { DeepReadonly } from '../../internal/deep-freeze.js';
import { syntheticCohort } from '../../testing/synthetic-cohort.js';
import { CohortSummarySchema } from './cohort-summary.js';

const states = syntheticCohort({ seed: 99, size: 40 }).map((course) => course.state);

/** A cohort with junk in it: null, an empty object, a course with a broken field, a long list. */
function withJunk(): unknown[] {
  const broken = JSON.parse(JSON.stringify(states[0])) as Record<string, unknown>;
  broken.sessionCount = -1;
  const many = JSON.parse(JSON.stringify(states[1])) as Record<string, unknown>;
  many.sessions = Object.fromEntries(
    Array.from({ length: 25 }, (_, index) => [`s${index}`, index]),
  );
  return [...states.slice(0, 5), null, {}, broken, many, ...Array.from({ length: 110 }, () => 1)];
}

function* failingAfterTwo() {
  yield states[0];
  yield states[1];
  throw new Error('cut');
}

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
    ['with rejected courses, listed and counted', () => summarizeCohort(withJunk() as never)],
    ['a value that is not a list', () => summarizeCohort(42 as never)],
    ['a list that fails while read', () => summarizeCohort(failingAfterTwo() as never)],
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

  test('the rejected part is capped as documented: 100 courses listed, 20 issues each', () => {
    const summary = summarizeCohort(withJunk() as never);
    expect(summary.rejected.count).toBe(114);
    expect(summary.rejected.courses).toHaveLength(100);
    expect(summary.rejected.courses[3]?.issues).toHaveLength(20);
    expect(summary.rejected.courses[3]?.issueCount).toBe(25);
    const tooMany = JSON.parse(JSON.stringify(summary)) as { rejected: { courses: unknown[] } };
    tooMany.rejected.courses.push(tooMany.rejected.courses[0]);
    expect(CohortSummarySchema.safeParse(tooMany).success).toBe(false);
    const textInPath = JSON.parse(JSON.stringify(summary)) as {
      rejected: { courses: { issues: { code: string }[] }[] };
    };
    textInPath.rejected.courses[0]!.issues[0]!.code = 'Not a code';
    expect(CohortSummarySchema.safeParse(textInPath).success).toBe(false);
  });

  test('zod and the published JSON Schema agree on every mutation of a rejected part', () => {
    const summary = summarizeCohort([states[0], null, { courseId: 'c' }, 'x'] as never);
    const document = asJson(summary);
    const mutations = allMutations(document, (path) => path.length > 0 && path[0] !== 'rejected');
    expect(mutations.length).toBeGreaterThan(50);
    let refused = 0;
    for (const mutation of mutations) {
      const found = verdict('cohort-summary', mutation.apply(document));
      expect(
        disagreement(found),
        `${mutation.kind} at /${mutation.path.join('/')}`,
      ).toBeUndefined();
      if (found.zod !== 'valid') refused += 1;
    }
    expect(refused).toBeGreaterThan(20);
  });

  test('its type is the CohortSummary interface', () => {
    expectTypeOf<DeepReadonly<z.output<typeof CohortSummarySchema>>>().toExtend<CohortSummary>();
    expectTypeOf<CohortSummary>().toExtend<DeepReadonly<z.output<typeof CohortSummarySchema>>>();
  });
});
