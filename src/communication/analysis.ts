import * as z from 'zod';
import { IsoDate } from '../internal/dates.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { PersonId } from '../internal/ids.js';
import type { ValidationError } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { ok, type Result } from '../internal/result.js';
import { sensitiveText } from '../internal/sensitive.js';
import { fail, frozenCopy, parseAt } from '../internal/model.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * One step of a communication analysis, in order.
 * @category Communication
 */
export interface CommunicationAnalysisStep {
  readonly step: number;
  readonly id:
    | 'choose-interaction'
    | 'reconstruct'
    | 'feelings-and-intent'
    | 'failure-points'
    | 'alternatives'
    | 'rehearse';
  readonly text: string;
  readonly sources: readonly SourceKey[];
}

/**
 * The steps of a communication analysis (CA): a detailed reconstruction of a specific, recent,
 * emotionally charged interaction to find where communication failed and practise better ways.
 * The reference synthesises them from several sources; {@link CommunicationAnalysis} has a field
 * for each.
 * @see IPT reference 4.1 ([ALPF-TECH], [SID], [EBRARY-A], [YOUNG06], [SR-CA])
 * @category Communication
 */
export const communicationAnalysisSteps: readonly CommunicationAnalysisStep[] = deepFreeze([
  {
    step: 1,
    id: 'choose-interaction',
    text: 'Pick a recent significant interaction (an argument or discussion) tied to the focus.',
    sources: ['ALPF-TECH'],
  },
  {
    step: 2,
    id: 'reconstruct',
    text: 'Reconstruct it turn by turn: what the client said, what the other said, tone and nonverbal signals.',
    sources: ['EBRARY-A'],
  },
  {
    step: 3,
    id: 'feelings-and-intent',
    text: "Elicit the client's feelings at each point and what they intended against the effect produced.",
    sources: ['EBRARY-A'],
  },
  {
    step: 4,
    id: 'failure-points',
    text: 'Identify where communication failed.',
    sources: ['SID'],
  },
  {
    step: 5,
    id: 'alternatives',
    text: "Generate alternative wordings or strategies (for example acknowledge the other's view, have options for compromise).",
    sources: ['EBRARY-A'],
  },
  {
    step: 6,
    id: 'rehearse',
    text: 'Rehearse them in role play; optionally agree practice outside the session.',
    sources: ['EBRARY-A', 'YOUNG06'],
  },
]);

/**
 * The communication problems named in IPT (the classic Klerman et al. 1984 list). The whole list
 * is UNCONFIRMED: it was recalled, not checked against the manual's text.
 * @see IPT reference 4.2 (UNCONFIRMED; no source key)
 * @category Communication
 */
export const CommunicationProblem = z.enum([
  'ambiguous-nonverbal',
  'assumed-communicated',
  'assumed-understood',
  'indirect-verbal',
  'silence',
]);
/** @category Communication */
export type CommunicationProblem = z.infer<typeof CommunicationProblem>;

/**
 * What the catalog says about one communication problem.
 * @category Communication
 */
export interface CommunicationProblemInfo {
  readonly id: CommunicationProblem;
  readonly label: string;
  /** Source keys (none: the list is recalled, see `note`). */
  readonly sources: readonly SourceKey[];
  /** Always `true`: the reference marks the list UNCONFIRMED. */
  readonly unconfirmed: true;
  readonly note: string;
}

const RECALLED = 'Klerman et al. 1984, recalled, UNCONFIRMED';

/**
 * The five classic IPT communication-problem categories, each marked `unconfirmed`.
 * @see IPT reference 4.2 (Klerman et al. 1984, recalled, UNCONFIRMED)
 * @category Communication
 */
export const communicationProblems: Readonly<
  Record<CommunicationProblem, CommunicationProblemInfo>
> = deepFreeze({
  'ambiguous-nonverbal': {
    id: 'ambiguous-nonverbal',
    label: 'Ambiguous, indirect nonverbal communication instead of open confrontation',
    sources: [],
    unconfirmed: true,
    note: RECALLED,
  },
  'assumed-communicated': {
    id: 'assumed-communicated',
    label: 'Mistaken assumption that one has communicated',
    sources: [],
    unconfirmed: true,
    note: RECALLED,
  },
  'assumed-understood': {
    id: 'assumed-understood',
    label: 'Mistaken assumption that one has understood the other',
    sources: [],
    unconfirmed: true,
    note: RECALLED,
  },
  'indirect-verbal': {
    id: 'indirect-verbal',
    label: 'Unnecessarily indirect verbal communication',
    sources: [],
    unconfirmed: true,
    note: RECALLED,
  },
  silence: {
    id: 'silence',
    label: 'Silence: closing off communication',
    sources: [],
    unconfirmed: true,
    note: RECALLED,
  },
});

/**
 * Practical communication skills IPT-A adds, for tagging alternatives.
 * @see IPT reference 4.2 ([EBRARY-A-TERM])
 * @category Communication
 */
export const CommunicationSkill = z.enum([
  'i-statements',
  'timing',
  'give-to-get',
  'perspective-taking',
  'compromise',
]);
/** @category Communication */
export type CommunicationSkill = z.infer<typeof CommunicationSkill>;

/**
 * What the catalog says about one communication skill.
 * @category Communication
 */
export interface CommunicationSkillInfo {
  readonly id: CommunicationSkill;
  readonly label: string;
  readonly sources: readonly SourceKey[];
}

/**
 * The IPT-A communication skills.
 * @see IPT reference 4.2 ([EBRARY-A-TERM])
 * @category Communication
 */
export const communicationSkills: Readonly<Record<CommunicationSkill, CommunicationSkillInfo>> =
  deepFreeze({
    'i-statements': { id: 'i-statements', label: '"I" statements', sources: ['EBRARY-A-TERM'] },
    timing: {
      id: 'timing',
      label: 'Timing ("strike while the iron is cold")',
      sources: ['EBRARY-A-TERM'],
    },
    'give-to-get': { id: 'give-to-get', label: '"Give to get"', sources: ['EBRARY-A-TERM'] },
    'perspective-taking': {
      id: 'perspective-taking',
      label: 'Perspective taking',
      sources: ['EBRARY-A-TERM'],
    },
    compromise: { id: 'compromise', label: 'Compromise', sources: ['EBRARY-A-TERM'] },
  });

const MAX_ALTERNATIVES = 50;
const shortText = sensitiveText('free-text', 300);
const longText = sensitiveText('free-text', 2000);

/**
 * One turn of the reconstructed interaction: who acted, whether they spoke or did something,
 * what it was, with tone and nonverbal signals, the client's feeling at that point, and (on the
 * client's turns) what the client meant and what the other took from it.
 * @see IPT reference 4.1, steps 2-3 ([EBRARY-A])
 * @category Communication
 */
export const CommunicationTurn = z.strictObject({
  speaker: z.enum(['client', 'other']),
  act: z.enum(['said', 'did']),
  content: longText,
  tone: shortText.optional(),
  nonverbal: shortText.optional(),
  /** How the client felt at this point. */
  clientFeeling: shortText.optional(),
  /** Client turns only: what the client meant to convey. */
  intended: longText.optional(),
  /** Client turns only: what the other person heard or took from it (the effect produced). */
  heardAs: longText.optional(),
});
/** @category Communication */
export type CommunicationTurn = z.infer<typeof CommunicationTurn>;

/**
 * A communication problem found at a point of the interaction.
 * @see IPT reference 4.1 step 4 ([SID]) and 4.2 (categories UNCONFIRMED)
 * @category Communication
 */
export const CommunicationProblemFound = z.strictObject({
  category: CommunicationProblem,
  /** Index of the turn where it happened, if it is tied to one. */
  turn: z.int().min(0).max(199).optional(),
  note: longText.optional(),
});
/** @category Communication */
export type CommunicationProblemFound = z.infer<typeof CommunicationProblemFound>;

/**
 * An alternative the client could have said or done, the skills it uses, and whether it was
 * rehearsed in role play.
 * @see IPT reference 4.1 steps 5-6 ([EBRARY-A], [YOUNG06]) and 4.2 ([EBRARY-A-TERM])
 * @category Communication
 */
export const CommunicationAlternative = z
  .strictObject({
    text: longText,
    skills: z.array(CommunicationSkill).max(CommunicationSkill.options.length).optional(),
    rehearsed: z.boolean(),
  })
  .superRefine((alternative, context) => {
    if (context.issues.length > 0) return;
    const skills = alternative.skills ?? [];
    skills.forEach((skill, position) => {
      if (skills.indexOf(skill) !== position) {
        context.addIssue({
          code: 'custom',
          path: ['skills', position],
          message: 'is listed twice',
          params: { code: 'duplicate' },
        });
      }
    });
  });
/** @category Communication */
export type CommunicationAlternative = z.infer<typeof CommunicationAlternative>;

/**
 * A communication analysis: one recent interaction with a named person (an inventory id),
 * reconstructed turn by turn, what the client intended against what the other heard, the
 * client's feelings, the communication problems found, the alternatives generated and whether
 * they were rehearsed in role play. All text is sensitive free text.
 * Codes: `turn-out-of-range` (a problem names a turn that does not exist), `client-turn-only`
 * (`intended` / `heardAs` on the other person's turn), `duplicate` (a skill listed twice in an
 * alternative).
 * @example
 * ```ts
 * const analysis = {
 *   personId: 'p-partner', date: '2026-03-01', focusArea: 'role-dispute',
 *   turns: [
 *     { speaker: 'client', act: 'did', content: 'sighed and left the dishes', intended: 'I need help', heardAs: 'she is sulking' },
 *     { speaker: 'other', act: 'said', content: 'What now?', tone: 'irritated' },
 *   ],
 *   problems: [{ category: 'ambiguous-nonverbal', turn: 0 }],
 *   alternatives: [{ text: 'I feel worn out; could you do the dishes tonight?', skills: ['i-statements'], rehearsed: true }],
 * };
 * ```
 * @see IPT reference 4.1 - 4.2 ([ALPF-TECH], [EBRARY-A], [SID], [SR-CA]; problem categories
 * UNCONFIRMED)
 * @category Communication
 */
export const CommunicationAnalysis = z
  .strictObject({
    /** The other person in the interaction (an inventory id). */
    personId: PersonId,
    /** When the interaction took place (it should be recent). */
    date: IsoDate.optional(),
    /** The problem area the interaction is tied to. */
    focusArea: ProblemArea.optional(),
    /** What the interaction was about and why it was chosen. */
    context: longText.optional(),
    turns: z.array(CommunicationTurn).min(1).max(200),
    /** Overall: what the client meant to get across. */
    intendedMessage: longText.optional(),
    /** Overall: what the other person heard. */
    receivedMessage: longText.optional(),
    problems: z.array(CommunicationProblemFound).max(100),
    alternatives: z.array(CommunicationAlternative).max(MAX_ALTERNATIVES),
    /** Whether practice outside the session was agreed. */
    practiceAssigned: z.boolean().optional(),
  })
  .superRefine((analysis, context) => {
    // Cross-field rules only run on a value whose parts are all valid.
    if (context.issues.length > 0) return;
    analysis.turns.forEach((turn, index) => {
      if (turn.speaker !== 'other') return;
      for (const key of ['intended', 'heardAs'] as const) {
        if (turn[key] !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['turns', index, key],
            message: "belongs on the client's turns only",
            params: { code: 'client-turn-only' },
          });
        }
      }
    });
    analysis.problems.forEach((problem, index) => {
      if (problem.turn !== undefined && problem.turn >= analysis.turns.length) {
        context.addIssue({
          code: 'custom',
          path: ['problems', index, 'turn'],
          message: `must name a turn from 0 to ${analysis.turns.length - 1}`,
          params: { code: 'turn-out-of-range' },
        });
      }
    });
  });
/** @category Communication */
export type CommunicationAnalysis = z.infer<typeof CommunicationAnalysis>;
/**
 * What {@link CommunicationAnalysis} accepts.
 * @category Communication
 */
export type CommunicationAnalysisInput = z.input<typeof CommunicationAnalysis>;

/**
 * Validates a communication analysis.
 * @param input - Analysis data (see {@link CommunicationAnalysis}).
 * @returns The analysis, deeply frozen, or every problem found (paths from the analysis root).
 * @see IPT reference 4.1 ([ALPF-TECH], [EBRARY-A], [SID])
 * @category Communication
 */
export function defineCommunicationAnalysis(
  input: unknown,
): Result<DeepReadonly<CommunicationAnalysis>, ValidationError> {
  return safeParseWith(CommunicationAnalysis, input);
}

/**
 * Adds an alternative to an analysis.
 * Errors: schema issues at `['alternative', ...]`; `too-big` at `['alternative']` when the
 * analysis already has the most alternatives allowed (50).
 * @param analysis - The analysis (not changed).
 * @param alternative - The alternative (see {@link CommunicationAlternative}).
 * @returns A new frozen analysis.
 * @see IPT reference 4.1 step 5 ([EBRARY-A])
 * @category Communication
 */
export function addAlternative(
  analysis: DeepReadonly<CommunicationAnalysis>,
  alternative: z.input<typeof CommunicationAlternative>,
): Result<DeepReadonly<CommunicationAnalysis>, ValidationError> {
  const parsed = parseAt(CommunicationAlternative, alternative, ['alternative']);
  if (!parsed.ok) return parsed;
  if (analysis.alternatives.length >= MAX_ALTERNATIVES) {
    return fail(
      'too-big',
      ['alternative'],
      `the analysis already has ${MAX_ALTERNATIVES} alternatives, the most allowed`,
    );
  }
  return ok(frozenCopy({ ...analysis, alternatives: [...analysis.alternatives, parsed.value] }));
}

/**
 * Records that an alternative was rehearsed in role play.
 * Errors: `alternative-not-found` at `['index']`.
 * @param analysis - The analysis (not changed).
 * @param index - The index of the alternative.
 * @returns A new frozen analysis.
 * @see IPT reference 4.1 step 6 ([EBRARY-A])
 * @category Communication
 */
export function markRehearsed(
  analysis: DeepReadonly<CommunicationAnalysis>,
  index: number,
): Result<DeepReadonly<CommunicationAnalysis>, ValidationError> {
  if (!Number.isInteger(index) || index < 0 || index >= analysis.alternatives.length) {
    return fail('alternative-not-found', ['index'], 'does not name an alternative of the analysis');
  }
  const alternatives = analysis.alternatives.map((alternative, position) =>
    position === index ? { ...alternative, rehearsed: true } : alternative,
  );
  return ok(frozenCopy({ ...analysis, alternatives }));
}

/**
 * Counts the problems an analysis found, per category (every category present, zero if unused).
 * @param analysis - The analysis.
 * @returns The counts, frozen.
 * @see IPT reference 4.2 (categories UNCONFIRMED)
 * @category Communication
 */
export function countProblems(
  analysis: DeepReadonly<CommunicationAnalysis>,
): Readonly<Record<CommunicationProblem, number>> {
  const counts = Object.fromEntries(CommunicationProblem.options.map((id) => [id, 0])) as Record<
    CommunicationProblem,
    number
  >;
  for (const problem of analysis.problems) counts[problem.category] += 1;
  return Object.freeze(counts);
}
