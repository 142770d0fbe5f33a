/**
 * Shared parts of the testing kit: option handling, free text with a privacy marker, ids, dates,
 * the small vocabularies, and the helpers that build invalid samples by one targeted change.
 * @module
 */
import * as fc from 'fast-check';
import { clonePlain } from '../internal/clone.js';
import { dateOfDayNumber, daysBetween } from '../internal/dates.js';
import type {
  ActorId,
  AnalysisId,
  CourseId,
  EventId,
  MeasureId,
  PersonId,
  SessionId,
} from '../internal/ids.js';
import type { IssuePath } from '../internal/issues.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import { Phase } from '../protocol/phases.js';
import { Cadence } from '../protocol/protocol-schema.js';

// ------------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------------

/**
 * How generated client text looks. Every arbitrary that produces names, labels or free text takes
 * these options.
 * @category Testing
 */
export interface TextOptions {
  /**
   * Text put at the start of every name, label and free-text field the arbitrary generates (for
   * example `'ZZSECRET'`), so a test can check that none of it reaches an error message, a log
   * line or a de-identified export. Trimmed and cut to 40 characters; empty means no marker.
   */
  readonly marker?: string;
  /**
   * Draw free text from all of Unicode (whole graphemes) rather than printable ASCII, for tests of
   * escaping and encoding. Default `false`.
   */
  readonly unicode?: boolean;
}

/**
 * What an `invalid...Arbitrary` expects the validator to report: an issue (or rule violation) with
 * this stable `code` at this `path`. Other issues may be reported too (one change can break two
 * rules), but this one always is. `path` is absent when the error has no path (some course rules).
 * @category Testing
 */
export interface ExpectedIssue {
  readonly code: string;
  readonly path?: IssuePath;
}

/**
 * A value that fails validation: a valid value with one targeted change.
 * @category Testing
 */
export interface InvalidValue {
  /** The changed value (plain data, as it would arrive from outside). */
  readonly value: unknown;
  /** A short kebab-case name of the change, such as `label-empty`. */
  readonly mutation: string;
  /** The issue the validator reports for it. */
  readonly expected: ExpectedIssue;
}

/** Reads an options argument that JavaScript callers may pass as anything. @internal */
export function optionsOf<TOptions extends object>(options: unknown): Partial<TOptions> {
  return typeof options === 'object' && options !== null ? options : {};
}

/**
 * A whole number option clamped to a range (anything else gives the fallback), so that odd options
 * never make an arbitrary throw. @internal
 */
export function sizeOption(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.min(max, Math.floor(value)));
}

/** The marker of {@link TextOptions}, normalised (`''` when there is none). @internal */
export function markerOf(options: TextOptions): string {
  const marker: unknown = options.marker;
  return typeof marker === 'string' ? marker.trim().slice(0, 40).trim() : '';
}

// ------------------------------------------------------------------------------------------------
// Text
// ------------------------------------------------------------------------------------------------

/**
 * Options of {@link textArbitrary}.
 * @category Testing
 */
export interface FreeTextOptions extends TextOptions {
  /** Longest text (default 80, from 1 to 4000): use the field's own limit. */
  readonly maxLength?: number;
}

/**
 * Client text as iptkit stores it: trimmed, 1 to `maxLength` characters, starting with the
 * marker when one is given. Mostly a few readable words, sometimes arbitrary characters.
 * @param options - Marker, alphabet and length.
 * @returns The arbitrary.
 * @example
 * ```ts
 * fc.sample(textArbitrary({ marker: 'ZZSECRET' }), 2); // ['ZZSECRET lorem ipsum', 'ZZSECRET q#7']
 * ```
 * @category Testing
 */
export function textArbitrary(options: FreeTextOptions = {}): fc.Arbitrary<string> {
  const read = optionsOf<FreeTextOptions>(options);
  const marker = markerOf(read);
  const maxLength = sizeOption(read.maxLength, 80, 1, 4000);
  const body =
    read.unicode === true
      ? fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      : fc.oneof(
          { weight: 3, arbitrary: fc.lorem({ maxCount: 4 }) },
          { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
        );
  return body.map((raw) => {
    const words = raw.trim();
    const text = marker === '' ? (words === '' ? 'x' : words) : `${marker} ${words}`;
    // A cut may split a surrogate pair (drop its first half) or leave a space at the end.
    let cut = text.slice(0, maxLength);
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    cut = cut.trim();
    return cut === '' ? 'x' : cut;
  });
}

// ------------------------------------------------------------------------------------------------
// Ids
// ------------------------------------------------------------------------------------------------

/** The characters an id may start with, and the ones that may follow (all ASCII). */
const ID_FIRST = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const ID_REST = [...ID_FIRST, '.', '_', ':', '-'];

/**
 * Options of the id arbitraries.
 * @category Testing
 */
export interface IdOptions {
  /** Longest id (default 24, from 1 to 128, the most an id may have). */
  readonly maxLength?: number;
}

/**
 * A caller-supplied id: 1-128 letters, digits or `._:-`, starting with a letter or digit (the
 * shape every iptkit id has, see `PersonId`).
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function idArbitrary(options: IdOptions = {}): fc.Arbitrary<string> {
  const maxLength = sizeOption(optionsOf<IdOptions>(options).maxLength, 24, 1, 128);
  return fc
    .tuple(
      fc.constantFrom(...ID_FIRST),
      fc.string({ unit: fc.constantFrom(...ID_REST), maxLength: maxLength - 1 }),
    )
    .map(([first, rest]) => first + rest);
}

/**
 * A `PersonId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function personIdArbitrary(options: IdOptions = {}): fc.Arbitrary<PersonId> {
  return idArbitrary(options).map((id) => id as PersonId);
}

/**
 * A `CourseId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function courseIdArbitrary(options: IdOptions = {}): fc.Arbitrary<CourseId> {
  return idArbitrary(options).map((id) => id as CourseId);
}

/**
 * A `SessionId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function sessionIdArbitrary(options: IdOptions = {}): fc.Arbitrary<SessionId> {
  return idArbitrary(options).map((id) => id as SessionId);
}

/**
 * An `EventId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function eventIdArbitrary(options: IdOptions = {}): fc.Arbitrary<EventId> {
  return idArbitrary(options).map((id) => id as EventId);
}

/**
 * A `MeasureId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function measureIdArbitrary(options: IdOptions = {}): fc.Arbitrary<MeasureId> {
  return idArbitrary(options).map((id) => id as MeasureId);
}

/**
 * An `AnalysisId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function analysisIdArbitrary(options: IdOptions = {}): fc.Arbitrary<AnalysisId> {
  return idArbitrary(options).map((id) => id as AnalysisId);
}

/**
 * An `ActorId`.
 * @param options - Length.
 * @returns The arbitrary.
 * @category Testing
 */
export function actorIdArbitrary(options: IdOptions = {}): fc.Arbitrary<ActorId> {
  return idArbitrary(options).map((id) => id as ActorId);
}

/**
 * Strings that are not ids, each with the issue `PersonId.safeParse` (or any other id schema)
 * reports at the root: empty, too long, starting with a punctuation mark, holding a space or a
 * letter outside ASCII, or not a string at all.
 * @param options - Length of the valid id each bad one is made from.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidIdArbitrary(options: IdOptions = {}): fc.Arbitrary<InvalidValue> {
  const format = (value: unknown, mutation: string): InvalidValue => ({
    value,
    mutation,
    expected: { code: 'invalid-format', path: [] },
  });
  return fc.tuple(idArbitrary(options), fc.nat(5)).map(([id, pick]): InvalidValue => {
    switch (pick) {
      case 0:
        return format('', 'id-empty');
      case 1:
        return format(id.padEnd(129, 'x'), 'id-too-long');
      case 2:
        return format(`-${id}`, 'id-leading-punctuation');
      case 3:
        return format(`${id} ${id}`, 'id-with-space');
      case 4:
        return format(`${id}é`, 'id-not-ascii');
      default:
        return {
          value: id.length,
          mutation: 'id-not-a-string',
          expected: { code: 'invalid-type', path: [] },
        };
    }
  });
}

// ------------------------------------------------------------------------------------------------
// Dates
// ------------------------------------------------------------------------------------------------

const EPOCH = '1970-01-01';

/** Days since 1970-01-01 of an ISO date. @internal */
export function dayNumberOf(date: string): number | undefined {
  return daysBetween(EPOCH, date);
}

/** An ISO date moved by whole days. @internal */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber((dayNumberOf(date) ?? 0) + days);
}

/**
 * A range of dates, both ends included, as ISO dates (`YYYY-MM-DD`).
 * @category Testing
 */
export interface DateRangeOptions {
  /** Earliest date (default `1900-01-01`). */
  readonly min?: string;
  /** Latest date (default `2099-12-31`). */
  readonly max?: string;
}

/** The day numbers of a date range option (swapped if given the wrong way round). @internal */
export function dayRange(
  options: DateRangeOptions,
  fallbackMin = '1900-01-01',
  fallbackMax = '2099-12-31',
): { readonly min: number; readonly max: number } {
  const read = optionsOf<DateRangeOptions>(options);
  const limit = (value: unknown, fallback: string) =>
    (typeof value === 'string' ? dayNumberOf(value) : undefined) ?? dayNumberOf(fallback) ?? 0;
  const first = limit(read.min, fallbackMin);
  const second = limit(read.max, fallbackMax);
  return { min: Math.min(first, second), max: Math.max(first, second) };
}

/**
 * A real calendar date as ISO text, `YYYY-MM-DD` (what `IsoDate` accepts).
 * @param options - The range (default 1900-2099).
 * @returns The arbitrary.
 * @category Testing
 */
export function isoDateArbitrary(options: DateRangeOptions = {}): fc.Arbitrary<string> {
  const { min, max } = dayRange(options);
  return fc.integer({ min, max }).map(dateOfDayNumber);
}

/**
 * A date-time as ISO text with seconds and a `Z` or `+HH:MM` offset (what `IsoDateTime` accepts).
 * @param options - The range of the date part (default 1900-2099).
 * @returns The arbitrary.
 * @category Testing
 */
export function isoDateTimeArbitrary(options: DateRangeOptions = {}): fc.Arbitrary<string> {
  const two = (value: number) => String(value).padStart(2, '0');
  return fc
    .record({
      date: isoDateArbitrary(options),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
      offset: fc.option(
        fc.record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 14 }),
          minutes: fc.constantFrom(0, 30, 45),
        }),
        { nil: undefined },
      ),
    })
    .map(({ date, hour, minute, second, millis, offset }) => {
      const fraction = millis === undefined ? '' : `.${String(millis).padStart(3, '0')}`;
      const zone =
        offset === undefined ? 'Z' : `${offset.sign}${two(offset.hours)}:${two(offset.minutes)}`;
      return `${date}T${two(hour)}:${two(minute)}:${two(second)}${fraction}${zone}`;
    });
}

/**
 * Texts that look like dates but are not ISO calendar dates (`2026-02-30`, `2026-13-01`,
 * `2026-3-2`, `20260302`, a date-time, ...), each with the issue `IsoDate.safeParse` reports.
 * @param options - The range of the valid dates they are made from.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidIsoDateArbitrary(
  options: DateRangeOptions = {},
): fc.Arbitrary<InvalidValue> {
  const format = (value: unknown, mutation: string): InvalidValue => ({
    value,
    mutation,
    expected: { code: 'invalid-format', path: [] },
  });
  return fc.tuple(isoDateArbitrary(options), fc.nat(5)).map(([date, pick]): InvalidValue => {
    const [year = '2026', month = '01', day = '01'] = date.split('-');
    switch (pick) {
      case 0:
        return format(`${year}-02-30`, 'day-past-month-end');
      case 1:
        return format(`${year}-13-${day}`, 'month-13');
      case 2:
        // A one-digit month without its zero: never an ISO date.
        return format(`${year}-${String((Number(month) % 9) + 1)}-${day}`, 'no-zero-padding');
      case 3:
        return format(`${year}${month}${day}`, 'no-separators');
      case 4:
        return format(`${date}T00:00:00Z`, 'date-time');
      default:
        return {
          value: 20_260_302,
          mutation: 'not-a-string',
          expected: { code: 'invalid-type', path: [] },
        };
    }
  });
}

// ------------------------------------------------------------------------------------------------
// Vocabularies
// ------------------------------------------------------------------------------------------------

/**
 * A `Phase`: `initial`, `middle`, `maintenance` (declared by some protocols) or `termination`.
 * @returns The arbitrary.
 * @category Testing
 */
export function phaseArbitrary(): fc.Arbitrary<Phase> {
  return fc.constantFrom(...Phase.options);
}

/**
 * A `ProblemArea`.
 * @param options - `areas` to draw from (default all four).
 * @returns The arbitrary.
 * @category Testing
 */
export function problemAreaArbitrary(
  options: { readonly areas?: readonly ProblemArea[] } = {},
): fc.Arbitrary<ProblemArea> {
  return fc.constantFrom(...areasOption(optionsOf<{ areas: ProblemArea[] }>(options).areas));
}

/** The areas an option names (the known ones, without repeats), or all four. @internal */
export function areasOption(areas: unknown): readonly ProblemArea[] {
  const known = Array.isArray(areas)
    ? ProblemArea.options.filter((area) => (areas as unknown[]).includes(area))
    : [];
  return known.length > 0 ? known : ProblemArea.options;
}

/**
 * A `DisputeStage`: `renegotiation`, `impasse` or `dissolution`.
 * @returns The arbitrary.
 * @category Testing
 */
export function disputeStageArbitrary(): fc.Arbitrary<DisputeStage> {
  return fc.constantFrom(...DisputeStage.options);
}

/**
 * A `Cadence` (how often sessions take place).
 * @returns The arbitrary.
 * @category Testing
 */
export function cadenceArbitrary(): fc.Arbitrary<Cadence> {
  return fc.constantFrom(...Cadence.options);
}

// ------------------------------------------------------------------------------------------------
// Changing plain data for invalid samples
// ------------------------------------------------------------------------------------------------

/** A plain JSON-like record (what the mutation helpers work on). @internal */
export type Plain = Record<string, unknown>;

/**
 * A deep copy of plain data (generated values are plain objects, arrays and primitives), without
 * `structuredClone`, which not every runtime has. @internal
 */
export function copyOf<TValue>(value: TValue): TValue {
  return clonePlain(value);
}

/**
 * A copy of `value` with the node at `path` set to `replacement` (or deleted when `replacement` is
 * the {@link REMOVE} marker). Keys are defined, not assigned, so any key stays an own data key.
 * @internal
 */
export function changed(value: unknown, path: IssuePath, replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const copy = copyOf(value);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Plain)[String(key)];
  const last = path[path.length - 1] ?? '';
  if (Array.isArray(parent) && typeof last === 'number') {
    if (replacement === REMOVE) parent.splice(last, 1);
    else parent[last] = replacement;
  } else if (typeof parent === 'object' && parent !== null) {
    if (replacement === REMOVE) Reflect.deleteProperty(parent, last);
    else
      Object.defineProperty(parent, String(last), {
        value: replacement,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}

/** Marks a node to delete in {@link changed}. @internal */
export const REMOVE: unique symbol = Symbol('remove');

/** An invalid sample. @internal */
export function invalid(
  value: unknown,
  mutation: string,
  code: string,
  path?: IssuePath,
): InvalidValue {
  return { value, mutation, expected: path === undefined ? { code } : { code, path } };
}

/**
 * One targeted change of a valid value: returns the invalid sample, or `undefined` when the change
 * does not apply to this particular value (say, "duplicate a person" on an empty inventory).
 * @internal
 */
export type Mutation<TValue> = (value: TValue, pick: number) => InvalidValue | undefined;

/**
 * Invalid samples made from valid values by one of the mutations, chosen by a generated number;
 * when the chosen one does not apply, the next ones are tried in turn, wrapping around (every list
 * has at least one mutation that always applies). @internal
 */
export function mutated<TValue>(
  valid: fc.Arbitrary<TValue>,
  mutations: readonly Mutation<TValue>[],
): fc.Arbitrary<InvalidValue> {
  return fc
    .tuple(valid, fc.nat(mutations.length - 1), fc.nat(1_000_000))
    .map(([value, first, pick]) => {
      for (let offset = 0; offset < mutations.length; offset += 1) {
        const mutation = mutations[(first + offset) % mutations.length];
        const sample = mutation?.(value, pick);
        if (sample !== undefined) return sample;
      }
      // Every list of the kit has a mutation that always applies: reaching this is a bug here.
      throw new Error('iptkit/testing: no mutation applies to the generated value');
    });
}
