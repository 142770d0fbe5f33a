import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { ok, type Result } from '../internal/result.js';
import type { Instrument, ResponseOption } from './instrument.js';
import {
  freezeScore,
  runScoring,
  trustBuiltIn,
  type MissingPolicy,
  type Score,
  type ScoreDraft,
  type ScoringSpec,
} from './score-engine.js';

// Bundle size (DESIGN.md section 5, docs/size.md): `scorePhq9` scores with `phq9Scoring`, the
// numbers of the PHQ-9 without its texts, and the exported constants below are built by calls
// marked `@__PURE__`, so an application that imports only `scorePhq9` ships neither the texts of
// `phq9` nor the option lists (a bundler drops an unused constant whose initializer is pure).

/** A fresh, mutable copy of the 0-3 frequency answers, for building instruments. @internal */
export function frequencyOptionList(): ResponseOption[] {
  return [
    { value: 0, label: 'Not at all', loinc: 'LA6568-5', provenance: { sources: ['LFORMS-EX'] } },
    {
      value: 1,
      label: 'Several days',
      loinc: 'LA6569-3',
      provenance: { sources: ['LFORMS-EX'], unconfirmed: true, note: 'Answer code UNCONFIRMED.' },
    },
    {
      value: 2,
      label: 'More than half the days',
      loinc: 'LA6570-1',
      provenance: { sources: ['LFORMS-EX'], unconfirmed: true, note: 'Answer code UNCONFIRMED.' },
    },
    {
      value: 3,
      label: 'Nearly every day',
      loinc: 'LA6571-9',
      provenance: { sources: ['LFORMS-EX'] },
    },
  ];
}

/**
 * The 0-3 frequency answers shared by the PHQ-9 and GAD-7 items ("over the last 2 weeks, how
 * often..."), with LOINC answer codes.
 * @see IPT reference 7.1 ([KROENKE01]) and 9 ([LFORMS-EX]: LA6568-5 and LA6571-9 seen;
 * LA6569-3 and LA6570-1 UNCONFIRMED)
 * @category Measures
 */
export const frequencyOptions: DeepReadonly<ResponseOption[]> = /* @__PURE__ */ deepFreeze(
  /* @__PURE__ */ frequencyOptionList(),
);

/** A fresh, mutable copy of the difficulty answers, for building instruments. */
function difficultyOptionList(): ResponseOption[] {
  return [
    { value: 0, label: 'Not difficult at all' },
    { value: 1, label: 'Somewhat difficult' },
    { value: 2, label: 'Very difficult' },
    { value: 3, label: 'Extremely difficult' },
  ];
}

/**
 * The "how difficult have these problems made it..." answers (PHQ-9's functional question, reused
 * by GAD-7). Never added to the total.
 * @see IPT reference 7.1 ([PHQ-FORM], [SCRIBD-PHQ])
 * @category Measures
 */
export const difficultyOptions: DeepReadonly<ResponseOption[]> = /* @__PURE__ */ deepFreeze(
  /* @__PURE__ */ difficultyOptionList(),
);

const phq9Items: [string, string, string][] = [
  ['item1', 'Little interest or pleasure in activities (anhedonia)', '44250-9'],
  ['item2', 'Low, depressed or hopeless mood', '44255-8'],
  ['item3', 'Sleep problems (too little or too much)', '44259-0'],
  ['item4', 'Tiredness or low energy', '44254-1'],
  ['item5', 'Appetite change (poor appetite or overeating)', '44251-7'],
  ['item6', 'Feeling bad about oneself, a failure, or letting others down', '44258-2'],
  ['item7', 'Trouble concentrating', '44252-5'],
  ['item8', 'Slowed down, or restless and fidgety', '44253-3'],
  ['item9', 'Thoughts of being better off dead or of self-harm', '44260-8'],
];

/**
 * The PHQ-9 (Patient Health Questionnaire, 9 items). Items `item1`-`item9` are answered 0-3 and
 * summed to a total of 0-27; `difficulty` is the functional question, kept but never added.
 * Bands (Kroenke 2001): 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe,
 * 20-27 severe. Flag `suicidalIdeation` when item 9 is 1 or more, whatever the total.
 * Missing items are rejected by default.
 *
 * Item `text` holds iptkit's short labels, not the official wording; show the official form to
 * clients. Licence: the form states that no permission is required to reproduce, translate,
 * display or distribute it [PHQ-FORM].
 * LOINC: panel 44249-1, total 44261-6, items per [PACIO] and [PHQ-DD], difficulty 69722-7.
 * @see IPT reference 7.1, 9 and 11 (invariants 10, 11 and 15)
 * @category Measures
 */
export const phq9: DeepReadonly<Instrument> = /* @__PURE__ */ definePhq9();

function definePhq9(): DeepReadonly<Instrument> {
  return deepFreeze<Instrument>({
    id: 'phq-9',
    version: '1.0.0',
    title: 'Patient Health Questionnaire-9 (PHQ-9)',
    licence:
      'Free to use: the form states that no permission is required to reproduce, translate, display or distribute it.',
    citation: 'Kroenke, Spitzer & Williams, J Gen Intern Med 16:606 (2001)',
    provenance: { sources: ['KROENKE01', 'PHQ-FORM', 'CALC'] },
    loinc: { panel: '44249-1', total: '44261-6' },
    items: [
      ...phq9Items.map(([id, text, loinc]) => ({
        id,
        text,
        loinc,
        options: frequencyOptionList(),
        countsTowardTotal: true,
      })),
      {
        id: 'difficulty',
        text: 'How difficult these problems have made work, home life or getting along with others',
        loinc: '69722-7',
        options: difficultyOptionList(),
        countsTowardTotal: false,
        provenance: { sources: ['PHQ-FORM', 'SCRIBD-PHQ', 'CIRG'] },
      },
    ],
    scoring: { kind: 'sum', missing: { kind: 'reject' } },
    bandSets: [
      {
        id: 'kroenke-2001',
        label: 'Kroenke et al. 2001 severity',
        bands: [
          { id: 'minimal', label: 'minimal or none', min: 0, max: 4 },
          { id: 'mild', label: 'mild', min: 5, max: 9 },
          { id: 'moderate', label: 'moderate', min: 10, max: 14 },
          { id: 'moderately-severe', label: 'moderately severe', min: 15, max: 19 },
          { id: 'severe', label: 'severe', min: 20, max: 27 },
        ],
        provenance: { sources: ['KROENKE01', 'CALC'] },
      },
    ],
    defaultBandSet: 'kroenke-2001',
    flags: [
      {
        id: 'suicidalIdeation',
        label:
          'Item 9 (thoughts of death or self-harm) answered above 0: needs immediate follow-up',
        item: 'item9',
        atLeast: 1,
        provenance: { sources: ['CALC', 'KROENKE01'] },
      },
    ],
    higherIsWorse: true,
  });
}

const answers0to3 = [{ value: 0 }, { value: 1 }, { value: 2 }, { value: 3 }];

/**
 * What scoring the PHQ-9 needs and nothing more: {@link phq9}'s item ids, answer values, bands,
 * flag and missing-item policy, without its texts, codes and sources. The tests check that it is
 * exactly that part of `phq9` and that `scorePhq9` scores like `scoreInstrument(phq9, ...)`.
 * @internal
 */
export const phq9Scoring: ScoringSpec = deepFreeze({
  id: 'phq-9',
  version: '1.0.0',
  items: [
    ...['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7', 'item8', 'item9'].map(
      (id) => ({ id, countsTowardTotal: true, options: answers0to3 }),
    ),
    { id: 'difficulty', countsTowardTotal: false, options: answers0to3 },
  ],
  scoring: { missing: { kind: 'reject' } },
  bandSets: [
    {
      id: 'kroenke-2001',
      bands: [
        { id: 'minimal', label: 'minimal or none', min: 0, max: 4 },
        { id: 'mild', label: 'mild', min: 5, max: 9 },
        { id: 'moderate', label: 'moderate', min: 10, max: 14 },
        { id: 'moderately-severe', label: 'moderately severe', min: 15, max: 19 },
        { id: 'severe', label: 'severe', min: 20, max: 27 },
      ],
    },
  ],
  defaultBandSet: 'kroenke-2001',
  flags: [{ id: 'suicidalIdeation', item: 'item9', atLeast: 1 }],
});

/**
 * PHQ-9 answers: `item1`-`item9` (0-3) and optionally `difficulty` (0-3).
 * @category Measures
 */
export interface Phq9Responses {
  readonly item1?: number | null;
  readonly item2?: number | null;
  readonly item3?: number | null;
  readonly item4?: number | null;
  readonly item5?: number | null;
  readonly item6?: number | null;
  readonly item7?: number | null;
  readonly item8?: number | null;
  readonly item9?: number | null;
  readonly difficulty?: number | null;
}

/**
 * A scored PHQ-9: the generic {@link Score} with the safety flag and the difficulty answer named.
 * @category Measures
 */
export interface Phq9Score extends Score {
  readonly flags: { readonly suicidalIdeation: boolean };
  /** The functional question's answer (0-3), if given. Never part of the total. */
  readonly difficulty?: number;
}

/**
 * Options of {@link scorePhq9}.
 * @category Measures
 */
export interface Phq9Options {
  /** Missing-item policy; the default rejects any missing item. Item 9 is always required. */
  readonly missing?: MissingPolicy;
}

/**
 * Scores a PHQ-9: total 0-27 (items 1-9 only), band, `flags.suicidalIdeation` (item 9 of 1 or more,
 * whatever the total) and the difficulty answer. Never throws; bad input gives issues with paths.
 * @param responses - Answers keyed `item1`-`item9`, optionally `difficulty`.
 * @param options - Missing-item policy.
 * @returns The {@link Phq9Score} or a {@link ValidationError}.
 * @example
 * ```ts
 * const result = scorePhq9({ item1: 2, item2: 2, item3: 1, item4: 2, item5: 1, item6: 1, item7: 1, item8: 0, item9: 1 });
 * if (result.ok) result.value; // total 11, band moderate, flags.suicidalIdeation true
 * ```
 * @see IPT reference 7.1 and 11 (invariant 10): [KROENKE01], [CALC]
 * @category Measures
 */
export function scorePhq9(
  responses: Phq9Responses | Readonly<Record<string, unknown>>,
  options: Phq9Options = {},
): Result<Phq9Score, ValidationError> {
  const result = runScoring(phq9Scoring, responses, options, trustBuiltIn);
  if (!result.ok) return result;
  const score = result.value as ScoreDraft & { difficulty?: number };
  const difficulty = score.responses.difficulty;
  if (difficulty !== undefined) score.difficulty = difficulty;
  return ok(freezeScore(score) as Phq9Score);
}
