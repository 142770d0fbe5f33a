import { compareIds } from '../internal/model.js';
import { CourseInstrumentId, type CourseOutcome } from '../course/commands.js';
import { sessionsInOrder, measuresInOrder, type Course } from '../course/state.js';
import { daysBetween } from '../internal/dates.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { attendedSessions } from './cohort.js';
import { checkCourseInput, forEachCourseInput, reRooted } from './course-input.js';
import { OutcomeOptions, outcomeUnder, type Outcome } from './outcome.js';

/**
 * One measurement of one course, as a flat row: the layout mixed models want (R `lme4::lmer`,
 * Python `statsmodels` `MixedLM`), with the course as the grouping factor and `daysSinceStart` or
 * `sessionNumber` as time. Text cells are `''` when absent; number cells are `null`.
 * @category Analysis
 */
export interface LongRow {
  readonly courseId: string;
  /** The protocol id (`ipt`, `ipt-brief`, ...). */
  readonly protocol: string;
  /** The problem area of the primary focus, or `''` when none was chosen. */
  readonly focus: string;
  /**
   * The number of the session the measure was linked to; for an unlinked measure, the last session
   * (of any status) dated on or before the measure; `null` when there is none.
   */
  readonly sessionNumber: number | null;
  /** Whole days from the start of the course to the measure (`null` if a date is unreadable). */
  readonly daysSinceStart: number | null;
  readonly date: string;
  readonly instrument: string;
  /** The total score, `null` when too many items were missing to score. */
  readonly score: number | null;
  /** The severity band id, `''` when the score has none. */
  readonly band: string;
}

/**
 * Options of {@link toLongFormat}, {@link toLongRows} and {@link toWideFormat} (with the latter's
 * own). Options that are not an object, or cannot be read, count as none.
 * @category Analysis
 */
export interface LongFormatOptions {
  /** Only measures of this instrument (default: every instrument). */
  readonly instrument?: CourseInstrumentId;
  /**
   * Called for everything that gave no rows although it was passed in, each time with the issues
   * found (codes and paths, never the input's text):
   * - `index` a number: the course at that position of `courses` (from 0) is not a valid course
   *   (it fails the `Course` schema); the paths are inside that course.
   * - `index` `null`: the problem is with an argument, and the paths start with its name:
   *   `['courses']` with `not-iterable` (not an iterable object) or `unreadable-input` (it failed
   *   before the first entry), `['courses', position]` with `unreadable-input` (it failed while
   *   giving that entry: the courses read before still give their rows), `['course', ...]` for
   *   the one course of {@link toLongRows}, `['options', ...]` for an option that is not valid
   *   (an unknown instrument: then nothing gives rows).
   *
   * Without it, such input gives no rows and no word. What it throws is passed on to the caller.
   */
  readonly onRejected?: (index: number | null, error: ValidationError) => void;
}

type RejectedHandler = NonNullable<LongFormatOptions['onRejected']>;

/** The options of a JavaScript caller, read once. */
interface Settings {
  readonly instrument: CourseInstrumentId | undefined;
  readonly outcome: unknown;
  readonly onRejected: RejectedHandler | undefined;
  /** Problems with the options themselves, reported once; with any, nothing gives rows. */
  readonly problems: readonly Issue[];
}

const NONE: Settings = Object.freeze({
  instrument: undefined,
  outcome: undefined,
  onRejected: undefined,
  problems: Object.freeze([]),
});

function readSettings(given: unknown, instrumentRequired: boolean): Settings {
  let instrument: unknown;
  let outcome: unknown;
  let onRejected: unknown;
  if (typeof given === 'object' && given !== null) {
    try {
      ({ instrument, outcome, onRejected } = given as Record<string, unknown>);
    } catch {
      return NONE;
    }
  }
  const problems: Issue[] = [];
  let checked: CourseInstrumentId | undefined;
  if (instrument !== undefined || instrumentRequired) {
    const parsed = safeParseWith(CourseInstrumentId, instrument);
    if (parsed.ok) checked = parsed.value;
    else problems.push(...reRooted(['options', 'instrument'], parsed.error.issues).issues);
  }
  return {
    instrument: checked,
    outcome,
    onRejected: typeof onRejected === 'function' ? (onRejected as RejectedHandler) : undefined,
    problems,
  };
}

/** Reports the problems with the options, if any; `true` when there were some. */
function refused(settings: Settings): boolean {
  if (settings.problems.length === 0) return false;
  settings.onRejected?.(null, validationError(settings.problems));
  return true;
}

const NO_ROWS: readonly never[] = Object.freeze([]);

/**
 * The long-format rows of a course known to be valid (checked by the caller, or built by iptkit),
 * without checking it again.
 * @param course - A valid course.
 * @param instrument - Only this instrument, if given.
 * @returns The rows, deeply frozen.
 * @internal
 */
export function trustedLongRows(
  course: DeepReadonly<Course>,
  instrument?: CourseInstrumentId,
): readonly LongRow[] {
  const sessions = sessionsInOrder(course);
  const focus = course.foci.primary?.area ?? '';
  const rows = measuresInOrder(course, instrument).map((measure): LongRow => {
    let sessionNumber: number | null = null;
    const linked = measure.sessionId === undefined ? undefined : course.sessions[measure.sessionId];
    if (linked !== undefined) {
      sessionNumber = linked.number;
    } else {
      for (const session of sessions) {
        if (session.date <= measure.date) sessionNumber = session.number;
        else break;
      }
    }
    return {
      courseId: course.courseId,
      protocol: course.protocol.id,
      focus,
      sessionNumber,
      daysSinceStart: daysBetween(course.startDate, measure.date) ?? null,
      date: measure.date,
      instrument: measure.instrument,
      score: measure.score.total,
      band: measure.score.band?.id ?? '',
    };
  });
  return deepFreeze(rows);
}

/**
 * The valid courses of a list from outside, in the order given; everything else is reported.
 */
function validCourses(courses: unknown, onRejected: RejectedHandler | undefined) {
  const valid: DeepReadonly<Course>[] = [];
  forEachCourseInput(
    courses,
    'courses',
    (value, index) => {
      const checked = checkCourseInput(value);
      if (checked.ok) valid.push(checked.value);
      else onRejected?.(index, checked.error);
    },
    (error) => {
      onRejected?.(null, error);
    },
  );
  return valid;
}

/**
 * The long-format rows of one course, in date order (equal dates in the order recorded). Use it to
 * stream rows course by course; {@link toLongFormat} does the same for a whole cohort. Never
 * throws: a value that is not a valid course gives no rows and is reported to `onRejected` with
 * the index `null` and paths starting with `course`.
 * @param course - A course state.
 * @param options - Which instrument, if only one, and where to report a course that is not valid.
 * @returns The rows, deeply frozen.
 * @category Analysis
 */
export function toLongRows(
  course: DeepReadonly<Course>,
  options: LongFormatOptions = {},
): readonly LongRow[] {
  const settings = readSettings(options, false);
  if (refused(settings)) return NO_ROWS;
  const checked = checkCourseInput(course);
  if (!checked.ok) {
    settings.onRejected?.(null, reRooted(['course'], checked.error.issues));
    return NO_ROWS;
  }
  return trustedLongRows(checked.value, settings.instrument);
}

/**
 * Turns courses into long format: one row per course and measurement (see {@link LongRow}), ready
 * for `toCsv` and then `lme4` or `statsmodels`. Rows are sorted by course id, then by date; courses
 * that share an id keep the order they came in. Never throws: each course is checked against the
 * `Course` schema first, and one that is not valid gives no rows and is reported to
 * `options.onRejected` with its position; so is a `courses` value that is not a list, or that
 * fails while it is read (the courses read before still give their rows).
 * @example
 * ```ts
 * const csv = toCsv(toLongFormat(courses, { instrument: 'phq-9' }));
 * // R: lmer(score ~ daysSinceStart + (1 | courseId), data = read.csv(file))
 * ```
 * @param courses - Course states.
 * @param options - Which instrument, if only one.
 * @returns The rows, deeply frozen.
 * @category Analysis
 */
export function toLongFormat(
  courses: Iterable<DeepReadonly<Course>>,
  options: LongFormatOptions = {},
): readonly LongRow[] {
  const settings = readSettings(options, false);
  if (refused(settings)) return NO_ROWS;
  const ordered = validCourses(courses, settings.onRejected).sort((left, right) =>
    compareIds(left.courseId, right.courseId),
  );
  const rows: LongRow[] = [];
  for (const course of ordered) {
    for (const row of trustedLongRows(course, settings.instrument)) rows.push(row);
  }
  return Object.freeze(rows);
}

/**
 * One course as one flat row: its first and last score on an instrument and the outcome computed
 * from them. Cells that could not be computed (fewer than two scores, a criterion that does not
 * apply) are `null`; text cells are `''` when absent.
 * @category Analysis
 */
export interface WideRow {
  readonly courseId: string;
  readonly protocol: string;
  /** The problem area of the primary focus, or `''`. */
  readonly focus: string;
  /** Sessions attended. */
  readonly sessionsAttended: number;
  /** How the course ended, or `''` while it runs. */
  readonly ending: CourseOutcome | '';
  readonly instrument: CourseInstrumentId;
  /** Scores of the instrument in the course. */
  readonly measures: number;
  readonly baselineDate: string | null;
  readonly baseline: number | null;
  readonly finalDate: string | null;
  readonly final: number | null;
  /** Final minus baseline (negative when the score fell). */
  readonly change: number | null;
  readonly percentChange: number | null;
  readonly response: boolean | null;
  readonly remission: boolean | null;
  readonly reliableImprovement: boolean | null;
  readonly category: Outcome['category'];
}

/**
 * Options of {@link toWideFormat}.
 * @category Analysis
 */
export interface WideFormatOptions {
  /** The instrument whose first and last scores are compared. */
  readonly instrument: CourseInstrumentId;
  /** Overrides of the outcome criteria. */
  readonly outcome?: Partial<Omit<OutcomeOptions, 'instrument'>>;
  /**
   * Called for everything that gave no row although it was passed in, as for
   * {@link toLongFormat} (see {@link LongFormatOptions.onRejected}); overrides that are not valid
   * are reported with paths under `['options', 'outcome']`, and then no course gives a row.
   */
  readonly onRejected?: LongFormatOptions['onRejected'];
}

/** The outcome options of a wide table, or the problems with its overrides. */
function wideOutcomeOptions(
  instrument: CourseInstrumentId,
  overrides: unknown,
): { readonly options: OutcomeOptions; readonly problems: readonly Issue[] } {
  if (overrides === undefined) return { options: { instrument }, problems: [] };
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return {
      options: { instrument },
      problems: [issue('invalid-type', ['options', 'outcome'], 'expected an object')],
    };
  }
  let options: OutcomeOptions;
  try {
    options = { ...(overrides as Omit<OutcomeOptions, 'instrument'>), instrument };
  } catch {
    return {
      options: { instrument },
      problems: [
        issue('unreadable-input', ['options', 'outcome'], 'the overrides could not be read'),
      ],
    };
  }
  const parsed = safeParseWith(OutcomeOptions, options);
  return parsed.ok
    ? { options: parsed.value, problems: [] }
    : { options, problems: reRooted(['options', 'outcome'], parsed.error.issues).issues };
}

/**
 * Turns courses into wide format: one row per course (see {@link WideRow}) with baseline, final,
 * change and the outcome criteria, in the order the courses came in. Ready for `toCsv`. Never
 * throws: each course is checked against the `Course` schema first, and one that is not valid
 * gives no row and is reported to `options.onRejected` with its position; so is a `courses` value
 * that is not a list or that fails while it is read, and so are options that are not valid (an
 * unknown instrument, overrides the outcome criteria refuse), which give no rows at all.
 * @param courses - Course states.
 * @param options - The instrument, any criteria overrides, and where to report what gave no row.
 * @returns The rows, deeply frozen.
 * @see IPT reference 7.4 - 7.5
 * @category Analysis
 */
export function toWideFormat(
  courses: Iterable<DeepReadonly<Course>>,
  options: WideFormatOptions,
): readonly WideRow[] {
  const settings = readSettings(options, true);
  const instrument = settings.instrument;
  if (refused(settings) || instrument === undefined) return NO_ROWS;
  const overrides = wideOutcomeOptions(instrument, settings.outcome);
  if (overrides.problems.length > 0) {
    settings.onRejected?.(null, validationError(overrides.problems));
    return NO_ROWS;
  }
  const outcomeOf = outcomeUnder(overrides.options);
  const rows: WideRow[] = [];
  for (const course of validCourses(courses, settings.onRejected)) {
    const attended = attendedSessions(course);
    const result = outcomeOf(course);
    const found = result.ok ? result.value : null;
    rows.push({
      courseId: course.courseId,
      protocol: course.protocol.id,
      focus: course.foci.primary?.area ?? '',
      sessionsAttended: attended,
      ending: course.outcome?.outcome ?? '',
      instrument,
      measures:
        found?.measures ??
        measuresInOrder(course, instrument).filter((measure) => measure.score.total !== null)
          .length,
      baselineDate: found?.baseline.date ?? null,
      baseline: found?.baseline.total ?? null,
      finalDate: found?.final.date ?? null,
      final: found?.final.total ?? null,
      change: found?.change ?? null,
      percentChange: found?.percentChange ?? null,
      response: found?.response ?? null,
      remission: found?.remission ?? null,
      reliableImprovement: found?.reliableImprovement ?? null,
      category: found?.category ?? null,
    });
  }
  return deepFreeze(rows);
}
