import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { communicationStyleReflection } from './style-reflection-items.js';
import {
  assessCommunicationStyle,
  CommunicationStyle,
  StyleAssessment,
  StyleItemSet,
  type StyleItemSetInput,
} from './style.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MARKER = 'ZZSECRET';

/** A valid item set: 1-4 items per style, any integer scale, either missing policy. */
const itemSet: fc.Arbitrary<StyleItemSetInput> = fc
  .record({
    min: fc.integer({ min: -10, max: 10 }),
    span: fc.integer({ min: 1, max: 10 }),
    perStyle: fc.tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
    ),
    reverse: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    policy: fc.oneof(
      fc.constant({ kind: 'reject' as const }),
      fc.constant({ kind: 'mean-of-answered' as const, minAnsweredPerStyle: 1 }),
    ),
    validated: fc.boolean(),
  })
  .map(({ min, span, perStyle, reverse, policy, validated }) => ({
    id: 'generated-set',
    version: '1',
    title: 'generated',
    validated,
    notice: 'generated for a property test',
    scale: { min, max: min + span },
    items: CommunicationStyle.options.flatMap((style, styleIndex) =>
      Array.from({ length: perStyle[styleIndex]! }, (_, index) => ({
        id: `${style}-${index}`,
        text: `item ${index} of ${style}`,
        style,
        reverse: reverse[styleIndex * 4 + index]!,
      })),
    ),
    missingPolicy: policy,
  }));

/** A set and a complete, valid set of answers for it. */
const setWithAnswers = itemSet.chain((set) =>
  fc
    .array(fc.integer({ min: set.scale.min, max: set.scale.max }), {
      minLength: set.items.length,
      maxLength: set.items.length,
    })
    .map((values) => ({
      set,
      answers: Object.fromEntries(set.items.map((item, index) => [item.id, values[index]!])),
    })),
);

/** The dominant styles by an independent oracle: exact BigInt comparison of sum/count. */
function oracleDominant(set: StyleItemSetInput, answers: Record<string, number>): string[] {
  const tally = new Map<string, { sum: bigint; count: bigint }>();
  for (const item of set.items) {
    const answer = answers[item.id];
    if (answer === undefined) continue;
    const keyed = item.reverse ? set.scale.min + set.scale.max - answer : answer;
    const current = tally.get(item.style) ?? { sum: 0n, count: 0n };
    tally.set(item.style, { sum: current.sum + BigInt(keyed), count: current.count + 1n });
  }
  return CommunicationStyle.options.filter((style) => {
    const own = tally.get(style)!;
    return CommunicationStyle.options.every((other) => {
      const theirs = tally.get(other)!;
      return own.sum * theirs.count >= theirs.sum * own.count;
    });
  });
}

describe('assessCommunicationStyle (properties)', () => {
  test.prop([setWithAnswers])(
    'complete answers always score; dominant matches an exact oracle; ties are explicit',
    ({ set, answers }) => {
      const result = assessCommunicationStyle(set, answers);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const assessment = result.value;
      expect(assessment.dominant).toEqual(oracleDominant(set, answers));
      expect(assessment.tie).toBe(assessment.dominant.length > 1);
      expect(assessment.unanswered).toEqual([]);
      for (const style of CommunicationStyle.options) {
        const score = assessment.profile[style];
        expect(score.answered).toBe(score.items);
        expect(score.mean).toBeGreaterThanOrEqual(set.scale.min);
        expect(score.mean).toBeLessThanOrEqual(set.scale.max);
        expect(score.normalised).toBeGreaterThanOrEqual(0);
        expect(score.normalised).toBeLessThanOrEqual(1);
      }
      expect(assessment.itemSet.validated).toBe(set.validated);
    },
  );

  test.prop([setWithAnswers])(
    'reverse keying: flipping an item’s key and its answer (min + max - answer) changes nothing',
    ({ set, answers }) => {
      const flipped = {
        ...set,
        items: set.items.map((item) => ({ ...item, reverse: !item.reverse })),
      };
      const flippedAnswers = Object.fromEntries(
        Object.entries(answers).map(([id, answer]) => [id, set.scale.min + set.scale.max - answer]),
      );
      const original = assessCommunicationStyle(set, answers);
      const mirrored = assessCommunicationStyle(flipped, flippedAnswers);
      if (!original.ok || !mirrored.ok) throw new Error('unreachable');
      expect(mirrored.value.profile).toEqual(original.value.profile);
      expect(mirrored.value.dominant).toEqual(original.value.dominant);
    },
  );

  test.prop([setWithAnswers, fc.nat()])(
    'the order of the items and of the answers does not matter',
    ({ set, answers }, seed) => {
      const rotate = <TItem>(list: TItem[]) => {
        const shift = list.length === 0 ? 0 : seed % list.length;
        return [...list.slice(shift), ...list.slice(0, shift)];
      };
      const reordered = { ...set, items: rotate([...set.items]).reverse() };
      const reorderedAnswers = Object.fromEntries(rotate(Object.entries(answers)));
      const original = assessCommunicationStyle(set, answers);
      const other = assessCommunicationStyle(reordered, reorderedAnswers);
      if (!original.ok || !other.ok) throw new Error('unreachable');
      expect(other.value.profile).toEqual(original.value.profile);
      expect(other.value.dominant).toEqual(original.value.dominant);
    },
  );

  test.prop([setWithAnswers, fc.array(fc.nat(), { maxLength: 6 })])(
    'missing answers: reject lists every missing item; mean-of-answered scores what was answered',
    ({ set, answers }, drops) => {
      const ids = Object.keys(answers);
      const dropped = new Set(drops.map((index) => ids[index % ids.length]!));
      const partial = Object.fromEntries(
        Object.entries(answers).filter(([id]) => !dropped.has(id)),
      );
      const result = assessCommunicationStyle(set, partial);
      const missingInOrder = set.items.map((item) => item.id).filter((id) => dropped.has(id));
      if (dropped.size === 0) {
        expect(result.ok).toBe(true);
        return;
      }
      if (set.missingPolicy.kind === 'reject') {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.issues.map((found) => [found.code, found.path])).toEqual(
          missingInOrder.map((id) => ['missing-answer', ['responses', id]]),
        );
        return;
      }
      const styleLeftEmpty = CommunicationStyle.options.some((style) =>
        set.items.filter((item) => item.style === style).every((item) => dropped.has(item.id)),
      );
      expect(result.ok).toBe(!styleLeftEmpty);
      if (!result.ok) {
        expect(new Set(result.error.issues.map((found) => found.code))).toEqual(
          new Set(['too-few-answers']),
        );
        return;
      }
      expect(result.value.unanswered).toEqual(missingInOrder);
      expect(result.value.dominant).toEqual(oracleDominant(set, partial));
    },
  );

  test.prop([setWithAnswers])(
    'results are frozen and round-trip through StyleAssessment',
    ({ set, answers }) => {
      const result = assessCommunicationStyle(set, answers);
      if (!result.ok) throw new Error('unreachable');
      expect(Object.isFrozen(result.value.dominant)).toBe(true);
      expect(safeParseWith(StyleAssessment, JSON.parse(JSON.stringify(result.value)))).toEqual({
        ok: true,
        value: result.value,
      });
    },
  );

  test.prop([setWithAnswers])('never mutates the item set or the responses', ({ set, answers }) => {
    const setCopy = structuredClone(set);
    const answersCopy = structuredClone(answers);
    assessCommunicationStyle(set, answers);
    expect(set).toEqual(setCopy);
    expect(answers).toEqual(answersCopy);
    expect(isNothingFrozen(set)).toBe(true);
    expect(isNothingFrozen(answers)).toBe(true);
  });

  test.prop([itemSet])('every generated item set round-trips through StyleItemSet', (set) => {
    expect(safeParseWith(StyleItemSet, JSON.parse(JSON.stringify(set)))).toEqual({
      ok: true,
      value: set,
    });
  });

  test.prop([fc.anything()])(
    'any responses value gives a result or kebab-case issues, never a throw',
    (responses) => {
      const result = assessCommunicationStyle(
        communicationStyleReflection,
        responses as Record<string, number>,
      );
      if (result.ok) return;
      for (const found of result.error.issues) {
        expect(found.code).toMatch(KEBAB_CASE);
        expect(found.code).not.toBe('unreadable-input');
      }
    },
  );

  test.prop([
    setWithAnswers,
    fc.dictionary(
      fc.string({ maxLength: 8 }).map((rest) => `${MARKER}${rest}`),
      fc.anything(),
      { minKeys: 1, maxKeys: 3 },
    ),
  ])('unknown keys are never quoted in a message or path', ({ set, answers }, extra) => {
    const result = assessCommunicationStyle(set, {
      ...answers,
      ...(extra as Record<string, number>),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const unknown = result.error.issues.filter((found) => found.code === 'unknown-items');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toContain(`${Object.keys(extra).length} key`);
    for (const found of result.error.issues) {
      expect(found.message).not.toContain(MARKER);
      expect(JSON.stringify(found.path)).not.toContain(MARKER);
    }
  });
});

/** True when no object reachable from the value is frozen (a structuredClone copy is like that). */
function isNothingFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return !Object.isFrozen(root) && Object.values(root).every(isNothingFrozen);
}
