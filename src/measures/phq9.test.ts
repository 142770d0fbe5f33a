import { describe, expect, test } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { difficultyOptions, frequencyOptions, phq9, scorePhq9 } from './phq9.js';
import type { Phq9Score } from './phq9.js';

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

type Answers = Record<string, unknown>;

/** Nine answers, all the same value. */
function allItems(value: number): Record<string, number> {
  return Object.fromEntries(ITEM_IDS.map((id) => [id, value]));
}

/**
 * Answers summing to `total` with item 9 at `item9`: items 1-8 are filled with 3s from item1
 * onwards, then the remainder (written here, not by the library).
 */
function vectorFor(total: number, item9 = 0): Record<string, number> {
  let left = total - item9;
  const answers: Record<string, number> = {};
  for (const id of ITEM_IDS.slice(0, 8)) {
    const value = Math.min(3, left);
    answers[id] = value;
    left -= value;
  }
  if (left !== 0) throw new Error(`cannot build a PHQ-9 vector for ${total}`);
  answers.item9 = item9;
  return answers;
}

/** The score, failing the test if scoring did not succeed. */
function scoreOf(responses: unknown, options?: Parameters<typeof scorePhq9>[1]): Phq9Score {
  const result = scorePhq9(responses as Answers, options);
  if (!result.ok) {
    throw new Error(`expected a score, got ${JSON.stringify(result.error.issues)}`);
  }
  return result.value;
}

/** The issues, failing the test if scoring succeeded. */
function issuesOf(responses: unknown, options?: Parameters<typeof scorePhq9>[1]): readonly Issue[] {
  const result = scorePhq9(responses as Answers, options);
  if (result.ok) throw new Error('expected scorePhq9 to reject the input');
  return result.error.issues;
}

function codesAndPaths(issues: readonly Issue[]): { code: string; path: (string | number)[] }[] {
  return issues.map(({ code, path }) => ({ code, path: [...path] }));
}

/** Every object reachable from a value through own enumerable keys. */
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

describe('phq9 definition', () => {
  test('[KROENKE01] nine counting items item1-item9 answered 0-3, plus the difficulty question', () => {
    expect(phq9.items.map((item) => item.id)).toEqual([...ITEM_IDS, 'difficulty']);
    for (const item of phq9.items.slice(0, 9)) {
      expect(item.countsTowardTotal).toBe(true);
      expect(item.options.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    }
  });

  test('[PHQ-FORM] the difficulty question does not count toward the total', () => {
    const difficulty = phq9.items.find((item) => item.id === 'difficulty');
    expect(difficulty?.countsTowardTotal).toBe(false);
    expect(difficulty?.options.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    expect(difficultyOptions.map((option) => option.label)).toEqual([
      'Not difficult at all',
      'Somewhat difficult',
      'Very difficult',
      'Extremely difficult',
    ]);
  });

  test('[USCORE][PACIO] LOINC panel 44249-1 and total 44261-6 are different codes (invariant 15)', () => {
    expect(phq9.loinc?.panel).toBe('44249-1');
    expect(phq9.loinc?.total).toBe('44261-6');
    expect(phq9.loinc?.panel).not.toBe(phq9.loinc?.total);
  });

  test('[PACIO][PHQ-DD] item LOINC codes in order 44250-9 ... 44260-8', () => {
    expect(phq9.items.slice(0, 9).map((item) => item.loinc)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
  });

  test('[CIRG][PHQ-DE] difficulty item LOINC 69722-7', () => {
    expect(phq9.items[9]?.id).toBe('difficulty');
    expect(phq9.items[9]?.loinc).toBe('69722-7');
  });

  test('[LFORMS-EX] answer codes LA6568-5, LA6569-3, LA6570-1, LA6571-9 for 0-3', () => {
    const expected = [
      [0, 'LA6568-5'],
      [1, 'LA6569-3'],
      [2, 'LA6570-1'],
      [3, 'LA6571-9'],
    ];
    expect(frequencyOptions.map((option) => [option.value, option.loinc])).toEqual(expected);
    for (const item of phq9.items.slice(0, 9)) {
      expect(item.options.map((option) => [option.value, option.loinc])).toEqual(expected);
    }
  });

  test('[KROENKE01][CALC] bands 0-4, 5-9, 10-14, 15-19, 20-27', () => {
    expect(phq9.defaultBandSet).toBe('kroenke-2001');
    expect(phq9.bandSets).toHaveLength(1);
    expect(phq9.bandSets[0]?.bands.map(({ id, min, max }) => [id, min, max])).toEqual([
      ['minimal', 0, 4],
      ['mild', 5, 9],
      ['moderate', 10, 14],
      ['moderately-severe', 15, 19],
      ['severe', 20, 27],
    ]);
  });

  test('[CALC] one flag, suicidalIdeation, on item9 at 1 or more', () => {
    expect(phq9.flags.map(({ id, item, atLeast }) => ({ id, item, atLeast }))).toEqual([
      { id: 'suicidalIdeation', item: 'item9', atLeast: 1 },
    ]);
  });

  test('is deeply frozen', () => {
    for (const node of reachableObjects(phq9)) expect(Object.isFrozen(node)).toBe(true);
  });
});

describe('scorePhq9: range ends', () => {
  test("[KROENKE01][CALC] all 0 gives total 0, 'minimal'", () => {
    const score = scoreOf(allItems(0));
    expect(score.total).toBe(0);
    expect(score.band).toEqual({
      id: 'minimal',
      label: 'minimal or none',
      min: 0,
      max: 4,
      bandSet: 'kroenke-2001',
    });
    expect(score.flags).toEqual({ suicidalIdeation: false });
    expect(score.missing).toEqual([]);
    expect(score.missingHandling).toBe('none');
    expect(score.range).toEqual({ min: 0, max: 27 });
    expect(score.instrument).toEqual({ id: 'phq-9', version: '1.0.0' });
  });

  test("[KROENKE01][CALC] all 3 gives total 27, 'severe', and the item 9 flag", () => {
    const score = scoreOf(allItems(3));
    expect(score.total).toBe(27);
    expect(score.band?.id).toBe('severe');
    expect(score.band?.min).toBe(20);
    expect(score.band?.max).toBe(27);
    expect(score.flags.suicidalIdeation).toBe(true);
    expect(score.responses).toEqual(allItems(3));
  });
});

describe('scorePhq9: every band boundary on both sides [KROENKE01][CALC]', () => {
  test.each([
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately-severe'],
    [19, 'moderately-severe'],
    [20, 'severe'],
  ])('total %i is %s', (total, band) => {
    const answers = vectorFor(total);
    // The vector itself is checked here, so the test does not rely on the helper.
    expect(Object.values(answers).reduce((sum, value) => sum + value, 0)).toBe(total);
    const score = scoreOf(answers);
    expect(score.total).toBe(total);
    expect(score.band?.id).toBe(band);
    expect(score.band!.min).toBeLessThanOrEqual(total);
    expect(score.band!.max).toBeGreaterThanOrEqual(total);
  });

  test('the same totals reached with item 9 answered keep the band and raise the flag', () => {
    for (const [total, band] of [
      [5, 'mild'],
      [10, 'moderate'],
      [15, 'moderately-severe'],
      [20, 'severe'],
    ] as const) {
      const score = scoreOf(vectorFor(total, 2));
      expect(score.total).toBe(total);
      expect(score.band?.id).toBe(band);
      expect(score.flags.suicidalIdeation).toBe(true);
    }
  });

  test('[KROENKE01] the example in the TSDoc: 2,2,1,2,1,1,1,0,1 is 11, moderate, flagged', () => {
    const score = scoreOf({
      item1: 2,
      item2: 2,
      item3: 1,
      item4: 2,
      item5: 1,
      item6: 1,
      item7: 1,
      item8: 0,
      item9: 1,
    });
    expect(score.total).toBe(11);
    expect(score.band?.id).toBe('moderate');
    expect(score.flags.suicidalIdeation).toBe(true);
  });
});

describe('scorePhq9: item 9 safety flag (invariant 10)', () => {
  test('[CALC] item9 = 1 with everything else 0: total 1, minimal, flag raised', () => {
    const score = scoreOf({ ...allItems(0), item9: 1 });
    expect(score.total).toBe(1);
    expect(score.band?.id).toBe('minimal');
    expect(score.flags.suicidalIdeation).toBe(true);
  });

  test('[CALC] item9 = 0 with every other item at 3: total 24, severe, no flag', () => {
    const score = scoreOf({ ...allItems(3), item9: 0 });
    expect(score.total).toBe(24);
    expect(score.band?.id).toBe('severe');
    expect(score.flags.suicidalIdeation).toBe(false);
  });

  test.each([1, 2, 3])('[CALC] item9 = %i raises the flag', (value) => {
    expect(scoreOf({ ...allItems(0), item9: value }).flags.suicidalIdeation).toBe(true);
  });
});

describe('scorePhq9: the difficulty question [PHQ-FORM][SCRIBD-PHQ]', () => {
  test('is kept in result.difficulty and never added to the total', () => {
    const without = scoreOf(vectorFor(7));
    expect(without.total).toBe(7);
    expect('difficulty' in without).toBe(false);
    for (const difficulty of [0, 1, 2, 3]) {
      const score = scoreOf({ ...vectorFor(7), difficulty });
      expect(score.total).toBe(7);
      expect(score.band?.id).toBe('mild');
      expect(score.difficulty).toBe(difficulty);
      expect(score.responses.difficulty).toBe(difficulty);
      expect(score.missing).toEqual([]);
    }
  });

  test('difficulty 3 at total 4 does not push the total over the 5 cut-point', () => {
    const score = scoreOf({ ...vectorFor(4), difficulty: 3 });
    expect(score.total).toBe(4);
    expect(score.band?.id).toBe('minimal');
  });

  test('a missing or null difficulty is not a missing item', () => {
    const score = scoreOf({ ...allItems(1), difficulty: null });
    expect(score.total).toBe(9);
    expect(score.missing).toEqual([]);
    expect(score.difficulty).toBeUndefined();
  });

  test('difficulty 4 is an invalid answer at ["difficulty"]', () => {
    expect(codesAndPaths(issuesOf({ ...allItems(0), difficulty: 4 }))).toEqual([
      { code: 'invalid-answer', path: ['difficulty'] },
    ]);
  });
});

describe('scorePhq9: missing items (never silently 0)', () => {
  test("default 'reject': a missing item3 gives 'missing-answer' at ['item3']", () => {
    const { item3: _dropped, ...answers } = allItems(1);
    const issues = issuesOf(answers);
    expect(codesAndPaths(issues)).toEqual([{ code: 'missing-answer', path: ['item3'] }]);
    expect(issues[0]?.message).toBe('must be answered');
  });

  test("'reject' treats undefined and null like a missing key", () => {
    expect(codesAndPaths(issuesOf({ ...allItems(1), item3: undefined }))).toEqual([
      { code: 'missing-answer', path: ['item3'] },
    ]);
    expect(codesAndPaths(issuesOf({ ...allItems(1), item3: null, item5: null }))).toEqual([
      { code: 'missing-answer', path: ['item3'] },
      { code: 'missing-answer', path: ['item5'] },
    ]);
  });

  test("an explicit { kind: 'reject' } behaves like the default", () => {
    expect(
      codesAndPaths(issuesOf({ ...allItems(1), item4: null }, { missing: { kind: 'reject' } })),
    ).toEqual([{ code: 'missing-answer', path: ['item4'] }]);
  });

  test("'prorate' (maxMissing 1): one missing item is filled as round(sum * 9 / 8), halves up", () => {
    // Independent integer arithmetic: round-half-up of num/den is floor((2 num + den) / (2 den)).
    const prorated = (sum: number) => Math.floor((2 * sum * 9 + 8) / 16);
    for (const [answers, sum] of [
      [{ ...allItems(1), item3: null }, 8],
      [{ ...vectorFor(4), item8: null }, 4], // 4.5 rounds up to 5, across the 4/5 boundary
      [{ ...vectorFor(12), item8: null }, 12], // 13.5 -> 14
      [{ ...allItems(3), item1: null }, 24],
    ] as const) {
      const score = scoreOf(answers, { missing: { kind: 'prorate', maxMissing: 1 } });
      expect(score.total).toBe(prorated(sum));
      expect(score.missingHandling).toBe('prorated');
      expect(score.missing).toHaveLength(1);
    }
    expect(prorated(8)).toBe(9);
    expect(prorated(4)).toBe(5);
    expect(prorated(12)).toBe(14);
    expect(prorated(24)).toBe(27);
  });

  test("[KROENKE01] 'prorate': a sum of 4 over 8 answered items is 4.5 -> 5, in 'mild'", () => {
    const score = scoreOf(
      { ...vectorFor(4), item8: undefined },
      { missing: { kind: 'prorate', maxMissing: 1 } },
    );
    expect(score.total).toBe(5);
    expect(score.band?.id).toBe('mild');
    expect(score.missing).toEqual(['item8']);
    expect(score.responses).not.toHaveProperty('item8');
  });

  test("'prorate' (maxMissing 1): two missing items give 'too-many-missing'", () => {
    const issues = issuesOf(
      { ...allItems(1), item2: null, item3: null },
      { missing: { kind: 'prorate', maxMissing: 1 } },
    );
    expect(codesAndPaths(issues)).toEqual([{ code: 'too-many-missing', path: [] }]);
  });

  test("'prorate' (maxMissing 2): two missing items are prorated as round(sum * 9 / 7)", () => {
    const score = scoreOf(
      { ...allItems(2), item2: null, item3: null },
      { missing: { kind: 'prorate', maxMissing: 2 } },
    );
    // 14 * 9 / 7 = 18 exactly.
    expect(score.total).toBe(18);
    expect(score.band?.id).toBe('moderately-severe');
    expect(score.missing).toEqual(['item2', 'item3']);
  });

  test("'prorate' with nothing missing is plain summing", () => {
    const score = scoreOf(vectorFor(13), { missing: { kind: 'prorate', maxMissing: 1 } });
    expect(score.total).toBe(13);
    expect(score.missingHandling).toBe('none');
  });

  test("'incomplete': total null, band null, the missing items listed", () => {
    const score = scoreOf(
      { ...allItems(3), item2: null, item6: undefined, item9: 0 },
      { missing: { kind: 'incomplete' } },
    );
    expect(score.total).toBeNull();
    expect(score.band).toBeNull();
    expect(score.missing).toEqual(['item2', 'item6']);
    expect(score.missingHandling).toBe('incomplete');
    expect(score.flags.suicidalIdeation).toBe(false);
    expect(Object.keys(score.responses).sort()).toEqual(
      ['item1', 'item3', 'item4', 'item5', 'item7', 'item8', 'item9'].sort(),
    );
  });

  test("'incomplete' with nothing missing still gives the total", () => {
    const score = scoreOf(vectorFor(20), { missing: { kind: 'incomplete' } });
    expect(score.total).toBe(20);
    expect(score.band?.id).toBe('severe');
    expect(score.missingHandling).toBe('none');
  });

  test.each([
    ['reject (default)', undefined],
    ['reject', { missing: { kind: 'reject' } }],
    ['prorate', { missing: { kind: 'prorate', maxMissing: 1 } }],
    ['prorate (lenient)', { missing: { kind: 'prorate', maxMissing: 8 } }],
    ['incomplete', { missing: { kind: 'incomplete' } }],
  ] as const)(
    "[CALC] a missing item9 always fails with 'flag-item-missing' at ['item9'] under %s",
    (_name, options) => {
      for (const item9 of [undefined, null, 'absent'] as const) {
        const answers: Answers = { ...allItems(0) };
        if (item9 === 'absent') delete answers.item9;
        else answers.item9 = item9;
        const issues = issuesOf(answers, options);
        expect(issues).toContainEqual(
          expect.objectContaining({ code: 'flag-item-missing', path: ['item9'] }),
        );
      }
    },
  );
});

describe('scorePhq9: bad input gives issues with paths, never a throw', () => {
  test("an unknown key 'item10' gives 'unknown-items' and its text is never in any message", () => {
    const issues = issuesOf({ ...allItems(1), item10: 2 });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown-items', path: [] }]);
    for (const found of issues) expect(found.message).not.toContain('item10');
  });

  test('a client name used as a key never appears in a message', () => {
    const issues = issuesOf({ ...allItems(1), 'Jane Doe': 1, 'jane.doe@example.com': 3 });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown-items', path: [] }]);
    expect(issues[0]?.message).toBe('has 2 answer keys that the instrument does not have');
    for (const found of issues) {
      expect(found.message).not.toMatch(/jane/i);
      expect(found.message).not.toContain('example.com');
    }
  });

  test.each([
    ['4', 4],
    ['-1', -1],
    ['1.5', 1.5],
    ["'2'", '2'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['true', true],
    ['an object', { value: 1 }],
    ['an array', [1]],
    ['a bigint', 1n],
  ])("%s is an 'invalid-answer' at the item's path", (_name, value) => {
    for (const id of ['item1', 'item5', 'item9']) {
      const issues = issuesOf({ ...allItems(0), [id]: value });
      expect(codesAndPaths(issues)).toEqual([{ code: 'invalid-answer', path: [id] }]);
      expect(issues[0]?.message).toBe('must be an integer from 0 to 3');
    }
  });

  test('several problems are all reported, each with its own path', () => {
    const issues = issuesOf({ ...allItems(0), item1: 9, item2: 'x', item4: null, other: 1 });
    expect(codesAndPaths(issues)).toHaveLength(4);
    expect(codesAndPaths(issues)).toEqual(
      expect.arrayContaining([
        { code: 'invalid-answer', path: ['item1'] },
        { code: 'invalid-answer', path: ['item2'] },
        { code: 'unknown-items', path: [] },
        { code: 'missing-answer', path: ['item4'] },
      ]),
    );
  });

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['a string', 'item1=0'],
    ['a number', 12],
    ['a boolean', false],
    ['a function', () => 0],
  ])("%s as responses is 'invalid-type' at []", (_name, value) => {
    expect(codesAndPaths(issuesOf(value))).toEqual([{ code: 'invalid-type', path: [] }]);
  });

  test("a Proxy whose get throws gives 'unreadable-input' at []", () => {
    const hostile = new Proxy(allItems(0), {
      get() {
        throw new Error('boom');
      },
    });
    let result: ReturnType<typeof scorePhq9> | undefined;
    expect(() => {
      result = scorePhq9(hostile);
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    if (result?.ok === false) {
      expect(codesAndPaths(result.error.issues)).toEqual([{ code: 'unreadable-input', path: [] }]);
    }
  });

  test("a revoked Proxy gives 'unreadable-input', not a throw", () => {
    const { proxy, revoke } = Proxy.revocable(allItems(0), {});
    revoke();
    expect(codesAndPaths(issuesOf(proxy))).toEqual([{ code: 'unreadable-input', path: [] }]);
  });

  test('inherited answers are not answers', () => {
    const inherited = Object.create(allItems(2)) as Answers;
    const issues = issuesOf(inherited);
    expect(issues.filter((found) => found.code === 'missing-answer')).toHaveLength(9);
  });
});

describe('scorePhq9: immutability', () => {
  test('the result is deeply frozen', () => {
    const result = scorePhq9({ ...vectorFor(12, 1), difficulty: 2 });
    expect(result.ok).toBe(true);
    for (const node of reachableObjects(result)) expect(Object.isFrozen(node)).toBe(true);
  });

  test('an error result is deeply frozen too', () => {
    const result = scorePhq9({ ...allItems(0), item1: 7, item2: null });
    expect(result.ok).toBe(false);
    for (const node of reachableObjects(result)) expect(Object.isFrozen(node)).toBe(true);
  });

  test('the input is not mutated, and a frozen input is accepted', () => {
    const input: Answers = { ...vectorFor(9), item4: null, difficulty: 1 };
    const before = structuredClone(input);
    scorePhq9(input, { missing: { kind: 'prorate', maxMissing: 1 } });
    scorePhq9(input);
    expect(input).toEqual(before);
    expect(Object.keys(input)).toEqual(Object.keys(before));

    const frozen = Object.freeze({ ...vectorFor(9), difficulty: 1 });
    expect(scoreOf(frozen).total).toBe(9);
  });

  test('the responses in the score are a copy, not the input object', () => {
    const input = vectorFor(3);
    const score = scoreOf(input);
    expect(score.responses).not.toBe(input);
    expect(score.responses).toEqual(input);
  });
});
