import * as fc from 'fast-check';
import {
  CommunicationProblem,
  CommunicationSkill,
  type CommunicationAnalysis,
} from '../communication/analysis.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import {
  changed,
  copyOf,
  invalid,
  isoDateArbitrary,
  mutated,
  optionsOf,
  sizeOption,
  textArbitrary,
  type DateRangeOptions,
  type InvalidValue,
  type Mutation,
  type TextOptions,
} from './basics.js';
import { personIdFrom } from './focus.js';

/**
 * Options of {@link communicationAnalysisArbitrary}.
 * @category Testing
 */
export interface CommunicationAnalysisOptions extends TextOptions {
  /** The other person of the interaction: one of these ids (default: generated ids). */
  readonly personIds?: readonly string[];
  /** Most turns (default 6, from 1 to 200). */
  readonly maxTurns?: number;
  /** Dates of the interaction (default 1900-2099). */
  readonly dates?: DateRangeOptions;
}

type Turn = CommunicationAnalysis['turns'][number];

/**
 * A communication analysis (`CommunicationAnalysis`): an interaction reconstructed turn by turn
 * (what was said or done, tone, feelings; intended and received messages on the client's turns
 * only), the problems found (tied to existing turns), and alternatives with distinct skills. Every
 * text carries the marker. Every value passes `defineCommunicationAnalysis`, cross-field checks
 * included (`client-turn-only`, `turn-out-of-range`, `duplicate`).
 * @param options - People, size, dates and text options.
 * @returns The arbitrary.
 * @see IPT reference 4.1 - 4.2 ([ALPF-TECH], [EBRARY-A], [SID])
 * @category Testing
 */
export function communicationAnalysisArbitrary(
  options: CommunicationAnalysisOptions = {},
): fc.Arbitrary<CommunicationAnalysis> {
  const read = optionsOf<CommunicationAnalysisOptions>(options);
  const short = textArbitrary({ ...read, maxLength: 300 });
  const long = textArbitrary({ ...read, maxLength: 2000 });
  const turn = fc
    .record(
      {
        speaker: fc.constantFrom('client' as const, 'other' as const),
        act: fc.constantFrom('said' as const, 'did' as const),
        content: long,
        tone: short,
        nonverbal: short,
        clientFeeling: short,
        intended: long,
        heardAs: long,
      },
      { requiredKeys: ['speaker', 'act', 'content'] },
    )
    .map((drawn): Turn => {
      if (drawn.speaker === 'client') return drawn;
      // Intended and received messages belong to the client's turns only.
      const { intended, heardAs, ...rest } = drawn;
      return rest;
    });
  const turns = fc.array(turn, {
    minLength: 1,
    maxLength: sizeOption(read.maxTurns, 6, 1, 200),
  });
  return turns.chain((list) =>
    fc
      .record(
        {
          personId: personIdFrom(read.personIds),
          date: isoDateArbitrary(read.dates),
          focusArea: fc.constantFrom(...ProblemArea.options),
          context: long,
          intendedMessage: long,
          receivedMessage: long,
          problems: fc.array(
            fc.record(
              {
                category: fc.constantFrom(...CommunicationProblem.options),
                turn: fc.integer({ min: 0, max: list.length - 1 }),
                note: long,
              },
              { requiredKeys: ['category'] },
            ),
            { maxLength: 4 },
          ),
          alternatives: fc.array(
            fc.record(
              {
                text: long,
                skills: fc.subarray([...CommunicationSkill.options]),
                rehearsed: fc.boolean(),
              },
              { requiredKeys: ['text', 'rehearsed'] },
            ),
            { maxLength: 3 },
          ),
          practiceAssigned: fc.boolean(),
        },
        { requiredKeys: ['personId', 'problems', 'alternatives'] },
      )
      .map((analysis) => ({ ...analysis, turns: list })),
  );
}

const analysisMutations: readonly Mutation<CommunicationAnalysis>[] = [
  (analysis) => invalid(changed(analysis, ['turns'], []), 'no-turns', 'too-small', ['turns']),
  (analysis) => {
    const problems = [
      ...copyOf(analysis.problems),
      { category: 'silence' as const, turn: analysis.turns.length },
    ];
    return analysis.turns.length > 199
      ? undefined
      : invalid(
          { ...copyOf(analysis), problems },
          'problem-names-missing-turn',
          'turn-out-of-range',
          ['problems', problems.length - 1, 'turn'],
        );
  },
  (analysis) => {
    if (analysis.turns.length >= 200) return undefined;
    const turns = [
      ...copyOf(analysis.turns),
      { speaker: 'other' as const, act: 'said' as const, content: 'x', intended: 'y' },
    ];
    return invalid({ ...copyOf(analysis), turns }, 'intended-on-other-turn', 'client-turn-only', [
      'turns',
      turns.length - 1,
      'intended',
    ]);
  },
  (analysis) => {
    if (analysis.alternatives.length >= 50) return undefined;
    const alternatives = [
      ...copyOf(analysis.alternatives),
      { text: 'x', skills: ['timing' as const, 'timing' as const], rehearsed: false },
    ];
    return invalid({ ...copyOf(analysis), alternatives }, 'skill-twice', 'duplicate', [
      'alternatives',
      alternatives.length - 1,
      'skills',
      1,
    ]);
  },
  (analysis) =>
    invalid(changed(analysis, ['personId'], ''), 'person-id-empty', 'invalid-format', ['personId']),
];

/**
 * Communication analyses that `defineCommunicationAnalysis` refuses: no turns, a problem naming a
 * turn that does not exist, an intended message on the other person's turn, a skill listed twice,
 * an empty person id.
 * @param options - As for {@link communicationAnalysisArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidCommunicationAnalysisArbitrary(
  options: CommunicationAnalysisOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(communicationAnalysisArbitrary(options), analysisMutations);
}
