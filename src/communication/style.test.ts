import { describe, expect, it } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import { isSourceKey } from '../sources/sources.js';
import { communicationStyleReflection } from './style-reflection-items.js';
import {
  assessCommunicationStyle,
  CommunicationStyle,
  communicationStyles,
  defineStyleItemSet,
  StyleAssessment,
  type StyleItemSetInput,
  type StyleResponses,
} from './style.js';

function value<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): TValue {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function issues<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): readonly Issue[] {
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues;
}

const codesAndPaths = (found: readonly Issue[]) => found.map((item) => [item.code, item.path]);

const reflection = communicationStyleReflection;
const itemIds = reflection.items.map((item) => item.id);

/** Every item of the default set answered with the same value. */
const all = (answer: number): Record<string, number> =>
  Object.fromEntries(itemIds.map((id) => [id, answer]));

/** A small custom set: two items per style except assertive with three, one reverse keyed. */
const custom: StyleItemSetInput = {
  id: 'clinic-set',
  version: '2',
  title: 'A clinic set',
  validated: false,
  notice: 'for tests',
  scale: { min: 0, max: 4 },
  items: [
    { id: 'p1', text: 'a', style: 'passive', reverse: false },
    { id: 'p2', text: 'b', style: 'passive', reverse: false },
    { id: 'a1', text: 'c', style: 'aggressive', reverse: false },
    { id: 'a2', text: 'd', style: 'aggressive', reverse: true },
    { id: 'pa1', text: 'e', style: 'passive-aggressive', reverse: false },
    { id: 'pa2', text: 'f', style: 'passive-aggressive', reverse: false },
    { id: 's1', text: 'g', style: 'assertive', reverse: false },
    { id: 's2', text: 'h', style: 'assertive', reverse: false },
    { id: 's3', text: 'i', style: 'assertive', reverse: false },
  ],
  missingPolicy: { kind: 'reject' },
};

describe('the four styles: not IPT constructs (reference 4.3)', () => {
  it('are passive, aggressive, passive-aggressive and assertive', () => {
    expect(CommunicationStyle.options).toEqual([
      'passive',
      'aggressive',
      'passive-aggressive',
      'assertive',
    ]);
  });

  it('carry the reference sources and are flagged as not IPT constructs', () => {
    expect(communicationStyles.passive.sources).toEqual(['MARICOPA', 'OURLIFE']);
    expect(communicationStyles.aggressive.sources).toEqual(['MARICOPA', 'OURLIFE']);
    expect(communicationStyles['passive-aggressive'].sources).toEqual(['0685', 'OURLIFE']);
    expect(communicationStyles.assertive.sources).toEqual(['MARICOPA', 'TRENDS']);
    for (const style of CommunicationStyle.options) {
      expect(communicationStyles[style].iptConstruct).toBe(false);
      for (const key of communicationStyles[style].sources) expect(isSourceKey(key)).toBe(true);
    }
  });
});

describe('the default item set: a self-reflection aid, not a validated instrument', () => {
  it('is flagged validated: false with a notice saying so (no validated four-style instrument found, reference 4.4)', () => {
    expect(reflection.validated).toBe(false);
    expect(reflection.notice).toContain('not a validated instrument');
    expect(reflection.notice).toContain('self-reflection');
    expect(reflection.notice).toContain('not part of IPT');
  });

  it('passes defineStyleItemSet unchanged', () => {
    expect(defineStyleItemSet(reflection)).toEqual({ ok: true, value: reflection });
  });

  it('has 12 items, 3 per style, at least one reverse keyed per style, on a 1-5 agreement scale', () => {
    expect(reflection.items).toHaveLength(12);
    for (const style of CommunicationStyle.options) {
      const items = reflection.items.filter((item) => item.style === style);
      expect(items).toHaveLength(3);
      expect(items.some((item) => item.reverse)).toBe(true);
      expect(items.some((item) => !item.reverse)).toBe(true);
    }
    expect(reflection.scale.min).toBe(1);
    expect(reflection.scale.max).toBe(5);
    expect(reflection.scale.anchors?.map((anchor) => anchor.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('cites only known sources and is frozen', () => {
    for (const key of reflection.sources ?? []) expect(isSourceKey(key)).toBe(true);
    expect(Object.isFrozen(reflection.items[0])).toBe(true);
  });
});

describe('assessCommunicationStyle', () => {
  it('scores an assertive pattern: reverse-keyed items count as min + max - answer', () => {
    const answers: StyleResponses = {
      'passive-1': 1,
      'passive-2': 2,
      'passive-3': 5, // reverse: 1 + 5 - 5 = 1
      'aggressive-1': 1,
      'aggressive-2': 1,
      'aggressive-3': 5, // reverse: 1
      'passive-aggressive-1': 2,
      'passive-aggressive-2': 2,
      'passive-aggressive-3': 4, // reverse: 2
      'assertive-1': 5,
      'assertive-2': 4,
      'assertive-3': 1, // reverse: 5
    };
    const result = value(assessCommunicationStyle(reflection, answers));
    expect(result.profile.passive).toEqual({
      items: 3,
      answered: 3,
      sum: 4,
      mean: 4 / 3,
      normalised: 1 / 12, // (4 - 3 * 1) / (3 * (5 - 1)), computed without rounding the mean first
    });
    expect(result.profile.aggressive).toMatchObject({ sum: 3, mean: 1, normalised: 0 });
    expect(result.profile['passive-aggressive']).toMatchObject({
      sum: 6,
      mean: 2,
      normalised: 0.25,
    });
    expect(result.profile.assertive).toMatchObject({ sum: 14, mean: 14 / 3 });
    expect(result.dominant).toEqual(['assertive']);
    expect(result.tie).toBe(false);
    expect(result.unanswered).toEqual([]);
  });

  it('names the item set, its validated flag and its notice in the result', () => {
    const result = value(assessCommunicationStyle(reflection, all(3)));
    expect(result.itemSet).toEqual({
      id: 'iptkit-communication-style-reflection',
      version: '1.0.0',
      validated: false,
    });
    expect(result.notice).toBe(reflection.notice);
    expect(result.scale).toEqual({ min: 1, max: 5 });
  });

  it('makes ties explicit: the same answer everywhere ties all four styles', () => {
    const result = value(assessCommunicationStyle(reflection, all(3)));
    expect(result.dominant).toEqual(['passive', 'aggressive', 'passive-aggressive', 'assertive']);
    expect(result.tie).toBe(true);
  });

  it('finds ties exactly between styles with different numbers of answers', () => {
    // passive: 2 answers summing 6 (mean 3); assertive: 3 answers summing 9 (mean 3).
    const answers = { p1: 3, p2: 3, a1: 0, a2: 4, pa1: 1, pa2: 1, s1: 2, s2: 3, s3: 4 };
    const result = value(assessCommunicationStyle(custom, answers));
    expect(result.profile.assertive.mean).toBe(3);
    expect(result.dominant).toEqual(['passive', 'assertive']);
    expect(result.tie).toBe(true);
  });

  it('compares close means exactly: 7/3 (3 answers) is above 9/4 (4 answers)', () => {
    const set: StyleItemSetInput = {
      ...custom,
      items: [
        ...custom.items,
        { id: 'p3', text: 'x', style: 'passive', reverse: false },
        { id: 'p4', text: 'y', style: 'passive', reverse: false },
      ],
    };
    const answers = {
      p1: 3,
      p2: 2,
      p3: 2,
      p4: 2,
      a1: 0,
      a2: 4,
      pa1: 0,
      pa2: 0,
      s1: 3,
      s2: 2,
      s3: 2,
    };
    const result = value(assessCommunicationStyle(set, answers));
    expect(result.profile.passive.mean).toBe(9 / 4);
    expect(result.profile.assertive.mean).toBe(7 / 3);
    expect(result.dominant).toEqual(['assertive']);
  });

  describe('missing answers follow the set’s explicit policy', () => {
    it('mean-of-answered: a style is the mean of its answered items; unanswered ones are listed', () => {
      const answers: StyleResponses = { ...all(4), 'passive-1': null, 'assertive-2': undefined };
      const result = value(assessCommunicationStyle(reflection, answers));
      expect(result.profile.passive).toMatchObject({ items: 3, answered: 2 });
      expect(result.unanswered).toEqual(['passive-1', 'assertive-2']);
    });

    it('mean-of-answered: too few answers for a style is an error (too-few-answers)', () => {
      const answers = Object.fromEntries(
        Object.entries(all(4)).filter(
          ([id]) => !id.startsWith('aggressive-') || id === 'aggressive-3',
        ),
      );
      const found = issues(assessCommunicationStyle(reflection, answers));
      expect(codesAndPaths(found)).toEqual([['too-few-answers', ['responses']]]);
      expect(found[0]!.message).toContain('"aggressive"');
      expect(found[0]!.message).toContain('at least 2');
    });

    it('reject: every unanswered item is reported at its own path (missing-answer)', () => {
      const answers = { p1: 1, p2: 1, a1: 1, a2: 1, pa1: 1, s1: 1, s2: 1, s3: null };
      expect(codesAndPaths(issues(assessCommunicationStyle(custom, answers)))).toEqual([
        ['missing-answer', ['responses', 'pa2']],
        ['missing-answer', ['responses', 's3']],
      ]);
    });
  });

  describe('invalid responses', () => {
    it('reports each bad answer at its item id, never also as missing', () => {
      const answers = {
        ...all(3),
        'passive-1': 6,
        'passive-2': 2.5,
        'passive-3': '4',
        'assertive-1': Number.NaN,
      };
      expect(
        codesAndPaths(
          issues(assessCommunicationStyle(reflection, answers as unknown as StyleResponses)),
        ),
      ).toEqual([
        ['out-of-scale', ['responses', 'passive-1']],
        ['not-an-integer', ['responses', 'passive-2']],
        ['invalid-type', ['responses', 'passive-3']],
        ['invalid-type', ['responses', 'assertive-1']],
      ]);
    });

    it('reports unknown keys by count and position, never quoting them', () => {
      const answers = { 'ZZSECRET Jane': 3, ...all(3), 'ZZSECRET other': 1 };
      const found = issues(assessCommunicationStyle(reflection, answers));
      expect(codesAndPaths(found)).toEqual([['unknown-items', ['responses']]]);
      expect(found[0]!.message).toContain('2 keys');
      expect(found[0]!.message).toContain('positions 1, 14');
      expect(JSON.stringify(found)).not.toContain('ZZSECRET');
    });

    it.each([null, [], 'answers', 42])('rejects %j as responses', (responses) => {
      expect(
        codesAndPaths(
          issues(assessCommunicationStyle(reflection, responses as unknown as StyleResponses)),
        ),
      ).toEqual([['invalid-type', ['responses']]]);
    });

    it('turns unreadable responses into an issue instead of throwing', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(codesAndPaths(issues(assessCommunicationStyle(reflection, proxy)))).toEqual([
        ['unreadable-input', ['responses']],
      ]);
    });

    it('re-validates the item set and reports its problems under ["itemSet", ...]', () => {
      const broken = { ...custom, items: [...custom.items, { ...custom.items[0]! }] };
      expect(codesAndPaths(issues(assessCommunicationStyle(broken, {})))).toEqual([
        ['duplicate', ['itemSet', 'items', 9, 'id']],
      ]);
    });
  });

  it('scores a caller’s licensed instrument in the same shape and echoes its validated flag', () => {
    const licensed = {
      ...custom,
      id: 'licensed-x',
      validated: true,
      notice: 'Used under licence.',
    };
    const answers = { p1: 0, p2: 0, a1: 0, a2: 4, pa1: 0, pa2: 0, s1: 4, s2: 4, s3: 4 };
    const result = value(assessCommunicationStyle(licensed, answers));
    expect(result.itemSet).toEqual({ id: 'licensed-x', version: '2', validated: true });
    expect(result.notice).toBe('Used under licence.');
    expect(result.dominant).toEqual(['assertive']);
  });

  it('returns a frozen result that round-trips through StyleAssessment', () => {
    const result = value(assessCommunicationStyle(reflection, all(2)));
    expect(Object.isFrozen(result.profile.passive)).toBe(true);
    expect(safeParseWith(StyleAssessment, JSON.parse(JSON.stringify(result)))).toEqual({
      ok: true,
      value: result,
    });
  });

  it('never changes the item set or the responses', () => {
    const set = structuredClone(custom);
    const answers = { p1: 1, p2: 1, a1: 1, a2: 1, pa1: 1, pa2: 1, s1: 1, s2: 1, s3: 1 };
    const copy = structuredClone(answers);
    value(assessCommunicationStyle(set, answers));
    expect(set).toEqual(custom);
    expect(answers).toEqual(copy);
    expect(Object.isFrozen(set)).toBe(false);
    expect(Object.isFrozen(answers)).toBe(false);
  });
});

describe('defineStyleItemSet', () => {
  it.each([
    [
      'duplicate item ids',
      { ...custom, items: [...custom.items, { ...custom.items[1]! }] },
      [['duplicate', ['items', 9, 'id']]],
    ],
    [
      'a style with no items',
      { ...custom, items: custom.items.filter((item) => item.style !== 'aggressive') },
      [['style-without-items', ['items']]],
    ],
    [
      'an inverted scale',
      { ...custom, scale: { min: 4, max: 0 } },
      [['range-inverted', ['scale', 'max']]],
    ],
    [
      'a non-integer scale',
      { ...custom, scale: { min: 0, max: 4.5 } },
      [['invalid-type', ['scale', 'max']]],
    ],
    [
      'an anchor off the scale',
      { ...custom, scale: { min: 0, max: 4, anchors: [{ value: 5, label: 'always' }] } },
      [['out-of-scale', ['scale', 'anchors', 0, 'value']]],
    ],
    [
      'a policy needing more answers than a style has items',
      { ...custom, missingPolicy: { kind: 'mean-of-answered', minAnsweredPerStyle: 3 } },
      [['min-answered-exceeds-items', ['missingPolicy', 'minAnsweredPerStyle']]],
    ],
    [
      'an unknown policy',
      { ...custom, missingPolicy: { kind: 'impute-zero' } },
      [['invalid-discriminator', ['missingPolicy', 'kind']]],
    ],
    [
      'an item keyed to a style that is not one of the four',
      {
        ...custom,
        items: [...custom.items, { id: 'x', text: 'x', style: 'submissive', reverse: false }],
      },
      [['invalid-value', ['items', 9, 'style']]],
    ],
    [
      'an item id with a space',
      {
        ...custom,
        items: [...custom.items, { id: 'item one', text: 'x', style: 'passive', reverse: false }],
      },
      [['invalid-format', ['items', 9, 'id']]],
    ],
    ['no validated flag', { ...custom, validated: undefined }, [['invalid-type', ['validated']]]],
  ])('rejects %s', (_name, input, expected) => {
    expect(codesAndPaths(issues(defineStyleItemSet(input)))).toEqual(expected);
  });
});
