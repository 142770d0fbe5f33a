import * as z from 'zod';
import { CourseInstrumentId, CourseOutcome } from '../../course/commands.js';
import { KEBAB_CASE } from '../../internal/issues.js';
import { ProblemArea } from '../../problem-area/problem-areas.js';

const Count = z.int().min(0);
const Level = z.number().gt(0).lt(1);
const Proportion = z.number().min(0).max(1);

/** An object with a count under each of the keys, and no other key. */
function countsOf<const TKey extends string>(keys: readonly TKey[]) {
  return z.strictObject(
    Object.fromEntries(keys.map((key) => [key, Count])) as Record<TKey, typeof Count>,
  );
}

const Interval = z.strictObject({ level: Level, lower: z.number(), upper: z.number() });

const CohortRate = z.strictObject({
  count: Count,
  denominator: Count,
  estimate: Proportion.nullable(),
  interval: z.strictObject({ level: Level, lower: Proportion, upper: Proportion }).nullable(),
});

const meanShape = {
  mean: z.number().nullable(),
  sd: z.number().min(0).nullable(),
  n: Count,
  interval: Interval.nullable(),
};

/** A problem with a rejected course: a stable code and a path of keys and indexes, no text. */
const CohortIssue = z.strictObject({
  code: z.string().regex(KEBAB_CASE).max(100),
  path: z.array(z.union([z.string().min(1).max(128), Count])).max(100),
});

const Rejected = z.strictObject({
  count: Count,
  courses: z
    .array(
      z.strictObject({
        index: Count.nullable(),
        issues: z.array(CohortIssue).min(1).max(20),
        issueCount: z.int().min(1),
      }),
    )
    .max(100),
});

const Criterion = z.strictObject({
  name: z.string(),
  rule: z.string(),
  value: z.number(),
  source: z.array(z.string()),
  unconfirmed: z.boolean().optional(),
  origin: z.enum(['default', 'option']),
});

/**
 * The schema of a `CohortSummary` (what `summarizeCohort` returns and
 * `iptkit summarize --format json` prints under `summary`), so a summary can be stored, sent and
 * checked elsewhere. Every rate has its count and denominator, every interval its level; numbers
 * are numbers, and `null` stands where a figure cannot be computed. `rejected` lists the courses
 * left out as invalid by position, issue code and path only.
 * @see IPT reference 7.4 - 7.5
 * @category Interop
 */
export const CohortSummarySchema = z.strictObject({
  instrument: CourseInstrumentId,
  level: Level,
  courses: Count,
  rejected: Rejected,
  ended: z.strictObject({
    count: Count,
    byOutcome: countsOf(CourseOutcome.options),
    completion: CohortRate,
    dropout: CohortRate,
  }),
  sessionsAttended: z.strictObject({
    ...meanShape,
    min: z.number().nullable(),
    max: z.number().nullable(),
  }),
  primaryFocus: countsOf([...ProblemArea.options, 'none']),
  outcomes: z.strictObject({
    withOutcome: Count,
    notComputed: z.record(z.string().min(1).max(100), Count),
    response: CohortRate,
    remission: CohortRate,
    reliableImprovement: CohortRate,
    categories: countsOf(['recovered', 'improved', 'unchanged', 'deteriorated', 'unclassified']),
    change: z.strictObject(meanShape),
    effectSize: z.strictObject({
      name: z.literal('d_z'),
      value: z.number().nullable(),
      interval: Interval.nullable(),
      n: Count,
    }),
    criteria: z.array(Criterion).nullable(),
    criteriaDiffer: z.boolean(),
  }),
});
