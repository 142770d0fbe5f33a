import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scorePhq9 } from './phq9.js';

const ITEM_IDS = [
  'item1',
  'item2',
  'item3',
  'item4',
  'item5',
  'item6',
  'item7',
  'item8',
  'item9',
] as const;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The Kroenke 2001 band of a total, written independently of the library [KROENKE01][CALC]. */
function bandOf(total: number): { id: string; min: number; max: number } {
  if (total <= 4) return { id: 'minimal', min: 0, max: 4 };
  if (total <= 9) return { id: 'mild', min: 5, max: 9 };
  if (total <= 14) return { id: 'moderate', min: 10, max: 14 };
  if (total <= 19) return { id: 'moderately-severe', min: 15, max: 19 };
  return { id: 'severe', min: 20, max: 27 };
}

function toAnswers(values: readonly number[]): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id, index) => [id, values[index]!]));
}

const answer = fc.integer({ min: 0, max: 3 });
const vector = fc.array(answer, { minLength: 9, maxLength: 9 });
const difficulty = fc.option(answer, { nil: undefined });

/** Scores a vector, failing the property if scoring does not succeed. */
function totalOf(values: readonly number[]): number {
  const result = scorePhq9(toAnswers(values));
  if (!result.ok || result.value.total === null) throw new Error('expected a total');
  return result.value.total;
}

describe('scorePhq9 (properties)', () => {
  it('[KROENKE01] the total is the sum of items 1-9 and the band is the Kroenke band of it', () => {
    fc.assert(
      fc.property(vector, difficulty, (values, difficultyValue) => {
        const input: Record<string, number> = toAnswers(values);
        if (difficultyValue !== undefined) input.difficulty = difficultyValue;
        const result = scorePhq9(input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        let sum = 0;
        for (const value of values) sum += value;
        expect(result.value.total).toBe(sum);
        const expected = bandOf(sum);
        expect(result.value.band?.id).toBe(expected.id);
        expect(result.value.band?.min).toBe(expected.min);
        expect(result.value.band?.max).toBe(expected.max);
        expect(result.value.band?.bandSet).toBe('kroenke-2001');
        expect(result.value.difficulty).toBe(difficultyValue);
      }),
    );
  });

  it('the total is monotone: raising any one item by one raises the total by exactly one', () => {
    fc.assert(
      fc.property(vector, fc.integer({ min: 0, max: 8 }), (values, index) => {
        fc.pre(values[index]! < 3);
        const raised = values.map((value, at) => (at === index ? value + 1 : value));
        const before = totalOf(values);
        const after = totalOf(raised);
        expect(after).toBeGreaterThanOrEqual(before);
        expect(after).toBe(before + 1);
      }),
    );
  });

  it('[KROENKE01] the total is never outside [0, 27] and the band always contains it', () => {
    fc.assert(
      fc.property(vector, (values) => {
        const result = scorePhq9(toAnswers(values));
        if (!result.ok) throw new Error('expected a score');
        const { total, band, range } = result.value;
        expect(range).toEqual({ min: 0, max: 27 });
        expect(total).not.toBeNull();
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(27);
        expect(band).not.toBeNull();
        expect(band!.min).toBeLessThanOrEqual(total!);
        expect(total!).toBeLessThanOrEqual(band!.max);
      }),
    );
  });

  it('[CALC] flags.suicidalIdeation is true exactly when item 9 is 1 or more, whatever the total', () => {
    fc.assert(
      fc.property(vector, (values) => {
        const result = scorePhq9(toAnswers(values));
        if (!result.ok) throw new Error('expected a score');
        expect(result.value.flags.suicidalIdeation).toBe(values[8]! >= 1);
      }),
    );
  });

  it('the difficulty answer never changes the total or the band', () => {
    fc.assert(
      fc.property(vector, answer, (values, difficultyValue) => {
        const plain = scorePhq9(toAnswers(values));
        const withDifficulty = scorePhq9({ ...toAnswers(values), difficulty: difficultyValue });
        if (!plain.ok || !withDifficulty.ok) throw new Error('expected scores');
        expect(withDifficulty.value.total).toBe(plain.value.total);
        expect(withDifficulty.value.band).toEqual(plain.value.band);
      }),
    );
  });

  it("'prorate' with one item (not item 9) missing gives round-half-up(sum * 9 / 8)", () => {
    fc.assert(
      fc.property(vector, fc.integer({ min: 0, max: 7 }), (values, dropped) => {
        const input: Record<string, number | null> = toAnswers(values);
        input[ITEM_IDS[dropped]!] = null;
        const result = scorePhq9(input, { missing: { kind: 'prorate', maxMissing: 1 } });
        if (!result.ok) throw new Error('expected a prorated score');
        const sum = values.reduce(
          (total, value, at) => (at === dropped ? total : total + value),
          0,
        );
        // floor((2 * num + den) / (2 * den)) is round-half-up of num / den, in integers.
        const expected = Math.floor((2 * sum * 9 + 8) / 16);
        expect(result.value.total).toBe(expected);
        expect(result.value.band?.id).toBe(bandOf(expected).id);
        expect(result.value.missing).toEqual([ITEM_IDS[dropped]]);
      }),
    );
  });

  it("'incomplete' with some items missing gives a null total and lists exactly the missing ones", () => {
    fc.assert(
      fc.property(
        vector,
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }),
        (values, dropped) => {
          const input: Record<string, number | undefined> = toAnswers(values);
          for (const index of dropped) input[ITEM_IDS[index]!] = undefined;
          const result = scorePhq9(input, { missing: { kind: 'incomplete' } });
          if (!result.ok) throw new Error('expected an incomplete score');
          expect(result.value.total).toBeNull();
          expect(result.value.band).toBeNull();
          expect(result.value.missing).toEqual(
            [...dropped].sort((left, right) => left - right).map((index) => ITEM_IDS[index]),
          );
          expect(result.value.flags.suicidalIdeation).toBe(values[8]! >= 1);
        },
      ),
    );
  });

  it('never throws on anything, and every issue has a kebab-case code, a path and a message', () => {
    const nearlyValid = fc.dictionary(
      fc.oneof(fc.constantFrom(...ITEM_IDS, 'difficulty'), fc.string()),
      fc.oneof(answer, fc.anything()),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearlyValid), (input) => {
        let result: ReturnType<typeof scorePhq9> | undefined;
        expect(() => {
          result = scorePhq9(input as Record<string, unknown>);
        }).not.toThrow();
        expect(result).toBeDefined();
        if (result?.ok === false) {
          expect(result.error.kind).toBe('validation');
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const found of result.error.issues) {
            expect(found.code).toMatch(KEBAB);
            expect(Array.isArray(found.path)).toBe(true);
            expect(found.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it('an unknown key is reported as unknown-items and its text never appears in a message', () => {
    const secretKey = fc.stringMatching(/^[A-Z][a-z]{3,8} [A-Z][a-z]{3,8}$/);
    fc.assert(
      fc.property(vector, secretKey, answer, (values, key, value) => {
        const result = scorePhq9({ ...toAnswers(values), [key]: value });
        if (result.ok) throw new Error('expected unknown-items');
        expect(result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
          { code: 'unknown-items', path: [] },
        ]);
        for (const found of result.error.issues) expect(found.message).not.toContain(key);
      }),
    );
  });
});
