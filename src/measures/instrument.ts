import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { parseWith, safeParseWith } from '../internal/parse.js';
import { err, ok, type Result } from '../internal/result.js';
import { Provenance } from '../sources/sources.js';

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
 * What to do when counting items are unanswered. Nothing is ever silently scored as 0:
 * - `reject`: any missing counting item fails the scoring;
 * - `prorate`: up to `maxMissing` missing items are filled with the mean of the answered counting
 *   items (total = round(sum x counting items / answered), halves rounded up); more fails;
 * - `incomplete`: the score is returned with `total: null`, no band, and the missing items listed.
 * @category Measures
 */
export const MissingPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('prorate'), maxMissing: z.int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('incomplete') }),
]);
/** @category Measures */
export type MissingPolicy = z.infer<typeof MissingPolicy>;

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

interface ItemsForRange {
  readonly countsTowardTotal: boolean;
  readonly options: readonly { readonly value: number }[];
}

function rangeOf(items: readonly ItemsForRange[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of items) {
    if (!item.countsTowardTotal || item.options.length === 0) continue;
    let low = Infinity;
    let high = -Infinity;
    for (const option of item.options) {
      low = Math.min(low, option.value);
      high = Math.max(high, option.value);
    }
    min += low;
    max += high;
  }
  return { min, max };
}

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
 * Answers to an instrument, keyed by item id. A missing key, `undefined` or `null` means the item
 * was not answered.
 * @category Measures
 */
export type Responses = Readonly<Record<string, number | null | undefined>>;

/**
 * The band a total fell in, with the band set it came from.
 * @category Measures
 */
export interface ScoredBand {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly bandSet: string;
}

/**
 * The result of scoring one administration of an instrument.
 * @category Measures
 */
export interface Score {
  readonly instrument: { readonly id: string; readonly version: string };
  /** The total, or `null` when the policy is `incomplete` and items are missing. */
  readonly total: number | null;
  readonly range: { readonly min: number; readonly max: number };
  readonly band: ScoredBand | null;
  readonly flags: Readonly<Record<string, boolean>>;
  /** Counting items that were not answered. */
  readonly missing: readonly string[];
  /** How missing items were handled: `none` when all counting items were answered. */
  readonly missingHandling: 'none' | 'prorated' | 'incomplete';
  /** The validated answers, keyed by item id (non-counting items included). */
  readonly responses: Readonly<Record<string, number>>;
}

/**
 * Options of {@link scoreInstrument}.
 * @category Measures
 */
export interface ScoreOptions {
  /** Overrides the instrument's missing-item policy. */
  readonly missing?: MissingPolicy;
  /** Which band set to use (defaults to the instrument's `defaultBandSet`). */
  readonly bandSet?: string;
}

/** An instrument prepared for fast scoring, cached per instrument object. */
interface CompiledItem {
  readonly id: string;
  readonly counting: boolean;
  readonly allowed: ReadonlySet<number>;
  readonly min: number;
  readonly max: number;
}

interface Compiled {
  readonly instrument: { readonly id: string; readonly version: string };
  readonly bandSets: ReadonlyMap<string, readonly ScoredBand[]>;
  readonly items: readonly CompiledItem[];
  readonly countingTotal: number;
  readonly range: { readonly min: number; readonly max: number };
  readonly idSet: ReadonlySet<string>;
  readonly flags: readonly {
    readonly id: string;
    readonly item: string;
    readonly atLeast: number;
  }[];
}

const compiledCache = new WeakMap<object, Compiled>();

/**
 * Prepares an instrument for scoring. An instrument seen for the first time is validated first
 * (a hand-built object may be inconsistent); only frozen instruments are cached, so a caller who
 * changes an instrument object after scoring with it never gets stale results.
 * @returns The prepared instrument, or `undefined` if the instrument is not valid.
 */
function compile(given: DeepReadonly<Instrument>): Compiled | undefined {
  const cached = compiledCache.get(given);
  if (cached !== undefined) return cached;
  const checked = Instrument.safeParse(given);
  if (!checked.success) return undefined;
  const instrument = checked.data;
  const items = instrument.items.map((item) => {
    const values = item.options.map((option) => option.value);
    return {
      id: item.id,
      counting: item.countsTowardTotal,
      allowed: new Set(values),
      min: Math.min(...values),
      max: Math.max(...values),
    };
  });
  const compiled: Compiled = {
    instrument: Object.freeze({ id: instrument.id, version: instrument.version }),
    bandSets: new Map(
      instrument.bandSets.map((bandSet) => [
        bandSet.id,
        Object.freeze(
          bandSet.bands.map((band) =>
            Object.freeze({
              id: band.id,
              label: band.label,
              min: band.min,
              max: band.max,
              bandSet: bandSet.id,
            }),
          ),
        ),
      ]),
    ),
    items,
    countingTotal: items.filter((item) => item.counting).length,
    range: Object.freeze(rangeOf(instrument.items)),
    idSet: new Set(items.map((item) => item.id)),
    flags: instrument.flags.map((flag) => ({
      id: flag.id,
      item: flag.item,
      atLeast: flag.atLeast,
    })),
  };
  if (Object.isFrozen(given)) compiledCache.set(given, compiled);
  return compiled;
}

function describeAllowed(allowed: ReadonlySet<number>): string {
  const values = [...allowed].sort((left, right) => left - right);
  const first = values[0];
  const last = values[values.length - 1];
  const contiguous =
    first !== undefined && last !== undefined && last - first === values.length - 1;
  return contiguous ? `an integer from ${first} to ${last}` : `one of ${values.join(', ')}`;
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

/** A score being built: frozen by {@link freezeScore} before anyone else sees it. */
export type ScoreDraft = {
  -readonly [Key in keyof Score]: Score[Key];
};

/**
 * Freezes a score built by {@link scoreCore} (its own objects; shared parts are frozen already).
 * @internal
 */
export function freezeScore<TScore extends ScoreDraft>(score: TScore): TScore & Score {
  Object.freeze(score.flags);
  Object.freeze(score.missing);
  Object.freeze(score.responses);
  return Object.freeze(score);
}

/**
 * Scores without freezing the result, for callers that add fields first. Never throws.
 * @internal
 */
export function scoreCore(
  instrument: DeepReadonly<Instrument>,
  responses: unknown,
  options: ScoreOptions,
): Result<ScoreDraft, ValidationError> {
  try {
    return scoreUnsafe(instrument, responses, options);
  } catch {
    return err(validationError([issue('unreadable-input', [], 'the input could not be read')]));
  }
}

/**
 * The prorated total: the answered items' position within their own possible range, applied to the
 * whole instrument's range, rounded half up. With items that share a range starting at 0 this is
 * the familiar sum x items / answered; with mixed ranges (HAM-D) it never leaves the range.
 */
function prorate(
  sum: number,
  answeredMin: number,
  answeredMax: number,
  range: { readonly min: number; readonly max: number },
): number {
  const share = (sum - answeredMin) / (answeredMax - answeredMin);
  return Math.floor(range.min + share * (range.max - range.min) + 0.5);
}

/** Validates the caller's missing-item policy override; records problems under `options`. */
function checkPolicy(
  options: ScoreOptions,
  compiled: Compiled,
  problems: Issue[],
): MissingPolicy | undefined {
  if (typeof options !== 'object' || (options as unknown) === null) {
    problems.push(issue('invalid-type', ['options'], 'expected an object of options'));
    return undefined;
  }
  if (options.missing === undefined) return undefined;
  const parsed = MissingPolicy.safeParse(options.missing);
  if (!parsed.success) {
    problems.push(...issuesFromZod(parsed.error, ['options', 'missing']));
    return undefined;
  }
  if (parsed.data.kind === 'prorate' && parsed.data.maxMissing >= compiled.countingTotal) {
    problems.push(
      issue(
        'prorate-too-lenient',
        ['options', 'missing', 'maxMissing'],
        'must be less than the number of counting items',
      ),
    );
    return undefined;
  }
  return parsed.data;
}

function scoreUnsafe(
  instrument: DeepReadonly<Instrument>,
  responses: unknown,
  options: ScoreOptions,
): Result<ScoreDraft, ValidationError> {
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return err(
      validationError([
        issue('invalid-type', [], 'expected an object of answers keyed by item id'),
      ]),
    );
  }
  const compiled = compile(instrument);
  if (compiled === undefined) {
    return err(
      validationError([
        issue('invalid-instrument', ['instrument'], 'the instrument definition is not valid'),
      ]),
    );
  }
  const record = responses as Record<string, unknown>;
  const problems: Issue[] = [];
  const policy = checkPolicy(options, compiled, problems) ?? instrument.scoring.missing;
  const answers: Record<string, number> = {};
  const missing: string[] = [];
  let sum = 0;
  let answeredMin = 0;
  let answeredMax = 0;

  for (const item of compiled.items) {
    const value = Object.hasOwn(record, item.id) ? record[item.id] : undefined;
    if (value === undefined || value === null) {
      if (item.counting) missing.push(item.id);
      continue;
    }
    if (typeof value !== 'number' || !item.allowed.has(value)) {
      problems.push(issue('invalid-answer', [item.id], `must be ${describeAllowed(item.allowed)}`));
      continue;
    }
    answers[item.id] = value;
    if (item.counting) {
      sum += value;
      answeredMin += item.min;
      answeredMax += item.max;
    }
  }

  let unknown = 0;
  for (const key of Object.keys(record)) if (!compiled.idSet.has(key)) unknown += 1;
  if (unknown > 0) {
    problems.push(
      issue(
        'unknown-items',
        [],
        `has ${unknown} answer key${unknown === 1 ? '' : 's'} that the instrument does not have`,
      ),
    );
  }
  for (const flag of compiled.flags) {
    const answered = Object.hasOwn(record, flag.item) && record[flag.item] != null;
    if (!answered) {
      problems.push(
        issue('flag-item-missing', [flag.item], 'must be answered: a safety flag depends on it'),
      );
    }
  }

  let total: number | null = sum;
  let missingHandling: Score['missingHandling'] = 'none';
  if (missing.length > 0) {
    if (policy.kind === 'reject') {
      for (const id of missing) problems.push(issue('missing-answer', [id], 'must be answered'));
    } else if (policy.kind === 'prorate') {
      if (missing.length > policy.maxMissing || answeredMax === answeredMin) {
        problems.push(
          issue(
            'too-many-missing',
            [],
            `at most ${policy.maxMissing} counting items may be missing to prorate`,
          ),
        );
      } else {
        total = prorate(sum, answeredMin, answeredMax, compiled.range);
        missingHandling = 'prorated';
      }
    } else {
      total = null;
      missingHandling = 'incomplete';
    }
  }

  let bands: readonly ScoredBand[] | undefined;
  const bandSetId = options.bandSet ?? instrument.defaultBandSet;
  if (bandSetId !== undefined) {
    bands = compiled.bandSets.get(bandSetId);
    if (bands === undefined) {
      problems.push(
        issue('unknown-band-set', [], 'the chosen band set is not one of the instrument’s'),
      );
    }
  }
  if (problems.length > 0) return err(validationError(problems));

  const flags: Record<string, boolean> = {};
  for (const flag of compiled.flags)
    flags[flag.id] = (answers[flag.item] ?? -Infinity) >= flag.atLeast;
  let band: ScoredBand | null = null;
  if (total !== null && bands !== undefined) {
    for (const candidate of bands) {
      if (total >= candidate.min && total <= candidate.max) {
        band = candidate;
        break;
      }
    }
  }
  return ok({
    instrument: compiled.instrument,
    total,
    range: compiled.range,
    band,
    flags,
    missing,
    missingHandling,
    responses: answers,
  });
}
