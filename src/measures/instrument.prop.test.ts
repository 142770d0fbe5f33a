import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineInstrument, scoreInstrument, totalRange } from './instrument.js';
import type { Instrument } from './instrument.js';

const BAND_CODES = ['band-gap', 'band-overlap', 'band-range-mismatch', 'range-inverted'];

interface Generated {
  readonly input: Instrument;
  /** Lowest and highest possible totals, computed here from the generated items. */
  readonly min: number;
  readonly max: number;
  /** Cut points: each band after the first starts at one. */
  readonly cuts: readonly number[];
}

/** One item: a unique set of option values, and whether it counts. */
const itemShape = fc.record({
  values: fc.uniqueArray(fc.integer({ min: -5, max: 10 }), { minLength: 2, maxLength: 6 }),
  counts: fc.boolean(),
});

/**
 * A random valid instrument: 1-8 items (the first always counting) with unique ids, a band set
 * cut at random points over the range computed here, and optionally a flag on a random item at
 * one of its own values.
 */
const generated: fc.Arbitrary<Generated> = fc
  .record({
    ids: fc.uniqueArray(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), {
      minLength: 1,
      maxLength: 8,
    }),
    shapes: fc.array(itemShape, { minLength: 8, maxLength: 8 }),
    cutSeeds: fc.uniqueArray(fc.nat(), { maxLength: 8 }),
    flag: fc.option(fc.record({ item: fc.nat(), option: fc.nat() }), { nil: undefined }),
  })
  .map(({ ids, shapes, cutSeeds, flag }) => {
    const items = ids.map((id, index) => {
      const shape = shapes[index]!;
      return {
        id,
        text: `Item ${index + 1}`,
        options: shape.values.map((value) => ({ value, label: `answer ${value}` })),
        countsTowardTotal: index === 0 || shape.counts,
      };
    });
    let min = 0;
    let max = 0;
    for (const item of items) {
      if (!item.countsTowardTotal) continue;
      const values = item.options.map((option) => option.value);
      min += Math.min(...values);
      max += Math.max(...values);
    }
    const span = max - min;
    const cuts =
      span === 0
        ? []
        : [...new Set(cutSeeds.map((seed) => min + 1 + (seed % span)))].sort(
            (left, right) => left - right,
          );
    const starts = [min, ...cuts];
    const bands = starts.map((start, index) => ({
      id: `band-${index + 1}`,
      label: `band ${index + 1}`,
      min: start,
      max: index + 1 < starts.length ? starts[index + 1]! - 1 : max,
    }));
    const flags =
      flag === undefined
        ? []
        : (() => {
            const item = items[flag.item % items.length]!;
            const option = item.options[flag.option % item.options.length]!;
            return [
              {
                id: 'alert',
                label: 'alert',
                item: item.id,
                atLeast: option.value,
                provenance: { sources: ['generated'] },
              },
            ];
          })();
    const input: Instrument = {
      id: 'generated',
      version: '1',
      title: 'Generated instrument',
      licence: 'test',
      citation: 'test',
      provenance: { sources: ['generated'] },
      items,
      scoring: { kind: 'sum', missing: { kind: 'reject' } },
      bandSets: [{ id: 'cuts', label: 'cuts', bands, provenance: { sources: ['generated'] } }],
      defaultBandSet: 'cuts',
      flags,
      higherIsWorse: true,
    };
    return { input, min, max, cuts };
  });

/** Picks one option value per item from random indexes. */
function answersFor(input: Instrument, picks: readonly number[]): Record<string, number> {
  return Object.fromEntries(
    input.items.map((item, index) => [
      item.id,
      item.options[picks[index]! % item.options.length]!.value,
    ]),
  );
}

const picks = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });

describe('defineInstrument (properties)', () => {
  it('accepts every generated valid instrument, unchanged, with the range computed here', () => {
    fc.assert(
      fc.property(generated, ({ input, min, max }) => {
        const result = defineInstrument(input);
        if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
        expect(result.value).toEqual(input);
        expect(totalRange(result.value)).toEqual({ min, max });
      }),
    );
  });

  it('scores valid answers to the independent sum, inside the range, in the band that holds it', () => {
    fc.assert(
      fc.property(generated, picks, ({ input, min, max, cuts }, chosen) => {
        const defined = defineInstrument(input);
        if (!defined.ok) throw new Error('expected a valid instrument');
        const answers = answersFor(input, chosen);
        const result = scoreInstrument(defined.value, answers);
        if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
        let sum = 0;
        for (const item of input.items) if (item.countsTowardTotal) sum += answers[item.id]!;
        const { total, band, flags } = result.value;
        expect(total).toBe(sum);
        expect(total).toBeGreaterThanOrEqual(min);
        expect(total).toBeLessThanOrEqual(max);
        expect(band).not.toBeNull();
        expect(band!.min).toBeLessThanOrEqual(sum);
        expect(sum).toBeLessThanOrEqual(band!.max);
        // The band index is the number of cut points at or below the total.
        const index = cuts.filter((cut) => cut <= sum).length;
        expect(band!.id).toBe(`band-${index + 1}`);
        expect(band!.bandSet).toBe('cuts');
        const flag = input.flags[0];
        if (flag === undefined) expect(flags).toEqual({});
        else expect(flags).toEqual({ alert: answers[flag.item]! >= flag.atLeast });
      }),
    );
  });

  it('the total is monotone in every counting item', () => {
    fc.assert(
      fc.property(generated, picks, fc.nat(), ({ input }, chosen, which) => {
        const defined = defineInstrument(input);
        if (!defined.ok) throw new Error('expected a valid instrument');
        const index = which % input.items.length;
        const item = input.items[index]!;
        fc.pre(item.countsTowardTotal);
        const answers = answersFor(input, chosen);
        const higher = item.options
          .map((option) => option.value)
          .filter((value) => value > answers[item.id]!);
        fc.pre(higher.length > 0);
        const before = scoreInstrument(defined.value, answers);
        const after = scoreInstrument(defined.value, { ...answers, [item.id]: higher[0]! });
        if (!before.ok || !after.ok) throw new Error('expected scores');
        expect(after.value.total!).toBeGreaterThan(before.value.total!);
        expect(after.value.total! - before.value.total!).toBe(higher[0]! - answers[item.id]!);
      }),
    );
  });

  it('moving one band boundary by one makes defineInstrument fail with a band code', () => {
    fc.assert(
      fc.property(
        generated,
        fc.nat(),
        fc.constantFrom(-1, 1),
        fc.boolean(),
        ({ input }, which, delta, moveMin) => {
          const broken = structuredClone(input);
          const bands = broken.bandSets[0]!.bands;
          const band = bands[which % bands.length]!;
          if (moveMin) band.min += delta;
          else band.max += delta;
          const result = defineInstrument(broken);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          const codes = result.error.issues.map((found) => found.code);
          expect(codes.some((code) => BAND_CODES.includes(code))).toBe(true);
          for (const found of result.error.issues) {
            expect(found.path.slice(0, 2)).toEqual(['bandSets', 0]);
          }
        },
      ),
    );
  });

  it('a flag threshold above every answer of its item is flag-unreachable', () => {
    fc.assert(
      fc.property(generated, fc.nat(), fc.integer({ min: 1, max: 5 }), ({ input }, which, over) => {
        const item = input.items[which % input.items.length]!;
        const highest = Math.max(...item.options.map((option) => option.value));
        const broken: Instrument = {
          ...input,
          flags: [
            {
              id: 'alert',
              label: 'alert',
              item: item.id,
              atLeast: highest + over,
              provenance: { sources: ['generated'] },
            },
          ],
        };
        const result = defineInstrument(broken);
        expect(!result.ok && result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual(
          [{ code: 'flag-unreachable', path: ['flags', 0, 'atLeast'] }],
        );
      }),
    );
  });

  it('defineInstrument never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => defineInstrument(input)).not.toThrow();
        expect(defineInstrument(input).ok).toBe(false);
      }),
    );
  });
});
