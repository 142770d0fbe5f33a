import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { parseWith, safeParseWith } from '../internal/parse.js';
import { ok, type Result } from '../internal/result.js';
import { Provenance } from '../sources/provenance.js';
import {
  freezeScore,
  MissingPolicy,
  answersGiveScore,
  rangeOf,
  runScoring,
  type InstrumentCheck,
  type Score,
  type ScoreDraft,
  type ScoredBand,
  type ScoreOptions,
  type StoredScoreView,
} from './score-engine.js';

// The scoring engine and its types live in score-engine.ts (no instrument schemas there, so a
// built-in instrument's scorer stays small in a bundle); they are re-exported here so this module
// keeps offering everything about instruments.
export { freezeScore, MissingPolicy } from './score-engine.js';
export type { Responses, Score, ScoreDraft, ScoredBand, ScoreOptions } from './score-engine.js';

const kebab = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: 'must be kebab-case' })
  .max(64);
const label = z.string().trim().min(1).max(300);

/**
 * A LOINC code, `NNNNN-N` (for example `44261-6`).
 * @category Measures
 */
export const LoincCode = z.string().regex(/^\d{1,7}-\d$/, { error: 'must be a LOINC code' });

/**
 * A LOINC answer code, `LANNNN-N` (for example `LA6568-5`).
 * @category Measures
 */
export const LoincAnswerCode = z
  .string()
  .regex(/^LA\d{1,7}-\d$/, { error: 'must be a LOINC answer code' });

/**
 * One answer an item allows: its integer value, a label, and its LOINC answer code where known.
 * @category Measures
 */
export const ResponseOption = z.strictObject({
  value: z.int().min(-1000).max(1000),
  label,
  loinc: LoincAnswerCode.optional(),
  /** Where the answer code comes from, when it is not the instrument's own source. */
  provenance: Provenance.optional(),
});
/** @category Measures */
export type ResponseOption = z.infer<typeof ResponseOption>;

/**
 * An item id: a letter then letters and digits, up to 64 characters (`item1`, `difficulty`).
 * Responses are keyed by item id, never by item text.
 * @category Measures
 */
export const ItemId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,63}$/, { error: 'must be a letter followed by letters or digits' });
/** @category Measures */
export type ItemId = z.infer<typeof ItemId>;

/**
 * One item of an instrument.
 * @category Measures
 */
export const InstrumentItem = z.strictObject({
  id: ItemId,
  /** A short label for the item (iptkit's own words for built-ins, not the official wording). */
  text: label,
  loinc: LoincCode.optional(),
  options: z.array(ResponseOption).min(2).max(100),
  /** Whether the item is added to the total (PHQ-9's difficulty question is not). */
  countsTowardTotal: z.boolean(),
  provenance: Provenance.optional(),
});
/** @category Measures */
export type InstrumentItem = z.infer<typeof InstrumentItem>;

/**
 * A severity band: an integer range of totals, `min` to `max` inclusive (the half-open range
 * `[min, max + 1)`).
 * @category Measures
 */
export const Band = z.strictObject({
  id: kebab,
  label,
  min: z.int(),
  max: z.int(),
});
/** @category Measures */
export type Band = z.infer<typeof Band>;

/**
 * A set of severity bands with its source. Bands are in ascending order and cover the
 * instrument's whole range without gaps or overlaps.
 * @category Measures
 */
export const BandSet = z.strictObject({
  id: kebab,
  label,
  bands: z.array(Band).min(1).max(50),
  provenance: Provenance,
});
/** @category Measures */
export type BandSet = z.infer<typeof BandSet>;

/**
 * A flag raised by one item's answer, whatever the total (PHQ-9: item 9 of 1 or more). A flag's
 * item must always be answered: scoring fails rather than report a flag as absent when its item
 * is missing.
 * @category Measures
 */
export const InstrumentFlag = z.strictObject({
  id: ItemId,
  label,
  item: ItemId,
  atLeast: z.int(),
  provenance: Provenance,
});
/** @category Measures */
export type InstrumentFlag = z.infer<typeof InstrumentFlag>;

/**
 * An outcome instrument: items with their response options and LOINC codes, a sum scoring rule,
 * severity band sets with sources, flags, and the default missing-item policy.
 * @category Measures
 */
export const Instrument = z
  .strictObject({
    id: kebab,
    version: label,
    title: label,
    /** What the licence allows (for example "free to reproduce, no permission required"). */
    licence: label,
    citation: label,
    provenance: Provenance,
    loinc: z.strictObject({ panel: LoincCode.optional(), total: LoincCode.optional() }).optional(),
    items: z.array(InstrumentItem).min(1).max(200),
    scoring: z.strictObject({ kind: z.literal('sum'), missing: MissingPolicy }),
    bandSets: z.array(BandSet).max(10),
    defaultBandSet: kebab.optional(),
    flags: z.array(InstrumentFlag).max(50),
    /** Whether higher totals mean more severe symptoms (true for every built-in). */
    higherIsWorse: z.boolean(),
  })
  .superRefine((instrument, context) => {
    const problem = (path: (string | number)[], code: string, message: string) => {
      context.addIssue({ code: 'custom', path, message, params: { code } });
    };
    const ids = instrument.items.map((item) => item.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        problem(['items', index, 'id'], 'duplicate', 'is listed twice');
    });
    instrument.items.forEach((item, itemIndex) => {
      const values = item.options.map((option) => option.value);
      values.forEach((value, optionIndex) => {
        if (values.indexOf(value) !== optionIndex) {
          problem(
            ['items', itemIndex, 'options', optionIndex, 'value'],
            'duplicate',
            'is listed twice',
          );
        }
      });
    });
    const counting = instrument.items.filter((item) => item.countsTowardTotal);
    if (counting.length === 0) {
      problem(['items'], 'no-counting-items', 'at least one item must count toward the total');
    }
    const missing = instrument.scoring.missing;
    if (
      missing.kind === 'prorate' &&
      counting.length > 0 &&
      missing.maxMissing >= counting.length
    ) {
      problem(
        ['scoring', 'missing', 'maxMissing'],
        'prorate-too-lenient',
        'must be less than the number of counting items',
      );
    }
    const range = rangeOf(instrument.items);
    instrument.bandSets.forEach((bandSet, setIndex) => {
      let expected = range.min;
      bandSet.bands.forEach((band, bandIndex) => {
        const path = ['bandSets', setIndex, 'bands', bandIndex];
        if (band.max < band.min)
          problem([...path, 'max'], 'range-inverted', 'must not be less than min');
        if (band.min !== expected) {
          problem(
            [...path, 'min'],
            band.min > expected ? 'band-gap' : 'band-overlap',
            `must be ${expected} so the bands cover the range without gaps or overlaps`,
          );
        }
        expected = band.max + 1;
      });
      if (expected !== range.max + 1) {
        problem(
          ['bandSets', setIndex, 'bands', bandSet.bands.length - 1, 'max'],
          'band-range-mismatch',
          `must be ${range.max}, the highest possible total`,
        );
      }
      const bandIds = bandSet.bands.map((band) => band.id);
      bandIds.forEach((id, index) => {
        if (bandIds.indexOf(id) !== index) {
          problem(['bandSets', setIndex, 'bands', index, 'id'], 'duplicate', 'is listed twice');
        }
      });
    });
    const setIds = instrument.bandSets.map((bandSet) => bandSet.id);
    setIds.forEach((id, index) => {
      if (setIds.indexOf(id) !== index)
        problem(['bandSets', index, 'id'], 'duplicate', 'is listed twice');
    });
    if (instrument.defaultBandSet !== undefined && !setIds.includes(instrument.defaultBandSet)) {
      problem(['defaultBandSet'], 'unknown-band-set', 'must name one of bandSets');
    }
    if (instrument.defaultBandSet === undefined && setIds.length > 0) {
      problem(
        ['defaultBandSet'],
        'default-band-set-required',
        'is required when there are band sets',
      );
    }
    const flagIds = instrument.flags.map((flag) => flag.id);
    instrument.flags.forEach((flag, index) => {
      if (flagIds.indexOf(flag.id) !== index)
        problem(['flags', index, 'id'], 'duplicate', 'is listed twice');
      const item = instrument.items.find((candidate) => candidate.id === flag.item);
      if (item === undefined) {
        problem(['flags', index, 'item'], 'unknown-item', 'must name one of the items');
      } else if (!item.options.some((option) => option.value >= flag.atLeast)) {
        problem(
          ['flags', index, 'atLeast'],
          'flag-unreachable',
          'no answer of the item reaches it',
        );
      }
    });
  });
/** @category Measures */
export type Instrument = z.infer<typeof Instrument>;
/** @category Measures */
export type InstrumentInput = z.input<typeof Instrument>;

/**
 * The lowest and highest possible totals of an instrument (sums of the counting items' lowest
 * and highest answers).
 * @param instrument - The instrument.
 * @returns `{ min, max }`.
 * @category Measures
 */
export function totalRange(instrument: DeepReadonly<Instrument>): {
  readonly min: number;
  readonly max: number;
} {
  return Object.freeze(rangeOf(instrument.items));
}

/**
 * Validates an instrument definition of the caller's own (items, bands, flags, missing policy) and
 * returns it deeply frozen, or every problem with its path.
 * @param input - Untrusted instrument data.
 * @returns The instrument or a {@link ValidationError}.
 * @category Measures
 */
export function defineInstrument(
  input: unknown,
): Result<DeepReadonly<Instrument>, ValidationError> {
  return safeParseWith(Instrument, input);
}

/**
 * The throwing twin of {@link defineInstrument}.
 * @param input - Instrument data.
 * @returns The instrument, deeply frozen.
 * @throws {@link IptError} listing every problem.
 * @category Measures
 */
export function parseInstrument(input: unknown): DeepReadonly<Instrument> {
  return parseWith(Instrument, input);
}

/**
 * Finds the band containing a total.
 * @param bandSet - The band set.
 * @param total - An integer total.
 * @returns The band, or `undefined` if the total is outside every band.
 * @category Measures
 */
export function findBand(bandSet: DeepReadonly<BandSet>, total: number): ScoredBand | undefined {
  for (const band of bandSet.bands) {
    if (total >= band.min && total <= band.max) {
      return Object.freeze({
        id: band.id,
        label: band.label,
        min: band.min,
        max: band.max,
        bandSet: bandSet.id,
      });
    }
  }
  return undefined;
}

/**
 * Scores one administration of an instrument: validates the answers, applies the missing-item
 * policy, sums the counting items, finds the band and evaluates the flags. Never throws and never
 * returns a silently wrong total: every problem comes back as an issue with its path (unknown
 * answer keys are reported by count, not by their text).
 * @param instrument - A built-in instrument or one from {@link defineInstrument}.
 * @param responses - Answers keyed by item id.
 * @param options - Missing-item policy and band set overrides.
 * @returns The {@link Score}, or a {@link ValidationError}.
 * @example
 * ```ts
 * const result = scoreInstrument(gad7, { item1: 1, item2: 2, item3: 1, item4: 0, item5: 1, item6: 2, item7: 1 });
 * if (result.ok) result.value.total; // 8
 * ```
 * @category Measures
 */
export function scoreInstrument(
  instrument: DeepReadonly<Instrument>,
  responses: unknown,
  options: ScoreOptions = {},
): Result<Score, ValidationError> {
  const result = scoreCore(instrument, responses, options);
  return result.ok ? ok(freezeScore(result.value)) : result;
}

/** Validates an instrument the engine has not seen with the {@link Instrument} schema. */
const checkInstrument: InstrumentCheck = (given) => {
  const checked = Instrument.safeParse(given);
  return checked.success ? checked.data : undefined;
};

/**
 * Scores without freezing the result, for callers that add fields first; an instrument not seen
 * before is validated with the {@link Instrument} schema. Never throws.
 * @internal
 */
export function scoreCore(
  instrument: DeepReadonly<Instrument>,
  responses: unknown,
  options: ScoreOptions,
): Result<ScoreDraft, ValidationError> {
  return runScoring(instrument, responses, options, checkInstrument);
}

/**
 * Whether stored answers give a stored score under the instrument's own policy and default band
 * set, decided without scoring in full where it can be (see `answersGiveScore`); `undefined`
 * when the caller must score in full and compare. An instrument not seen before is validated with
 * the {@link Instrument} schema.
 * @internal
 */
export function storedScoreHolds(
  instrument: DeepReadonly<Instrument>,
  responses: unknown,
  stored: StoredScoreView,
): boolean | undefined {
  return answersGiveScore(instrument, responses, stored, checkInstrument);
}
