import { clonePlain } from '../internal/clone.js';
import { CourseInstrumentId, CourseOutcome } from '../course/commands.js';
import type { Course } from '../course/state.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  validationError,
  type Issue,
  type IssuePath,
  type ValidationError,
} from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import { checkCourseInput, forEachCourseInput } from './course-input.js';
import { effectSizeFromMoments } from './effect-size.js';
import { outcomeUnder, type Outcome, type OutcomeOptions } from './outcome.js';
import {
  addToMoments,
  emptyMoments,
  meanInterval,
  mergeMoments,
  wilsonInterval,
  type Interval,
  type RunningMoments,
} from './stats.js';

/**
 * Options of {@link summarizeCohort} and {@link createCohortAccumulator}. Options that are not an
 * object, or cannot be read, count as none.
 * @category Analysis
 */
export interface CohortOptions {
  /**
   * The instrument whose scores give the outcomes (default `'phq-9'`). Like `level`, any other
   * value (from an untyped caller) falls back to the default; the summary reports the instrument
   * used.
   */
  readonly instrument?: CourseInstrumentId;
  /**
   * The confidence level of every interval, strictly between 0 and 1 (default 0.95). Any other
   * value falls back to 0.95; the summary reports the level used.
   */
  readonly level?: number;
  /** Overrides of the outcome criteria, passed to {@link outcome} for every course. */
  readonly outcome?: Partial<Omit<OutcomeOptions, 'instrument'>>;
}

/**
 * A proportion with its Wilson score interval: `count` of `denominator` courses. `estimate` and
 * `interval` are `null` when the denominator is 0; otherwise both lie in [0, 1] and the interval
 * contains the estimate.
 * @see IPT reference 7.4
 * @category Analysis
 */
export interface CohortRate {
  readonly count: number;
  readonly denominator: number;
  readonly estimate: number | null;
  readonly interval: Interval | null;
}

/**
 * A mean with its standard deviation, sample size and confidence interval (`null` where the
 * sample is too small to say: no mean without values, no sd or interval below two values).
 * @category Analysis
 */
export interface CohortMean {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  readonly interval: Interval | null;
}

/**
 * A {@link CohortMean} with the smallest and largest value seen (`null` without values).
 * @category Analysis
 */
export interface CohortRange extends CohortMean {
  readonly min: number | null;
  readonly max: number | null;
}

/**
 * The standardised pre-post effect size d_z: the mean change over the standard deviation of the
 * changes, with its confidence interval (noncentral t, from `effectSizeFromMoments`). The estimate
 * is R's `effectsize::repeated_measures_d(post, pre, method = "z", adjust = FALSE)`. Negative when
 * scores fell, as they do when a depression scale improves. `value` and `interval` are `null`
 * below two courses or when every change is the same.
 * @category Analysis
 */
export interface CohortEffectSize {
  readonly name: 'd_z';
  readonly value: number | null;
  readonly interval: Interval | null;
  readonly n: number;
}

/**
 * The Jacobson & Truax categories of an {@link Outcome}, plus `unclassified` for a course whose
 * category was not computed.
 * @see IPT reference 7.5 ([JT91])
 * @category Analysis
 */
export type CohortCategory = NonNullable<Outcome['category']> | 'unclassified';

/**
 * A problem found with a course that was not summarised, by code and path only (never the
 * course's text or values).
 * @category Analysis
 */
export interface CohortIssue {
  /** A stable kebab-case code (as in an {@link Issue}). */
  readonly code: string;
  /** Where the problem is: inside the course, or (for `index: null`) in the arguments. */
  readonly path: IssuePath;
}

/**
 * A course that was not summarised, or a list of courses that could not be read to its end.
 * @category Analysis
 */
export interface CohortRejection {
  /**
   * The position of the course among those given (from 0: in the iterable passed to
   * {@link summarizeCohort}, or among the courses offered to an accumulator), and its
   * `issues` have paths inside that course. `null` when the problem is with the list itself:
   * the paths then start with `courses`, the argument (`not-iterable` at `['courses']` for a
   * value that is not an iterable object, `unreadable-input` at `['courses']` or
   * `['courses', position]` for an iterable that failed before or while giving that entry).
   */
  readonly index: number | null;
  /** The first issues found (at most 20). */
  readonly issues: readonly CohortIssue[];
  /** How many issues were found in all. */
  readonly issueCount: number;
}

/**
 * What a cohort summary left out: every rejection counted, the first 100 listed in the order they
 * were found.
 * @category Analysis
 */
export interface CohortRejected {
  /** Courses rejected, plus one for a list that could not be read to its end. */
  readonly count: number;
  /** The first rejections (at most 100). */
  readonly courses: readonly CohortRejection[];
}

/**
 * What a cohort of courses looks like: attendance, endings, the primary problem areas and, for one
 * instrument, how scores moved. Every number is a number (never text), every rate has its
 * denominator, and the whole is deeply frozen and JSON-serialisable.
 * @category Analysis
 */
export interface CohortSummary {
  /** The instrument the outcome figures are about. */
  readonly instrument: CourseInstrumentId;
  /** The confidence level of every interval. */
  readonly level: number;
  /** How many courses were summarised. */
  readonly courses: number;
  /**
   * What was not summarised: values that are not valid courses (each checked against the
   * `Course` schema, with its issues) and a list that could not be read. Every figure below is
   * over the valid courses only.
   */
  readonly rejected: CohortRejected;
  /**
   * Courses that have ended, by how they ended. Completion and dropout rates are over the ended
   * courses (a course still running is neither).
   */
  readonly ended: {
    readonly count: number;
    readonly byOutcome: Readonly<Record<CourseOutcome, number>>;
    readonly completion: CohortRate;
    readonly dropout: CohortRate;
  };
  /** Sessions attended per course (status `attended`), over every course. */
  readonly sessionsAttended: CohortRange;
  /** Courses by the problem area of their primary focus (`none` when none was chosen). */
  readonly primaryFocus: Readonly<Record<ProblemArea | 'none', number>>;
  /** How scores on {@link CohortSummary.instrument} moved from the first to the last. */
  readonly outcomes: {
    /** Courses with at least two scores, for which an outcome could be computed. */
    readonly withOutcome: number;
    /**
     * Courses without an outcome, by the code of the first issue `outcome` gave (usually
     * `too-few-measures`; an option out of range shows up here too, under its own code).
     */
    readonly notComputed: Readonly<Record<string, number>>;
    /** Response among courses where it could be decided (see `denominator`). */
    readonly response: CohortRate;
    /** Remission among courses where it could be decided. */
    readonly remission: CohortRate;
    /** Reliable improvement among courses where it could be decided. */
    readonly reliableImprovement: CohortRate;
    /**
     * Courses by Jacobson & Truax category; `unclassified` where none was computed, which is
     * every course unless the outcome options give an SD and reliability (`reliableChange`).
     */
    readonly categories: Readonly<Record<CohortCategory, number>>;
    /** Change from the first to the last score (last minus first; negative is a fall). */
    readonly change: CohortMean;
    /** The standardised mean change, d_z. */
    readonly effectSize: CohortEffectSize;
    /** The criteria used, as reported by the first outcome computed (`null` when none was). */
    readonly criteria: Outcome['criteria'] | null;
    /** Whether any later outcome reported criteria different from the first's. */
    readonly criteriaDiffer: boolean;
  };
}

/**
 * A running cohort summary that takes courses one at a time and keeps only counts and running
 * moments, so it summarises any number of courses in constant memory.
 * @category Analysis
 */
export interface CohortAccumulator {
  /** The options in effect, defaults filled in. */
  readonly options: {
    readonly instrument: CourseInstrumentId;
    readonly level: number;
    readonly outcome?: CohortOptions['outcome'];
  };
  /**
   * Adds one course, after checking it against the `Course` schema: a value that is not a valid
   * course is not summarised but counted, with its issues, under the summary's `rejected` (its
   * position being the number of courses offered before it). Courses are read, never kept or
   * changed. Never throws.
   * @param course - A course state (for example from `replay`).
   * @returns Whether the course was summarised.
   */
  add(course: DeepReadonly<Course>): boolean;
  /**
   * Adds everything another accumulator has seen (for example one per worker), as if its courses
   * had come after this one's: the positions of its rejected courses are shifted by the number of
   * courses offered here. The other is left as it was.
   * @param other - An accumulator made by {@link createCohortAccumulator} with the same instrument,
   * level and outcome overrides.
   * @returns This accumulator, or an `incompatible-options` error (nothing is added then).
   */
  merge(other: CohortAccumulator): Result<CohortAccumulator, ValidationError>;
  /**
   * The summary of every course added so far. The accumulator can keep going afterwards.
   * @returns A deeply frozen summary.
   */
  summary(): CohortSummary;
}

const DEFAULT_LEVEL = 0.95;
const DEFAULT_INSTRUMENT: CourseInstrumentId = 'phq-9';
/** Rejections listed in a summary; the rest are only counted. */
const MAX_LISTED_REJECTIONS = 100;
/** Issues listed per rejection; `issueCount` says how many there were. */
const MAX_ISSUES_PER_REJECTION = 20;
const CATEGORY_NAMES: readonly CohortCategory[] = [
  'recovered',
  'improved',
  'unchanged',
  'deteriorated',
  'unclassified',
];

/** Counts and moments: everything an accumulator keeps. */
interface Tally {
  courses: number;
  ended: number;
  byOutcome: Record<CourseOutcome, number>;
  attended: RunningMoments;
  attendedMin: number | null;
  attendedMax: number | null;
  primaryFocus: Record<ProblemArea | 'none', number>;
  withOutcome: number;
  notComputed: Record<string, number>;
  response: { count: number; denominator: number };
  remission: { count: number; denominator: number };
  reliableImprovement: { count: number; denominator: number };
  categories: Record<CohortCategory, number>;
  change: RunningMoments;
  criteria: Outcome['criteria'] | null;
  criteriaDiffer: boolean;
  /** Rejections, those of the list itself included. */
  rejectedCount: number;
  /** Rejections of one course (with a position): with `courses`, the courses offered so far. */
  rejectedCourses: number;
  /** The first rejections. */
  rejections: CohortRejection[];
}

function zeroes<TKey extends string>(keys: readonly TKey[]): Record<TKey, number> {
  const record = {} as Record<TKey, number>;
  for (const key of keys) record[key] = 0;
  return record;
}

function emptyTally(): Tally {
  return {
    courses: 0,
    ended: 0,
    byOutcome: zeroes(CourseOutcome.options),
    attended: emptyMoments,
    attendedMin: null,
    attendedMax: null,
    primaryFocus: zeroes([...ProblemArea.options, 'none' as const]),
    withOutcome: 0,
    notComputed: {},
    response: { count: 0, denominator: 0 },
    remission: { count: 0, denominator: 0 },
    reliableImprovement: { count: 0, denominator: 0 },
    categories: zeroes(CATEGORY_NAMES),
    change: emptyMoments,
    criteria: null,
    criteriaDiffer: false,
    rejectedCount: 0,
    rejectedCourses: 0,
    rejections: [],
  };
}

function sameCriteria(left: Outcome['criteria'], right: Outcome['criteria']): boolean {
  if (left === right) return true;
  if (left.length !== right.length) return false;
  return left.every((criterion, index) => {
    const other = right[index];
    if (other === undefined) return false;
    return (
      criterion.name === other.name &&
      criterion.rule === other.rule &&
      Object.is(criterion.value, other.value) &&
      (criterion.unconfirmed ?? false) === (other.unconfirmed ?? false) &&
      criterion.source.length === other.source.length &&
      criterion.source.every((key, at) => key === other.source[at])
    );
  });
}

function increment(counts: Record<string, number>, key: string, by: number): void {
  counts[key] = (Object.hasOwn(counts, key) ? (counts[key] ?? 0) : 0) + by;
}

function countFlag(counter: { count: number; denominator: number }, flag: boolean | null): void {
  if (flag === null) return;
  counter.denominator += 1;
  if (flag) counter.count += 1;
}

function minOf(left: number | null, right: number | null): number | null {
  return left === null ? right : right === null ? left : Math.min(left, right);
}

function maxOf(left: number | null, right: number | null): number | null {
  return left === null ? right : right === null ? left : Math.max(left, right);
}

function rate(count: number, denominator: number, level: number): CohortRate {
  if (denominator === 0) return { count, denominator, estimate: null, interval: null };
  // Wilson bounds lie in [0, 1] and contain the estimate (clamped at the extremes by stats.ts).
  const { estimate, interval } = wilsonInterval(count, denominator, level);
  return { count, denominator, estimate, interval };
}

function mean(moments: RunningMoments, level: number): CohortMean {
  const { mean: average, sd, n, interval } = meanInterval(moments, level);
  return { mean: average, sd, n, interval };
}

function effectSize(moments: RunningMoments, level: number): CohortEffectSize {
  const result = moments.count < 2 ? null : effectSizeFromMoments(moments, level);
  return result?.ok === true
    ? { name: 'd_z', value: result.value.estimate, interval: result.value.ci, n: moments.count }
    : { name: 'd_z', value: null, interval: null, n: moments.count };
}

/**
 * Sessions attended (status `attended`) in a course.
 * @internal
 */
export function attendedSessions(course: DeepReadonly<Course>): number {
  let attended = 0;
  for (const session of Object.values(course.sessions)) {
    if (session.status === 'attended') attended += 1;
  }
  return attended;
}

function isLevel(level: unknown): level is number {
  return typeof level === 'number' && level > 0 && level < 1;
}

function isInstrument(instrument: unknown): instrument is CourseInstrumentId {
  return CourseInstrumentId.options.some((known) => known === instrument);
}

/** The options in effect, defaults filled in. */
interface Settings {
  readonly instrument: CourseInstrumentId;
  readonly level: number;
  readonly outcome?: CohortOptions['outcome'];
}

/**
 * The options of a JavaScript caller, read once: what is not an object, or cannot be read (a
 * throwing getter, a revoked proxy), counts as none; an instrument or level that is not one falls
 * back to the default. The outcome overrides are copied (one level) and checked by `outcome`.
 */
function readSettings(given: unknown): Settings {
  if (typeof given !== 'object' || given === null) {
    return Object.freeze({ instrument: DEFAULT_INSTRUMENT, level: DEFAULT_LEVEL });
  }
  try {
    const { instrument, level, outcome } = given as Record<string, unknown>;
    return Object.freeze({
      instrument: isInstrument(instrument) ? instrument : DEFAULT_INSTRUMENT,
      level: isLevel(level) ? level : DEFAULT_LEVEL,
      ...(outcome === undefined
        ? {}
        : { outcome: Object.freeze({ ...(outcome as CohortOptions['outcome']) }) }),
    });
  } catch {
    return Object.freeze({ instrument: DEFAULT_INSTRUMENT, level: DEFAULT_LEVEL });
  }
}

/** Whether two sets of outcome overrides are the same (as JSON; unreadable ones never are). */
function sameOverrides(left: Settings['outcome'], right: Settings['outcome']): boolean {
  try {
    return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
  } catch {
    return false;
  }
}

/** What the module keeps about each accumulator it made, out of the caller's reach. */
interface Internals {
  readonly tally: Tally;
  /** Adds a course known to be valid, without checking it. */
  readonly addTrusted: (course: DeepReadonly<Course>) => void;
  /** Counts a rejection and lists it while fewer than 100 are. */
  readonly reject: (index: number | null, issues: readonly Issue[]) => void;
}

const internals = new WeakMap<CohortAccumulator, Internals>();

function listRejection(tally: Tally, rejection: CohortRejection): void {
  if (tally.rejections.length < MAX_LISTED_REJECTIONS) tally.rejections.push(rejection);
}

function makeAccumulator(given: unknown): Internals & { readonly accumulator: CohortAccumulator } {
  const settings = readSettings(given);
  const { instrument, level } = settings;
  const outcomeOptions: OutcomeOptions = { ...settings.outcome, instrument };
  // The options are checked once here, not once per course, and the outcomes, read and dropped,
  // are not frozen (the criteria kept are frozen with the summary).
  const outcomeOf = outcomeUnder(outcomeOptions);
  const tally = emptyTally();

  const addTrusted = (course: DeepReadonly<Course>): void => {
    tally.courses += 1;
    if (course.outcome !== null) {
      tally.ended += 1;
      tally.byOutcome[course.outcome.outcome] += 1;
    }
    const attended = attendedSessions(course);
    tally.attended = addToMoments(tally.attended, attended);
    tally.attendedMin = minOf(tally.attendedMin, attended);
    tally.attendedMax = maxOf(tally.attendedMax, attended);
    tally.primaryFocus[course.foci.primary?.area ?? 'none'] += 1;

    const result = outcomeOf(course);
    if (!result.ok) {
      const code = result.error.issues[0]?.code ?? 'unknown';
      increment(tally.notComputed, code, 1);
      return;
    }
    const found = result.value;
    tally.withOutcome += 1;
    countFlag(tally.response, found.response);
    countFlag(tally.remission, found.remission);
    countFlag(tally.reliableImprovement, found.reliableImprovement);
    tally.categories[found.category ?? 'unclassified'] += 1;
    tally.change = addToMoments(tally.change, found.change);
    if (tally.criteria === null) tally.criteria = found.criteria;
    else if (!tally.criteriaDiffer && !sameCriteria(tally.criteria, found.criteria)) {
      tally.criteriaDiffer = true;
    }
  };

  const reject = (index: number | null, issues: readonly Issue[]): void => {
    tally.rejectedCount += 1;
    if (index !== null) tally.rejectedCourses += 1;
    listRejection(
      tally,
      deepFreeze({
        index,
        issues: issues
          .slice(0, MAX_ISSUES_PER_REJECTION)
          .map((found): CohortIssue => ({ code: found.code, path: [...found.path] })),
        issueCount: issues.length,
      }),
    );
  };

  const accumulator: CohortAccumulator = {
    options: settings,
    add(course) {
      const checked = checkCourseInput(course);
      if (!checked.ok) {
        reject(tally.courses + tally.rejectedCourses, checked.error.issues);
        return false;
      }
      addTrusted(checked.value);
      return true;
    },
    merge(other) {
      const theirs = internals.get(other)?.tally;
      const compatible =
        theirs !== undefined &&
        other.options.instrument === instrument &&
        other.options.level === level &&
        sameOverrides(other.options.outcome, settings.outcome);
      if (!compatible) {
        return err(
          validationError([
            issue(
              'incompatible-options',
              [],
              'can only merge an accumulator made with the same instrument, level and criteria',
            ),
          ]),
        );
      }
      // Merging an accumulator into itself counts everything twice, like merging a copy.
      const source = theirs === tally ? clonePlain(tally) : theirs;
      // Their courses come after ours: their positions start where ours end.
      const offset = tally.courses + tally.rejectedCourses;
      for (const rejection of source.rejections) {
        listRejection(
          tally,
          rejection.index === null
            ? rejection
            : deepFreeze({ ...rejection, index: rejection.index + offset }),
        );
      }
      tally.rejectedCount += source.rejectedCount;
      tally.rejectedCourses += source.rejectedCourses;
      tally.courses += source.courses;
      tally.ended += source.ended;
      for (const key of CourseOutcome.options) tally.byOutcome[key] += source.byOutcome[key];
      tally.attended = mergeMoments(tally.attended, source.attended);
      tally.attendedMin = minOf(tally.attendedMin, source.attendedMin);
      tally.attendedMax = maxOf(tally.attendedMax, source.attendedMax);
      for (const key of Object.keys(tally.primaryFocus) as (ProblemArea | 'none')[]) {
        tally.primaryFocus[key] += source.primaryFocus[key];
      }
      tally.withOutcome += source.withOutcome;
      for (const [code, count] of Object.entries(source.notComputed)) {
        increment(tally.notComputed, code, count);
      }
      for (const name of ['response', 'remission', 'reliableImprovement'] as const) {
        tally[name].count += source[name].count;
        tally[name].denominator += source[name].denominator;
      }
      for (const key of CATEGORY_NAMES) tally.categories[key] += source.categories[key];
      tally.change = mergeMoments(tally.change, source.change);
      if (tally.criteria === null) {
        tally.criteria = source.criteria;
        tally.criteriaDiffer = source.criteriaDiffer;
      } else if (source.criteria !== null) {
        tally.criteriaDiffer =
          tally.criteriaDiffer ||
          source.criteriaDiffer ||
          !sameCriteria(tally.criteria, source.criteria);
      }
      return ok(accumulator);
    },
    summary() {
      return deepFreeze<CohortSummary>({
        instrument,
        level,
        courses: tally.courses,
        rejected: { count: tally.rejectedCount, courses: [...tally.rejections] },
        ended: {
          count: tally.ended,
          byOutcome: { ...tally.byOutcome },
          completion: rate(tally.byOutcome.completed, tally.ended, level),
          dropout: rate(tally.byOutcome['dropped-out'], tally.ended, level),
        },
        sessionsAttended: {
          ...mean(tally.attended, level),
          min: tally.attendedMin,
          max: tally.attendedMax,
        },
        primaryFocus: { ...tally.primaryFocus },
        outcomes: {
          withOutcome: tally.withOutcome,
          notComputed: { ...tally.notComputed },
          response: rate(tally.response.count, tally.response.denominator, level),
          remission: rate(tally.remission.count, tally.remission.denominator, level),
          reliableImprovement: rate(
            tally.reliableImprovement.count,
            tally.reliableImprovement.denominator,
            level,
          ),
          categories: { ...tally.categories },
          change: mean(tally.change, level),
          effectSize: effectSize(tally.change, level),
          criteria: tally.criteria,
          criteriaDiffer: tally.criteriaDiffer,
        },
      });
    },
  };
  Object.freeze(accumulator);
  const made = { tally, addTrusted, reject };
  internals.set(accumulator, made);
  return { ...made, accumulator };
}

/**
 * Makes a streaming cohort summariser: add courses one by one (from a database cursor, a file, a
 * worker), then ask for the {@link CohortSummary}. It keeps counts and running moments (Welford),
 * never the courses, so memory stays constant however many courses go through it. Each course
 * added is checked first; one that is not valid is counted under `rejected` instead.
 * @example
 * ```ts
 * const cohort = createCohortAccumulator({ instrument: 'phq-9' });
 * for (const course of courses) cohort.add(course);
 * const summary = cohort.summary();
 * ```
 * @param options - Instrument, confidence level and outcome criteria overrides.
 * @returns An empty accumulator.
 * @see IPT reference 7.4 - 7.5
 * @category Analysis
 */
export function createCohortAccumulator(options: CohortOptions = {}): CohortAccumulator {
  return makeAccumulator(options).accumulator;
}

/**
 * Adds a course to an accumulator without checking it: for a caller that has just validated the
 * course itself (the NDJSON reader), so that it is not checked twice. The summary is the same as
 * with `accumulator.add(course)`. An accumulator not made by {@link createCohortAccumulator} gets
 * the course through its own `add`.
 * @param accumulator - An accumulator made by {@link createCohortAccumulator}.
 * @param course - A course that passed the `Course` schema (or that iptkit built).
 * @internal
 */
export function addTrustedCourse(
  accumulator: CohortAccumulator,
  course: DeepReadonly<Course>,
): void {
  const made = internals.get(accumulator);
  if (made === undefined) accumulator.add(course);
  else made.addTrusted(course);
}

/**
 * Summarises a cohort of courses: how many ended and how (completion and dropout rates with Wilson
 * intervals), sessions attended, the primary problem areas, and for one instrument the response,
 * remission and reliable-improvement rates (each over the courses where it could be decided),
 * the mean change with its confidence interval and the pre-post effect size d_z. Reads the
 * courses once, one at a time, in constant memory (see {@link createCohortAccumulator}).
 *
 * Never throws. Each course is checked against the `Course` schema first; one that is not valid
 * is left out of every figure and reported under `rejected` with its position and issue codes
 * and paths. A `courses` value that is not an iterable object (`not-iterable`) or that fails
 * while it is read (`unreadable-input`) gives the summary of the courses read before, with the
 * problem reported under `rejected` with the position `null`.
 * @example
 * ```ts
 * const summary = summarizeCohort(courses, { instrument: 'phq-9' });
 * summary.outcomes.response; // { count, denominator, estimate, interval }
 * summary.rejected.count; // courses left out as invalid
 * ```
 * @param courses - Course states, from any iterable (an array, a generator).
 * @param options - Instrument (default PHQ-9), confidence level (default 0.95), criteria overrides.
 * @returns The summary, deeply frozen.
 * @see IPT reference 7.4 ([KP20], [IAPT]) and 7.5 ([JT91])
 * @category Analysis
 */
export function summarizeCohort(
  courses: Iterable<DeepReadonly<Course>>,
  options: CohortOptions = {},
): CohortSummary {
  const { accumulator, reject } = makeAccumulator(options);
  forEachCourseInput(
    courses,
    'courses',
    (course) => {
      accumulator.add(course as DeepReadonly<Course>);
    },
    (error) => {
      reject(null, error.issues);
    },
  );
  return accumulator.summary();
}
