import { describe, expect, test } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { gad7 } from './gad7.js';
import { scoreInstrument, totalRange } from './instrument.js';
import type { Score, ScoreOptions } from './instrument.js';

const ITEM_IDS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7'] as const;

function allItems(value: number): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id) => [id, value]));
}

/** Seven answers summing to `total`, filled with 3s from item1 onwards. */
function vectorFor(total: number): Record<string, number> {
  let left = total;
  const answers: Record<string, number> = {};
  for (const id of ITEM_IDS) {
    const value = Math.min(3, left);
    answers[id] = value;
    left -= value;
  }
  if (left !== 0) throw new Error(`cannot build a GAD-7 vector for ${total}`);
  return answers;
}

function scoreOf(responses: unknown, options?: ScoreOptions): Score {
  const result = scoreInstrument(gad7, responses, options);
  if (!result.ok) {
    throw new Error(`expected a score, got ${JSON.stringify(result.error.issues)}`);
  }
  return result.value;
}

function codesAndPaths(responses: unknown, options?: ScoreOptions) {
  const result = scoreInstrument(gad7, responses, options);
  if (result.ok) throw new Error('expected scoreInstrument to reject the input');
  return result.error.issues.map(({ code, path }: Issue) => ({ code, path: [...path] }));
}

describe('gad7 definition', () => {
  test('[GAD7-ARAB] seven counting items answered 0-3 plus a difficulty question; range 0-21', () => {
    expect(gad7.id).toBe('gad-7');
    expect(gad7.items.map((item) => item.id)).toEqual([...ITEM_IDS, 'difficulty']);
    for (const item of gad7.items.slice(0, 7)) {
      expect(item.countsTowardTotal).toBe(true);
      expect(item.options.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    }
    expect(gad7.items[7]?.countsTowardTotal).toBe(false);
    expect(totalRange(gad7)).toEqual({ min: 0, max: 21 });
  });

  test('[GAD7-ARAB][JOTFORM] bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe', () => {
    expect(gad7.defaultBandSet).toBe('spitzer-2006');
    expect(gad7.bandSets).toHaveLength(1);
    expect(gad7.bandSets[0]?.bands.map(({ id, min, max }) => [id, min, max])).toEqual([
      ['minimal', 0, 4],
      ['mild', 5, 9],
      ['moderate', 10, 14],
      ['severe', 15, 21],
    ]);
    expect(gad7.bandSets[0]?.provenance.sources).toEqual(
      expect.arrayContaining(['GAD7-ARAB', 'JOTFORM']),
    );
  });

  test('[MII][GROVE] LOINC panel 69737-5 and total 70274-6 are different codes (invariant 15)', () => {
    expect(gad7.loinc?.panel).toBe('69737-5');
    expect(gad7.loinc?.total).toBe('70274-6');
    expect(gad7.loinc?.panel).not.toBe(gad7.loinc?.total);
  });

  test('[FHIRQ-TS] item codes 69725-0 ... 69736-7, each marked unconfirmed (single source)', () => {
    const counting = gad7.items.slice(0, 7);
    expect(counting.map((item) => item.loinc)).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-6',
      '69736-7',
    ]);
    for (const item of counting) {
      expect(item.provenance?.unconfirmed).toBe(true);
      expect(item.provenance?.sources).toContain('FHIRQ-TS');
    }
  });

  test('[HEALTHDATA] the difficulty item reuses 69722-7, marked unconfirmed', () => {
    const difficulty = gad7.items[7];
    expect(difficulty?.id).toBe('difficulty');
    expect(difficulty?.loinc).toBe('69722-7');
    expect(difficulty?.provenance?.unconfirmed).toBe(true);
    expect(difficulty?.provenance?.sources).toContain('HEALTHDATA');
  });

  test('has no flags', () => {
    expect(gad7.flags).toEqual([]);
  });
});

describe('scoreInstrument(gad7): range and bands', () => {
  test("[GAD7-ARAB] all 0 is total 0 'minimal'; all 3 is total 21 'severe'", () => {
    const low = scoreOf(allItems(0));
    expect(low.total).toBe(0);
    expect(low.band).toEqual({
      id: 'minimal',
      label: 'minimal',
      min: 0,
      max: 4,
      bandSet: 'spitzer-2006',
    });
    expect(low.flags).toEqual({});
    const high = scoreOf(allItems(3));
    expect(high.total).toBe(21);
    expect(high.band?.id).toBe('severe');
    expect(high.range).toEqual({ min: 0, max: 21 });
  });

  test.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
  ])('[GAD7-ARAB][JOTFORM] total %i is %s', (total, band) => {
    const answers = vectorFor(total);
    expect(Object.values(answers).reduce((sum, value) => sum + value, 0)).toBe(total);
    const score = scoreOf(answers);
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
  });

  test('[GAD7-ARAB] the TSDoc example 1,2,1,0,1,2,1 is 8, mild', () => {
    const score = scoreOf({
      item1: 1,
      item2: 2,
      item3: 1,
      item4: 0,
      item5: 1,
      item6: 2,
      item7: 1,
    });
    expect(score.total).toBe(8);
    expect(score.band?.id).toBe('mild');
  });
});

describe('scoreInstrument(gad7): difficulty and missing items', () => {
  test('[PHQ-FORM] difficulty is kept in responses and never counted', () => {
    for (const difficulty of [0, 1, 2, 3]) {
      const score = scoreOf({ ...vectorFor(9), difficulty });
      expect(score.total).toBe(9);
      expect(score.band?.id).toBe('mild');
      expect(score.responses.difficulty).toBe(difficulty);
    }
  });

  test("a missing item is rejected by default with 'missing-answer' at its path", () => {
    expect(codesAndPaths({ ...allItems(2), item7: null })).toEqual([
      { code: 'missing-answer', path: ['item7'] },
    ]);
  });

  test("'prorate' (maxMissing 1) fills one missing item as round-half-up(sum * 7 / 6)", () => {
    // sum 3 over 6 answered -> 3.5 -> 4.
    const score = scoreOf(
      { ...vectorFor(3), item7: null },
      { missing: { kind: 'prorate', maxMissing: 1 } },
    );
    expect(score.total).toBe(Math.floor((2 * 3 * 7 + 6) / 12));
    expect(score.total).toBe(4);
    expect(score.missingHandling).toBe('prorated');
    expect(
      codesAndPaths(
        { ...allItems(1), item1: null, item2: null },
        { missing: { kind: 'prorate', maxMissing: 1 } },
      ),
    ).toEqual([{ code: 'too-many-missing', path: [] }]);
  });

  test("'incomplete' gives a null total and band with the missing items listed", () => {
    const score = scoreOf({ ...allItems(3), item2: null }, { missing: { kind: 'incomplete' } });
    expect(score.total).toBeNull();
    expect(score.band).toBeNull();
    expect(score.missing).toEqual(['item2']);
  });
});

describe('scoreInstrument(gad7): bad input', () => {
  test.each([
    ['4', 4],
    ['-1', -1],
    ['1.5', 1.5],
    ["'2'", '2'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])("%s is an 'invalid-answer' at the item's path", (_name, value) => {
    expect(codesAndPaths({ ...allItems(0), item4: value })).toEqual([
      { code: 'invalid-answer', path: ['item4'] },
    ]);
  });

  test("a PHQ-9 answer set (item8, item9) has 'unknown-items' without quoting the keys", () => {
    const result = scoreInstrument(gad7, { ...allItems(0), item8: 0, item9: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unknown-items', path: [] },
    ]);
    expect(result.error.issues[0]?.message).not.toMatch(/item8|item9/);
  });

  test.each([
    ['null', null],
    ['an array', [0, 0, 0, 0, 0, 0, 0]],
    ['a string', 'x'],
    ['a number', 3],
  ])("%s as responses is 'invalid-type'", (_name, value) => {
    expect(codesAndPaths(value)).toEqual([{ code: 'invalid-type', path: [] }]);
  });

  test("asking for a band set GAD-7 does not have gives 'unknown-band-set'", () => {
    expect(codesAndPaths(allItems(1), { bandSet: 'kroenke-2001' })).toEqual([
      { code: 'unknown-band-set', path: [] },
    ]);
  });
});
