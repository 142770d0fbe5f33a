import { describe, expect, test } from 'vitest';
import { IptError, isIptError } from '../internal/ipt-error.js';
import type { Issue } from '../internal/issues.js';
import { gad7 } from './gad7.js';
import { hamd17 } from './hamd17.js';
import {
  defineInstrument,
  findBand,
  parseInstrument,
  scoreInstrument,
  totalRange,
} from './instrument.js';
import type { Instrument } from './instrument.js';
import { phq9 } from './phq9.js';

/** A mutable deep copy of a built-in, to break one thing at a time. */
function copyOf(instrument: unknown): Instrument {
  return structuredClone(instrument) as Instrument;
}

/** A small valid instrument of the caller's own: three 0-2 items, range 0-6. */
function custom(): Instrument {
  const options = [
    { value: 0, label: 'never' },
    { value: 1, label: 'sometimes' },
    { value: 2, label: 'often' },
  ];
  return {
    id: 'mood-check',
    version: '0.1.0',
    title: 'Mood check',
    licence: 'Written for this test',
    citation: 'iptkit tests',
    provenance: { sources: ['our clinic'] },
    items: [
      { id: 'first', text: 'First', options, countsTowardTotal: true },
      { id: 'second', text: 'Second', options, countsTowardTotal: true },
      { id: 'third', text: 'Third', options, countsTowardTotal: true },
    ],
    scoring: { kind: 'sum', missing: { kind: 'reject' } },
    bandSets: [
      {
        id: 'house',
        label: 'House bands',
        bands: [
          { id: 'low', label: 'low', min: 0, max: 2 },
          { id: 'high', label: 'high', min: 3, max: 6 },
        ],
        provenance: { sources: ['our clinic'] },
      },
    ],
    defaultBandSet: 'house',
    flags: [],
    higherIsWorse: true,
  };
}

function issuesOf(input: unknown): readonly Issue[] {
  const result = defineInstrument(input);
  if (result.ok) throw new Error('expected defineInstrument to reject the input');
  return result.error.issues;
}

function codesAndPaths(input: unknown): { code: string; path: (string | number)[] }[] {
  return issuesOf(input).map(({ code, path }) => ({ code, path: [...path] }));
}

function reachableObjects(root: unknown): object[] {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Object.keys(value)) pending.push((value as Record<string, unknown>)[key]);
  }
  return [...seen];
}

describe('defineInstrument: the built-ins', () => {
  test.each([
    ['phq9', phq9],
    ['gad7', gad7],
    ['hamd17', hamd17],
  ])('accepts %s and round-trips it deep-equal, as a frozen copy', (_name, instrument) => {
    const result = defineInstrument(structuredClone(instrument));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(instrument);
    expect(result.value).not.toBe(instrument);
    for (const node of reachableObjects(result.value)) expect(Object.isFrozen(node)).toBe(true);
    // A second pass over the output is stable too.
    const again = defineInstrument(result.value);
    expect(again.ok && again.value).toEqual(instrument);
  });

  test('a defined copy scores exactly like the built-in', () => {
    const defined = parseInstrument(structuredClone(phq9));
    const answers = {
      item1: 3,
      item2: 2,
      item3: 1,
      item4: 0,
      item5: 3,
      item6: 2,
      item7: 1,
      item8: 0,
      item9: 1,
    };
    const fromCopy = scoreInstrument(defined, answers);
    const fromBuiltIn = scoreInstrument(phq9, answers);
    expect(fromCopy.ok && fromCopy.value.total).toBe(13);
    expect(fromCopy).toEqual(fromBuiltIn);
  });

  test('accepts the small custom instrument unchanged', () => {
    const input = custom();
    const before = structuredClone(input);
    const result = defineInstrument(input);
    expect(result.ok && result.value).toEqual(before);
    expect(input).toEqual(before);
    expect(Object.isFrozen(input)).toBe(false);
  });
});

describe('defineInstrument: rejects with an exact code and path', () => {
  test("a duplicate item id: 'duplicate' at ['items', i, 'id']", () => {
    const input = copyOf(phq9);
    input.items[4]!.id = 'item2';
    expect(codesAndPaths(input)).toEqual([{ code: 'duplicate', path: ['items', 4, 'id'] }]);
  });

  test("a duplicate option value: 'duplicate' at ['items', i, 'options', j, 'value']", () => {
    const input = custom();
    input.items[1] = {
      ...input.items[1]!,
      options: [
        { value: 0, label: 'never' },
        { value: 1, label: 'sometimes' },
        { value: 1, label: 'again' },
      ],
    };
    // The item's range drops to 0-1, so the band set must follow for a single issue.
    input.bandSets[0]!.bands[1]!.max = 5;
    expect(codesAndPaths(input)).toEqual([
      { code: 'duplicate', path: ['items', 1, 'options', 2, 'value'] },
    ]);
  });

  test("no counting item: 'no-counting-items' at ['items']", () => {
    const input = custom();
    for (const item of input.items) item.countsTowardTotal = false;
    input.bandSets = [];
    delete input.defaultBandSet;
    expect(codesAndPaths(input)).toEqual([{ code: 'no-counting-items', path: ['items'] }]);
  });

  test("a band gap: 'band-gap' at the band's min", () => {
    const input = copyOf(phq9);
    input.bandSets[0]!.bands[2]!.min = 11; // 5-9 then 11-14
    const issues = issuesOf(input);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'band-gap', path: ['bandSets', 0, 'bands', 2, 'min'] },
    ]);
    expect(issues[0]?.message).toBe(
      'must be 10 so the bands cover the range without gaps or overlaps',
    );
  });

  test("a band overlap: 'band-overlap' at the band's min", () => {
    const input = copyOf(phq9);
    input.bandSets[0]!.bands[1]!.min = 4; // 0-4 then 4-9
    expect(codesAndPaths(input)).toEqual([
      { code: 'band-overlap', path: ['bandSets', 0, 'bands', 1, 'min'] },
    ]);
  });

  test("a first band not starting at the lowest total is a 'band-gap'", () => {
    const input = copyOf(phq9);
    input.bandSets[0]!.bands[0]!.min = 1;
    expect(codesAndPaths(input)).toEqual([
      { code: 'band-gap', path: ['bandSets', 0, 'bands', 0, 'min'] },
    ]);
  });

  test("the last band not reaching the highest total: 'band-range-mismatch'", () => {
    const input = copyOf(phq9);
    input.bandSets[0]!.bands[4]!.max = 26;
    const issues = issuesOf(input);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'band-range-mismatch', path: ['bandSets', 0, 'bands', 4, 'max'] },
    ]);
    expect(issues[0]?.message).toBe('must be 27, the highest possible total');
  });

  test("[HAMD-ITEMS] a last band going past the highest total: 'band-range-mismatch'", () => {
    const input = copyOf(hamd17);
    input.bandSets[1]!.bands[3]!.max = 53;
    expect(codesAndPaths(input)).toEqual([
      { code: 'band-range-mismatch', path: ['bandSets', 1, 'bands', 3, 'max'] },
    ]);
  });

  test("an inverted band: 'range-inverted' at its max", () => {
    const input = custom();
    input.bandSets[0]!.bands = [
      { id: 'low', label: 'low', min: 0, max: 2 },
      { id: 'odd', label: 'odd', min: 3, max: 1 },
      { id: 'high', label: 'high', min: 2, max: 6 },
    ];
    expect(codesAndPaths(input)).toEqual([
      { code: 'range-inverted', path: ['bandSets', 0, 'bands', 1, 'max'] },
    ]);
  });

  test("an unknown defaultBandSet: 'unknown-band-set' at ['defaultBandSet']", () => {
    const input = copyOf(hamd17);
    input.defaultBandSet = 'hamilton-1960';
    expect(codesAndPaths(input)).toEqual([{ code: 'unknown-band-set', path: ['defaultBandSet'] }]);
  });

  test("band sets without a defaultBandSet: 'default-band-set-required'", () => {
    const input = copyOf(gad7);
    delete input.defaultBandSet;
    expect(codesAndPaths(input)).toEqual([
      { code: 'default-band-set-required', path: ['defaultBandSet'] },
    ]);
  });

  test('no band sets and no defaultBandSet is fine, and scores carry no band', () => {
    const input = custom();
    input.bandSets = [];
    delete input.defaultBandSet;
    const result = defineInstrument(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const score = scoreInstrument(result.value, { first: 2, second: 2, third: 1 });
    expect(score.ok && score.value.total).toBe(5);
    expect(score.ok && score.value.band).toBeNull();
  });

  test("a flag on an unknown item: 'unknown-item' at ['flags', i, 'item']", () => {
    const input = copyOf(phq9);
    input.flags[0]!.item = 'item10';
    expect(codesAndPaths(input)).toEqual([{ code: 'unknown-item', path: ['flags', 0, 'item'] }]);
  });

  test("[CALC] a flag no answer can reach: 'flag-unreachable' at ['flags', i, 'atLeast']", () => {
    const input = copyOf(phq9);
    input.flags[0]!.atLeast = 4;
    expect(codesAndPaths(input)).toEqual([
      { code: 'flag-unreachable', path: ['flags', 0, 'atLeast'] },
    ]);
  });

  test("two flags with one id: 'duplicate' at ['flags', 1, 'id']", () => {
    const input = copyOf(phq9);
    input.flags.push({ ...input.flags[0]!, atLeast: 2 });
    expect(codesAndPaths(input)).toEqual([{ code: 'duplicate', path: ['flags', 1, 'id'] }]);
  });

  test("two band sets with one id: 'duplicate' at ['bandSets', 1, 'id']", () => {
    const input = copyOf(hamd17);
    input.bandSets[1]!.id = 'common';
    expect(codesAndPaths(input)).toEqual([{ code: 'duplicate', path: ['bandSets', 1, 'id'] }]);
  });

  test("two bands with one id: 'duplicate' at the second band's id", () => {
    const input = copyOf(phq9);
    input.bandSets[0]!.bands[3]!.id = 'moderate';
    expect(codesAndPaths(input)).toEqual([
      { code: 'duplicate', path: ['bandSets', 0, 'bands', 3, 'id'] },
    ]);
  });

  test("prorate maxMissing >= counting items: 'prorate-too-lenient'", () => {
    for (const maxMissing of [9, 10]) {
      const input = copyOf(phq9);
      input.scoring.missing = { kind: 'prorate', maxMissing };
      expect(codesAndPaths(input)).toEqual([
        { code: 'prorate-too-lenient', path: ['scoring', 'missing', 'maxMissing'] },
      ]);
    }
    const lenientButAllowed = copyOf(phq9);
    lenientButAllowed.scoring.missing = { kind: 'prorate', maxMissing: 8 };
    expect(defineInstrument(lenientButAllowed).ok).toBe(true);
  });

  test('an unknown key and a bad id are reported with their paths, without quoting the input', () => {
    const input = { ...custom(), notes: 'Patient: Jane Doe' } as unknown as Instrument;
    input.items[0]!.id = '1st';
    const issues = issuesOf(input);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual(
      expect.arrayContaining([
        { code: 'unrecognized-keys', path: [] },
        { code: 'invalid-format', path: ['items', 0, 'id'] },
      ]),
    );
    for (const found of issues) {
      expect(found.message).not.toContain('Jane');
      expect(found.message).not.toContain('notes');
    }
  });

  test.each([
    ['null', null],
    ['a string', 'phq-9'],
    ['an array', []],
  ])('%s is rejected, not thrown on', (_name, input) => {
    expect(() => defineInstrument(input)).not.toThrow();
    expect(codesAndPaths(input)).toEqual([{ code: 'invalid-type', path: [] }]);
  });
});

describe('parseInstrument', () => {
  test('returns the instrument for valid input', () => {
    expect(parseInstrument(custom())).toEqual(custom());
  });

  test('throws an IptError carrying the same issues as defineInstrument', () => {
    const input = copyOf(phq9);
    input.flags[0]!.item = 'nowhere';
    let caught: unknown;
    try {
      parseInstrument(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IptError);
    expect(isIptError(caught)).toBe(true);
    if (!isIptError(caught)) return;
    expect(caught.kind).toBe('validation');
    expect(caught.issues).toEqual(issuesOf(input));
    expect(caught.message).toContain('unknown-item at flags.0.item');
  });
});

describe('totalRange', () => {
  test('[KROENKE01][GAD7-ARAB][HAMD-ITEMS] 0-27, 0-21 and 0-52 for the built-ins', () => {
    expect(totalRange(phq9)).toEqual({ min: 0, max: 27 });
    expect(totalRange(gad7)).toEqual({ min: 0, max: 21 });
    expect(totalRange(hamd17)).toEqual({ min: 0, max: 52 });
  });

  test('sums the lowest and highest answers of counting items only, negatives included', () => {
    const input = custom();
    input.items = [
      {
        id: 'a',
        text: 'A',
        options: [
          { value: -2, label: 'much less' },
          { value: 5, label: 'much more' },
        ],
        countsTowardTotal: true,
      },
      {
        id: 'b',
        text: 'B',
        options: [
          { value: 3, label: 'three' },
          { value: 1, label: 'one' },
          { value: 7, label: 'seven' },
        ],
        countsTowardTotal: true,
      },
      {
        id: 'c',
        text: 'C (not counted)',
        options: [
          { value: 0, label: 'no' },
          { value: 100, label: 'yes' },
        ],
        countsTowardTotal: false,
      },
    ];
    expect(totalRange(input)).toEqual({ min: -1, max: 12 });
  });
});

describe('findBand', () => {
  test('[KROENKE01] finds the band of a total and names the band set, or undefined outside', () => {
    const set = phq9.bandSets[0]!;
    expect(findBand(set, 10)).toEqual({
      id: 'moderate',
      label: 'moderate',
      min: 10,
      max: 14,
      bandSet: 'kroenke-2001',
    });
    expect(findBand(set, 9)?.id).toBe('mild');
    expect(findBand(set, 28)).toBeUndefined();
    expect(findBand(set, -1)).toBeUndefined();
  });
});

describe('scoreInstrument on a custom instrument', () => {
  function nonContiguous(): Instrument {
    const input = custom();
    const options = [
      { value: 0, label: 'none' },
      { value: 2, label: 'some' },
      { value: 5, label: 'lots' },
    ];
    input.items = input.items.map((item) => ({ ...item, options }));
    input.bandSets[0]!.bands[1]!.max = 15;
    return input;
  }

  test("non-contiguous option values: 'invalid-answer' says 'must be one of 0, 2, 5'", () => {
    const instrument = parseInstrument(nonContiguous());
    const result = scoreInstrument(instrument, { first: 1, second: 2, third: 5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      { code: 'invalid-answer', path: ['first'], message: 'must be one of 0, 2, 5' },
    ]);
    const fine = scoreInstrument(instrument, { first: 0, second: 2, third: 5 });
    expect(fine.ok && fine.value.total).toBe(7);
    expect(fine.ok && fine.value.band?.id).toBe('high');
  });

  test("contiguous option values: 'must be an integer from 0 to 2'", () => {
    const instrument = parseInstrument(custom());
    const result = scoreInstrument(instrument, { first: 3, second: 0, third: 0 });
    expect(!result.ok && result.error.issues[0]?.message).toBe('must be an integer from 0 to 2');
  });

  test('prorating rounds halves up: 1 over 2 of 3 items is 1.5 -> 2, 3 -> 4.5 -> 5', () => {
    const instrument = parseInstrument(custom());
    const prorate = { missing: { kind: 'prorate', maxMissing: 1 } } as const;
    const cases: [Record<string, number | null>, number][] = [
      [{ first: 1, second: 0, third: null }, 2],
      [{ first: 1, second: 2, third: null }, 5],
      [{ first: 2, second: 2, third: null }, 6],
      [{ first: null, second: 0, third: 0 }, 0],
    ];
    for (const [answers, expected] of cases) {
      const result = scoreInstrument(instrument, answers, prorate);
      expect(result.ok && result.value.total).toBe(expected);
      expect(result.ok && result.value.missingHandling).toBe('prorated');
    }
  });

  test("the instrument's own prorate policy is used by default", () => {
    const input = custom();
    input.scoring.missing = { kind: 'prorate', maxMissing: 1 };
    const instrument = parseInstrument(input);
    const result = scoreInstrument(instrument, { first: 2, second: 1 });
    expect(result.ok && result.value.total).toBe(5); // 3 * 3 / 2 = 4.5 -> 5
    expect(result.ok && result.value.missing).toEqual(['third']);
  });

  test('a flag on a non-counting item is raised at its threshold, whatever the total', () => {
    const input = custom();
    input.items.push({
      id: 'risk',
      text: 'Risk',
      options: [
        { value: 0, label: 'no' },
        { value: 1, label: 'yes' },
      ],
      countsTowardTotal: false,
    });
    input.flags = [
      { id: 'risk', label: 'risk', item: 'risk', atLeast: 1, provenance: { sources: ['x'] } },
    ];
    const instrument = parseInstrument(input);
    const yes = scoreInstrument(instrument, { first: 0, second: 0, third: 0, risk: 1 });
    expect(yes.ok && yes.value.total).toBe(0);
    expect(yes.ok && yes.value.flags).toEqual({ risk: true });
    const no = scoreInstrument(instrument, { first: 2, second: 2, third: 2, risk: 0 });
    expect(no.ok && no.value.flags).toEqual({ risk: false });
    const missing = scoreInstrument(instrument, { first: 0, second: 0, third: 0 });
    expect(!missing.ok && missing.error.issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'flag-item-missing', path: ['risk'] },
    ]);
  });

  test('negative option values score and band correctly', () => {
    const input = custom();
    const options = [
      { value: -1, label: 'better' },
      { value: 0, label: 'same' },
      { value: 1, label: 'worse' },
    ];
    input.items = input.items.map((item) => ({ ...item, options }));
    input.bandSets[0]!.bands = [
      { id: 'better', label: 'better', min: -3, max: -1 },
      { id: 'same', label: 'same', min: 0, max: 0 },
      { id: 'worse', label: 'worse', min: 1, max: 3 },
    ];
    const instrument = parseInstrument(input);
    expect(totalRange(instrument)).toEqual({ min: -3, max: 3 });
    const result = scoreInstrument(instrument, { first: -1, second: -1, third: 0 });
    expect(result.ok && result.value.total).toBe(-2);
    expect(result.ok && result.value.band?.id).toBe('better');
  });

  // Regression: a non-enumerable own item key once counted as known without being among
  // Object.keys, which hid one unknown key from the 'unknown-items' check.
  test('an extra key is reported even when an item key is non-enumerable', () => {
    const answers: Record<string, unknown> = { first: 0, second: 0, intruder: 1 };
    Object.defineProperty(answers, 'third', { value: 0, enumerable: false });
    const result = scoreInstrument(parseInstrument(custom()), answers);
    expect(result.ok).toBe(false);
  });

  // Regression: options.missing was once not validated, so an unknown policy kind fell through to
  // 'incomplete' and the total silently became null instead of an issue being reported.
  test('an unknown missing-item policy is reported, not treated as incomplete', () => {
    const result = scoreInstrument(
      parseInstrument(custom()),
      { first: 0, second: 0, third: null },
      { missing: { kind: 'skip' } as never },
    );
    expect(result.ok).toBe(false);
  });
});

describe('scoreInstrument with instruments it did not build', () => {
  test('an inconsistent hand-built instrument is refused, not scored', () => {
    const broken = { ...custom(), items: [] } as unknown as Instrument;
    const result = scoreInstrument(broken, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((found) => found.code)).toEqual([
      'invalid-instrument',
    ]);
  });

  test('an unfrozen instrument changed after scoring is scored as it is now (no stale cache)', () => {
    const mine = custom();
    const before = scoreInstrument(mine, { first: 1, second: 1, third: 1 });
    expect(before.ok && before.value.total).toBe(3);
    mine.items = mine.items.filter((item) => item.id !== 'third');
    mine.bandSets = [];
    delete mine.defaultBandSet;
    const after = scoreInstrument(mine, { first: 1, second: 1 });
    expect(after.ok && after.value.total).toBe(2);
  });
});
