import * as z from 'zod';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type ValidationError } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { err, ok, type Result } from '../internal/result.js';
import type { Provenance } from '../sources/sources.js';

const MINUTES_PER_DAY = 1440;

/**
 * The five activities of the SRM-5: getting out of bed, first contact with another person,
 * starting work (or housework, volunteering, school), having dinner, going to bed.
 * @see IPT reference 6.1 ([MONK02])
 * @category Measures
 */
export const SrmActivity = z.enum([
  'out-of-bed',
  'first-contact',
  'start-work',
  'dinner',
  'to-bed',
]);
/** @category Measures */
export type SrmActivity = z.infer<typeof SrmActivity>;

/**
 * A clock time, `HH:MM` on a 24-hour clock (`00:00` to `23:59`).
 * @category Measures
 */
export const ClockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM from 00:00 to 23:59' });

/**
 * One day of the SRM diary: the time each activity happened, or `null` (or absent) if it did not.
 * @category Measures
 */
export const SrmDay = z.strictObject(
  Object.fromEntries(
    SrmActivity.options.map((activity) => [activity, ClockTime.nullable().optional()]),
  ) as Record<SrmActivity, z.ZodOptional<z.ZodNullable<typeof ClockTime>>>,
);
/** @category Measures */
export type SrmDay = z.infer<typeof SrmDay>;

/**
 * A week of SRM diary days: exactly seven.
 * @category Measures
 */
export const SrmWeek = z.array(SrmDay).length(7);
/** @category Measures */
export type SrmWeek = z.infer<typeof SrmWeek>;

/**
 * Options of {@link scoreSrm5}. Both default to the values the reference gives, which it marks
 * UNCONFIRMED against the primary text: change them if your protocol says otherwise.
 * @category Measures
 */
export const SrmOptions = z.strictObject({
  /** A day is a hit when the activity happened within this many minutes of its habitual time. */
  windowMinutes: z.int().min(1).max(720).optional(),
  /** An activity counts toward the score only if it happened on at least this many days. */
  minOccurrences: z.int().min(1).max(7).optional(),
});
/** @category Measures */
export type SrmOptions = z.infer<typeof SrmOptions>;

/**
 * The SRM-5 definition: its activities, the default scoring parameters and their provenance.
 * @category Measures
 */
export interface SrmDefinition {
  readonly id: 'srm-5';
  readonly title: string;
  readonly citation: string;
  readonly activities: readonly SrmActivity[];
  readonly scoreRange: { readonly min: 0; readonly max: 7 };
  readonly defaults: { readonly windowMinutes: number; readonly minOccurrences: number };
  readonly provenance: DeepReadonly<Provenance>;
  readonly windowProvenance: DeepReadonly<Provenance>;
  readonly algorithmProvenance: DeepReadonly<Provenance>;
}

/**
 * The Social Rhythm Metric, 5-item version (Monk et al. 2002), used in IPSRT to track how regular
 * daily routines are. Scores run from 0 (least regular) to 7 (most regular); it correlates about
 * 0.8 with the 17-item SRM [MONK02], [MONK97].
 *
 * The scoring rule is the reference's reconstruction, UNCONFIRMED against the primary text: an
 * activity's habitual time is its mean time over the week; only activities done on at least 3 days
 * count; a day is a hit when the activity fell within 45 minutes of the habitual time
 * ([ADHERENCE-DOC], secondary); the score is the mean number of hits over counted activities.
 * Both parameters are options of {@link scoreSrm5}.
 * @see IPT reference 6.1
 * @category Measures
 */
export const srm5: SrmDefinition = deepFreeze({
  id: 'srm-5',
  title: 'Social Rhythm Metric, 5 items (SRM-5)',
  citation:
    'Monk, Frank, Potts & Kupfer, "A simple way to measure daily lifestyle regularity", J Sleep Res 11:183 (2002)',
  activities: SrmActivity.options,
  scoreRange: { min: 0, max: 7 },
  defaults: { windowMinutes: 45, minOccurrences: 3 },
  provenance: { sources: ['MONK02', 'MONK97'] },
  windowProvenance: {
    sources: ['ADHERENCE-DOC'],
    unconfirmed: true,
    note: 'The 45-minute window comes from a secondary source.',
  },
  algorithmProvenance: {
    sources: ['MONK97', 'MONK02'],
    unconfirmed: true,
    note: 'Habitual time as the week mean, the 3-day minimum and averaging of hits are a reconstruction consistent with the 0-7 range.',
  },
} as const);

/**
 * How one activity went over the week.
 * @category Measures
 */
export interface SrmActivityResult {
  /** Days on which it happened (0-7). */
  readonly occurrences: number;
  /** Whether it happened often enough to count toward the score. */
  readonly counted: boolean;
  /** Its habitual (mean) time, `HH:MM`, or `null` if it never happened. */
  readonly habitualTime: string | null;
  /** Days within the window of the habitual time (0 when not counted). */
  readonly hits: number;
}

/**
 * A scored SRM-5 week.
 * @category Measures
 */
export interface SrmScore {
  readonly instrument: { readonly id: 'srm-5' };
  /** Mean hits per counted activity, 0-7; `null` when no activity happened often enough. */
  readonly score: number | null;
  /** Activity level index: how many activity occurrences the week had (0-35). */
  readonly activityLevel: number;
  readonly activities: Readonly<Record<SrmActivity, SrmActivityResult>>;
  /** The parameters used, so the score can be reproduced. */
  readonly windowMinutes: number;
  readonly minOccurrences: number;
}

function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function formatMinutes(minutes: number): string {
  const whole = Math.round(minutes) % MINUTES_PER_DAY;
  const hours = Math.floor(whole / 60);
  return `${String(hours).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * The candidate means of clock times that may straddle midnight. The times are laid out on a line
 * starting at each of them in turn (times before the start move to the next day); the layouts with
 * the smallest spread (sum of squared deviations) give the candidates, as exact `sum / count`.
 * Which layouts win does not depend on where midnight falls, so shifting every time by the same
 * amount shifts the candidates by that amount. Usually there is one; evenly spread times can tie.
 */
function habitualTimes(
  times: readonly number[],
): { readonly sum: number; readonly count: number }[] {
  // Whole minutes, at most 7 of them: sums and squared spreads stay exact integers, so the choice
  // of layout and the hit test below never depend on floating-point rounding.
  const sorted = [...times].sort((left, right) => left - right);
  const count = sorted.length;
  let best: { sum: number; count: number }[] = [];
  let bestSpread = Infinity;
  for (const start of sorted) {
    let sum = 0;
    let squares = 0;
    for (const time of sorted) {
      const placed = time < start ? time + MINUTES_PER_DAY : time;
      sum += placed;
      squares += placed * placed;
    }
    // count * (sum of squared deviations) = count * squares - sum^2, an exact integer.
    const spread = count * squares - sum * sum;
    if (spread < bestSpread) {
      bestSpread = spread;
      best = [{ sum, count }];
    } else if (spread === bestSpread && !best.some((each) => each.sum === sum)) {
      best.push({ sum, count });
    }
  }
  return best;
}

/**
 * Whether a time lies within `window` minutes of the habitual time `sum / count` on the 24-hour
 * circle, computed on integers scaled by `count` (no rounding).
 */
function isHit(time: number, habitual: { sum: number; count: number }, window: number): boolean {
  const day = MINUTES_PER_DAY * habitual.count;
  const difference = (((habitual.count * time - habitual.sum) % day) + day) % day;
  return Math.min(difference, day - difference) <= window * habitual.count;
}

/**
 * Scores a week of SRM-5 diary entries.
 * @param week - Seven days, each with the `HH:MM` time of each activity or `null`.
 * @param options - Window and minimum-occurrence parameters (defaults in {@link srm5}).
 * @returns The {@link SrmScore}, or a {@link ValidationError} listing every problem.
 * @example
 * ```ts
 * const day = { 'out-of-bed': '07:00', 'first-contact': '07:30', 'start-work': '09:00', dinner: '19:00', 'to-bed': '23:00' };
 * scoreSrm5(Array(7).fill(day)); // score 7, activityLevel 35
 * ```
 * @see IPT reference 6.1 and 11 (invariant 14)
 * @category Measures
 */
export function scoreSrm5(week: unknown, options: unknown = {}): Result<SrmScore, ValidationError> {
  const parsedWeek = safeParseWith(SrmWeek, week);
  const parsedOptions = safeParseWith(SrmOptions, options);
  if (!parsedWeek.ok || !parsedOptions.ok) {
    const issues = [
      ...(parsedWeek.ok ? [] : parsedWeek.error.issues),
      ...(parsedOptions.ok
        ? []
        : parsedOptions.error.issues.map((found) =>
            issue(found.code, ['options', ...found.path], found.message),
          )),
    ];
    return err(validationError(issues));
  }
  const windowMinutes = parsedOptions.value.windowMinutes ?? srm5.defaults.windowMinutes;
  const minOccurrences = parsedOptions.value.minOccurrences ?? srm5.defaults.minOccurrences;

  let activityLevel = 0;
  let totalHits = 0;
  let counted = 0;
  const activities = {} as Record<SrmActivity, SrmActivityResult>;
  for (const activity of srm5.activities) {
    const times = parsedWeek.value
      .map((day) => day[activity])
      .filter((time): time is string => typeof time === 'string')
      .map(toMinutes);
    activityLevel += times.length;
    if (times.length === 0) {
      activities[activity] = { occurrences: 0, counted: false, habitualTime: null, hits: 0 };
      continue;
    }
    // Evenly spread times can give several layouts with the same smallest spread; the one with
    // the most hits is taken, a choice that does not depend on where midnight falls.
    const candidates = habitualTimes(times).map((candidate) => ({
      candidate,
      hits: times.filter((time) => isHit(time, candidate, windowMinutes)).length,
    }));
    const chosen = candidates.reduce((left, right) => (right.hits > left.hits ? right : left));
    const habitual = chosen.candidate;
    const isCounted = times.length >= minOccurrences;
    const hits = isCounted ? chosen.hits : 0;
    if (isCounted) {
      counted += 1;
      totalHits += hits;
    }
    activities[activity] = {
      occurrences: times.length,
      counted: isCounted,
      habitualTime: formatMinutes((habitual.sum / habitual.count) % MINUTES_PER_DAY),
      hits,
    };
  }
  return ok(
    deepFreeze({
      instrument: { id: 'srm-5' as const },
      score: counted === 0 ? null : totalHits / counted,
      activityLevel,
      activities,
      windowMinutes,
      minOccurrences,
    }),
  );
}
