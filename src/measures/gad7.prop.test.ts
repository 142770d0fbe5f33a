import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gad7 } from './gad7.js';
import { scoreInstrument } from './instrument.js';

const ITEM_IDS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7'] as const;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The Spitzer 2006 band of a total, written independently [GAD7-ARAB][JOTFORM]. */
function bandOf(total: number): { id: string; min: number; max: number } {
  if (total <= 4) return { id: 'minimal', min: 0, max: 4 };
  if (total <= 9) return { id: 'mild', min: 5, max: 9 };
  if (total <= 14) return { id: 'moderate', min: 10, max: 14 };
  return { id: 'severe', min: 15, max: 21 };
}

function toAnswers(values: readonly number[]): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id, index) => [id, values[index]!]));
}

const answer = fc.integer({ min: 0, max: 3 });
const vector = fc.array(answer, { minLength: 7, maxLength: 7 });

function totalOf(values: readonly number[]): number {
  const result = scoreInstrument(gad7, toAnswers(values));
  if (!result.ok || result.value.total === null) throw new Error('expected a total');
  return result.value.total;
}

describe('scoreInstrument(gad7) (properties)', () => {
  it('[GAD7-ARAB] the total is the sum of the seven items and the band is the Spitzer band', () => {
    fc.assert(
      fc.property(vector, fc.option(answer, { nil: undefined }), (values, difficulty) => {
        const input: Record<string, number> = toAnswers(values);
        if (difficulty !== undefined) input.difficulty = difficulty;
        const result = scoreInstrument(gad7, input);
        if (!result.ok) throw new Error('expected a score');
        let sum = 0;
        for (const value of values) sum += value;
        expect(result.value.total).toBe(sum);
        const expected = bandOf(sum);
        expect(result.value.band?.id).toBe(expected.id);
        expect(result.value.band?.min).toBe(expected.min);
        expect(result.value.band?.max).toBe(expected.max);
        expect(result.value.band?.bandSet).toBe('spitzer-2006');
      }),
    );
  });

  it('the total is monotone in every item', () => {
    fc.assert(
      fc.property(vector, fc.integer({ min: 0, max: 6 }), (values, index) => {
        fc.pre(values[index]! < 3);
        const raised = values.map((value, at) => (at === index ? value + 1 : value));
        expect(totalOf(raised)).toBeGreaterThanOrEqual(totalOf(values));
        expect(totalOf(raised)).toBe(totalOf(values) + 1);
      }),
    );
  });

  it('[GAD7-ARAB] the total stays in [0, 21] and the band contains it', () => {
    fc.assert(
      fc.property(vector, (values) => {
        const result = scoreInstrument(gad7, toAnswers(values));
        if (!result.ok) throw new Error('expected a score');
        const { total, band } = result.value;
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(21);
        expect(band!.min).toBeLessThanOrEqual(total!);
        expect(total!).toBeLessThanOrEqual(band!.max);
      }),
    );
  });

  it('never throws on anything and every issue code is kebab-case', () => {
    const nearlyValid = fc.dictionary(
      fc.oneof(fc.constantFrom(...ITEM_IDS, 'difficulty'), fc.string()),
      fc.oneof(answer, fc.anything()),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearlyValid), (input) => {
        let result: ReturnType<typeof scoreInstrument> | undefined;
        expect(() => {
          result = scoreInstrument(gad7, input);
        }).not.toThrow();
        if (result?.ok === false) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const found of result.error.issues) expect(found.code).toMatch(KEBAB);
        }
      }),
    );
  });
});
