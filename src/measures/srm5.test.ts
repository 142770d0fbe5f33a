import { describe, expect, test } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { scoreSrm5, srm5 } from './srm5.js';
import type { SrmActivity, SrmScore } from './srm5.js';

type Day = Partial<Record<SrmActivity, string | null>>;

const ACTIVITIES: readonly SrmActivity[] = [
  'out-of-bed',
  'first-contact',
  'start-work',
  'dinner',
  'to-bed',
];

const REGULAR_DAY: Day = {
  'out-of-bed': '07:00',
  'first-contact': '07:30',
  'start-work': '09:00',
  dinner: '19:00',
  'to-bed': '23:00',
};

const EMPTY_DAY: Day = {
  'out-of-bed': null,
  'first-contact': null,
  'start-work': null,
  dinner: null,
  'to-bed': null,
};

function week(days: readonly Day[]): Day[] {
  if (days.length !== 7) throw new Error('a week has seven days');
  return days.map((day) => ({ ...day }));
}

/** A week where one activity happens at the given times (null = not that day), nothing else. */
function onlyActivity(activity: SrmActivity, times: readonly (string | null)[]): Day[] {
  return week(times.map((time) => ({ ...EMPTY_DAY, [activity]: time })));
}

function scoreOf(input: unknown, options?: unknown): SrmScore {
  const result = scoreSrm5(input, options);
  if (!result.ok) throw new Error(`expected a score, got ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function codesAndPaths(input: unknown, options?: unknown) {
  const result = scoreSrm5(input, options);
  if (result.ok) throw new Error('expected scoreSrm5 to reject the input');
  return result.error.issues.map(({ code, path }: Issue) => ({ code, path: [...path] }));
}

describe('srm5 definition', () => {
  test('[MONK02] five activities: out of bed, first contact, start work, dinner, to bed', () => {
    expect(srm5.id).toBe('srm-5');
    expect(srm5.activities).toEqual(ACTIVITIES);
  });

  test('[MONK97] scores run 0-7', () => {
    expect(srm5.scoreRange).toEqual({ min: 0, max: 7 });
  });

  test('[ADHERENCE-DOC] defaults: a 45-minute window and 3 occurrences, both marked UNCONFIRMED', () => {
    expect(srm5.defaults).toEqual({ windowMinutes: 45, minOccurrences: 3 });
    expect(srm5.windowProvenance.sources).toContain('ADHERENCE-DOC');
    expect(srm5.windowProvenance.unconfirmed).toBe(true);
    expect(srm5.algorithmProvenance.unconfirmed).toBe(true);
  });
});

describe('scoreSrm5: examples', () => {
  test('[MONK02][MONK97] a perfectly regular week scores 7 with activity level 35', () => {
    const score = scoreOf(week(Array.from({ length: 7 }, () => REGULAR_DAY)));
    expect(score.score).toBe(7);
    expect(score.activityLevel).toBe(35);
    expect(score.windowMinutes).toBe(45);
    expect(score.minOccurrences).toBe(3);
    expect(score.instrument).toEqual({ id: 'srm-5' });
    for (const activity of ACTIVITIES) {
      expect(score.activities[activity]).toEqual({
        occurrences: 7,
        counted: true,
        habitualTime: REGULAR_DAY[activity],
        hits: 7,
      });
    }
  });

  test('[MONK97] an empty week has no score (null) and activity level 0', () => {
    const score = scoreOf(week(Array.from({ length: 7 }, () => EMPTY_DAY)));
    expect(score.score).toBeNull();
    expect(score.activityLevel).toBe(0);
    expect(score.activities.dinner).toEqual({
      occurrences: 0,
      counted: false,
      habitualTime: null,
      hits: 0,
    });
  });

  test('absent keys mean the activity did not happen, like null', () => {
    const score = scoreOf(week(Array.from({ length: 7 }, () => ({}))));
    expect(score.score).toBeNull();
    expect(score.activityLevel).toBe(0);
  });

  test('[UNCONFIRMED algorithm] no activity done 3 times: score null, but the activity level counts', () => {
    const days = week([
      REGULAR_DAY,
      REGULAR_DAY,
      EMPTY_DAY,
      EMPTY_DAY,
      EMPTY_DAY,
      EMPTY_DAY,
      EMPTY_DAY,
    ]);
    const score = scoreOf(days);
    expect(score.score).toBeNull();
    expect(score.activityLevel).toBe(10);
    for (const activity of ACTIVITIES) {
      expect(score.activities[activity].counted).toBe(false);
      expect(score.activities[activity].hits).toBe(0);
      expect(score.activities[activity].occurrences).toBe(2);
    }
  });

  test('[UNCONFIRMED algorithm] an activity done only twice is not counted; three times is', () => {
    // Dinner on two days: not counted, so the other four perfectly regular activities give 7.
    const twice = week(
      Array.from({ length: 7 }, (_unused, index) => ({
        ...REGULAR_DAY,
        dinner: index < 2 ? '19:00' : null,
      })),
    );
    const twiceScore = scoreOf(twice);
    expect(twiceScore.activities.dinner).toEqual({
      occurrences: 2,
      counted: false,
      habitualTime: '19:00',
      hits: 0,
    });
    expect(twiceScore.score).toBe(7);
    expect(twiceScore.activityLevel).toBe(30);

    // Three dinners: counted, with 3 hits, so the mean over five activities is (4*7 + 3) / 5.
    const thrice = week(
      Array.from({ length: 7 }, (_unused, index) => ({
        ...REGULAR_DAY,
        dinner: index < 3 ? '19:00' : null,
      })),
    );
    const thriceScore = scoreOf(thrice);
    expect(thriceScore.activities.dinner.counted).toBe(true);
    expect(thriceScore.activities.dinner.hits).toBe(3);
    expect(thriceScore.score).toBeCloseTo(31 / 5, 12);
    expect(thriceScore.activityLevel).toBe(31);
  });

  test('the minOccurrences option changes what is counted and is echoed', () => {
    const twice = week(
      Array.from({ length: 7 }, (_unused, index) => ({
        ...REGULAR_DAY,
        dinner: index < 2 ? '19:00' : null,
      })),
    );
    const score = scoreOf(twice, { minOccurrences: 2 });
    expect(score.minOccurrences).toBe(2);
    expect(score.activities.dinner.counted).toBe(true);
    expect(score.score).toBeCloseTo((4 * 7 + 2) / 5, 12);
    const strict = scoreOf(week(Array.from({ length: 7 }, () => REGULAR_DAY)), {
      minOccurrences: 7,
    });
    expect(strict.score).toBe(7);
  });
});

describe('scoreSrm5: the hit window [ADHERENCE-DOC] (UNCONFIRMED)', () => {
  test('45 minutes from the habitual time is a hit, 46 is not (mean kept at 07:00)', () => {
    // Five days at 07:00, one 45 minutes early and one 45 late: the mean stays 07:00.
    const at45 = onlyActivity('out-of-bed', [
      '07:00',
      '06:15',
      '07:00',
      '07:45',
      '07:00',
      '07:00',
      '07:00',
    ]);
    const hit = scoreOf(at45);
    expect(hit.activities['out-of-bed'].habitualTime).toBe('07:00');
    expect(hit.activities['out-of-bed'].hits).toBe(7);
    expect(hit.score).toBe(7);

    const at46 = onlyActivity('out-of-bed', [
      '07:00',
      '06:14',
      '07:00',
      '07:46',
      '07:00',
      '07:00',
      '07:00',
    ]);
    const miss = scoreOf(at46);
    expect(miss.activities['out-of-bed'].habitualTime).toBe('07:00');
    expect(miss.activities['out-of-bed'].hits).toBe(5);
    expect(miss.score).toBe(5);
    expect(miss.activityLevel).toBe(7);
  });

  test('six days at 07:00 and a seventh 49 min late: mean 07:07, it is 42 off, a hit', () => {
    // Mean = 420 + 49 / 7 = 427 (07:07); distances 7 (x6) and 49 - 7 = 42.
    const score = scoreOf(
      onlyActivity('out-of-bed', ['07:00', '07:00', '07:00', '07:00', '07:00', '07:00', '07:49']),
    );
    expect(score.activities['out-of-bed'].habitualTime).toBe('07:07');
    expect(score.activities['out-of-bed'].hits).toBe(7);
  });

  test('six days at 07:00 and a seventh 56 min late: mean 07:08, it is 48 off, a miss', () => {
    // Mean = 420 + 56 / 7 = 428 (07:08); distances 8 (x6) and 56 - 8 = 48 > 45.
    const score = scoreOf(
      onlyActivity('out-of-bed', ['07:00', '07:00', '07:00', '07:00', '07:00', '07:00', '07:56']),
    );
    expect(score.activities['out-of-bed'].habitualTime).toBe('07:08');
    expect(score.activities['out-of-bed'].hits).toBe(6);
    expect(score.score).toBe(6);
  });

  test('the windowMinutes option changes the result and is echoed', () => {
    const at46 = onlyActivity('dinner', [
      '19:00',
      '18:14',
      '19:00',
      '19:46',
      '19:00',
      '19:00',
      '19:00',
    ]);
    const wide = scoreOf(at46, { windowMinutes: 46 });
    expect(wide.windowMinutes).toBe(46);
    expect(wide.score).toBe(7);
    const narrow = scoreOf(at46, { windowMinutes: 1 });
    expect(narrow.windowMinutes).toBe(1);
    expect(narrow.score).toBe(5);
    expect(scoreOf(at46).score).toBe(5);
  });
});

describe('scoreSrm5: times around midnight', () => {
  test('bedtimes at 23:30 and 00:30 have a habitual time at midnight, not noon', () => {
    // Unwrapped: 3 x 1410 + 3 x 1470 + 1440 = 10080 minutes; / 7 = 1440 = 00:00.
    // A naive mean of the clock minutes would be (3 x 1410 + 3 x 30 + 0) / 7 = 617 = 10:17.
    const score = scoreOf(
      onlyActivity('to-bed', ['23:30', '00:30', '23:30', '00:30', '23:30', '00:30', '00:00']),
    );
    expect(score.activities['to-bed'].habitualTime).toBe('00:00');
    expect(score.activities['to-bed'].hits).toBe(7);
    expect(score.score).toBe(7);
  });

  test('an uneven mix of 23:30 and 00:30 averages just before midnight', () => {
    // (4 x 1410 + 3 x 1470) / 7 = 1435.71... -> 23:56; distances 25.7 and 34.3, all hits.
    const score = scoreOf(
      onlyActivity('to-bed', ['23:30', '23:30', '23:30', '23:30', '00:30', '00:30', '00:30']),
    );
    expect(score.activities['to-bed'].habitualTime).toBe('23:56');
    expect(score.activities['to-bed'].hits).toBe(7);
  });

  test('a habitual time rounding up to 24:00 is shown as 00:00', () => {
    // (1439 x 6 + 1440 + 0) / 7 = 1439.14 -> 23:59; (1439 + 1440 x 6) / 7 = 1439.86 -> 00:00.
    const score = scoreOf(
      onlyActivity('to-bed', ['23:59', '00:00', '00:00', '00:00', '00:00', '00:00', '00:00']),
    );
    expect(score.activities['to-bed'].habitualTime).toBe('00:00');
  });
});

describe('scoreSrm5: rotation invariance', () => {
  test('shifting a week by 3 h 17 min leaves the score and the hits unchanged', () => {
    const days = week([
      { ...REGULAR_DAY, 'to-bed': '23:50' },
      { ...REGULAR_DAY, 'out-of-bed': '08:10', 'to-bed': '00:20' },
      { ...REGULAR_DAY, dinner: '20:10' },
      { ...REGULAR_DAY, 'start-work': null },
      { ...REGULAR_DAY, 'first-contact': '10:00' },
      { ...REGULAR_DAY, 'to-bed': '01:30' },
      EMPTY_DAY,
    ]);
    const shift = (time: string | null | undefined) => {
      if (time === null || time === undefined) return null;
      const minutes = (Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + 197) % 1440;
      const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
      return `${hours}:${String(minutes % 60).padStart(2, '0')}`;
    };
    const shifted = days.map((day) =>
      Object.fromEntries(ACTIVITIES.map((activity) => [activity, shift(day[activity])])),
    );
    const before = scoreOf(days);
    const after = scoreOf(shifted);
    expect(after.score).toBe(before.score);
    for (const activity of ACTIVITIES) {
      expect(after.activities[activity].hits).toBe(before.activities[activity].hits);
    }
  });

  // Regression: the habitual time once depended on where midnight fell when two gaps between an
  // activity's times tied for largest. Dinner at 16:00, 00:00, 00:00, 08:00 and the same week 8 h
  // later must score alike.
  test('a week with tied largest gaps keeps its score when rotated by 8 hours', () => {
    const dinners = (times: readonly (string | null)[]) => onlyActivity('dinner', times);
    const before = scoreOf(dinners(['16:00', '00:00', null, '00:00', '08:00', null, null]));
    const after = scoreOf(dinners(['00:00', '08:00', null, '08:00', '16:00', null, null]));
    expect(after.score).toBe(before.score);
  });
});

describe('scoreSrm5: bad input gives issues with paths', () => {
  test.each([
    ['24:00', '24:00'],
    ['7:00', '7:00'],
    ['07:60', '07:60'],
    ['07:00:00', '07:00:00'],
    ['a number', 420],
  ])('%s as a time is rejected at [day, activity]', (_name, time) => {
    const days = week(Array.from({ length: 7 }, () => REGULAR_DAY)) as unknown[];
    days[3] = { ...REGULAR_DAY, dinner: time };
    const issues = codesAndPaths(days);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual([3, 'dinner']);
    expect(['invalid-format', 'invalid-type']).toContain(issues[0]?.code);
  });

  test("'24:00' and '7:00' are 'invalid-format'", () => {
    const days = week(Array.from({ length: 7 }, () => REGULAR_DAY)) as unknown[];
    days[0] = { ...REGULAR_DAY, 'to-bed': '24:00' };
    days[6] = { ...REGULAR_DAY, 'out-of-bed': '7:00' };
    expect(codesAndPaths(days)).toEqual([
      { code: 'invalid-format', path: [0, 'to-bed'] },
      { code: 'invalid-format', path: [6, 'out-of-bed'] },
    ]);
  });

  test("an extra key on a day is 'unrecognized-keys' at [day], without quoting it", () => {
    const days = week(Array.from({ length: 7 }, () => REGULAR_DAY)) as unknown[];
    days[2] = { ...REGULAR_DAY, 'lunch with Jane': '12:00' };
    const result = scoreSrm5(days);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unrecognized-keys', path: [2] },
    ]);
    expect(result.error.issues[0]?.message).not.toContain('Jane');
  });

  test.each([6, 8, 0])('a week of %i days is rejected at []', (length) => {
    const issues = codesAndPaths(Array.from({ length }, () => REGULAR_DAY));
    expect(issues).toEqual([{ code: length < 7 ? 'too-small' : 'too-big', path: [] }]);
  });

  test.each([
    ['null', null],
    ['an object', { monday: REGULAR_DAY }],
    ['a number', 7],
  ])("%s as a week is 'invalid-type' at []", (_name, input) => {
    expect(codesAndPaths(input)).toEqual([{ code: 'invalid-type', path: [] }]);
  });

  test("a string as a week is 'invalid-type' at [] first", () => {
    // zod 4 also runs the length check on a string, adding a 'too-small' issue after this one.
    expect(codesAndPaths('week')[0]).toEqual({ code: 'invalid-type', path: [] });
  });

  test('bad options are reported under ["options", ...]', () => {
    const days = week(Array.from({ length: 7 }, () => REGULAR_DAY));
    expect(codesAndPaths(days, { windowMinutes: 0 })).toEqual([
      { code: 'too-small', path: ['options', 'windowMinutes'] },
    ]);
    expect(codesAndPaths(days, { minOccurrences: 8 })).toEqual([
      { code: 'too-big', path: ['options', 'minOccurrences'] },
    ]);
    expect(codesAndPaths(days, { windowMinutes: 1.5 })[0]?.path).toEqual([
      'options',
      'windowMinutes',
    ]);
    expect(codesAndPaths(days, { window: 45 })).toEqual([
      { code: 'unrecognized-keys', path: ['options'] },
    ]);
  });

  test('problems in the week and in the options are all reported together', () => {
    const issues = codesAndPaths(
      Array.from({ length: 6 }, () => REGULAR_DAY),
      {
        minOccurrences: 0,
      },
    );
    expect(issues).toEqual([
      { code: 'too-small', path: [] },
      { code: 'too-small', path: ['options', 'minOccurrences'] },
    ]);
  });

  test('a Proxy that throws is an issue, not a throw', () => {
    const hostile = new Proxy([], {
      get() {
        throw new Error('boom');
      },
    });
    expect(() => scoreSrm5(hostile)).not.toThrow();
    expect(codesAndPaths(hostile)).toEqual([{ code: 'unreadable-input', path: [] }]);
  });
});

describe('scoreSrm5: immutability', () => {
  test('the result is deeply frozen and the input is not mutated', () => {
    const days = week(Array.from({ length: 7 }, () => REGULAR_DAY));
    const before = structuredClone(days);
    const result = scoreSrm5(days);
    expect(days).toEqual(before);
    expect(Object.isFrozen(result)).toBe(true);
    if (!result.ok) throw new Error('expected a score');
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.value.activities)).toBe(true);
    for (const activity of ACTIVITIES) {
      expect(Object.isFrozen(result.value.activities[activity])).toBe(true);
    }
  });
});
