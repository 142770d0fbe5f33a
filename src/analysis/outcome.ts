/*
 * Outcomes of a course on one instrument: change from baseline, response, remission, reliable
 * improvement, the Jacobson & Truax reliable change index and clinical-significance category.
 * Every criterion applied is returned with its source; criteria that could not be applied are
 * listed with the reason.
 */
import * as z from 'zod';
import { courseInstruments } from '../course/scoring.js';
import type { Course, MeasureRecord } from '../course/state.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  validationError,
  type Issue,
  type IssuePath,
  type ValidationError,
} from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { err, ok, type Result } from '../internal/result.js';
import type { SourceKey } from '../sources/sources.js';

/** The |RCI| above which change is reliable at the 95% level [PSYCTC-RC] [TALKSTATS]. */
const RCI_THRESHOLD = 1.96;

const RCI_SOURCES: readonly SourceKey[] = ['PSYCTC-RC', 'JT91', 'TALKSTATS'];
const CUTOFF_SOURCES: readonly SourceKey[] = ['JT91', 'MCMILLAN', 'PSYOUT'];

/** Re-roots the issues of a failed parse under a path (such as `['options']`). */
function under(prefix: IssuePath, error: ValidationError): ValidationError {
  return validationError(
    error.issues.map((found: Issue) =>
      issue(found.code, [...prefix, ...found.path], found.message),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Reliable change (Jacobson & Truax)
// ---------------------------------------------------------------------------------------------

/**
 * What {@link reliableChangeIndex} needs: the two scores, the standard deviation of the measure
 * (usually of the pre-treatment sample or a normative one) and its reliability (test-retest or
 * internal consistency). `higherIsWorse` (default `true`, as for PHQ-9, GAD-7 and HAM-D) says in
 * which direction improvement lies.
 * @see IPT reference 7.5 [PSYCTC-RC] [JT91]
 * @category Analysis
 */
export const ReliableChangeInput = z.strictObject({
  pre: z.number(),
  post: z.number(),
  sd: z.number().positive(),
  reliability: z.number().min(0).lt(1),
  higherIsWorse: z.boolean().optional(),
  method: z.literal('jacobson-truax').optional(),
});
/** @category Analysis */
export type ReliableChangeInput = DeepReadonly<z.input<typeof ReliableChangeInput>>;

/**
 * The Jacobson & Truax reliable change index of one pair of scores, with everything it was
 * computed from (the SD and reliability must be stored with the result, reference invariant 13).
 * `pointsForReliableChange` is 1.96 · S_diff: a change must be larger than this many points to be
 * reliable.
 * @category Analysis
 */
export interface ReliableChange {
  readonly method: 'jacobson-truax';
  readonly rci: number;
  readonly sDiff: number;
  readonly threshold: 1.96;
  readonly reliable: boolean;
  readonly direction: 'improved' | 'deteriorated' | 'no-reliable-change';
  readonly sd: number;
  readonly reliability: number;
  readonly source: readonly string[];
  /** The scores compared. */
  readonly pre: number;
  readonly post: number;
  /** Whether higher scores mean more severe symptoms (the direction of improvement). */
  readonly higherIsWorse: boolean;
  /** The standard error of measurement, SD · √(1 - r). */
  readonly standardError: number;
  /** 1.96 · S_diff: the change in points that |post - pre| must exceed to be reliable. */
  readonly pointsForReliableChange: number;
}

/**
 * Computes the Jacobson & Truax reliable change index: S_diff = SD · √2 · √(1 - r),
 * RCI = (post - pre) / S_diff; change is reliable when |RCI| > 1.96. On a scale where higher is
 * worse a negative RCI is an improvement. Never throws: bad input (non-finite numbers, SD <= 0,
 * reliability outside [0, 1), unknown keys) gives a {@link ValidationError} with paths.
 * @param input - A {@link ReliableChangeInput}.
 * @returns The index with its SD, reliability and sources, frozen, or the problems found.
 * @example
 * ```ts
 * // PHQ-9 with SD 5.5 (IAPT intake) and r 0.89: S_diff ≈ 2.58, a change must exceed ≈ 5.1 points.
 * reliableChangeIndex({ pre: 18, post: 11, sd: 5.5, reliability: 0.89 });
 * // rci ≈ -2.71, reliable, direction 'improved'
 * ```
 * @see IPT reference 7.5 and 11 (invariant 13) [PSYCTC-RC] [JT91] [TALKSTATS]; alternative error
 * terms exist [MAASSEN]
 * @category Analysis
 */
export function reliableChangeIndex(input: unknown): Result<ReliableChange, ValidationError> {
  const parsed = safeParseWith(ReliableChangeInput, input);
  if (!parsed.ok) return parsed;
  const { pre, post, sd, reliability } = parsed.value;
  const higherIsWorse = parsed.value.higherIsWorse ?? true;
  const standardError = sd * Math.sqrt(1 - reliability);
  const sDiff = sd * Math.SQRT2 * Math.sqrt(1 - reliability);
  const rci = (post - pre) / sDiff;
  if (!Number.isFinite(rci)) {
    return err(
      validationError([
        issue('not-finite', [], 'the scores and SD give a change index that is not finite'),
      ]),
    );
  }
  const reliable = Math.abs(rci) > RCI_THRESHOLD;
  const better = higherIsWorse ? rci < 0 : rci > 0;
  const direction = !reliable ? 'no-reliable-change' : better ? 'improved' : 'deteriorated';
  return ok(
    deepFreeze({
      method: 'jacobson-truax' as const,
      rci,
      sDiff,
      threshold: RCI_THRESHOLD,
      reliable,
      direction,
      sd,
      reliability,
      source: [...RCI_SOURCES],
      pre,
      post,
      higherIsWorse,
      standardError,
      pointsForReliableChange: RCI_THRESHOLD * sDiff,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Clinical cut-offs
// ---------------------------------------------------------------------------------------------

const Distribution = z.strictObject({ mean: z.number(), sd: z.number().positive() });

/**
 * What {@link clinicalCutoffs} needs: the mean and SD of the clinical (dysfunctional) population,
 * optionally of a functional (normative) one, and the direction of the scale (default: higher is
 * worse).
 * @category Analysis
 */
export const ClinicalCutoffsInput = z.strictObject({
  clinical: Distribution,
  functional: Distribution.optional(),
  higherIsWorse: z.boolean().optional(),
});
/** @category Analysis */
export type ClinicalCutoffsInput = DeepReadonly<z.input<typeof ClinicalCutoffsInput>>;

/**
 * The three Jacobson & Truax cut-offs: `a` (two SDs beyond the clinical mean, toward health),
 * `b` (two SDs from the functional mean, toward dysfunction) and `c` (the point between the two
 * means weighted by their SDs). `b` and `c` are `null` without a functional population. The
 * formulas are marked UNCONFIRMED in the project's reference, hence `unconfirmed: true`.
 * @category Analysis
 */
export interface ClinicalCutoffs {
  readonly a: number;
  readonly b: number | null;
  readonly c: number | null;
  readonly source: readonly string[];
  readonly unconfirmed: true;
  /** The direction of the scale the cut-offs were computed for. */
  readonly higherIsWorse: boolean;
}

/**
 * Computes the Jacobson & Truax clinical-significance cut-offs. With higher scores worse:
 * a = M_clin - 2·SD_clin, b = M_func + 2·SD_func; with higher scores better the signs flip; in
 * both cases c = (SD_clin·M_func + SD_func·M_clin) / (SD_clin + SD_func) (preferred when the two
 * distributions overlap). Never throws.
 * @param input - A {@link ClinicalCutoffsInput}.
 * @returns The cut-offs, frozen, or the problems found (non-finite numbers, SD <= 0, unknown keys).
 * @example
 * ```ts
 * clinicalCutoffs({ clinical: { mean: 15.4, sd: 5.5 }, functional: { mean: 3, sd: 3 } });
 * // a = 4.4, b = 9, c = (5.5·3 + 3·15.4) / 8.5 ≈ 7.376
 * ```
 * @see IPT reference 7.5 (formulas UNCONFIRMED) [JT91] [MCMILLAN] [PSYOUT]
 * @category Analysis
 */
export function clinicalCutoffs(input: unknown): Result<ClinicalCutoffs, ValidationError> {
  const parsed = safeParseWith(ClinicalCutoffsInput, input);
  if (!parsed.ok) return parsed;
  const { clinical, functional } = parsed.value;
  const higherIsWorse = parsed.value.higherIsWorse ?? true;
  const sign = higherIsWorse ? 1 : -1;
  const a = clinical.mean - sign * 2 * clinical.sd;
  const b = functional === undefined ? null : functional.mean + sign * 2 * functional.sd;
  const c =
    functional === undefined
      ? null
      : (clinical.sd * functional.mean + functional.sd * clinical.mean) /
        (clinical.sd + functional.sd);
  const values = [a, b, c].filter((value): value is number => value !== null);
  if (!values.every(Number.isFinite)) {
    return err(
      validationError([
        issue('not-finite', [], 'the means and SDs give a cut-off that is not finite'),
      ]),
    );
  }
  return ok(
    deepFreeze({
      a,
      b,
      c,
      source: [...CUTOFF_SOURCES],
      unconfirmed: true as const,
      higherIsWorse,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Jacobson & Truax categories
// ---------------------------------------------------------------------------------------------

/**
 * The Jacobson & Truax outcome categories (names UNCONFIRMED verbatim in the project's
 * reference).
 * @category Analysis
 */
export type JacobsonTruaxCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated';

/**
 * Classifies a change: `recovered` = reliable improvement and the scores crossed the cut-off from
 * the dysfunctional to the functional side (pre on the dysfunctional side, post on the functional
 * side); `improved` = reliable improvement only; `deteriorated` = reliable deterioration;
 * otherwise `unchanged`. With higher scores worse the functional side is `score < cutoff` (so a
 * caseness threshold such as PHQ-9 >= 10 can be used as it is); with higher scores better it is
 * `score > cutoff`.
 * @param change - A reliable change from {@link reliableChangeIndex} (its `pre` is the start).
 * @param post - The final score (normally `change.post`).
 * @param cutoff - The cut-off between the dysfunctional and functional ranges.
 * @param higherIsWorse - Direction of the scale; defaults to the change's own.
 * @returns The category.
 * @example
 * ```ts
 * const change = reliableChangeIndex({ pre: 18, post: 8, sd: 5.5, reliability: 0.89 });
 * if (change.ok) jacobsonTruaxCategory(change.value, 8, 10); // 'recovered'
 * ```
 * @see IPT reference 7.5 [JT91] [SCHOLARGATE]
 * @category Analysis
 */
export function jacobsonTruaxCategory(
  change: ReliableChange,
  post: number,
  cutoff: number,
  higherIsWorse: boolean = change.higherIsWorse,
): JacobsonTruaxCategory {
  if (change.direction === 'deteriorated') return 'deteriorated';
  if (change.direction !== 'improved') return 'unchanged';
  const functional = (score: number) => (higherIsWorse ? score < cutoff : score > cutoff);
  const dysfunctional = (score: number) => (higherIsWorse ? score >= cutoff : score <= cutoff);
  return functional(post) && dysfunctional(change.pre) ? 'recovered' : 'improved';
}

// ---------------------------------------------------------------------------------------------
// Outcome of a course
// ---------------------------------------------------------------------------------------------

/**
 * Options of {@link outcome}. Only `instrument` is required; every other field has a per-instrument
 * default (set a field to `null` to switch that criterion off):
 *
 * | option | phq-9 | gad-7 | hamd-17 |
 * |---|---|---|---|
 * | `responseReduction` | 0.5 [KP20] | 0.5 (by analogy, marked unconfirmed) | 0.5 [KP20] |
 * | `remissionBelow` | 5, i.e. < 5 [KP20] | none (the reference gives none) | 8, i.e. <= 7 [FRANK91] UNCONFIRMED |
 * | `reliableImprovementPoints` | 6 [IAPT] | 4 [IAPT] | none |
 * | `clinicalCutoff` | 10 (caseness >= 10) [IAPT] | 8 (caseness >= 8) [IAPT] | none |
 * | `reliableChange` | none | none | none |
 *
 * `reliableChange` (the SD and reliability for the Jacobson & Truax RCI) has no default because
 * they belong to the population measured; the IAPT fixed-point criteria (PHQ-9 drop >= 6, GAD-7
 * drop >= 4) are available by default as `reliableImprovementPoints`. `baseline` is `'first'`
 * (the earliest scored measure) or `'first-before-middle'` (the same measure, but it must be dated
 * on or before the day the middle phase began, so that it is a true pre-treatment score);
 * `final` is the latest scored measure.
 * @see IPT reference 7.4, 7.5 and 11 (invariant 12)
 * @category Analysis
 */
export const OutcomeOptions = z.strictObject({
  instrument: z.enum(['phq-9', 'gad-7', 'hamd-17']),
  baseline: z.enum(['first', 'first-before-middle']).optional(),
  final: z.literal('last').optional(),
  responseReduction: z.number().gt(0).max(1).optional(),
  remissionBelow: z.number().nullable().optional(),
  reliableChange: z
    .strictObject({ sd: z.number().positive(), reliability: z.number().min(0).lt(1) })
    .nullable()
    .optional(),
  reliableImprovementPoints: z.number().positive().nullable().optional(),
  clinicalCutoff: z.number().nullable().optional(),
});
/** @category Analysis */
export type OutcomeOptions = DeepReadonly<z.input<typeof OutcomeOptions>>;

/**
 * One criterion an {@link Outcome} applied: its name, the rule in words, its threshold, the
 * sources it rests on, whether the reference marks it UNCONFIRMED, and whether the threshold is
 * iptkit's default or came from the options.
 * @category Analysis
 */
export interface Criterion {
  readonly name: string;
  readonly rule: string;
  readonly value: number;
  readonly source: readonly string[];
  readonly unconfirmed?: boolean;
  /** `'default'` when iptkit chose the threshold, `'option'` when the caller did. */
  readonly origin: 'default' | 'option';
}

/**
 * A criterion an {@link Outcome} could not apply, and why.
 * @category Analysis
 */
export interface CriterionNotApplied {
  readonly name: string;
  readonly reason: string;
}

/**
 * The outcome of a course on one instrument, derived from its first and last scored measures.
 * `change` is final - baseline (negative = fewer symptoms on these scales); `percentChange` is
 * 100 · change / baseline (`null` when the baseline is 0). A field is `null` when its criterion
 * is switched off or cannot be applied; `notApplied` says which and why.
 * @category Analysis
 */
export interface Outcome {
  readonly courseId: string;
  readonly instrument: string;
  readonly baseline: { readonly measureId: string; readonly date: string; readonly total: number };
  readonly final: { readonly measureId: string; readonly date: string; readonly total: number };
  /** How many scored measures of the instrument the course has. */
  readonly measures: number;
  /** How many measures of the instrument were skipped because their score is incomplete. */
  readonly skipped: number;
  readonly change: number;
  readonly percentChange: number | null;
  readonly response: boolean | null;
  readonly remission: boolean | null;
  readonly reliableImprovement: boolean | null;
  readonly reliableChange: ReliableChange | null;
  readonly category: JacobsonTruaxCategory | null;
  /** Whether the scores moved from the dysfunctional to the functional side of the cut-off. */
  readonly crossedCutoff: boolean | null;
  readonly criteria: readonly Criterion[];
  readonly notApplied: readonly CriterionNotApplied[];
}

type InstrumentId = 'phq-9' | 'gad-7' | 'hamd-17';

interface Defaults {
  readonly remissionBelow: number | null;
  readonly remission: { readonly rule: string; readonly source: readonly SourceKey[] } | null;
  readonly remissionUnconfirmed: boolean;
  readonly reliableImprovementPoints: number | null;
  readonly clinicalCutoff: number | null;
  readonly responseUnconfirmed: boolean;
}

const DEFAULTS: Readonly<Record<InstrumentId, Defaults>> = {
  'phq-9': {
    remissionBelow: 5,
    remission: { rule: 'PHQ-9 remission', source: ['KP20'] },
    remissionUnconfirmed: false,
    reliableImprovementPoints: 6,
    clinicalCutoff: 10,
    responseUnconfirmed: false,
  },
  'gad-7': {
    remissionBelow: null,
    remission: null,
    remissionUnconfirmed: false,
    reliableImprovementPoints: 4,
    clinicalCutoff: 8,
    responseUnconfirmed: true,
  },
  'hamd-17': {
    remissionBelow: 8,
    remission: { rule: 'HAM-D-17 remission (Frank et al. 1991)', source: ['FRANK91', 'IDS-QIDS'] },
    remissionUnconfirmed: true,
    reliableImprovementPoints: null,
    clinicalCutoff: null,
    responseUnconfirmed: false,
  },
};

const LABEL: Readonly<Record<InstrumentId, string>> = {
  'phq-9': 'PHQ-9',
  'gad-7': 'GAD-7',
  'hamd-17': 'HAM-D-17',
};

interface Scored {
  readonly measureId: string;
  readonly date: string;
  readonly total: number;
}

/** A value chosen by the options (a key present, even `null`) or else the default. */
function pick<TValue>(
  options: Readonly<Record<string, unknown>>,
  key: string,
  fallback: TValue,
): { readonly value: TValue; readonly origin: 'default' | 'option' } {
  return Object.hasOwn(options, key) && options[key] !== undefined
    ? { value: options[key] as TValue, origin: 'option' }
    : { value: fallback, origin: 'default' };
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1e6) / 1e4}%`;
}

/**
 * Derives the outcome of a course on one instrument from its first (baseline) and last (final)
 * scored measures: change, percent change, response (reduction >= 50% [KP20]), remission
 * (PHQ-9 < 5 [KP20]; HAM-D-17 <= 7 [FRANK91], threshold UNCONFIRMED), reliable improvement (IAPT
 * points, or the RCI when no points are set), the Jacobson & Truax RCI when an SD and reliability
 * are given, and the Jacobson & Truax category when there is also a cut-off. Measures whose score
 * is incomplete (total `null`) are skipped and counted in `skipped`. Every criterion used is in
 * `criteria` with its source; those not applied are in `notApplied` with the reason.
 *
 * Never throws. Errors: `too-few-measures` (fewer than two scored measures of the instrument),
 * `no-baseline-before-middle` (with `baseline: 'first-before-middle'`), problems in the options
 * (paths under `options`) and a course that is not an iptkit course (paths under `course`).
 * @param course - A started course.
 * @param options - Which instrument, and any criteria to change (see {@link OutcomeOptions}).
 * @returns The outcome, frozen, or the problems found.
 * @example
 * ```ts
 * const result = outcome(course, { instrument: 'phq-9' });
 * if (result.ok) console.log(result.value.response, result.value.remission);
 * ```
 * @see IPT reference 7.4, 7.5 and 11 (invariants 12-13) [KP20] [FRANK91] [IAPT] [PSYCTC-RC] [JT91]
 * @category Analysis
 */
export function outcome(
  course: DeepReadonly<Course>,
  options: OutcomeOptions,
): Result<Outcome, ValidationError> {
  return outcomeWith(checkedOptions(options), course, true);
}

type CheckedOptions = Result<DeepReadonly<z.output<typeof OutcomeOptions>>, ValidationError>;

function checkedOptions(options: OutcomeOptions): CheckedOptions {
  const parsed = safeParseWith(OutcomeOptions, options);
  return parsed.ok ? parsed : err(under(['options'], parsed.error));
}

function outcomeWith(
  options: CheckedOptions,
  course: DeepReadonly<Course>,
  freeze: boolean,
  described?: DescribedCriteria,
): Result<Outcome, ValidationError> {
  if (!options.ok) return options;
  try {
    return computeOutcome(course, options.value, freeze, described);
  } catch {
    return err(
      validationError([issue('unreadable-input', ['course'], 'the course could not be read')]),
    );
  }
}

/**
 * {@link outcome} with its options checked once, for a caller that applies the same options to
 * many courses and only reads each outcome (the cohort accumulator): the options are validated
 * when the function is made rather than per course, and the outcomes are not frozen. Each call
 * gives the same result as `outcome(course, options)` with the options as they were then.
 * @param options - As for {@link outcome}.
 * @returns The outcome of a course under those options.
 * @internal
 */
export function outcomeUnder(
  options: OutcomeOptions,
): (course: DeepReadonly<Course>) => Result<Outcome, ValidationError> {
  const checked = checkedOptions(options);
  const described: DescribedCriteria = new Map();
  return (course) => outcomeWith(checked, course, false, described);
}

/**
 * The criteria of outcomes under fixed options, kept by whether the baseline was 0: shared by the
 * outcomes that {@link outcomeUnder} gives (they are only read).
 */
type DescribedCriteria = Map<
  boolean,
  { readonly criteria: readonly Criterion[]; readonly notApplied: readonly CriterionNotApplied[] }
>;

/** A scored measure as an outcome reports it (`undefined` for none). */
function scoredOf(record: DeepReadonly<MeasureRecord> | undefined): Scored | undefined {
  if (record === undefined || record.score.total === null) return undefined;
  return { measureId: record.measureId, date: record.date, total: record.score.total };
}

function computeOutcome(
  course: DeepReadonly<Course>,
  options: DeepReadonly<z.output<typeof OutcomeOptions>>,
  freeze: boolean,
  described?: DescribedCriteria,
): Result<Outcome, ValidationError> {
  const candidate = course as unknown;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof (candidate as { courseId?: unknown }).courseId !== 'string' ||
    typeof (candidate as { measures?: unknown }).measures !== 'object' ||
    (candidate as { measures?: unknown }).measures === null
  ) {
    return err(validationError([issue('invalid-type', ['course'], 'expected a started course')]));
  }
  const instrument = options.instrument;
  const defaults = DEFAULTS[instrument];
  const label = LABEL[instrument];
  const higherIsWorse = courseInstruments[instrument].higherIsWorse;

  // The first and last scored measure of the instrument in the order of `measuresInOrder` (by
  // date; equal dates in the order recorded), found in one pass: the earliest date seen first,
  // and the latest date seen last.
  let records = 0;
  let scoredCount = 0;
  let firstRecord: DeepReadonly<MeasureRecord> | undefined;
  let lastRecord: DeepReadonly<MeasureRecord> | undefined;
  for (const record of Object.values(course.measures)) {
    if (record.instrument !== instrument) continue;
    records += 1;
    const total: unknown = record.score.total;
    if (typeof total !== 'number' || !Number.isFinite(total)) continue;
    scoredCount += 1;
    if (firstRecord === undefined || record.date < firstRecord.date) firstRecord = record;
    if (lastRecord === undefined || record.date >= lastRecord.date) lastRecord = record;
  }
  const skipped = records - scoredCount;
  const first = scoredOf(firstRecord);
  const last = scoredOf(lastRecord);
  if (scoredCount < 2 || first === undefined || last === undefined) {
    return err(
      validationError([
        issue(
          'too-few-measures',
          ['course', 'measures'],
          `needs at least 2 scored measures of the instrument, found ${scoredCount}`,
        ),
      ]),
    );
  }
  if (options.baseline === 'first-before-middle') {
    const middle = course.phaseHistory.find((entry) => entry.phase === 'middle');
    if (middle !== undefined && first.date > middle.since) {
      return err(
        validationError([
          issue(
            'no-baseline-before-middle',
            ['course', 'measures'],
            'no scored measure of the instrument is dated on or before the start of the middle phase',
          ),
        ]),
      );
    }
  }

  const baseline = first.total;
  const final = last.total;
  const change = final - baseline;
  const improvement = higherIsWorse ? baseline - final : final - baseline;
  const percentChange = baseline === 0 ? null : (100 * change) / baseline;
  // The criteria and the ones not applied depend on the options alone, and on whether the
  // baseline is 0 (then no response can be measured): described once per kind of course when the
  // caller keeps them (the cohort accumulator), else every time.
  const baselineIsZero = baseline === 0;
  const known = described?.get(baselineIsZero);
  const describing = known === undefined;
  const criteria: Criterion[] = [];
  const notApplied: CriterionNotApplied[] = [];
  const raw = options as Readonly<Record<string, unknown>>;

  // Response: reduction of at least `responseReduction` of the baseline [KP20].
  const reduction = pick(raw, 'responseReduction', 0.5);
  let response: boolean | null = null;
  if (baseline === 0) {
    if (describing)
      notApplied.push({
        name: 'response',
        reason: 'the baseline total is 0, so no reduction can be measured',
      });
  } else {
    response = improvement >= reduction.value * Math.abs(baseline) - 1e-9;
    if (describing)
      criteria.push({
        name: 'response',
        rule: `reduction from baseline of at least ${percent(reduction.value)}${
          defaults.responseUnconfirmed
            ? ' (the source defines it for PHQ-9 and HAM-D; applied here by analogy)'
            : ''
        }`,
        value: reduction.value,
        source: ['KP20'],
        ...(defaults.responseUnconfirmed ? { unconfirmed: true } : {}),
        origin: reduction.origin,
      });
  }

  // Remission: final total below a threshold.
  const remissionBelow = pick<number | null>(raw, 'remissionBelow', defaults.remissionBelow);
  let remission: boolean | null = null;
  if (remissionBelow.value === null) {
    if (describing)
      notApplied.push({
        name: 'remission',
        reason:
          remissionBelow.origin === 'option'
            ? 'switched off by the options'
            : `the reference gives no remission threshold for ${label}; pass remissionBelow to set one`,
      });
  } else {
    remission = final < remissionBelow.value;
    const known = defaults.remission;
    const unconfirmed = remissionBelow.origin === 'default' && defaults.remissionUnconfirmed;
    if (describing)
      criteria.push({
        name: 'remission',
        rule: `${known?.rule ?? `${label} remission`}: final total < ${remissionBelow.value}${
          unconfirmed ? ' (threshold UNCONFIRMED)' : ''
        }`,
        value: remissionBelow.value,
        source: known === null ? ['FRANK91'] : [...known.source],
        ...(unconfirmed ? { unconfirmed: true } : {}),
        origin: remissionBelow.origin,
      });
  }

  // Jacobson & Truax reliable change, when the SD and reliability are known.
  const reliableOption = pick<{ readonly sd: number; readonly reliability: number } | null>(
    raw,
    'reliableChange',
    null,
  );
  let reliableChange: ReliableChange | null = null;
  if (reliableOption.value === null) {
    if (describing)
      notApplied.push({
        name: 'reliable-change',
        reason:
          'no SD and reliability given (option reliableChange); the RCI and the Jacobson & Truax category need them',
      });
  } else {
    const computed = reliableChangeIndex({
      pre: baseline,
      post: final,
      sd: reliableOption.value.sd,
      reliability: reliableOption.value.reliability,
      higherIsWorse,
    });
    if (!computed.ok) return err(under(['options', 'reliableChange'], computed.error));
    reliableChange = computed.value;
    if (describing)
      criteria.push({
        name: 'reliable-change',
        rule: `|RCI| > 1.96 with RCI = (final - baseline) / S_diff and S_diff = SD·√2·√(1 - r), SD ${reliableOption.value.sd}, r ${reliableOption.value.reliability}`,
        value: RCI_THRESHOLD,
        source: [...RCI_SOURCES],
        origin: 'option',
      });
  }

  // Reliable improvement: IAPT fixed points, else the RCI.
  const points = pick<number | null>(
    raw,
    'reliableImprovementPoints',
    defaults.reliableImprovementPoints,
  );
  let reliableImprovement: boolean | null = null;
  if (points.value !== null) {
    reliableImprovement = improvement >= points.value;
    if (describing)
      criteria.push({
        name: 'reliable-improvement',
        rule: `improvement from baseline of at least ${points.value} points`,
        value: points.value,
        source: ['IAPT'],
        origin: points.origin,
      });
  } else if (reliableChange !== null) {
    reliableImprovement = reliableChange.direction === 'improved';
    if (describing)
      criteria.push({
        name: 'reliable-improvement',
        rule: 'reliable change (|RCI| > 1.96) in the direction of improvement',
        value: RCI_THRESHOLD,
        source: [...RCI_SOURCES],
        origin: 'option',
      });
  } else {
    if (describing)
      notApplied.push({
        name: 'reliable-improvement',
        reason: `no fixed-point criterion for ${label} and no SD and reliability for the RCI`,
      });
  }

  // Clinical cut-off and the Jacobson & Truax category.
  const cutoff = pick<number | null>(raw, 'clinicalCutoff', defaults.clinicalCutoff);
  let crossedCutoff: boolean | null = null;
  let category: JacobsonTruaxCategory | null = null;
  if (cutoff.value === null) {
    if (describing)
      notApplied.push({
        name: 'clinical-cutoff',
        reason:
          cutoff.origin === 'option'
            ? 'switched off by the options'
            : `the reference gives no clinical cut-off for ${label}; pass clinicalCutoff to set one`,
      });
  } else {
    const value = cutoff.value;
    const functional = (score: number) => (higherIsWorse ? score < value : score > value);
    crossedCutoff = !functional(baseline) && functional(final);
    if (describing)
      criteria.push({
        name: 'clinical-cutoff',
        rule: higherIsWorse
          ? `dysfunctional range: total >= ${value}; functional range: total < ${value}`
          : `dysfunctional range: total <= ${value}; functional range: total > ${value}`,
        value,
        source: cutoff.origin === 'default' ? ['IAPT'] : [...CUTOFF_SOURCES],
        origin: cutoff.origin,
      });
  }
  if (reliableChange !== null && cutoff.value !== null) {
    category = jacobsonTruaxCategory(reliableChange, final, cutoff.value, higherIsWorse);
    if (describing)
      criteria.push({
        name: 'clinical-significance',
        rule: 'recovered = reliable improvement and moved from the dysfunctional to the functional side of the cut-off; improved = reliable improvement only; deteriorated = reliable deterioration; otherwise unchanged',
        value: cutoff.value,
        source: ['JT91', 'SCHOLARGATE'],
        unconfirmed: true,
        origin: cutoff.origin,
      });
  } else {
    if (describing)
      notApplied.push({
        name: 'clinical-significance',
        reason:
          'the Jacobson & Truax category needs both the RCI (option reliableChange) and a clinical cut-off',
      });
  }

  const found: Outcome = {
    courseId: course.courseId,
    instrument,
    baseline: first,
    final: last,
    measures: scoredCount,
    skipped,
    change,
    percentChange,
    response,
    remission,
    reliableImprovement,
    reliableChange,
    category,
    crossedCutoff,
    criteria: known?.criteria ?? criteria,
    notApplied: known?.notApplied ?? notApplied,
  };
  if (describing) described?.set(baselineIsZero, { criteria, notApplied });
  return ok(freeze ? deepFreeze(found) : found);
}
