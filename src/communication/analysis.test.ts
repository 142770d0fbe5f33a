import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import { sensitivityOf } from '../internal/sensitive.js';
import { isSourceKey } from '../sources/sources.js';
import {
  addAlternative,
  CommunicationAnalysis,
  communicationAnalysisSteps,
  CommunicationProblem,
  communicationProblems,
  CommunicationSkill,
  communicationSkills,
  countProblems,
  defineCommunicationAnalysis,
  markRehearsed,
} from './analysis.js';

function value<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): TValue {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function issues<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): readonly Issue[] {
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues;
}

const codesAndPaths = (found: readonly Issue[]) => found.map((item) => [item.code, item.path]);

/** A recent argument with the partner, reconstructed turn by turn (reference 4.1). */
const example = {
  personId: 'p-partner',
  date: '2026-03-01',
  focusArea: 'role-dispute',
  context: 'an argument about housework after a long day',
  turns: [
    {
      speaker: 'client',
      act: 'did',
      content: 'sighed loudly and left the dishes in the sink',
      nonverbal: 'no eye contact',
      clientFeeling: 'exhausted, unappreciated',
      intended: 'I need help with the housework',
      heardAs: 'she is sulking again',
    },
    { speaker: 'other', act: 'said', content: 'What is it now?', tone: 'irritated' },
    {
      speaker: 'client',
      act: 'said',
      content: 'Nothing. Forget it.',
      tone: 'flat',
      clientFeeling: 'hurt',
      intended: 'you should know what is wrong',
      heardAs: 'nothing is wrong',
    },
  ],
  intendedMessage: 'I am worn out and want us to share the housework',
  receivedMessage: 'she is in a bad mood for no reason',
  problems: [
    { category: 'ambiguous-nonverbal', turn: 0 },
    { category: 'assumed-communicated', turn: 2, note: 'expected him to guess' },
    { category: 'silence', turn: 2 },
  ],
  alternatives: [
    {
      text: 'I feel worn out tonight. Could you do the dishes?',
      skills: ['i-statements'],
      rehearsed: true,
    },
    {
      text: 'Raise it on Sunday morning when we are both calm.',
      skills: ['timing'],
      rehearsed: false,
    },
  ],
  practiceAssigned: true,
} as const;

describe('catalogs', () => {
  it('has the five classic communication problems, all UNCONFIRMED (reference 4.2, Klerman et al. 1984)', () => {
    expect(CommunicationProblem.options).toEqual([
      'ambiguous-nonverbal',
      'assumed-communicated',
      'assumed-understood',
      'indirect-verbal',
      'silence',
    ]);
    for (const id of CommunicationProblem.options) {
      const info = communicationProblems[id];
      expect(info.id).toBe(id);
      expect(info.unconfirmed).toBe(true);
      expect(info.sources).toEqual([]);
      expect(info.note).toContain('Klerman et al. 1984');
      expect(info.note).toContain('UNCONFIRMED');
    }
  });

  it('has the IPT-A skills of [EBRARY-A-TERM]', () => {
    expect(CommunicationSkill.options).toEqual([
      'i-statements',
      'timing',
      'give-to-get',
      'perspective-taking',
      'compromise',
    ]);
    expect(communicationSkills.timing.label).toContain('strike while the iron is cold');
    for (const id of CommunicationSkill.options) {
      expect(communicationSkills[id].sources).toEqual(['EBRARY-A-TERM']);
    }
  });

  it('lists the six steps of reference 4.1 in order with their sources', () => {
    expect(communicationAnalysisSteps.map((step) => [step.step, step.id, step.sources])).toEqual([
      [1, 'choose-interaction', ['ALPF-TECH']],
      [2, 'reconstruct', ['EBRARY-A']],
      [3, 'feelings-and-intent', ['EBRARY-A']],
      [4, 'failure-points', ['SID']],
      [5, 'alternatives', ['EBRARY-A']],
      [6, 'rehearse', ['EBRARY-A', 'YOUNG06']],
    ]);
    for (const step of communicationAnalysisSteps) {
      for (const key of step.sources) expect(isSourceKey(key)).toBe(true);
    }
  });

  it('catalogs are frozen', () => {
    expect(Object.isFrozen(communicationProblems.silence)).toBe(true);
    expect(Object.isFrozen(communicationAnalysisSteps[0])).toBe(true);
    expect(Object.isFrozen(communicationSkills)).toBe(true);
  });
});

describe('CommunicationAnalysis [ALPF-TECH, EBRARY-A, SID]', () => {
  it('the reference example parses unchanged and frozen', () => {
    const result = defineCommunicationAnalysis(example);
    expect(result).toEqual({ ok: true, value: example });
    expect(Object.isFrozen(value(result).turns[0])).toBe(true);
  });

  it('only the person, the turns, the problems and the alternatives are required', () => {
    const minimal = {
      personId: 'p1',
      turns: [{ speaker: 'other', act: 'said', content: 'Hello' }],
      problems: [],
      alternatives: [],
    };
    expect(defineCommunicationAnalysis(minimal)).toEqual({ ok: true, value: minimal });
  });

  it.each([
    ['no turns', { ...example, turns: [] }, [['too-small', ['turns']]]],
    [
      'a turn by a third speaker',
      { ...example, turns: [{ speaker: 'therapist', act: 'said', content: 'x' }] },
      [['invalid-value', ['turns', 0, 'speaker']]],
    ],
    [
      'an unknown problem category',
      { ...example, problems: [{ category: 'mind-reading' }] },
      [['invalid-value', ['problems', 0, 'category']]],
    ],
    [
      'an alternative without the rehearsal flag',
      { ...example, alternatives: [{ text: 'say it' }] },
      [['invalid-type', ['alternatives', 0, 'rehearsed']]],
    ],
    [
      'a name as person id',
      { ...example, personId: 'Jane Doe' },
      [['invalid-format', ['personId']]],
    ],
    [
      'an unknown focus area',
      { ...example, focusArea: 'loneliness' },
      [['invalid-value', ['focusArea']]],
    ],
  ])('rejects %s', (_name, input, expected) => {
    expect(codesAndPaths(issues(defineCommunicationAnalysis(input)))).toEqual(expected);
  });

  it('a problem must point at an existing turn (turn-out-of-range)', () => {
    const found = issues(
      defineCommunicationAnalysis({ ...example, problems: [{ category: 'silence', turn: 3 }] }),
    );
    expect(codesAndPaths(found)).toEqual([['turn-out-of-range', ['problems', 0, 'turn']]]);
    expect(found[0]!.message).toBe('must name a turn from 0 to 2');
  });

  it("intent and what was heard belong on the client's turns (client-turn-only)", () => {
    const turns = [
      example.turns[0],
      { ...example.turns[1], intended: 'to help', heardAs: 'an attack' },
      example.turns[2],
    ];
    expect(codesAndPaths(issues(defineCommunicationAnalysis({ ...example, turns })))).toEqual([
      ['client-turn-only', ['turns', 1, 'intended']],
      ['client-turn-only', ['turns', 1, 'heardAs']],
    ]);
  });

  it('a skill listed twice in an alternative is a duplicate', () => {
    const alternatives = [
      { text: 'x', skills: ['timing', 'compromise', 'timing'], rehearsed: false },
    ];
    expect(
      codesAndPaths(issues(defineCommunicationAnalysis({ ...example, alternatives }))),
    ).toEqual([['duplicate', ['alternatives', 0, 'skills', 2]]]);
  });

  it('never quotes what was said in a message', () => {
    const found = issues(
      defineCommunicationAnalysis({
        ...example,
        context: `ZZSECRET${'x'.repeat(2000)}`,
        turns: [{ speaker: 'other', act: 'said', content: 'ZZSECRET', ZZSECRETkey: 1 }],
      }),
    );
    expect(found.length).toBe(2);
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('marks every text field as sensitive free text', () => {
    const leaves: [string, z.ZodType][] = [];
    const walk = (schema: z.ZodType, path: string): void => {
      const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object') {
        for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          walk(child, `${path}.${key}`);
        }
      } else if (def.type === 'optional') walk(def.innerType as z.ZodType, path);
      else if (def.type === 'array') walk(def.element as z.ZodType, `${path}[]`);
      else if (def.type === 'string') leaves.push([path, schema]);
    };
    walk(CommunicationAnalysis, '');
    expect(leaves.map(([path]) => path)).toContain('.turns[].content');
    for (const [path, leaf] of leaves) {
      if (path === '.personId' || path === '.date')
        expect(sensitivityOf(leaf), path).toBeUndefined();
      else expect(sensitivityOf(leaf), path).toBe('free-text');
    }
  });
});

describe('operations on an analysis', () => {
  const analysis = value(defineCommunicationAnalysis(example));

  it('addAlternative appends a validated, unrehearsed alternative', () => {
    const next = value(
      addAlternative(analysis, {
        text: '  I see why you are tired too. ',
        skills: ['perspective-taking'],
        rehearsed: false,
      }),
    );
    expect(next.alternatives).toHaveLength(3);
    expect(next.alternatives[2]).toEqual({
      text: 'I see why you are tired too.',
      skills: ['perspective-taking'],
      rehearsed: false,
    });
    expect(next.turns).toBe(analysis.turns);
  });

  it('addAlternative reports problems under ["alternative", ...]', () => {
    expect(codesAndPaths(issues(addAlternative(analysis, { text: '', rehearsed: false })))).toEqual(
      [['too-small', ['alternative', 'text']]],
    );
  });

  it('addAlternative refuses a 51st alternative', () => {
    const full = value(
      defineCommunicationAnalysis({
        ...example,
        alternatives: Array.from({ length: 50 }, () => ({ text: 'x', rehearsed: false })),
      }),
    );
    expect(codesAndPaths(issues(addAlternative(full, { text: 'y', rehearsed: false })))).toEqual([
      ['too-big', ['alternative']],
    ]);
  });

  it('markRehearsed records the role play [EBRARY-A]', () => {
    const next = value(markRehearsed(analysis, 1));
    expect(next.alternatives.map((alternative) => alternative.rehearsed)).toEqual([true, true]);
    expect(analysis.alternatives[1]!.rehearsed).toBe(false);
  });

  it.each([2, -1, 0.5, Number.NaN])(
    'markRehearsed(%d) fails with alternative-not-found',
    (index) => {
      expect(codesAndPaths(issues(markRehearsed(analysis, index)))).toEqual([
        ['alternative-not-found', ['index']],
      ]);
    },
  );

  it('countProblems counts per category, zero for the rest', () => {
    expect(countProblems(analysis)).toEqual({
      'ambiguous-nonverbal': 1,
      'assumed-communicated': 1,
      'assumed-understood': 0,
      'indirect-verbal': 0,
      silence: 1,
    });
  });

  it('never changes the analysis it was given, not even its frozenness', () => {
    const unfrozen = structuredClone(analysis);
    const copy = structuredClone(unfrozen);
    value(addAlternative(unfrozen, { text: 'z', rehearsed: true }));
    value(markRehearsed(unfrozen, 1));
    countProblems(unfrozen);
    expect(unfrozen).toEqual(copy);
    expect(Object.isFrozen(unfrozen.alternatives)).toBe(false);
  });

  it('the analysis round-trips through its schema as JSON', () => {
    expect(safeParseWith(CommunicationAnalysis, JSON.parse(JSON.stringify(analysis)))).toEqual({
      ok: true,
      value: analysis,
    });
  });
});
