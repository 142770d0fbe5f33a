import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hamd17 } from './hamd17.js';
import { scoreInstrument } from './instrument.js';

/** Per-item maxima from the reference (7.3) [HAMD-ITEMS][MDICU]. */
const MAXIMA = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2] as const;
const ITEM_IDS = MAXIMA.map((_max, index) => `item${index + 1}`);
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Band ids written independently: [upper bound inclusive, id]. */
const COMMON: readonly [number, string][] = [
  [7, 'normal'],
  [13, 'mild'],
  [18, 'moderate'],
  [22, 'severe'],
  [52, 'very-severe'],
];
const ZIMMERMAN: readonly [number, string][] = [
  [7, 'none'],
  [16, 'mild'],
  [23, 'moderate'],
  [52, 'severe'],
];

function bandOf(table: readonly [number, string][], total: number): string {
  for (const [upper, id] of table) if (total <= upper) return id;
  return 'out-of-range';
}

const vector = fc.tuple(...MAXIMA.map((max) => fc.integer({ min: 0, max })));

function toAnswers(values: readonly number[]): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id, index) => [id, values[index]!]));
}

function totalOf(values: readonly number[]): number {
  const result = scoreInstrument(hamd17, toAnswers(values));
  if (!result.ok || result.value.total === null) throw new Error('expected a total');
  return result.value.total;
}

describe('scoreInstrument(hamd17) (properties)', () => {
  it('[HAMD-S][HAMD-Z] the total is the sum and each band set gives its own band', () => {
    fc.assert(
      fc.property(vector, (values) => {
        let sum = 0;
        for (const value of values) sum += value;
        const common = scoreInstrument(hamd17, toAnswers(values));
        const zimmerman = scoreInstrument(hamd17, toAnswers(values), {
          bandSet: 'zimmerman-2013',
        });
        if (!common.ok || !zimmerman.ok) throw new Error('expected scores');
        expect(common.value.total).toBe(sum);
        expect(zimmerman.value.total).toBe(sum);
        expect(common.value.band?.id).toBe(bandOf(COMMON, sum));
        expect(common.value.band?.bandSet).toBe('common');
        expect(zimmerman.value.band?.id).toBe(bandOf(ZIMMERMAN, sum));
        expect(zimmerman.value.band?.bandSet).toBe('zimmerman-2013');
      }),
    );
  });

  it('the total is monotone in every item, up to that item’s own maximum', () => {
    fc.assert(
      fc.property(vector, fc.integer({ min: 0, max: 16 }), (values, index) => {
        fc.pre(values[index]! < MAXIMA[index]!);
        const raised = values.map((value, at) => (at === index ? value + 1 : value));
        expect(totalOf(raised)).toBeGreaterThanOrEqual(totalOf(values));
        expect(totalOf(raised)).toBe(totalOf(values) + 1);
      }),
    );
  });

  it('[HAMD-ITEMS] the total stays in [0, 52] and the band contains it', () => {
    fc.assert(
      fc.property(vector, fc.constantFrom('common', 'zimmerman-2013'), (values, bandSet) => {
        const result = scoreInstrument(hamd17, toAnswers(values), { bandSet });
        if (!result.ok) throw new Error('expected a score');
        const { total, band } = result.value;
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(52);
        expect(band!.min).toBeLessThanOrEqual(total!);
        expect(total!).toBeLessThanOrEqual(band!.max);
      }),
    );
  });

  it('an answer above an item’s maximum is always an invalid answer at that item', () => {
    fc.assert(
      fc.property(
        vector,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 10 }),
        (values, index, excess) => {
          const id = ITEM_IDS[index]!;
          const result = scoreInstrument(hamd17, {
            ...toAnswers(values),
            [id]: MAXIMA[index]! + excess,
          });
          if (result.ok) throw new Error('expected invalid-answer');
          expect(result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
            { code: 'invalid-answer', path: [id] },
          ]);
        },
      ),
    );
  });

  it('never throws on anything and every issue code is kebab-case', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string(), { nil: undefined }), (input, bandSet) => {
        let result: ReturnType<typeof scoreInstrument> | undefined;
        expect(() => {
          result = scoreInstrument(hamd17, input, bandSet === undefined ? {} : { bandSet });
        }).not.toThrow();
        if (result?.ok === false) {
          for (const found of result.error.issues) expect(found.code).toMatch(KEBAB);
        }
      }),
    );
  });
});
