import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreSrm5 } from './srm5.js';
import type { SrmActivity } from './srm5.js';

const ACTIVITIES: readonly SrmActivity[] = [
  'out-of-bed',
  'first-contact',
  'start-work',
  'dinner',
  'to-bed',
];
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const DAY_MINUTES = 1440;

type MinutesDay = Record<SrmActivity, number | null>;

function clock(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A day in minutes since midnight (null = not done), and its HH:MM form. */
const minutesDay: fc.Arbitrary<MinutesDay> = fc.record({
  'out-of-bed': fc.option(fc.integer({ min: 0, max: DAY_MINUTES - 1 }), { nil: null }),
  'first-contact': fc.option(fc.integer({ min: 0, max: DAY_MINUTES - 1 }), { nil: null }),
  'start-work': fc.option(fc.integer({ min: 0, max: DAY_MINUTES - 1 }), { nil: null }),
  dinner: fc.option(fc.integer({ min: 0, max: DAY_MINUTES - 1 }), { nil: null }),
  'to-bed': fc.option(fc.integer({ min: 0, max: DAY_MINUTES - 1 }), { nil: null }),
});
const minutesWeek = fc.array(minutesDay, { minLength: 7, maxLength: 7 });

function toWeek(days: readonly MinutesDay[], shift = 0) {
  return days.map((day) =>
    Object.fromEntries(
      ACTIVITIES.map((activity) => {
        const minutes = day[activity];
        return [
          activity,
          minutes === null ? null : clock((minutes + shift + DAY_MINUTES) % DAY_MINUTES),
        ];
      }),
    ),
  );
}

const options = fc.record(
  {
    windowMinutes: fc.integer({ min: 1, max: 720 }),
    minOccurrences: fc.integer({ min: 1, max: 7 }),
  },
  { requiredKeys: [] },
);

describe('scoreSrm5 (properties)', () => {
  it('[MONK97] the score is in [0, 7] or null, and null exactly when no activity is counted', () => {
    fc.assert(
      fc.property(minutesWeek, options, (days, chosen) => {
        const result = scoreSrm5(toWeek(days), chosen);
        if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
        const minOccurrences = chosen.minOccurrences ?? 3;
        const countedHere = ACTIVITIES.filter(
          (activity) => days.filter((day) => day[activity] !== null).length >= minOccurrences,
        );
        const { score } = result.value;
        if (countedHere.length === 0) {
          expect(score).toBeNull();
        } else {
          expect(score).not.toBeNull();
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(7);
        }
        for (const activity of ACTIVITIES) {
          expect(result.value.activities[activity].counted).toBe(countedHere.includes(activity));
        }
      }),
    );
  });

  it('[MONK97] the activity level is in [0, 35] and equals the number of times given', () => {
    fc.assert(
      fc.property(minutesWeek, (days) => {
        const result = scoreSrm5(toWeek(days));
        if (!result.ok) throw new Error('expected a score');
        let given = 0;
        for (const day of days) {
          for (const activity of ACTIVITIES) if (day[activity] !== null) given += 1;
        }
        expect(result.value.activityLevel).toBe(given);
        expect(result.value.activityLevel).toBeGreaterThanOrEqual(0);
        expect(result.value.activityLevel).toBeLessThanOrEqual(35);
        for (const activity of ACTIVITIES) {
          const entry = result.value.activities[activity];
          expect(entry.occurrences).toBe(days.filter((day) => day[activity] !== null).length);
          expect(entry.hits).toBeLessThanOrEqual(entry.occurrences);
          expect(entry.habitualTime === null).toBe(entry.occurrences === 0);
        }
      }),
    );
  });

  it('the score is the mean of hits over counted activities, each hit count in [0, 7]', () => {
    fc.assert(
      fc.property(minutesWeek, options, (days, chosen) => {
        const result = scoreSrm5(toWeek(days), chosen);
        if (!result.ok) throw new Error('expected a score');
        const counted = ACTIVITIES.map((activity) => result.value.activities[activity]).filter(
          (entry) => entry.counted,
        );
        if (counted.length === 0) return;
        const mean = counted.reduce((sum, entry) => sum + entry.hits, 0) / counted.length;
        expect(result.value.score).toBeCloseTo(mean, 12);
      }),
    );
  });

  it('an activity done at the same time every day it is done has every day as a hit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DAY_MINUTES - 1 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        (minutes, doneOn) => {
          const days = doneOn.map((done) => ({
            'out-of-bed': done ? minutes : null,
            'first-contact': null,
            'start-work': null,
            dinner: null,
            'to-bed': null,
          }));
          const result = scoreSrm5(toWeek(days));
          if (!result.ok) throw new Error('expected a score');
          const occurrences = doneOn.filter(Boolean).length;
          const entry = result.value.activities['out-of-bed'];
          expect(entry.habitualTime).toBe(occurrences === 0 ? null : clock(minutes));
          expect(result.value.score).toBe(occurrences >= 3 ? occurrences : null);
        },
      ),
    );
  });

  it('shifting every time of the week by the same minutes (mod 24 h) leaves the score unchanged', () => {
    fc.assert(
      fc.property(
        minutesWeek,
        fc.integer({ min: 1, max: DAY_MINUTES - 1 }),
        options,
        (days, shift, chosen) => {
          const before = scoreSrm5(toWeek(days), chosen);
          const after = scoreSrm5(toWeek(days, shift), chosen);
          if (!before.ok || !after.ok) throw new Error('expected scores');
          expect(after.value.score).toBe(before.value.score);
          expect(after.value.activityLevel).toBe(before.value.activityLevel);
        },
      ),
    );
  });

  it('never throws on anything, for the week or the options', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.array(fc.anything(), { minLength: 7, maxLength: 7 })),
        fc.anything(),
        (week, chosen) => {
          let result: ReturnType<typeof scoreSrm5> | undefined;
          expect(() => {
            result = scoreSrm5(week, chosen);
          }).not.toThrow();
          if (result?.ok === false) {
            expect(result.error.issues.length).toBeGreaterThan(0);
            for (const found of result.error.issues) expect(found.code).toMatch(KEBAB);
          }
        },
      ),
    );
  });
});
