/*
 * The scoring engine behind `scoreInstrument` and the instrument-specific scorers (`scorePhq9`):
 * answer validation, missing-item policies, totals, bands and flags. It holds no schema of
 * instrument definitions and reads only the parts of an instrument that scoring needs (a
 * `ScoringSpec`): the caller says how a spec it has not seen before is checked. So a scorer of a
 * built-in instrument ships neither the instrument schemas nor the instrument's texts to an
 * application's bundle (DESIGN.md section 5: <= 4 kB min+gz for a `scorePhq9`-only import).
 */
import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';

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

interface ItemsForRange {
  readonly countsTowardTotal: boolean;
  readonly options: readonly { readonly value: number }[];
}

/**
 * The lowest and highest possible totals of a list of items (sums of the counting items' lowest
 * and highest answers).
 * @internal
 */
export function rangeOf(items: readonly ItemsForRange[]): { min: number; max: number } {
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
 * What the engine reads of an instrument, and nothing more: its id and version, each item's id,
 * answer values and whether it counts toward the total, the band sets (ids, labels and bounds),
 * the flags' thresholds and the default missing-item policy. Every `Instrument` is one.
 * @internal
 */
export interface ScoringSpec {
  readonly id: string;
  readonly version: string;
  readonly items: readonly {
    readonly id: string;
    readonly countsTowardTotal: boolean;
    readonly options: readonly { readonly value: number }[];
  }[];
  readonly scoring: { readonly missing: DeepReadonly<MissingPolicy> };
  readonly bandSets: readonly {
    readonly id: string;
    readonly bands: readonly {
      readonly id: string;
      readonly label: string;
      readonly min: number;
      readonly max: number;
    }[];
  }[];
  readonly defaultBandSet?: string | undefined;
  readonly flags: readonly {
    readonly id: string;
    readonly item: string;
    readonly atLeast: number;
  }[];
}

/**
 * How the engine validates a spec it has not prepared before: the spec to score with (checked,
 * possibly a parsed copy), or `undefined` when it is not valid.
 * @internal
 */
export type InstrumentCheck = (given: ScoringSpec) => ScoringSpec | undefined;

/**
 * The check for iptkit's built-in scoring specs (`phq9Scoring`): deeply frozen module constants
 * whose agreement with their instrument (valid against the `Instrument` schema) is asserted by the
 * tests, so they are used as they are.
 * @internal
 */
export const trustBuiltIn: InstrumentCheck = (given) => given;

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
  /** The items by id (ids are unique: the instrument check refuses a duplicate). */
  readonly byId: ReadonlyMap<string, CompiledItem>;
  /** The items that do not count toward the total (they may be left out). */
  readonly optional: readonly CompiledItem[];
  readonly flags: readonly {
    readonly id: string;
    readonly item: string;
    readonly atLeast: number;
  }[];
  /** Whether no two flags share an id (so a score has one flag per entry of `flags`). */
  readonly flagIdsUnique: boolean;
}

const compiledCache = new WeakMap<object, Compiled>();

/**
 * Prepares an instrument for scoring. An instrument seen for the first time is checked first with
 * `check` (a hand-built object may be inconsistent); only frozen instruments are cached, so a
 * caller who changes an instrument object after scoring with it never gets stale results.
 * @returns The prepared instrument, or `undefined` if the instrument is not valid.
 */
function compile(given: ScoringSpec, check: InstrumentCheck): Compiled | undefined {
  const cached = compiledCache.get(given);
  if (cached !== undefined) return cached;
  const instrument = check(given);
  if (instrument === undefined) return undefined;
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
    byId: new Map(items.map((item) => [item.id, item])),
    optional: items.filter((item) => !item.counting),
    flags: instrument.flags.map((flag) => ({
      id: flag.id,
      item: flag.item,
      atLeast: flag.atLeast,
    })),
    flagIdsUnique:
      new Set(instrument.flags.map((flag) => flag.id)).size === instrument.flags.length,
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

/** A score being built: frozen by {@link freezeScore} before anyone else sees it. */
export type ScoreDraft = {
  -readonly [Key in keyof Score]: Score[Key];
};

/**
 * Freezes a score built by {@link runScoring} (its own objects; shared parts are frozen already).
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
 * @param check - How a spec not seen before is validated: {@link trustBuiltIn} for iptkit's own
 * frozen scoring specs, the `Instrument` schema of instrument.ts for anything else.
 * @internal
 */
export function runScoring(
  instrument: ScoringSpec,
  responses: unknown,
  options: ScoreOptions,
  check: InstrumentCheck,
): Result<ScoreDraft, ValidationError> {
  try {
    return scoreUnsafe(instrument, responses, options, check);
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
  instrument: ScoringSpec,
  responses: unknown,
  options: ScoreOptions,
  check: InstrumentCheck,
): Result<ScoreDraft, ValidationError> {
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return err(
      validationError([
        issue('invalid-type', [], 'expected an object of answers keyed by item id'),
      ]),
    );
  }
  const compiled = compile(instrument, check);
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
  const band = total !== null && bands !== undefined ? bandOf(bands, total) : null;
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

/** The first band of a set whose bounds hold a total, or `null`. */
function bandOf(bands: readonly ScoredBand[], total: number): ScoredBand | null {
  for (const candidate of bands) {
    if (total >= candidate.min && total <= candidate.max) return candidate;
  }
  return null;
}

/**
 * Whether two bands (or their absence) are the same, field by field.
 * @internal
 */
export function sameBand(
  left: Readonly<ScoredBand> | null,
  right: Readonly<ScoredBand> | null,
): boolean {
  if (left === null || right === null) return left === right;
  return (
    left.id === right.id &&
    left.label === right.label &&
    left.min === right.min &&
    left.max === right.max &&
    left.bandSet === right.bandSet
  );
}

/** The parts of a stored score that {@link answersGiveScore} compares. */
export interface StoredScoreView {
  readonly total: number | null;
  readonly band: Readonly<ScoredBand> | null;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly missing: readonly string[];
  readonly missingHandling: string;
}

/**
 * Whether answers score, under the instrument's own missing-item policy and default band set, to
 * exactly a stored score (total, band, flags, missing items and their handling): for replay,
 * which checks every stored measure. The common case (every counting item answered with an
 * allowed value, no other key, every flag's item answered) is decided here without building a
 * score; for any other case the answer is `undefined`, and the caller scores the answers in full
 * and compares. Never throws on answers it can read.
 * @param instrument - The instrument (a built-in one is prepared once).
 * @param responses - The stored answers.
 * @param stored - The stored score.
 * @param check - How an instrument not seen before is validated (see {@link runScoring}).
 * @returns Whether the score is the score of the answers, or `undefined` when not decided here.
 * @internal
 */
export function answersGiveScore(
  instrument: ScoringSpec,
  responses: unknown,
  stored: StoredScoreView,
  check: InstrumentCheck,
): boolean | undefined {
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return undefined;
  }
  const compiled = compile(instrument, check);
  if (!compiled?.flagIdsUnique) return undefined;
  const record = responses as Record<string, unknown>;
  // Each own key must be an item answered with one of its values; a counting item left out, a
  // key that is no item, or an item given as null is left to the full scoring.
  let sum = 0;
  let counted = 0;
  let others = 0;
  for (const key of Object.keys(record)) {
    const item = compiled.byId.get(key);
    if (item === undefined) return undefined;
    const value = record[key];
    if (typeof value !== 'number' || !item.allowed.has(value)) return undefined;
    if (item.counting) {
      sum += value;
      counted += 1;
    } else {
      others += 1;
    }
  }
  if (counted !== compiled.countingTotal) return undefined;
  // Scoring reads every item as an own property, enumerable or not: an item answered under a key
  // that Object.keys does not list is left to it. (A hidden counting item already failed above.)
  let ownOthers = 0;
  for (const item of compiled.optional) if (Object.hasOwn(record, item.id)) ownOthers += 1;
  if (ownOthers !== others) return undefined;
  let band: ScoredBand | null = null;
  const bandSetId = instrument.defaultBandSet;
  if (bandSetId !== undefined) {
    const bands = compiled.bandSets.get(bandSetId);
    if (bands === undefined) return undefined;
    band = bandOf(bands, sum);
  }
  if (stored.total !== sum || stored.missingHandling !== 'none' || stored.missing.length > 0) {
    return false;
  }
  if (!sameBand(band, stored.band)) return false;
  let storedFlags = 0;
  for (const key in stored.flags) if (Object.hasOwn(stored.flags, key)) storedFlags += 1;
  if (storedFlags !== compiled.flags.length) return false;
  for (const flag of compiled.flags) {
    const value = Object.hasOwn(record, flag.item) ? record[flag.item] : undefined;
    if (typeof value !== 'number') return undefined;
    if (!Object.hasOwn(stored.flags, flag.id) || stored.flags[flag.id] !== value >= flag.atLeast) {
      return false;
    }
  }
  return true;
}
