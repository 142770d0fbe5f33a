import * as z from 'zod';
import { daysBetween, IsoDate } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { PersonId } from '../internal/ids.js';
import { issue, type Issue, type ValidationError } from '../internal/issues.js';
import { ok, type Result } from '../internal/result.js';
import { sensitiveText } from '../internal/sensitive.js';
import { fail, frozenCopy, parseAt } from '../internal/model.js';

/** Scale bounds are kept small so that every computation on ratings stays exact. */
const SCALE_LIMIT = 1000;

/**
 * The mood scale a timeline's ratings use, declared by the caller: integer `min` < `max` (for
 * example 0-10), and whether a higher rating means a better mood. Ratings are whole numbers on
 * this scale.
 * @example
 * ```ts
 * const scale = { min: 0, max: 10, higherIsBetter: true, label: 'Mood 0-10' };
 * ```
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export const MoodScale = z
  .strictObject({
    min: z.int().min(-SCALE_LIMIT).max(SCALE_LIMIT),
    max: z.int().min(-SCALE_LIMIT).max(SCALE_LIMIT),
    higherIsBetter: z.boolean(),
    /** A short name for the scale (configuration, not client text). */
    label: z.string().trim().min(1).max(80).optional(),
  })
  .superRefine((scale, context) => {
    if (scale.max <= scale.min) {
      context.addIssue({
        code: 'custom',
        path: ['max'],
        message: 'must be greater than min',
        params: { code: 'range-inverted' },
      });
    }
  });
/** @category Timeline */
export type MoodScale = z.infer<typeof MoodScale>;

/**
 * What kind of life event: a loss, a conflict, a transition, or something else.
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export const LifeEventKind = z.enum(['loss', 'conflict', 'transition', 'other']);
/** @category Timeline */
export type LifeEventKind = z.infer<typeof LifeEventKind>;

/**
 * A dated life event, optionally linked to a person of the inventory. The description is
 * sensitive free text.
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export const LifeEvent = z.strictObject({
  date: IsoDate,
  kind: LifeEventKind,
  description: sensitiveText('free-text', 1000).optional(),
  personId: PersonId.optional(),
});
/** @category Timeline */
export type LifeEvent = z.infer<typeof LifeEvent>;

/**
 * A dated mood rating: a whole number on the timeline's {@link MoodScale}, with an optional note.
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export const MoodRating = z.strictObject({
  date: IsoDate,
  value: z.int().min(-SCALE_LIMIT).max(SCALE_LIMIT),
  note: sensitiveText('free-text', 1000).optional(),
});
/** @category Timeline */
export type MoodRating = z.infer<typeof MoodRating>;

function outOfScale(scale: { min: number; max: number }): string {
  return `must be a whole number from ${scale.min} to ${scale.max}`;
}

function dateOrderIssues(
  list: readonly { readonly date: string }[],
  name: 'events' | 'moods',
): Issue[] {
  const found: Issue[] = [];
  for (let index = 1; index < list.length; index += 1) {
    const previous = list[index - 1];
    const current = list[index];
    if (previous !== undefined && current !== undefined && current.date < previous.date) {
      found.push(
        issue(
          'not-in-date-order',
          [name, index, 'date'],
          'must not be earlier than the one before',
        ),
      );
    }
  }
  return found;
}

/**
 * A timeline linking the course of symptoms to life events: dated life events and mood ratings on
 * a declared scale, each list in date order (equal dates keep the order they were added in).
 * Codes: `not-in-date-order`, `out-of-scale`, `range-inverted`.
 * The form of the WHO group-IPT timeline (mood against events) is UNCONFIRMED; this model keeps
 * both on one date axis without assuming it.
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export const Timeline = z
  .strictObject({
    moodScale: MoodScale,
    events: z.array(LifeEvent).max(1000),
    moods: z.array(MoodRating).max(5000),
  })
  .superRefine((timeline, context) => {
    // Cross-field rules only run on a value whose parts are all valid.
    if (context.issues.length > 0) return;
    const found = [
      ...dateOrderIssues(timeline.events, 'events'),
      ...dateOrderIssues(timeline.moods, 'moods'),
    ];
    const { min, max } = timeline.moodScale;
    timeline.moods.forEach((rating, index) => {
      if (min < max && (rating.value < min || rating.value > max)) {
        found.push(issue('out-of-scale', ['moods', index, 'value'], outOfScale({ min, max })));
      }
    });
    for (const problem of found) {
      context.addIssue({
        code: 'custom',
        path: [...problem.path],
        message: problem.message,
        params: { code: problem.code },
      });
    }
  });
/** @category Timeline */
export type Timeline = z.infer<typeof Timeline>;

/**
 * Creates an empty timeline on a mood scale.
 * @param moodScale - The scale (see {@link MoodScale}).
 * @returns The empty timeline, frozen, or issues at `['moodScale', ...]`.
 * @example
 * ```ts
 * const timeline = createTimeline({ min: 0, max: 10, higherIsBetter: true });
 * ```
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export function createTimeline(
  moodScale: z.input<typeof MoodScale>,
): Result<DeepReadonly<Timeline>, ValidationError> {
  const scale = parseAt(MoodScale, moodScale, ['moodScale']);
  if (!scale.ok) return scale;
  return ok(frozenCopy({ moodScale: scale.value, events: [], moods: [] }));
}

/**
 * The index after the last item dated on or before `date` (binary search: stable insertion).
 * Shared with the course fold, which inserts into its private lists in place.
 * @internal
 */
export function insertionIndex(list: readonly { readonly date: string }[], date: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = list[middle];
    if (item !== undefined && item.date <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertByDate<TItem extends { readonly date: string }>(
  list: readonly TItem[],
  item: TItem,
): TItem[] {
  const index = insertionIndex(list, item.date);
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/**
 * Adds a life event in date order (after any events of the same date).
 * Errors: schema issues at `['event', ...]`.
 * @param timeline - The timeline (not changed).
 * @param event - The event (see {@link LifeEvent}).
 * @returns A new frozen timeline.
 * @example
 * ```ts
 * addLifeEvent(timeline, { date: '2025-11-03', kind: 'loss', personId: 'p-mother' });
 * ```
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export function addLifeEvent(
  timeline: DeepReadonly<Timeline>,
  event: z.input<typeof LifeEvent>,
): Result<DeepReadonly<Timeline>, ValidationError> {
  const parsed = parseAt(LifeEvent, event, ['event']);
  if (!parsed.ok) return parsed;
  return ok(frozenCopy({ ...timeline, events: insertByDate(timeline.events, parsed.value) }));
}

/**
 * Adds a mood rating in date order (after any ratings of the same date).
 * Errors: schema issues at `['rating', ...]`; `out-of-scale` at `['rating', 'value']` when the
 * value is outside the timeline's scale.
 * @param timeline - The timeline (not changed).
 * @param rating - The rating (see {@link MoodRating}).
 * @returns A new frozen timeline.
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export function addMoodRating(
  timeline: DeepReadonly<Timeline>,
  rating: z.input<typeof MoodRating>,
): Result<DeepReadonly<Timeline>, ValidationError> {
  const parsed = parseAt(MoodRating, rating, ['rating']);
  if (!parsed.ok) return parsed;
  const { min, max } = timeline.moodScale;
  if (parsed.value.value < min || parsed.value.value > max) {
    return fail('out-of-scale', ['rating', 'value'], outOfScale({ min, max }));
  }
  return ok(frozenCopy({ ...timeline, moods: insertByDate(timeline.moods, parsed.value) }));
}

/**
 * Options of {@link eventsNearMoodChanges}.
 * @category Timeline
 */
export const MoodChangeOptions = z.strictObject({
  /** The smallest change between consecutive ratings that counts (a positive number). */
  minChange: z
    .number()
    .positive()
    .max(2 * SCALE_LIMIT),
  /** How many days before the earlier and after the later rating an event may lie (0-3660). */
  windowDays: z.int().min(0).max(3660),
});
/** @category Timeline */
export type MoodChangeOptions = z.infer<typeof MoodChangeOptions>;

/**
 * A change of mood between two consecutive ratings, with the life events near it.
 * @category Timeline
 */
export interface MoodChange {
  /** Index of the earlier rating in `timeline.moods`. */
  readonly fromIndex: number;
  /** Index of the later rating (`fromIndex + 1`). */
  readonly toIndex: number;
  readonly from: MoodRating;
  readonly to: MoodRating;
  /** `to.value - from.value` (signed, in scale points). */
  readonly change: number;
  /** Whether the mood got better or worse, given the scale's `higherIsBetter`. */
  readonly direction: 'improved' | 'worsened';
  /** Life events dated from `windowDays` before `from.date` to `windowDays` after `to.date`. */
  readonly events: readonly LifeEvent[];
}

/**
 * Finds each change of at least `minChange` points between consecutive mood ratings and the life
 * events dated within `windowDays` of that interval (from `windowDays` before the earlier rating
 * to `windowDays` after the later one, both ends included), to link the course of symptoms to
 * life events.
 * Errors: schema issues at `['options', ...]`.
 * @param timeline - The timeline.
 * @param options - Threshold and window (see {@link MoodChangeOptions}).
 * @returns The changes in date order, deeply frozen.
 * @example
 * ```ts
 * const near = eventsNearMoodChanges(timeline, { minChange: 3, windowDays: 14 });
 * ```
 * @see IPT reference 3.3 ([MT18])
 * @category Timeline
 */
export function eventsNearMoodChanges(
  timeline: DeepReadonly<Timeline>,
  options: MoodChangeOptions,
): Result<readonly DeepReadonly<MoodChange>[], ValidationError> {
  const parsed = parseAt(MoodChangeOptions, options, ['options']);
  if (!parsed.ok) return parsed;
  const { minChange, windowDays } = parsed.value;
  const changes: MoodChange[] = [];
  for (let index = 1; index < timeline.moods.length; index += 1) {
    const from = timeline.moods[index - 1];
    const to = timeline.moods[index];
    if (from === undefined || to === undefined) continue;
    const change = to.value - from.value;
    if (Math.abs(change) < minChange) continue;
    const rose = change > 0;
    const events = timeline.events.filter((event) => {
      const afterStart = daysBetween(from.date, event.date);
      const beforeEnd = daysBetween(event.date, to.date);
      return (
        afterStart !== undefined &&
        beforeEnd !== undefined &&
        afterStart >= -windowDays &&
        beforeEnd >= -windowDays
      );
    });
    changes.push({
      fromIndex: index - 1,
      toIndex: index,
      from,
      to,
      change,
      direction: rose === timeline.moodScale.higherIsBetter ? 'improved' : 'worsened',
      events,
    });
  }
  return ok(frozenCopy(changes));
}

/**
 * Finds life events that name a person who is not in the inventory (for example after
 * `removePerson`, which leaves the timeline to the caller).
 * @param timeline - The timeline.
 * @param inventory - The inventory, or anything with its `people` record.
 * @returns `dangling-person` issues at `['events', index, 'personId']`, frozen (empty when none).
 * @category Timeline
 */
export function checkTimelinePeople(
  timeline: DeepReadonly<Timeline>,
  inventory: { readonly people: Readonly<Record<string, unknown>> },
): readonly Issue[] {
  const found: Issue[] = [];
  timeline.events.forEach((event, index) => {
    if (event.personId !== undefined && !Object.hasOwn(inventory.people, event.personId)) {
      found.push(
        issue(
          'dangling-person',
          ['events', index, 'personId'],
          'names a person who is not in the inventory',
        ),
      );
    }
  });
  return Object.freeze(found);
}
