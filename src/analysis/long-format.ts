import { compareIds } from '../inventory/helpers.js';
import type { CourseInstrumentId, CourseOutcome } from '../course/commands.js';
import { sessionsInOrder, measuresInOrder, type Course } from '../course/state.js';
import { daysBetween } from '../internal/dates.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { attendedSessions } from './cohort.js';
import { outcome, type Outcome, type OutcomeOptions } from './outcome.js';

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
 * Options of {@link toLongFormat}.
 * @category Analysis
 */
export interface LongFormatOptions {
  /** Only measures of this instrument (default: every instrument). */
  readonly instrument?: CourseInstrumentId;
}

/**
 * The long-format rows of one course, in date order (equal dates in the order recorded). Use it to
 * stream rows course by course; {@link toLongFormat} does the same for a whole cohort.
 * @param course - A course state.
 * @param options - Which instrument, if only one.
 * @returns The rows, deeply frozen.
 * @category Analysis
 */
export function toLongRows(
  course: DeepReadonly<Course>,
  options: LongFormatOptions = {},
): readonly LongRow[] {
  const sessions = sessionsInOrder(course);
  const focus = course.foci.primary?.area ?? '';
  const rows = measuresInOrder(course, options.instrument).map((measure): LongRow => {
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
 * Turns courses into long format: one row per course and measurement (see {@link LongRow}), ready
 * for `toCsv` and then `lme4` or `statsmodels`. Rows are sorted by course id, then by date; courses
 * that share an id keep the order they came in.
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
  const ordered = [...courses].sort((left, right) => compareIds(left.courseId, right.courseId));
  const rows: LongRow[] = [];
  for (const course of ordered) {
    for (const row of toLongRows(course, options)) rows.push(row);
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
}

/**
 * Turns courses into wide format: one row per course (see {@link WideRow}) with baseline, final,
 * change and the outcome criteria, in the order the courses came in. Ready for `toCsv`.
 * @param courses - Course states.
 * @param options - The instrument and any criteria overrides.
 * @returns The rows, deeply frozen.
 * @see IPT reference 7.4 - 7.5
 * @category Analysis
 */
export function toWideFormat(
  courses: Iterable<DeepReadonly<Course>>,
  options: WideFormatOptions,
): readonly WideRow[] {
  const outcomeOptions: OutcomeOptions = { ...options.outcome, instrument: options.instrument };
  const rows: WideRow[] = [];
  for (const course of courses) {
    const attended = attendedSessions(course);
    const result = outcome(course, outcomeOptions);
    const found = result.ok ? result.value : null;
    rows.push({
      courseId: course.courseId,
      protocol: course.protocol.id,
      focus: course.foci.primary?.area ?? '',
      sessionsAttended: attended,
      ending: course.outcome?.outcome ?? '',
      instrument: options.instrument,
      measures:
        found?.measures ??
        measuresInOrder(course, options.instrument).filter(
          (measure) => measure.score.total !== null,
        ).length,
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
