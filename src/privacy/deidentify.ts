import * as z from 'zod';
import { CourseEvent } from '../course/events.js';
import { Course } from '../course/state.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { isIdShaped } from '../internal/ids.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type IssuePath,
  type ValidationError,
} from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import type { Sensitivity } from '../internal/sensitive.js';
import { parseAt } from '../internal/model.js';
import {
  IdKind,
  joinPattern,
  LEAF_TYPES,
  minimumLength,
  ownSensitivity,
  pipeTarget,
  stringRole,
  unionOption,
  WRAPPER_TYPES,
  type Schema,
} from './schema-walk.js';
import { shiftIsoDate, shiftIsoDateTime } from './shift-date.js';

/** The largest date shift accepted, in days (about 2,700 years either way). */
const MAX_SHIFT_DAYS = 1_000_000;

/** The longest event stream accepted (the limit `replay` has). */
const MAX_EVENTS = 1_000_000;

/** A risk-flag id: a measure id, a colon, and the flag's item id (which has no colon). */
const FLAG_ID = /^(.+):([a-z][a-zA-Z0-9]{0,63})$/;

/**
 * A caller's pseudonym function: given an id and its kind, the id to store instead. It must be
 * deterministic for a study (an HMAC with a secret key, say) and give id-shaped results; iptkit
 * calls it once per distinct id and kind in a call and never sees the key.
 * @category Privacy
 */
export type Pseudonymize = (id: string, kind: IdKind) => string;

const Mode = z.enum(['drop', 'replace']);

/**
 * Options of {@link deidentify} and {@link deidentifyEvents}.
 *
 * - `names` (default `'replace'`): what to do with fields marked sensitive `name` (a person's
 *   label). `'replace'` puts a neutral label in their place (`Person 1`, `Person 2`, ...: the
 *   same text always gets the same label within one call, different texts different labels);
 *   `'drop'` removes the field, or, where the schema requires it, puts that same neutral label in
 *   (the report counts it as a `placeholder`).
 * - `freeText` (default `'drop'`): the same for fields marked `free-text`, with labels `Text 1`,
 *   `Text 2`, ...
 * - `pseudonymize`: a function mapping each id to a pseudonym (see {@link Pseudonymize}); without
 *   it ids stay as they are.
 * - `shiftDays` (default 0): whole days added to every date and date-time (at most 1,000,000
 *   either way). Intervals are kept; the day of the week changes unless it is a multiple of 7.
 * @category Privacy
 */
export const DeidentifyOptions = z.strictObject({
  names: Mode.optional(),
  freeText: Mode.optional(),
  pseudonymize: z
    .custom<Pseudonymize>((value) => typeof value === 'function', {
      error: 'must be a function',
      params: { code: 'invalid-type' },
    })
    .optional(),
  shiftDays: z.int().min(-MAX_SHIFT_DAYS).max(MAX_SHIFT_DAYS).optional(),
});
/** @category Privacy */
export type DeidentifyOptions = z.input<typeof DeidentifyOptions>;

/**
 * What was done to the fields at one path: `dropped` (removed), `replaced` (a neutral label put
 * in), or `placeholder` (dropping was asked for but the schema requires the field, so a neutral
 * label was put in).
 * @category Privacy
 */
export interface DeidentifiedField {
  /** A path pattern: `*` stands for any key of a record, `[]` for any item of a list. */
  readonly path: string;
  readonly sensitivity: Sensitivity;
  readonly action: 'dropped' | 'replaced' | 'placeholder';
  /** How many values at this path were changed. */
  readonly count: number;
}

/**
 * Counts of what a de-identification changed. It holds no value from the input: only path
 * patterns (from the schema), kinds and numbers.
 * @category Privacy
 */
export interface DeidentifyReport {
  /** Every path where something was dropped or replaced, sorted by path, sensitivity, action. */
  readonly fields: readonly DeidentifiedField[];
  /** The same counts summed per sensitivity. */
  readonly totals: Readonly<
    Record<
      Sensitivity,
      { readonly dropped: number; readonly replaced: number; readonly placeholder: number }
    >
  >;
  readonly ids: {
    /** Whether a `pseudonymize` function was given (without one nothing below is counted). */
    readonly pseudonymized: boolean;
    /** Per kind: how many distinct ids were given pseudonyms, and how many places held them. */
    readonly byKind: Readonly<
      Record<IdKind, { readonly distinct: number; readonly references: number }>
    >;
    /** Risk-flag ids rebuilt from their measure's pseudonym (`<measure>:<flag>`). */
    readonly derived: number;
  };
  readonly dates: {
    readonly shiftDays: number;
    /** Dates (`YYYY-MM-DD`) moved. */
    readonly dates: number;
    /** Date-times moved. */
    readonly dateTimes: number;
    /** Whether every day of the week stayed the same (the shift is a multiple of 7 days). */
    readonly weekdaysKept: boolean;
  };
}

/**
 * A de-identified course and what was changed.
 * @category Privacy
 */
export interface DeidentifiedCourse {
  readonly course: DeepReadonly<Course>;
  readonly report: DeidentifyReport;
}

/**
 * A de-identified event stream and what was changed.
 * @category Privacy
 */
export interface DeidentifiedEvents {
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly report: DeidentifyReport;
}

/** A sensitive string the walk wants removed; its parent decides whether it can be. */
class Dropped {
  constructor(
    readonly text: string,
    readonly sensitivity: Sensitivity,
  ) {}
}

/** The walk met a node or value it does not understand: it stops rather than pass text on. */
class Unsupported {
  readonly unsupported = true;
}

interface FieldCount {
  path: string;
  sensitivity: Sensitivity;
  action: DeidentifiedField['action'];
  count: number;
}

type Mode = z.infer<typeof Mode>;

/** Everything one call keeps while it walks: options, pseudonyms and labels so far, counts. */
class Walk {
  readonly names: Mode;
  readonly freeText: Mode;
  readonly pseudonymize: Pseudonymize | undefined;
  readonly shiftDays: number;
  private readonly labels = new Map<Sensitivity, Map<string, string>>();
  private readonly pseudonyms = new Map<IdKind, Map<string, string>>();
  private readonly owners = new Map<IdKind, Map<string, string>>();
  private readonly references = new Map<IdKind, number>();
  private readonly fields = new Map<string, FieldCount>();
  private derived = 0;
  private dates = 0;
  private dateTimes = 0;
  readonly problems: Issue[] = [];
  private readonly problemKeys = new Set<string>();

  constructor(options: z.output<typeof DeidentifyOptions>) {
    this.names = options.names ?? 'replace';
    this.freeText = options.freeText ?? 'drop';
    this.pseudonymize = options.pseudonymize;
    this.shiftDays = options.shiftDays ?? 0;
  }

  /** Records a problem once per code and detail. */
  problem(code: string, path: IssuePath, message: string): void {
    const key = `${code}\u0000${path.join('\u0000')}\u0000${message}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(issue(code, path, message));
  }

  count(path: string, sensitivity: Sensitivity, action: DeidentifiedField['action']): void {
    const key = `${path}\u0000${sensitivity}\u0000${action}`;
    const found = this.fields.get(key);
    if (found === undefined) this.fields.set(key, { path, sensitivity, action, count: 1 });
    else found.count += 1;
  }

  /** The neutral label for a text: the same text always gets the same label in one call. */
  label(sensitivity: Sensitivity, text: string): string {
    let known = this.labels.get(sensitivity);
    if (known === undefined) {
      known = new Map();
      this.labels.set(sensitivity, known);
    }
    const found = known.get(text);
    if (found !== undefined) return found;
    const made = `${sensitivity === 'name' ? 'Person' : 'Text'} ${known.size + 1}`;
    known.set(text, made);
    return made;
  }

  /** A sensitive string: its neutral label, or {@link Dropped} when dropping is asked for. */
  sensitive(sensitivity: Sensitivity, text: string, pattern: string): string | Dropped {
    const mode = sensitivity === 'name' ? this.names : this.freeText;
    if (mode === 'drop') return new Dropped(text, sensitivity);
    this.count(pattern, sensitivity, 'replaced');
    return this.label(sensitivity, text);
  }

  /** A text that had to stay although dropping was asked for. */
  placeholder(dropped: Dropped, pattern: string): string {
    this.count(pattern, dropped.sensitivity, 'placeholder');
    return this.label(dropped.sensitivity, dropped.text);
  }

  /** The pseudonym of an id (the id itself without a `pseudonymize` function). */
  pseudonym(kind: IdKind, id: string): string {
    const pseudonymize = this.pseudonymize;
    if (pseudonymize === undefined) return id;
    this.references.set(kind, (this.references.get(kind) ?? 0) + 1);
    let known = this.pseudonyms.get(kind);
    let owners = this.owners.get(kind);
    if (known === undefined || owners === undefined) {
      known = new Map();
      owners = new Map();
      this.pseudonyms.set(kind, known);
      this.owners.set(kind, owners);
    }
    const found = known.get(id);
    if (found !== undefined) return found;
    let made: unknown;
    try {
      made = pseudonymize(id, kind);
    } catch {
      this.problem(
        'pseudonymize-failed',
        ['options', 'pseudonymize'],
        `threw for a ${kind} id (iptkit does not report what it threw)`,
      );
      known.set(id, id);
      return id;
    }
    if (!isIdShaped(made)) {
      this.problem(
        'invalid-pseudonym',
        ['options', 'pseudonymize'],
        `returned something other than an id for a ${kind} id; pseudonyms must be 1-128 letters, digits or ._:- starting with a letter or digit`,
      );
      known.set(id, id);
      return id;
    }
    const owner = owners.get(made);
    if (owner !== undefined && owner !== id) {
      this.problem(
        'pseudonym-collision',
        ['options', 'pseudonymize'],
        `gave two different ${kind} ids the same pseudonym`,
      );
    }
    owners.set(made, id);
    known.set(id, made);
    return made;
  }

  /** A risk-flag id `<measure>:<flag>`, rebuilt from the measure's pseudonym. */
  flagId(id: string, pattern: string): string {
    if (this.pseudonymize === undefined) return id;
    const parts = FLAG_ID.exec(id);
    const measure = parts?.[1];
    const flag = parts?.[2];
    if (measure === undefined || flag === undefined || !isIdShaped(measure)) {
      this.problem(
        'unrecognized-flag-id',
        ['options', 'pseudonymize'],
        `a risk-flag id at ${pattern} is not of the form <measure id>:<flag>, so it cannot follow the measure's pseudonym`,
      );
      return id;
    }
    this.derived += 1;
    return `${this.pseudonym('measure', measure)}:${flag}`;
  }

  /** A date or date-time moved by the shift, checked against its own schema. */
  shift(schema: Schema, value: string, role: 'date' | 'date-time', pattern: string): string {
    if (this.shiftDays === 0) return value;
    const moved =
      role === 'date'
        ? shiftIsoDate(value, this.shiftDays)
        : shiftIsoDateTime(value, this.shiftDays);
    if (moved === undefined || !z.safeParse(schema, moved).success) {
      this.problem(
        'date-out-of-range',
        ['options', 'shiftDays'],
        `moves a date at ${pattern} outside the years 0000-9999`,
      );
      return value;
    }
    if (role === 'date') this.dates += 1;
    else this.dateTimes += 1;
    return moved;
  }

  report(): DeidentifyReport {
    const fields = [...this.fields.values()]
      .map((field) => ({ ...field }))
      .sort((left, right) =>
        left.path !== right.path
          ? left.path < right.path
            ? -1
            : 1
          : left.sensitivity !== right.sensitivity
            ? left.sensitivity < right.sensitivity
              ? -1
              : 1
            : left.action < right.action
              ? -1
              : left.action > right.action
                ? 1
                : 0,
      );
    const zero = () => ({ dropped: 0, replaced: 0, placeholder: 0 });
    const totals = { name: zero(), 'free-text': zero() };
    for (const field of fields) totals[field.sensitivity][field.action] += field.count;
    const byKind = Object.fromEntries(
      IdKind.options.map((kind) => [
        kind,
        {
          distinct: this.pseudonyms.get(kind)?.size ?? 0,
          references: this.references.get(kind) ?? 0,
        },
      ]),
    ) as Record<IdKind, { distinct: number; references: number }>;
    return {
      fields,
      totals,
      ids: { pseudonymized: this.pseudonymize !== undefined, byKind, derived: this.derived },
      dates: {
        shiftDays: this.shiftDays,
        dates: this.dates,
        dateTimes: this.dateTimes,
        weekdaysKept: this.shiftDays % 7 === 0,
      },
    };
  }
}

function unsupported(walk: Walk, pattern: string): Unsupported {
  walk.problem(
    'unsupported-schema',
    [],
    `the schema at ${pattern === '' ? '(root)' : pattern} has a form de-identification cannot walk`,
  );
  return new Unsupported();
}

function accepts(schema: Schema, value: unknown): boolean {
  return z.safeParse(schema, value).success;
}

function isRecordValue(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own key, so that a key such as `__proto__` stays an ordinary key. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A sensitive node's value: a string, a list of strings, or nothing. */
function walkSensitive(
  walk: Walk,
  sensitivity: Sensitivity,
  value: unknown,
  pattern: string,
): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return walk.sensitive(sensitivity, value, pattern);
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value as readonly unknown[]) {
      const result = walkSensitive(walk, sensitivity, item, `${pattern}[]`);
      if (result instanceof Unsupported) return result;
      if (result instanceof Dropped) walk.count(`${pattern}[]`, sensitivity, 'dropped');
      else kept.push(result);
    }
    return kept;
  }
  return unsupported(walk, pattern);
}

/**
 * Walks a schema together with a value it accepted and builds the de-identified copy. Returns
 * {@link Dropped} for a sensitive string to be removed (the parent decides how) and
 * {@link Unsupported} when it cannot go on.
 */
function walkValue(walk: Walk, schema: Schema, value: unknown, pattern: string): unknown {
  const mark = ownSensitivity(schema);
  if (mark !== undefined) return walkSensitive(walk, mark, value, pattern);
  const typed = schema as z.core.$ZodTypes;
  const def = typed._zod.def;
  if (LEAF_TYPES.has(def.type)) return value;
  if (WRAPPER_TYPES.has(def.type)) {
    if (value === undefined || value === null) return value;
    return walkValue(walk, (def as { innerType: Schema }).innerType, value, pattern);
  }
  switch (def.type) {
    case 'string': {
      if (typeof value !== 'string') return unsupported(walk, pattern);
      const role = stringRole(schema);
      switch (role.role) {
        case 'id':
          return walk.pseudonym(role.kind, value);
        case 'flag-id':
          return walk.flagId(value, pattern);
        case 'date':
        case 'date-time':
          return walk.shift(schema, value, role.role, pattern);
        case 'plain':
          return value;
      }
      break;
    }
    case 'object':
      return walkObject(walk, typed as z.core.$ZodObject, value, pattern);
    case 'array':
      return walkArray(walk, typed as z.core.$ZodArray, value, pattern);
    case 'record':
      return walkRecord(walk, typed as z.core.$ZodRecord, value, pattern);
    case 'pipe':
      return walkValue(walk, pipeTarget(typed as z.core.$ZodPipe), value, pattern);
    case 'union': {
      const option = unionOption(typed as z.core.$ZodUnion, value);
      return option === undefined
        ? unsupported(walk, pattern)
        : walkValue(walk, option, value, pattern);
    }
    default:
      break;
  }
  return unsupported(walk, pattern);
}

function walkObject(
  walk: Walk,
  schema: z.core.$ZodObject,
  value: unknown,
  pattern: string,
): unknown {
  if (!isRecordValue(value)) return unsupported(walk, pattern);
  const { shape } = schema._zod.def;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    // A strict schema accepted the value, so every key is known; anything else is not walked.
    if (field === undefined) return unsupported(walk, joinPattern(pattern, '?'));
    const path = joinPattern(pattern, key);
    const child = walkValue(walk, field, value[key], path);
    if (child instanceof Unsupported) return child;
    if (child instanceof Dropped) {
      if (accepts(field, undefined)) {
        walk.count(path, child.sensitivity, 'dropped');
        continue;
      }
      if (accepts(field, null)) {
        walk.count(path, child.sensitivity, 'dropped');
        setKey(result, key, null);
        continue;
      }
      setKey(result, key, walk.placeholder(child, path));
      continue;
    }
    setKey(result, key, child);
  }
  return result;
}

function walkArray(walk: Walk, schema: z.core.$ZodArray, value: unknown, pattern: string): unknown {
  if (!Array.isArray(value)) return unsupported(walk, pattern);
  const path = `${pattern}[]`;
  const element = schema._zod.def.element;
  const items: unknown[] = [];
  for (const item of value as readonly unknown[]) {
    const child = walkValue(walk, element, item, path);
    if (child instanceof Unsupported) return child;
    items.push(child);
  }
  const droppable =
    items.filter((item) => !(item instanceof Dropped)).length >= minimumLength(schema);
  return items.flatMap((item) => {
    if (!(item instanceof Dropped)) return [item];
    if (droppable) {
      walk.count(path, item.sensitivity, 'dropped');
      return [];
    }
    return [walk.placeholder(item, path)];
  });
}

function walkRecord(
  walk: Walk,
  schema: z.core.$ZodRecord,
  value: unknown,
  pattern: string,
): unknown {
  if (!isRecordValue(value)) return unsupported(walk, pattern);
  const { keyType, valueType } = schema._zod.def;
  const path = joinPattern(pattern, '*');
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const newKey = walkValue(walk, keyType, key, `${pattern}{key}`);
    if (newKey instanceof Unsupported) return newKey;
    if (typeof newKey !== 'string') return unsupported(walk, `${pattern}{key}`);
    let child = walkValue(walk, valueType, value[key], path);
    if (child instanceof Unsupported) return child;
    if (child instanceof Dropped) child = walk.placeholder(child, path);
    // Two keys can only meet when two ids got one pseudonym, which is reported as a collision.
    if (Object.hasOwn(result, newKey)) continue;
    setKey(result, newKey, child);
  }
  return result;
}

/** Walks one root value; `undefined` when the walk had to stop. */
function walkRoot(walk: Walk, schema: Schema, value: unknown, pattern: string): unknown {
  const result = walkValue(walk, schema, value, pattern);
  if (result instanceof Unsupported) return undefined;
  if (result instanceof Dropped) return walk.placeholder(result, pattern);
  return result;
}

function readOptions(
  options: unknown,
): Result<z.output<typeof DeidentifyOptions>, ValidationError> {
  return parseAt(DeidentifyOptions, options ?? {}, ['options']);
}

/**
 * De-identifies a course: drops or replaces every field its schema marks sensitive (names and
 * free text, found by walking the schema with the value, so a field marked later is covered
 * too), replaces ids with the caller's pseudonyms (every reference alike: inventory keys, circle
 * placements, foci, timeline, communication analyses, measures, risk flags, who acknowledged
 * them), and moves every date and date-time by the same number of days. The result is a valid
 * course (it is checked) with the same sessions, phases, scores and intervals, so outcomes and
 * cohort summaries come out the same. No clock, no randomness, no logging.
 *
 * Errors (a {@link ValidationError}): schema issues at `['course', ...]` and `['options', ...]`;
 * `invalid-pseudonym`, `pseudonym-collision`, `pseudonymize-failed` and `unrecognized-flag-id`
 * at `['options', 'pseudonymize']`; `date-out-of-range` at `['options', 'shiftDays']`;
 * `invalid-result` (at `['result', ...]`) if the output did not validate, which would be a bug.
 * Messages name kinds and path patterns, never a value.
 * @param course - A course (outside data: it is validated).
 * @param options - What to do (see {@link DeidentifyOptions}).
 * @returns The de-identified course and a {@link DeidentifyReport}, deeply frozen.
 * @example
 * ```ts
 * const result = deidentify(course, {
 *   names: 'replace',
 *   freeText: 'drop',
 *   pseudonymize: (id, kind) => `${kind[0]}-${hmacHex(key, `${kind}:${id}`).slice(0, 24)}`,
 *   shiftDays: -137,
 * });
 * if (result.ok) save(result.value.course);
 * ```
 * @category Privacy
 */
export function deidentify(
  course: unknown,
  options: DeidentifyOptions = {},
): Result<DeidentifiedCourse, ValidationError> {
  const checked = readOptions(options);
  if (!checked.ok) return checked;
  const parsed = parseAt(Course, course, ['course']);
  if (!parsed.ok) return parsed;
  const walk = new Walk(checked.value);
  const output = walkRoot(walk, Course, parsed.value, '');
  if (walk.problems.length > 0 || output === undefined) {
    return err(validationError(walk.problems));
  }
  const result = Course.safeParse(output, { reportInput: false });
  if (!result.success) return invalidResult(result.error, ['result']);
  return ok(deepFreeze({ course: result.data, report: walk.report() }));
}

/**
 * De-identifies a stored event stream the same way {@link deidentify} does a course, with one
 * set of labels and pseudonyms for the whole stream: a person keeps one pseudonym in every event,
 * and a text that comes back (a label repeated in an update) gets the same neutral label. A
 * stream that replays still replays, to the de-identified course (up to the numbering of the
 * neutral labels, which follows the order texts are met in).
 *
 * Errors: as {@link deidentify}, with schema issues at `['events', index, ...]` (the stream must
 * be a list of at most 1,000,000 valid events; the rules between events are `replay`'s job).
 * @param events - The stream (outside data: each event is validated).
 * @param options - What to do (see {@link DeidentifyOptions}).
 * @returns The de-identified events and a {@link DeidentifyReport}, deeply frozen.
 * @category Privacy
 */
export function deidentifyEvents(
  events: unknown,
  options: DeidentifyOptions = {},
): Result<DeidentifiedEvents, ValidationError> {
  const checked = readOptions(options);
  if (!checked.ok) return checked;
  const parsed = parseEvents(events);
  if (!parsed.ok) return parsed;
  const walk = new Walk(checked.value);
  const output: unknown[] = [];
  for (const event of parsed.value) {
    const result = walkRoot(walk, CourseEvent, event, event.type);
    if (result === undefined) break;
    output.push(result);
  }
  if (walk.problems.length > 0) return err(validationError(walk.problems));
  const revalidated: CourseEvent[] = [];
  for (const [index, event] of output.entries()) {
    const result = CourseEvent.safeParse(event, { reportInput: false });
    if (!result.success) return invalidResult(result.error, ['result', index]);
    revalidated.push(result.data);
  }
  return ok(deepFreeze({ events: revalidated, report: walk.report() }));
}

function parseEvents(events: unknown): Result<CourseEvent[], ValidationError> {
  if (!Array.isArray(events)) {
    return err(validationError([issue('invalid-type', ['events'], 'expected a list of events')]));
  }
  let length: number;
  try {
    length = events.length;
  } catch {
    return err(
      validationError([issue('unreadable-input', ['events'], 'the input could not be read')]),
    );
  }
  if (length > MAX_EVENTS) {
    return err(
      validationError([issue('too-big', ['events'], `must have at most ${MAX_EVENTS} events`)]),
    );
  }
  const parsed: CourseEvent[] = [];
  const found: Issue[] = [];
  for (let index = 0; index < length; index += 1) {
    let raw: unknown;
    try {
      raw = (events as readonly unknown[])[index];
    } catch {
      found.push(issue('unreadable-input', ['events', index], 'the event could not be read'));
      continue;
    }
    const result = parseAt(CourseEvent, raw, ['events', index]);
    if (result.ok) parsed.push(result.value);
    else found.push(...result.error.issues);
    if (found.length >= 100) break;
  }
  return found.length > 0 ? err(validationError(found)) : ok(parsed);
}

function invalidResult(error: z.ZodError, prefix: IssuePath): Result<never, ValidationError> {
  return err(
    validationError(
      issuesFromZod(error, prefix).map((found) =>
        issue(
          'invalid-result',
          found.path,
          `the de-identified value ${found.message} (${found.code})`,
        ),
      ),
    ),
  );
}
