/*
 * Standardized mean differences, named as in the R package `effectsize`: Cohen's d and Hedges' g
 * for two independent groups, and d_z and d_av for repeated measures (pre and post of the same
 * people). Every function validates its input and never throws.
 */
import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { err, ok, type Result } from '../internal/result.js';
import {
  addToMoments,
  emptyMoments,
  logBeta,
  noncentralityInterval,
  normalQuantile,
  sampleVariance,
  type Interval,
  type RunningMoments,
} from './stats.js';

/** Samples may be as long as their schemas allow (10 million values), above the default limits. */
const SAMPLE_LIMITS = { limits: { maxArrayLength: 10_000_000 } } as const;

/** ln Γ(1/2) = ln √π. */
const LOG_GAMMA_HALF = 0.5723649429247001;

/**
 * A standardized mean difference with its confidence interval.
 *
 * - `Cohens_d`: (mean1 - mean2) / pooled SD; CI by inverting the noncentral t distribution.
 * - `Hedges_g`: Cohen's d times the exact small-sample correction J(df) (see `correction`); the CI
 *   bounds are multiplied by the same J.
 * - `d_z`: mean(post - pre) / SD(post - pre); CI by inverting the noncentral t distribution with
 *   n - 1 degrees of freedom.
 * - `d_av`: mean(post - pre) / ((SD_pre + SD_post) / 2); normal-approximation CI.
 *
 * `n` is the number of values (both groups together) or of pairs.
 * @category Analysis
 */
export interface EffectSize {
  readonly name: 'Cohens_d' | 'Hedges_g' | 'd_z' | 'd_av';
  readonly estimate: number;
  readonly ci: Interval | null;
  readonly n: number;
  /**
   * How the interval was computed: `'noncentral-t'` (exact under normality, as R's `effectsize`
   * does for Cohen's d) or `'normal'` (estimate ± z · SE).
   */
  readonly ciMethod: 'noncentral-t' | 'normal';
  /** Degrees of freedom: n1 + n2 - 2 for two groups, n - 1 for pairs. */
  readonly df: number;
  /** The small-sample correction applied (Hedges' g only), else `null`. */
  readonly correction: { readonly method: 'hedges-exact-gamma'; readonly factor: number } | null;
}

const Values = z.array(z.number()).max(10_000_000);
const Level = z.number().gt(0).lt(1);

const TwoGroups = z.strictObject({ group1: Values, group2: Values, level: Level });
const Paired = z.strictObject({ pre: Values, post: Values, level: Level });

function fold(values: readonly number[]): RunningMoments {
  let moments = emptyMoments;
  for (const value of values) moments = addToMoments(moments, value);
  return moments;
}

function failure(issues: readonly Issue[]): Result<never, ValidationError> {
  return err(validationError(issues));
}

function zeroVariance(): Result<never, ValidationError> {
  return failure([
    issue('zero-variance', [], 'the values do not vary, so a standardized difference is undefined'),
  ]);
}

/**
 * Hedges' exact small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df - 1)/2)), computed as
 * exp(ln Γ(1/2) - ln B((df - 1)/2, 1/2) - ½ ln(df/2)). For df = 4 it is √(2/π) ≈ 0.79788; the
 * common approximation 1 - 3/(4·df - 1) gives 0.8.
 * @param df - Degrees of freedom, > 1.
 * @returns The factor, in (0, 1).
 * @see Hedges, "Distribution theory for Glass's estimator of effect size and related estimators",
 * Journal of Educational Statistics 6(2):107-128 (1981)
 * @category Analysis
 */
export function hedgesCorrection(df: number): number {
  if (!(df > 1)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return 1;
  return Math.exp(LOG_GAMMA_HALF - logBeta((df - 1) / 2, 0.5) - 0.5 * Math.log(df / 2));
}

interface TwoGroupParts {
  readonly d: number;
  readonly n1: number;
  readonly n2: number;
  readonly df: number;
  readonly level: number;
}

function twoGroupParts(
  group1: unknown,
  group2: unknown,
  level: unknown,
): Result<TwoGroupParts, ValidationError> {
  const parsed = safeParseWith(TwoGroups, { group1, group2, level: level ?? 0.95 }, SAMPLE_LIMITS);
  if (!parsed.ok) return parsed;
  const { group1: first, group2: second } = parsed.value;
  const issues: Issue[] = [];
  if (first.length < 2) issues.push(issue('too-few-values', ['group1'], 'needs at least 2 values'));
  if (second.length < 2)
    issues.push(issue('too-few-values', ['group2'], 'needs at least 2 values'));
  if (issues.length > 0) return failure(issues);
  const left = fold(first);
  const right = fold(second);
  const n1 = left.count;
  const n2 = right.count;
  const df = n1 + n2 - 2;
  const pooled = Math.sqrt((left.m2 + right.m2) / df);
  if (!(pooled > 0)) return zeroVariance();
  const d = (left.mean - right.mean) / pooled;
  if (!Number.isFinite(d))
    return failure([issue('not-finite', [], 'the difference is not finite')]);
  return ok({ d, n1, n2, df, level: parsed.value.level });
}

function twoGroupInterval(parts: TwoGroupParts, factor: number): Interval | null {
  const scale = Math.sqrt(1 / parts.n1 + 1 / parts.n2);
  const ncp = noncentralityInterval(parts.d / scale, parts.df, parts.level);
  if (ncp === null) return null;
  return {
    level: parts.level,
    lower: ncp.lower * scale * factor,
    upper: ncp.upper * scale * factor,
  };
}

/**
 * Cohen's d for two independent groups: (mean1 - mean2) / pooled SD, where the pooled variance is
 * (SS1 + SS2) / (n1 + n2 - 2). Its confidence interval inverts the noncentral t distribution of
 * t = d / √(1/n1 + 1/n2) with n1 + n2 - 2 degrees of freedom, as R's `effectsize::cohens_d` does.
 * @param group1 - Values of the first group (at least 2, finite).
 * @param group2 - Values of the second group (at least 2, finite).
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The effect size, frozen, or the problems found (paths `group1`, `group2`, `level`;
 * `zero-variance` when no group varies).
 * @example
 * ```ts
 * cohensD([2, 4, 6], [1, 2, 3]); // estimate 2 / √2.5 ≈ 1.2649
 * ```
 * @see Cohen, Statistical Power Analysis for the Behavioral Sciences (2nd ed., 1988); R package
 * `effectsize`, `cohens_d`
 * @category Analysis
 */
export function cohensD(
  group1: readonly number[],
  group2: readonly number[],
  level?: number,
): Result<EffectSize, ValidationError> {
  const parts = twoGroupParts(group1, group2, level);
  if (!parts.ok) return parts;
  return ok(
    deepFreeze({
      name: 'Cohens_d' as const,
      estimate: parts.value.d,
      ci: twoGroupInterval(parts.value, 1),
      n: parts.value.n1 + parts.value.n2,
      ciMethod: 'noncentral-t' as const,
      df: parts.value.df,
      correction: null,
    }),
  );
}

/**
 * Hedges' g: Cohen's d times the exact small-sample correction
 * J = Γ(df/2) / (√(df/2) · Γ((df - 1)/2)) with df = n1 + n2 - 2 (see {@link hedgesCorrection});
 * the noncentral-t interval of d is multiplied by the same J, as R's `effectsize::hedges_g` does.
 * @param group1 - Values of the first group (at least 2, finite).
 * @param group2 - Values of the second group (at least 2, finite).
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The effect size with the factor used, frozen, or the problems found.
 * @example
 * ```ts
 * hedgesG([2, 4, 6], [1, 2, 3]); // 1.2649 · √(2/π) ≈ 1.0093
 * ```
 * @see Hedges, Journal of Educational Statistics 6(2):107-128 (1981); Hedges & Olkin,
 * Statistical Methods for Meta-Analysis (1985)
 * @category Analysis
 */
export function hedgesG(
  group1: readonly number[],
  group2: readonly number[],
  level?: number,
): Result<EffectSize, ValidationError> {
  const parts = twoGroupParts(group1, group2, level);
  if (!parts.ok) return parts;
  const factor = hedgesCorrection(parts.value.df);
  return ok(
    deepFreeze({
      name: 'Hedges_g' as const,
      estimate: parts.value.d * factor,
      ci: twoGroupInterval(parts.value, factor),
      n: parts.value.n1 + parts.value.n2,
      ciMethod: 'noncentral-t' as const,
      df: parts.value.df,
      correction: { method: 'hedges-exact-gamma' as const, factor },
    }),
  );
}

interface PairedParts {
  readonly differences: RunningMoments;
  readonly pre: RunningMoments;
  readonly post: RunningMoments;
  readonly level: number;
}

function pairedParts(
  pre: unknown,
  post: unknown,
  level: unknown,
): Result<PairedParts, ValidationError> {
  const parsed = safeParseWith(Paired, { pre, post, level: level ?? 0.95 }, SAMPLE_LIMITS);
  if (!parsed.ok) return parsed;
  const { pre: before, post: after } = parsed.value;
  if (before.length !== after.length) {
    return failure([issue('length-mismatch', ['post'], 'must have as many values as pre')]);
  }
  if (before.length < 2)
    return failure([issue('too-few-values', ['pre'], 'needs at least 2 pairs')]);
  let differences = emptyMoments;
  before.forEach((value, index) => {
    differences = addToMoments(differences, (after[index] ?? Number.NaN) - value);
  });
  return ok({ differences, pre: fold(before), post: fold(after), level: parsed.value.level });
}

function dz(differences: RunningMoments, level: number): Result<EffectSize, ValidationError> {
  const variance = sampleVariance(differences);
  if (variance === null || !(variance > 0)) return zeroVariance();
  const n = differences.count;
  const estimate = differences.mean / Math.sqrt(variance);
  if (!Number.isFinite(estimate)) {
    return failure([issue('not-finite', [], 'the difference is not finite')]);
  }
  const scale = Math.sqrt(n);
  const ncp = noncentralityInterval(estimate * scale, n - 1, level);
  return ok(
    deepFreeze({
      name: 'd_z' as const,
      estimate,
      ci: ncp === null ? null : { level, lower: ncp.lower / scale, upper: ncp.upper / scale },
      n,
      ciMethod: 'noncentral-t' as const,
      df: n - 1,
      correction: null,
    }),
  );
}

/**
 * d_z for repeated measures: the mean of the differences post - pre over their SD (Cohen 1988;
 * `effectsize::repeated_measures_d(method = "z", adjust = FALSE)` for the estimate). The interval
 * inverts the noncentral t distribution of t = d_z · √n with n - 1 degrees of freedom (exact under
 * normality; `repeated_measures_d` itself uses a normal approximation with
 * SE = √(1/n + d²/(2n)), so its interval differs slightly). On PHQ-9 a negative d_z is improvement.
 * @param pre - Scores before (at least 2, finite).
 * @param post - Scores after, in the same order (same length).
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The effect size, frozen, or the problems found (`length-mismatch`, `too-few-values`,
 * `zero-variance`, paths `pre`, `post`, `level`).
 * @example
 * ```ts
 * cohensDz([20, 18, 15, 22], [10, 12, 9, 8]); // differences -10, -6, -6, -14: d_z = -9 / √14.667
 * ```
 * @see Cohen (1988) p. 48; Lakens, "Calculating and reporting effect sizes", Frontiers in
 * Psychology 4:863 (2013)
 * @category Analysis
 */
export function cohensDz(
  pre: readonly number[],
  post: readonly number[],
  level?: number,
): Result<EffectSize, ValidationError> {
  const parts = pairedParts(pre, post, level);
  if (!parts.ok) return parts;
  return dz(parts.value.differences, parts.value.level);
}

/**
 * d_av for repeated measures: the mean of the differences post - pre over the average of the two
 * SDs, (SD_pre + SD_post) / 2 (Cumming 2012; Lakens 2013). R's `effectsize` (method `"av"`)
 * averages the variances instead, √((var_pre + var_post) / 2); the two agree when the SDs are
 * equal. The interval is normal: d_av ± z · SE with SE = SD(diff) / (√n · s_av) (Algina &
 * Keselman 2003, eq. 4, as `effectsize` uses).
 * @param pre - Scores before (at least 2, finite).
 * @param post - Scores after, in the same order (same length).
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The effect size, frozen, or the problems found.
 * @example
 * ```ts
 * cohensDav([1, 2, 3], [3, 5, 7]); // mean difference 3, SDs 1 and 2: d_av = 3 / 1.5 = 2
 * ```
 * @see Cumming, Understanding the New Statistics (2012); Algina & Keselman, Educational and
 * Psychological Measurement 63(4):537-553 (2003)
 * @category Analysis
 */
export function cohensDav(
  pre: readonly number[],
  post: readonly number[],
  level?: number,
): Result<EffectSize, ValidationError> {
  const parts = pairedParts(pre, post, level);
  if (!parts.ok) return parts;
  const { differences, level: chosen } = parts.value;
  const sdPre = Math.sqrt(sampleVariance(parts.value.pre) ?? 0);
  const sdPost = Math.sqrt(sampleVariance(parts.value.post) ?? 0);
  const average = (sdPre + sdPost) / 2;
  if (!(average > 0)) return zeroVariance();
  const n = differences.count;
  const estimate = differences.mean / average;
  if (!Number.isFinite(estimate)) {
    return failure([issue('not-finite', [], 'the difference is not finite')]);
  }
  const se = Math.sqrt(sampleVariance(differences) ?? 0) / (Math.sqrt(n) * average);
  const z = normalQuantile(1 - (1 - chosen) / 2);
  return ok(
    deepFreeze({
      name: 'd_av' as const,
      estimate,
      ci: { level: chosen, lower: estimate - z * se, upper: estimate + z * se },
      n,
      ciMethod: 'normal' as const,
      df: n - 1,
      correction: null,
    }),
  );
}

// Extra keys are ignored: a caller's moments may carry more than the three fields used.
const MomentsInput = z.object({
  count: z.int().min(2),
  mean: z.number(),
  m2: z.number().min(0),
});

const MomentsAndLevel = z.strictObject({ differences: MomentsInput, level: Level });

/**
 * d_z from streaming moments of the differences post - pre (for data that never sits in memory
 * whole): the same estimate and noncentral-t interval as {@link cohensDz}.
 * @param differences - {@link RunningMoments} of post - pre (count at least 2).
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The effect size, frozen, or the problems found (paths `differences.*`, `level`).
 * @example
 * ```ts
 * let moments = emptyMoments;
 * for (const [pre, post] of pairs) moments = addToMoments(moments, post - pre);
 * effectSizeFromMoments(moments);
 * ```
 * @category Analysis
 */
export function effectSizeFromMoments(
  differences: RunningMoments,
  level?: number,
): Result<EffectSize, ValidationError> {
  const parsed = safeParseWith(
    MomentsAndLevel,
    { differences, level: level ?? 0.95 },
    SAMPLE_LIMITS,
  );
  if (!parsed.ok) return parsed;
  return dz(parsed.value.differences, parsed.value.level);
}
