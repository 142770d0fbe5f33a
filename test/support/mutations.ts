/**
 * Mutations of JSON documents for differential tests: every node of a document can be deleted,
 * replaced by a value of another type, pushed out of range, given a bad date, a bad enum value, a
 * string just over (or, with whitespace around it, just within) a length limit, an unknown key, a
 * key that is not an id, and so on. Each mutation returns a changed deep copy.
 */

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/** Where a node is: keys and indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** One change to a document. */
export interface Mutation {
  readonly path: JsonPath;
  readonly kind: string;
  readonly apply: (document: Json) => Json;
}

/** Copies a value as JSON (what a file or a network would carry). */
export function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function isArray(value: Json | undefined): value is readonly Json[] {
  return Array.isArray(value);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !isArray(value);
}

/** Every path in a document, the root first, skipping the subtrees `skip` says to. */
export function pathsOf(
  document: Json,
  skip: (path: JsonPath) => boolean = () => false,
): JsonPath[] {
  const found: JsonPath[] = [];
  const walk = (value: Json, path: JsonPath) => {
    if (skip(path)) return;
    found.push(path);
    if (isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    } else if (isObject(value))
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(document, []);
  return found;
}

/** The node at a path. */
export function valueAt(document: Json, path: JsonPath): Json | undefined {
  let current: Json | undefined = document;
  for (const segment of path) {
    if (isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && typeof segment === 'string') {
      const record: JsonObject = current;
      current = Object.hasOwn(record, segment) ? record[segment] : undefined;
    } else return undefined;
  }
  return current;
}

const DELETE = Symbol('delete');

/** A deep copy of the document with the node at `path` replaced (or deleted). */
function changedAt(document: Json, path: JsonPath, replacement: Json | typeof DELETE): Json {
  if (path.length === 0) return replacement === DELETE ? null : structuredClone(replacement);
  const copy = structuredClone(document);
  let parent: unknown = copy;
  for (const segment of path.slice(0, -1))
    parent = (parent as Record<string | number, unknown>)[segment];
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (replacement === DELETE) parent.splice(last as number, 1);
    else parent[last as number] = structuredClone(replacement);
  } else {
    const record = parent as Record<string, unknown>;
    if (replacement === DELETE) Reflect.deleteProperty(record, last);
    else
      Object.defineProperty(record, last, {
        value: structuredClone(replacement),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return copy;
}

/** Length limits used across iptkit's schemas: each is tried at, just over and padded. */
const LENGTHS = [40, 64, 80, 100, 120, 128, 200, 300, 500, 1000, 2000, 4000];

const DATES = [
  '2026-03-02',
  '2024-02-29',
  '2026-02-29',
  '1900-02-29',
  '2000-02-29',
  '0000-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-1-5',
  '20260302',
  '\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0662',
];

const DATE_TIMES = [
  '2026-03-02T14:30:00Z',
  '2026-03-02T14:30:00.123+01:00',
  '2026-03-02T23:59:59-12:00',
  '2026-03-02T14:30:00',
  '2026-03-02 14:30:00Z',
  '2026-03-02t14:30:00z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T14:30:00+0100',
  '2026-03-02T14:30:00+01',
  '2026-03-02T14:30:60Z',
  '2026-03-02T14:30Z',
  '2026-02-30T10:00:00Z',
];

const WORDS = [
  'ipt',
  'phq-9',
  'gad-7',
  'weekly',
  'grief',
  'attended',
  'initial',
  'middle',
  'client',
  'loss',
  'sum',
  'reject',
  'd_z',
  'p1',
  'item9',
  'LA6568-5',
  '44249-1',
  'iptkit/course-events',
  'iptkit/course-snapshot',
  'iptkit/nothing',
  'bad id',
  '-lead',
  'Zz',
  'x'.repeat(128),
  'x'.repeat(129),
];

const TYPE_SAMPLES: readonly Json[] = [null, true, 7, 1.5, 'x', [], {}];

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function stringVariants(value: string): string[] {
  const variants = [
    '',
    ' ',
    '\t \u00a0\u3000',
    ` ${value} `,
    `\u3000${value}\ufeff`,
    `${value}\n`,
    `${value}x`,
    value.slice(1),
    value.toUpperCase(),
    ...WORDS,
  ];
  // Dates and date-times replace values that look like one (elsewhere they are just more text).
  if (/^\d{4}-\d\d-\d\d/.test(value)) variants.push(...DATES, ...DATE_TIMES);
  for (const length of LENGTHS) {
    variants.push('y'.repeat(length), 'y'.repeat(length + 1), `  ${'y'.repeat(length)}\n `);
  }
  return variants;
}

function numberVariants(value: number): number[] {
  return [value + 1, value - 1, -value - 1, value + 0.5, 0, -1, 1e9, -1e9, 2 ** 53, 0.95, 1];
}

/** Every mutation of the node at `path`. */
export function mutationsAt(document: Json, path: JsonPath): Mutation[] {
  const value = valueAt(document, path);
  if (value === undefined) return [];
  const found: Mutation[] = [];
  const replace = (kind: string, replacement: Json) =>
    found.push({ path, kind, apply: (doc) => changedAt(doc, path, replacement) });
  const parent = valueAt(document, path.slice(0, -1));
  if (path.length > 0 && isObject(parent)) {
    found.push({ path, kind: 'delete-key', apply: (doc) => changedAt(doc, path, DELETE) });
  }
  if (path.length > 0 && isArray(parent)) {
    found.push({ path, kind: 'remove-item', apply: (doc) => changedAt(doc, path, DELETE) });
  }
  const type = jsonType(value);
  for (const sample of TYPE_SAMPLES) {
    if (jsonType(sample) !== type) replace(`type-${jsonType(sample)}`, sample);
  }
  if (typeof value === 'number') {
    for (const variant of numberVariants(value)) replace(`number-${variant}`, variant);
  } else if (typeof value === 'string') {
    for (const variant of stringVariants(value)) replace('string', variant);
  } else if (typeof value === 'boolean') {
    replace('boolean-flip', !value);
    replace('boolean-text', String(value));
  } else if (isArray(value)) {
    const items = value;
    replace('array-empty', []);
    replace('array-null-item', [...items, null]);
    if (items.length > 0) {
      replace('array-duplicate', [...items, items[0]!]);
      replace('array-double', [...items, ...items]);
    }
    if (items.length > 1) replace('array-reversed', [...items].reverse());
  } else if (isObject(value)) {
    const entries = Object.entries(value);
    replace('object-empty', {});
    replace('object-unknown-key', { ...value, zzUnknown: 1 });
    const first = entries[0];
    replace('object-id-key', { ...value, zz1: first === undefined ? 1 : first[1] });
    if (first !== undefined) {
      const rest = Object.fromEntries(entries.slice(1));
      replace('object-key-not-an-id', { ...rest, 'not an id!': first[1] });
      replace('object-key-renamed', { ...rest, zz2: first[1] });
    }
  }
  return found;
}

/** Every mutation of every node (outside skipped subtrees). */
export function allMutations(
  document: Json,
  skip: (path: JsonPath) => boolean = () => false,
): Mutation[] {
  return pathsOf(document, skip).flatMap((path) => mutationsAt(document, path));
}

// ------------------------------------------------------------------------------------------------
// Hostile mutations (for the fuzz suite): values no JSON file carries but a JavaScript caller can
// pass, keys that pollute prototypes, text that is not valid UTF-16, and sizes past every limit.
// ------------------------------------------------------------------------------------------------

/** A change to a document that may leave JSON (NaN, -0, a huge array...). */
export interface HostileMutation {
  readonly path: JsonPath;
  readonly kind: string;
  readonly apply: (document: Json) => unknown;
}

/** Replaces the node at `path` (the root for `[]`) in a deep copy, without going through JSON. */
function replacedAt(document: Json, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(document) as unknown;
  let parent: unknown = copy;
  for (const segment of path.slice(0, -1))
    parent = (parent as Record<string | number, unknown>)[segment];
  Object.defineProperty(parent, path[path.length - 1]!, {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Adds an own key (even `__proto__`) to the object at `path`, in a deep copy. */
function withKeyAt(document: Json, path: JsonPath, key: string, value: unknown): unknown {
  const copy = structuredClone(document) as unknown;
  let target: unknown = copy;
  for (const segment of path) target = (target as Record<string | number, unknown>)[segment];
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** The size past which iptkit's default limits refuse a string or an array (see limits.ts). */
export const HUGE = 100_001;

/** Every hostile mutation of the node at `path`. */
export function hostileMutationsAt(document: Json, path: JsonPath): HostileMutation[] {
  const value = valueAt(document, path);
  if (value === undefined) return [];
  const found: HostileMutation[] = [];
  const replace = (kind: string, replacement: () => unknown) =>
    found.push({ path, kind, apply: (doc) => replacedAt(doc, path, replacement()) });
  if (typeof value === 'number') {
    for (const odd of [Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 2, 5e-324]) {
      replace(`number-${String(odd)}`, () => odd);
    }
    replace('number-bigint', () => BigInt(Math.trunc(value)));
    replace('number-boxed', () => Object(value) as unknown);
  } else if (typeof value === 'string') {
    for (const odd of ['\uD800', `${value}\uDFFF`, `\uDC00${value}`, '\u0000', '__proto__']) {
      replace('string-odd', () => odd);
    }
    replace('string-boxed', () => Object(value) as unknown);
    replace('string-huge', () => 'y'.repeat(HUGE));
  } else if (isArray(value)) {
    replace('array-sparse', () => {
      const sparse: unknown[] = [...value];
      sparse.length += 3;
      return sparse;
    });
    replace('array-huge', () => new Array<unknown>(HUGE).fill(0));
    replace('array-typed', () => new Uint8Array(value.length));
    replace('array-set', () => new Set(value));
  } else if (isObject(value)) {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      found.push({
        path,
        kind: `key-${key}`,
        apply: (doc) => withKeyAt(doc, path, key, { polluted: 'yes' }),
      });
    }
    replace('object-null-prototype', () =>
      Object.assign(Object.create(null) as Record<string, unknown>, value),
    );
    replace('object-map', () => new Map(Object.entries(value)));
    replace('object-date', () => new Date(0));
  }
  replace('undefined', () => undefined);
  return found;
}

/**
 * One mutation of a document, picked by two numbers (as a generator draws them): the node is
 * `pick` among all paths, the change `choice` among the ordinary and hostile mutations there.
 * @returns The changed copy and what was done.
 */
export function oneMutation(
  document: Json,
  pick: number,
  choice: number,
): { readonly value: unknown; readonly kind: string; readonly path: JsonPath } {
  const paths = pathsOf(document);
  const path = paths[pick % paths.length] ?? [];
  const options: (Mutation | HostileMutation)[] = [
    ...mutationsAt(document, path),
    ...hostileMutationsAt(document, path),
  ];
  const mutation = options[choice % options.length];
  if (mutation === undefined) return { value: document, kind: 'none', path };
  return { value: mutation.apply(document), kind: mutation.kind, path };
}
