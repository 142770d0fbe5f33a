import { describe, expect, test } from 'vitest';
import { hamd17 } from './hamd17.js';
import { scoreInstrument, totalRange } from './instrument.js';
import type { Score, ScoreOptions } from './instrument.js';

/** Highest score of each item in order, from the reference (7.3): insomnia x3, GI, general
 * somatic, genital, weight and insight (items 4, 5, 6, 12, 13, 14, 16, 17) are 0-2. */
const MAXIMA = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2] as const;
const ITEM_IDS = MAXIMA.map((_max, index) => `item${index + 1}`);
const ZERO_TO_TWO = ['item4', 'item5', 'item6', 'item12', 'item13', 'item14', 'item16', 'item17'];

function allAt(pick: (max: number) => number): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id, index) => [id, pick(MAXIMA[index]!)]));
}

/** Answers summing to `total`, filled item by item up to each item's maximum. */
function vectorFor(total: number): Record<string, number> {
  let left = total;
  const answers: Record<string, number> = {};
  ITEM_IDS.forEach((id, index) => {
    const value = Math.min(MAXIMA[index]!, left);
    answers[id] = value;
    left -= value;
  });
  if (left !== 0) throw new Error(`cannot build a HAM-D vector for ${total}`);
  return answers;
}

function scoreOf(responses: unknown, options?: ScoreOptions): Score {
  const result = scoreInstrument(hamd17, responses, options);
  if (!result.ok) {
    throw new Error(`expected a score, got ${JSON.stringify(result.error.issues)}`);
  }
  return result.value;
}

function codesAndPaths(responses: unknown, options?: ScoreOptions) {
  const result = scoreInstrument(hamd17, responses, options);
  if (result.ok) throw new Error('expected scoreInstrument to reject the input');
  return result.error.issues.map(({ code, path }) => ({ code, path: [...path] }));
}

describe('hamd17 definition', () => {
  test('[CAMCOPS][HAMD-DA] 17 items, all counting toward the total', () => {
    expect(hamd17.id).toBe('hamd-17');
    expect(hamd17.items.map((item) => item.id)).toEqual(ITEM_IDS);
    expect(hamd17.items.every((item) => item.countsTowardTotal)).toBe(true);
  });

  test('[HAMD-ITEMS][MDICU] nine items 0-4 and eight 0-2 (items 4, 5, 6, 12, 13, 14, 16, 17)', () => {
    const byMax = (max: number) =>
      hamd17.items
        .filter((item) => Math.max(...item.options.map((option) => option.value)) === max)
        .map((item) => item.id);
    expect(byMax(2)).toEqual(ZERO_TO_TWO);
    expect(byMax(4)).toHaveLength(9);
    hamd17.items.forEach((item, index) => {
      const expected = Array.from({ length: MAXIMA[index]! + 1 }, (_unused, value) => value);
      expect(item.options.map((option) => option.value)).toEqual(expected);
    });
  });

  test('[HAMD-ITEMS][MDICU] total range 0-52', () => {
    expect(totalRange(hamd17)).toEqual({ min: 0, max: 52 });
  });

  test("[HAMD-S] 'common' band set, the default: 0-7, 8-13, 14-18, 19-22, 23-52", () => {
    expect(hamd17.defaultBandSet).toBe('common');
    const common = hamd17.bandSets.find((set) => set.id === 'common');
    expect(common?.bands.map(({ id, min, max }) => [id, min, max])).toEqual([
      ['normal', 0, 7],
      ['mild', 8, 13],
      ['moderate', 14, 18],
      ['severe', 19, 22],
      ['very-severe', 23, 52],
    ]);
    expect(common?.provenance.sources).toEqual(['HAMD-S']);
  });

  test("[HAMD-Z] 'zimmerman-2013' band set: 0-7, 8-16, 17-23, 24-52", () => {
    const zimmerman = hamd17.bandSets.find((set) => set.id === 'zimmerman-2013');
    expect(zimmerman?.bands.map(({ id, min, max }) => [id, min, max])).toEqual([
      ['none', 0, 7],
      ['mild', 8, 16],
      ['moderate', 17, 23],
      ['severe', 24, 52],
    ]);
    expect(zimmerman?.provenance.sources).toEqual(['HAMD-Z']);
  });

  test('[SURVEYDR] public domain; the partly unconfirmed item split is noted', () => {
    expect(hamd17.licence).toMatch(/public domain/i);
    expect(hamd17.provenance.note).toMatch(/UNCONFIRMED/);
  });
});

describe('scoreInstrument(hamd17): range ends', () => {
  test("[HAMD-S] all 0 is total 0, 'normal'; all at maximum is 52, 'very severe'", () => {
    const low = scoreOf(allAt(() => 0));
    expect(low.total).toBe(0);
    expect(low.band).toEqual({ id: 'normal', label: 'normal', min: 0, max: 7, bandSet: 'common' });
    const high = scoreOf(allAt((max) => max));
    expect(high.total).toBe(52);
    expect(high.band?.id).toBe('very-severe');
    expect(high.band?.bandSet).toBe('common');
  });

  test("[HAMD-Z] with 'zimmerman-2013': 0 is 'none', 52 is 'severe'", () => {
    const options = { bandSet: 'zimmerman-2013' };
    expect(
      scoreOf(
        allAt(() => 0),
        options,
      ).band?.id,
    ).toBe('none');
    expect(
      scoreOf(
        allAt((max) => max),
        options,
      ).band,
    ).toEqual({
      id: 'severe',
      label: 'severe',
      min: 24,
      max: 52,
      bandSet: 'zimmerman-2013',
    });
  });
});

describe('scoreInstrument(hamd17): every boundary on both sides', () => {
  test.each([
    [7, 'normal'],
    [8, 'mild'],
    [13, 'mild'],
    [14, 'moderate'],
    [18, 'moderate'],
    [19, 'severe'],
    [22, 'severe'],
    [23, 'very-severe'],
  ])("[HAMD-S] 'common': total %i is %s", (total, band) => {
    const answers = vectorFor(total);
    expect(Object.values(answers).reduce((sum, value) => sum + value, 0)).toBe(total);
    const score = scoreOf(answers);
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.band?.bandSet).toBe('common');
    // Naming the default explicitly gives the same band.
    expect(scoreOf(answers, { bandSet: 'common' }).band).toEqual(score.band);
  });

  test.each([
    [7, 'none'],
    [8, 'mild'],
    [16, 'mild'],
    [17, 'moderate'],
    [23, 'moderate'],
    [24, 'severe'],
  ])("[HAMD-Z] 'zimmerman-2013': total %i is %s", (total, band) => {
    const answers = vectorFor(total);
    expect(Object.values(answers).reduce((sum, value) => sum + value, 0)).toBe(total);
    const score = scoreOf(answers, { bandSet: 'zimmerman-2013' });
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.band?.bandSet).toBe('zimmerman-2013');
  });

  test('[HAMD-S][HAMD-Z] the same total can fall in different bands: 16 is moderate vs mild', () => {
    const answers = vectorFor(16);
    expect(scoreOf(answers).band?.id).toBe('moderate');
    expect(scoreOf(answers, { bandSet: 'zimmerman-2013' }).band?.id).toBe('mild');
  });

  test("an unknown band set gives 'unknown-band-set'", () => {
    expect(codesAndPaths(vectorFor(10), { bandSet: 'kroenke-2001' })).toEqual([
      { code: 'unknown-band-set', path: [] },
    ]);
    expect(codesAndPaths(vectorFor(10), { bandSet: 'Common' })).toEqual([
      { code: 'unknown-band-set', path: [] },
    ]);
  });
});

describe('scoreInstrument(hamd17): per-item ranges', () => {
  test('[HAMD-ITEMS] item2 (guilt) may be 4', () => {
    expect(scoreOf({ ...allAt(() => 0), item2: 4 }).total).toBe(4);
  });

  test("[HAMD-ITEMS] item4 (early insomnia) 3 is an 'invalid-answer' (0-2 item)", () => {
    const result = scoreInstrument(hamd17, { ...allAt(() => 0), item4: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'invalid-answer', path: ['item4'] },
    ]);
    expect(result.error.issues[0]?.message).toBe('must be an integer from 0 to 2');
  });

  test('[HAMD-ITEMS] every 0-2 item rejects 3 and every 0-4 item rejects 5', () => {
    ITEM_IDS.forEach((id, index) => {
      const max = MAXIMA[index]!;
      expect(scoreOf({ ...allAt(() => 0), [id]: max }).total).toBe(max);
      expect(codesAndPaths({ ...allAt(() => 0), [id]: max + 1 })).toEqual([
        { code: 'invalid-answer', path: [id] },
      ]);
    });
  });

  test("a missing item is rejected by default with 'missing-answer'", () => {
    const { item17: _dropped, ...answers } = allAt(() => 1);
    expect(codesAndPaths(answers)).toEqual([{ code: 'missing-answer', path: ['item17'] }]);
  });

  // Regression: prorating once filled a missing item with the mean of the answered ones, whatever
  // its own range, so a missing 0-2 item pushed the total past 52 and left the score without a band.
  test('a prorated total stays within 0-52 and has a band', () => {
    const answers: Record<string, number | null> = allAt((max) => max);
    answers.item4 = null;
    const score = scoreOf(answers, { missing: { kind: 'prorate', maxMissing: 1 } });
    expect(score.total).toBeLessThanOrEqual(52);
    expect(score.band).not.toBeNull();
  });
});
