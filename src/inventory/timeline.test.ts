import { describe, expect, it } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import { sensitivityOf } from '../internal/sensitive.js';
import { addPerson, emptyInventory } from './inventory.js';
import {
  addLifeEvent,
  addMoodRating,
  checkTimelinePeople,
  createTimeline,
  eventsNearMoodChanges,
  LifeEvent,
  MoodRating,
  MoodScale,
  Timeline,
} from './timeline.js';

function value<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): TValue {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function issues<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): readonly Issue[] {
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues;
}

const codesAndPaths = (found: readonly Issue[]) => found.map((item) => [item.code, item.path]);

const zeroToTen = { min: 0, max: 10, higherIsBetter: true, label: 'Mood 0-10' };

/**
 * A timeline linking the course of symptoms to life events [MT18]: mood falls after a loss in
 * January and recovers in March.
 */
function exampleTimeline(scale = zeroToTen): DeepReadonly<Timeline> {
  let timeline = value(createTimeline(scale));
  for (const event of [
    { date: '2025-12-20', kind: 'conflict', description: 'row at a family dinner' },
    { date: '2026-01-10', kind: 'loss', personId: 'p-mother' },
    { date: '2026-02-20', kind: 'transition', description: 'started a new job' },
    { date: '2026-06-01', kind: 'other' },
  ] as const) {
    timeline = value(addLifeEvent(timeline, event));
  }
  for (const rating of [
    { date: '2026-01-01', value: 7 },
    { date: '2026-01-15', value: 3 },
    { date: '2026-02-01', value: 4 },
    { date: '2026-03-01', value: 8 },
  ]) {
    timeline = value(addMoodRating(timeline, rating));
  }
  return timeline;
}

describe('createTimeline', () => {
  it('starts empty on a declared 0-10 scale [MT18]', () => {
    const timeline = value(createTimeline(zeroToTen));
    expect(timeline).toEqual({ moodScale: zeroToTen, events: [], moods: [] });
    expect(Object.isFrozen(timeline.events)).toBe(true);
  });

  it.each([
    [{ min: 10, max: 0, higherIsBetter: true }, [['range-inverted', ['moodScale', 'max']]]],
    [{ min: 5, max: 5, higherIsBetter: true }, [['range-inverted', ['moodScale', 'max']]]],
    [{ min: 0, max: 9.5, higherIsBetter: true }, [['invalid-type', ['moodScale', 'max']]]],
    [{ min: 0, max: 10 }, [['invalid-type', ['moodScale', 'higherIsBetter']]]],
  ])('rejects the scale %j', (scale, expected) => {
    expect(codesAndPaths(issues(createTimeline(scale as never)))).toEqual(expected);
  });
});

describe('addLifeEvent and addMoodRating keep date order', () => {
  it('inserts events in date order whatever order they were added in', () => {
    expect(exampleTimeline().events.map((event) => event.date)).toEqual([
      '2025-12-20',
      '2026-01-10',
      '2026-02-20',
      '2026-06-01',
    ]);
  });

  it('keeps the order of addition for equal dates (stable)', () => {
    let timeline = value(createTimeline(zeroToTen));
    timeline = value(
      addLifeEvent(timeline, { date: '2026-01-02', kind: 'other', description: 'first' }),
    );
    timeline = value(addLifeEvent(timeline, { date: '2026-01-01', kind: 'loss' }));
    timeline = value(
      addLifeEvent(timeline, { date: '2026-01-02', kind: 'conflict', description: 'second' }),
    );
    timeline = value(addMoodRating(timeline, { date: '2026-01-02', value: 5, note: 'a' }));
    timeline = value(addMoodRating(timeline, { date: '2026-01-02', value: 4, note: 'b' }));
    expect(timeline.events.map((event) => event.kind)).toEqual(['loss', 'other', 'conflict']);
    expect(timeline.moods.map((rating) => rating.note)).toEqual(['a', 'b']);
  });

  it('has the four event kinds: loss, conflict, transition, other', () => {
    expect(LifeEvent.shape.kind.options).toEqual(['loss', 'conflict', 'transition', 'other']);
  });

  it.each([
    [{ date: '2026-02-30', kind: 'loss' }, [['invalid-format', ['event', 'date']]]],
    [{ date: '2026-02-01', kind: 'divorce' }, [['invalid-value', ['event', 'kind']]]],
    [
      { date: '2026-02-01', kind: 'loss', personId: 'Jane Doe' },
      [['invalid-format', ['event', 'personId']]],
    ],
    [
      { date: '2026-02-01', kind: 'loss', description: ' ' },
      [['too-small', ['event', 'description']]],
    ],
  ])('rejects the event %j at its path', (event, expected) => {
    expect(codesAndPaths(issues(addLifeEvent(exampleTimeline(), event as never)))).toEqual(
      expected,
    );
  });

  it.each([
    [{ date: '2026-02-01', value: 11 }, [['out-of-scale', ['rating', 'value']]]],
    [{ date: '2026-02-01', value: -1 }, [['out-of-scale', ['rating', 'value']]]],
    [{ date: '2026-02-01', value: 6.5 }, [['invalid-type', ['rating', 'value']]]],
    [{ date: '2026-02', value: 6 }, [['invalid-format', ['rating', 'date']]]],
  ])('rejects the rating %j at its path', (rating, expected) => {
    expect(codesAndPaths(issues(addMoodRating(exampleTimeline(), rating)))).toEqual(expected);
  });

  it('accepts both ends of the scale', () => {
    const timeline = value(addMoodRating(exampleTimeline(), { date: '2026-04-01', value: 0 }));
    expect(value(addMoodRating(timeline, { date: '2026-04-02', value: 10 })).moods).toHaveLength(6);
  });

  it('never changes the timeline it was given, not even its frozenness', () => {
    const unfrozen = structuredClone(exampleTimeline());
    const copy = structuredClone(unfrozen);
    value(addLifeEvent(unfrozen, { date: '2026-01-12', kind: 'other' }));
    value(addMoodRating(unfrozen, { date: '2026-01-12', value: 2 }));
    expect(unfrozen).toEqual(copy);
    expect(Object.isFrozen(unfrozen.events)).toBe(false);
  });

  it('marks free text as sensitive', () => {
    expect(sensitivityOf(LifeEvent.shape.description)).toBe('free-text');
    expect(sensitivityOf(MoodRating.shape.note)).toBe('free-text');
    expect(sensitivityOf(MoodScale.shape.label)).toBeUndefined();
  });
});

describe('eventsNearMoodChanges: linking symptoms to life events [MT18]', () => {
  it('finds the fall after the loss and the recovery, with the events near each', () => {
    const changes = value(
      eventsNearMoodChanges(exampleTimeline(), { minChange: 3, windowDays: 14 }),
    );
    expect(
      changes.map((change) => ({
        from: change.from.date,
        to: change.to.date,
        change: change.change,
        direction: change.direction,
        events: change.events.map((event) => event.date),
      })),
    ).toEqual([
      {
        from: '2026-01-01',
        to: '2026-01-15',
        change: -4,
        direction: 'worsened',
        events: ['2025-12-20', '2026-01-10'],
      },
      {
        from: '2026-02-01',
        to: '2026-03-01',
        change: 4,
        direction: 'improved',
        events: ['2026-02-20'],
      },
    ]);
    expect(changes.map((change) => [change.fromIndex, change.toIndex])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('a change exactly equal to minChange counts; a smaller one does not', () => {
    const atFour = value(eventsNearMoodChanges(exampleTimeline(), { minChange: 4, windowDays: 0 }));
    expect(atFour).toHaveLength(2);
    const aboveFour = value(
      eventsNearMoodChanges(exampleTimeline(), { minChange: 4.5, windowDays: 0 }),
    );
    expect(aboveFour).toEqual([]);
    const atOne = value(eventsNearMoodChanges(exampleTimeline(), { minChange: 1, windowDays: 0 }));
    expect(atOne.map((change) => change.change)).toEqual([-4, 1, 4]);
  });

  it('the window is inclusive at both ends, counted in days', () => {
    // The conflict on 2025-12-20 is 12 days before the rating on 2026-01-01.
    const eleven = value(
      eventsNearMoodChanges(exampleTimeline(), { minChange: 3, windowDays: 11 }),
    );
    expect(eleven[0]!.events.map((event) => event.date)).toEqual(['2026-01-10']);
    const twelve = value(
      eventsNearMoodChanges(exampleTimeline(), { minChange: 3, windowDays: 12 }),
    );
    expect(twelve[0]!.events.map((event) => event.date)).toEqual(['2025-12-20', '2026-01-10']);
  });

  it('on a scale where higher is worse (symptom ratings) the directions flip', () => {
    const timeline = exampleTimeline({ min: 0, max: 10, higherIsBetter: false, label: 'Low mood' });
    const changes = value(eventsNearMoodChanges(timeline, { minChange: 3, windowDays: 0 }));
    expect(changes.map((change) => change.direction)).toEqual(['improved', 'worsened']);
  });

  it('needs at least two ratings', () => {
    const one = value(
      addMoodRating(value(createTimeline(zeroToTen)), { date: '2026-01-01', value: 1 }),
    );
    expect(value(eventsNearMoodChanges(one, { minChange: 1, windowDays: 7 }))).toEqual([]);
  });

  it.each([
    [{ minChange: 0, windowDays: 7 }, [['too-small', ['options', 'minChange']]]],
    [{ minChange: 1, windowDays: -1 }, [['too-small', ['options', 'windowDays']]]],
    [{ minChange: 1, windowDays: 1.5 }, [['invalid-type', ['options', 'windowDays']]]],
    [{ minChange: 1 }, [['invalid-type', ['options', 'windowDays']]]],
  ])('rejects the options %j', (options, expected) => {
    expect(
      codesAndPaths(issues(eventsNearMoodChanges(exampleTimeline(), options as never))),
    ).toEqual(expected);
  });

  it('returns frozen changes', () => {
    const changes = value(
      eventsNearMoodChanges(exampleTimeline(), { minChange: 3, windowDays: 14 }),
    );
    expect(Object.isFrozen(changes)).toBe(true);
    expect(Object.isFrozen(changes[0]!.events)).toBe(true);
  });
});

describe('Timeline schema', () => {
  it('round-trips a timeline', () => {
    const timeline = exampleTimeline();
    expect(safeParseWith(Timeline, JSON.parse(JSON.stringify(timeline)))).toEqual({
      ok: true,
      value: timeline,
    });
  });

  it('rejects lists out of date order and ratings off the scale', () => {
    const timeline = structuredClone(exampleTimeline()) as unknown as {
      events: { date: string }[];
      moods: { date: string; value: number }[];
    };
    timeline.events.reverse();
    timeline.moods[2]!.value = 12;
    expect(codesAndPaths(issues(safeParseWith(Timeline, timeline)))).toEqual([
      ['not-in-date-order', ['events', 1, 'date']],
      ['not-in-date-order', ['events', 2, 'date']],
      ['not-in-date-order', ['events', 3, 'date']],
      ['out-of-scale', ['moods', 2, 'value']],
    ]);
  });

  it('never quotes descriptions or notes in messages', () => {
    const found = issues(
      safeParseWith(Timeline, {
        moodScale: zeroToTen,
        events: [{ date: '2026-01-01', kind: 'loss', description: `ZZSECRET${'x'.repeat(1000)}` }],
        moods: [{ date: '2026-01-01', value: 3, note: 'ZZSECRET', ZZSECRETkey: true }],
      }),
    );
    expect(found.length).toBe(2);
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });
});

describe('checkTimelinePeople', () => {
  it('finds events naming someone not in the inventory (e.g. after removePerson)', () => {
    const inventory = value(
      addPerson(value(emptyInventory()), {
        id: 'p-mother',
        label: 'Mum',
        relationship: 'parent',
        vitalStatus: { status: 'deceased' },
        period: 'past',
      }),
    );
    expect(checkTimelinePeople(exampleTimeline(), inventory)).toEqual([]);
    expect(codesAndPaths(checkTimelinePeople(exampleTimeline(), value(emptyInventory())))).toEqual([
      ['dangling-person', ['events', 1, 'personId']],
    ]);
  });
});
