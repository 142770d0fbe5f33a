import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { daysBetween } from '../internal/dates.js';
import { safeParseWith } from '../internal/parse.js';
import {
  addLifeEvent,
  addMoodRating,
  createTimeline,
  eventsNearMoodChanges,
  LifeEventKind,
  Timeline,
} from './timeline.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Dates in a short span, so that equal dates and near events are common. */
const date = fc
  .integer({ min: 0, max: 90 })
  .map((offset) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10));

const scale = fc
  .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.boolean())
  .map(([min, span, higherIsBetter]) => ({ min, max: min + span, higherIsBetter }));

const event = fc.record(
  {
    date,
    kind: fc.constantFrom(...LifeEventKind.options),
    description: fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((text) => text.trim() === text && text.length > 0),
    personId: fc.constantFrom('p1', 'p2'),
  },
  { requiredKeys: ['date', 'kind'] },
);

type Step =
  | { type: 'event'; event: typeof event extends fc.Arbitrary<infer TEvent> ? TEvent : never }
  | { type: 'mood'; date: string; fraction: number; tag: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  event.map((value) => ({ type: 'event' as const, event: value })),
  fc
    .tuple(date, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat())
    .map(([when, fraction, tag]) => ({ type: 'mood' as const, date: when, fraction, tag })),
);

function build(scaleValue: { min: number; max: number; higherIsBetter: boolean }, steps: Step[]) {
  const created = createTimeline(scaleValue);
  if (!created.ok) throw new Error('unreachable');
  let timeline = created.value;
  const addedEvents: { date: string }[] = [];
  const addedMoods: { date: string; value: number }[] = [];
  for (const item of steps) {
    const previous = timeline;
    const snapshot = structuredClone(previous);
    if (item.type === 'event') {
      const next = addLifeEvent(timeline, item.event);
      if (!next.ok) throw new Error('generator produced an invalid event');
      timeline = next.value;
      addedEvents.push(item.event);
    } else {
      // `+ 0` turns a -0 from Math.round into 0: JSON has no -0, so the round trip below would differ.
      const value =
        Math.round(scaleValue.min + item.fraction * (scaleValue.max - scaleValue.min)) + 0;
      const next = addMoodRating(timeline, { date: item.date, value });
      if (!next.ok) throw new Error('generator produced an invalid rating');
      timeline = next.value;
      addedMoods.push({ date: item.date, value });
    }
    expect(previous).toEqual(snapshot);
  }
  return { timeline, addedEvents, addedMoods };
}

/** A stable sort by date (Array.prototype.sort is stable). */
const byDate = <TItem extends { date: string }>(items: TItem[]) =>
  [...items].sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));

describe('timeline (properties)', () => {
  test.prop([scale, fc.array(step, { maxLength: 30 })])(
    'any sequence of additions gives both lists in stable date order, and the timeline round-trips',
    (scaleValue, steps) => {
      const { timeline, addedEvents, addedMoods } = build(scaleValue, steps);
      expect(timeline.events).toEqual(byDate(addedEvents));
      expect(timeline.moods).toEqual(byDate(addedMoods));
      expect(safeParseWith(Timeline, JSON.parse(JSON.stringify(timeline)))).toEqual({
        ok: true,
        value: timeline,
      });
    },
  );

  test.prop([
    scale,
    fc.array(step, { maxLength: 30 }),
    fc.integer({ min: 1, max: 10 }),
    fc.integer({ min: 0, max: 30 }),
  ])(
    'eventsNearMoodChanges reports exactly the big enough changes, with exactly the events in the window',
    (scaleValue, steps, minChange, windowDays) => {
      const { timeline } = build(scaleValue, steps);
      const result = eventsNearMoodChanges(timeline, { minChange, windowDays });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const expectedPairs: number[] = [];
      for (let index = 1; index < timeline.moods.length; index += 1) {
        const change = timeline.moods[index]!.value - timeline.moods[index - 1]!.value;
        if (Math.abs(change) >= minChange) expectedPairs.push(index);
      }
      expect(result.value.map((change) => change.toIndex)).toEqual(expectedPairs);
      for (const change of result.value) {
        expect(change.fromIndex).toBe(change.toIndex - 1);
        expect(change.change).toBe(change.to.value - change.from.value);
        const better = scaleValue.higherIsBetter ? change.change > 0 : change.change < 0;
        expect(change.direction).toBe(better ? 'improved' : 'worsened');
        const inWindow = timeline.events.filter(
          (item) =>
            daysBetween(change.from.date, item.date)! >= -windowDays &&
            daysBetween(item.date, change.to.date)! >= -windowDays,
        );
        expect(change.events).toEqual(inWindow);
      }
    },
  );

  test.prop([scale, fc.array(step, { maxLength: 20 })])(
    'flipping higherIsBetter flips every direction and nothing else',
    (scaleValue, steps) => {
      const options = { minChange: 1, windowDays: 7 };
      const up = eventsNearMoodChanges(build(scaleValue, steps).timeline, options);
      const down = eventsNearMoodChanges(
        build({ ...scaleValue, higherIsBetter: !scaleValue.higherIsBetter }, steps).timeline,
        options,
      );
      if (!up.ok || !down.ok) throw new Error('unreachable');
      expect(down.value.map((change) => change.direction)).toEqual(
        up.value.map((change) => (change.direction === 'improved' ? 'worsened' : 'improved')),
      );
      expect(down.value.map((change) => change.events)).toEqual(
        up.value.map((change) => change.events),
      );
    },
  );

  test.prop([scale, fc.array(step, { maxLength: 10 }), event])(
    'additions never mutate the timeline or the event',
    (scaleValue, steps, extra) => {
      const unfrozen = structuredClone(build(scaleValue, steps).timeline);
      const copy = structuredClone(unfrozen);
      const extraCopy = structuredClone(extra);
      addLifeEvent(unfrozen, extra);
      addMoodRating(unfrozen, { date: extra.date, value: scaleValue.max });
      eventsNearMoodChanges(unfrozen, { minChange: 1, windowDays: 3 });
      expect(unfrozen).toEqual(copy);
      expect(extra).toEqual(extraCopy);
      expect(isNothingFrozen(unfrozen)).toBe(true);
      expect(isNothingFrozen(extra)).toBe(true);
    },
  );

  test.prop([fc.anything()])(
    'safeParseWith(Timeline, anything) never throws and gives kebab-case codes',
    (input) => {
      const result = safeParseWith(Timeline, input);
      if (result.ok) return;
      for (const found of result.error.issues) {
        expect(found.code).toMatch(KEBAB_CASE);
        expect(found.code).not.toBe('unreadable-input');
      }
    },
  );
});

/** True when no object reachable from the value is frozen (a structuredClone copy is like that). */
function isNothingFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return !Object.isFrozen(root) && Object.values(root).every(isNothingFrozen);
}
