import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import {
  addAlternative,
  CommunicationAnalysis,
  CommunicationProblem,
  CommunicationSkill,
  countProblems,
  markRehearsed,
} from './analysis.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MARKER = 'ZZSECRET';

const text = (max: number) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.string({ maxLength: 10 }).map((rest) => `${MARKER} ${rest}`),
    )
    .map((value) => value.trim().slice(0, max).trim())
    .filter((value) => value.length > 0);

const clientTurn = fc.record(
  {
    speaker: fc.constant('client' as const),
    act: fc.constantFrom('said' as const, 'did' as const),
    content: text(2000),
    tone: text(300),
    nonverbal: text(300),
    clientFeeling: text(300),
    intended: text(2000),
    heardAs: text(2000),
  },
  { requiredKeys: ['speaker', 'act', 'content'] },
);

const otherTurn = fc.record(
  {
    speaker: fc.constant('other' as const),
    act: fc.constantFrom('said' as const, 'did' as const),
    content: text(2000),
    tone: text(300),
    nonverbal: text(300),
    clientFeeling: text(300),
  },
  { requiredKeys: ['speaker', 'act', 'content'] },
);

const analysis = fc
  .array(fc.oneof(clientTurn, otherTurn), { minLength: 1, maxLength: 6 })
  .chain((turns) =>
    fc.record(
      {
        personId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,12}$/),
        date: fc.constantFrom('2026-01-01', '2026-02-28', '2024-02-29'),
        focusArea: fc.constantFrom(...ProblemArea.options),
        context: text(2000),
        turns: fc.constant(turns),
        intendedMessage: text(2000),
        receivedMessage: text(2000),
        problems: fc.array(
          fc.record(
            {
              category: fc.constantFrom(...CommunicationProblem.options),
              turn: fc.integer({ min: 0, max: turns.length - 1 }),
              note: text(2000),
            },
            { requiredKeys: ['category'] },
          ),
          { maxLength: 4 },
        ),
        alternatives: fc.array(
          fc.record(
            {
              text: text(2000),
              skills: fc.uniqueArray(fc.constantFrom(...CommunicationSkill.options), {
                maxLength: 3,
              }),
              rehearsed: fc.boolean(),
            },
            { requiredKeys: ['text', 'rehearsed'] },
          ),
          { maxLength: 4 },
        ),
        practiceAssigned: fc.boolean(),
      },
      { requiredKeys: ['personId', 'turns', 'problems', 'alternatives'] },
    ),
  );

describe('CommunicationAnalysis (properties)', () => {
  test.prop([analysis])('every analysis round-trips through its schema', (input) => {
    const parsed = safeParseWith(CommunicationAnalysis, input);
    expect(parsed).toEqual({ ok: true, value: input });
    expect(safeParseWith(CommunicationAnalysis, JSON.parse(JSON.stringify(input)))).toEqual(parsed);
  });

  test.prop([fc.anything()])(
    'safeParseWith(CommunicationAnalysis, anything) never throws and gives kebab-case codes',
    (input) => {
      const result = safeParseWith(CommunicationAnalysis, input);
      if (result.ok) return;
      for (const found of result.error.issues) {
        expect(found.code).toMatch(KEBAB_CASE);
        expect(found.code).not.toBe('unreadable-input');
      }
    },
  );

  test.prop([analysis, fc.string({ maxLength: 8 }).map((rest) => `${MARKER}${rest}`)])(
    'bad input never puts what was said, or an unknown key, into a message or path',
    (input, secretKey) => {
      const broken = {
        ...input,
        [secretKey]: 1,
        context: `${MARKER}${'x'.repeat(2000)}`,
        turns: input.turns.map((turn) => ({
          ...turn,
          [secretKey]: true,
          content: `${MARKER}${'y'.repeat(2000)}`,
        })),
      };
      const result = safeParseWith(CommunicationAnalysis, broken);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      for (const found of result.error.issues) {
        expect(found.message).not.toContain(MARKER);
        expect(JSON.stringify(found.path)).not.toContain(MARKER);
      }
    },
  );

  test.prop([analysis, fc.nat({ max: 5 })])(
    'operations never mutate the analysis and return frozen values',
    (input, index) => {
      const parsed = safeParseWith(CommunicationAnalysis, input);
      if (!parsed.ok) throw new Error('generator produced an invalid analysis');
      const unfrozen = structuredClone(parsed.value);
      const copy = structuredClone(parsed.value);
      const added = addAlternative(unfrozen, { text: 'try again', rehearsed: false });
      const rehearsed = markRehearsed(unfrozen, index);
      const counts = countProblems(unfrozen);
      expect(unfrozen).toEqual(copy);
      expect(isNothingFrozen(unfrozen)).toBe(true);
      expect(added.ok).toBe(input.alternatives.length < 50);
      if (added.ok) expect(Object.isFrozen(added.value.alternatives)).toBe(true);
      expect(rehearsed.ok).toBe(index < input.alternatives.length);
      if (rehearsed.ok) {
        expect(rehearsed.value.alternatives[index]!.rehearsed).toBe(true);
        expect(rehearsed.value.alternatives.filter((_, position) => position !== index)).toEqual(
          input.alternatives.filter((_, position) => position !== index),
        );
      }
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(
        input.problems.length,
      );
    },
  );
});

/** True when no object reachable from the value is frozen (a structuredClone copy is like that). */
function isNothingFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return !Object.isFrozen(root) && Object.values(root).every(isNothingFrozen);
}
