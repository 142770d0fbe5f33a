import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { Protocol } from '../protocol/protocol-schema.js';

/*
 * Every stored course embeds its whole protocol (in its `course-started` event or its snapshot),
 * and a cohort file repeats the same few protocols on every line. Validating one costs more than
 * a dozen ordinary events (a large strict object, trimmed strings, a cross-field refinement), so
 * replay and the NDJSON summary remember the last protocols that validated, as plain copies of
 * their input, and accept an input equal to one of them without running the schema again.
 *
 * The schema is a pure function of the data it reads, so a protocol equal to one that validated
 * validates to the same value: the memo changes the cost, never the verdict. "Equal" is judged
 * the way the schema reads its input, and anything it could read differently is left to the
 * schema: each object must have `Object.prototype` as its prototype and exactly the own property
 * names of the remembered one (so no hidden or extra keys), and `Object.prototype` must carry only
 * its standard properties (so no key the schema would find through the prototype chain). Values
 * are compared with `Object.is`. A miss costs one copy of the input on top of the validation.
 */

/** How many distinct protocols (by id) are remembered; the oldest is forgotten first. */
const MAX_REMEMBERED = 8;

/** The own property names of an unpolluted `Object.prototype` (any host). */
const STANDARD_OBJECT_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'hasOwnProperty',
  '__lookupGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  '__proto__',
  'toLocaleString',
]);

interface Remembered {
  /** A plain copy of the input that validated (never handed out). */
  readonly input: Readonly<Record<string, unknown>>;
  /** What the schema made of it, deeply frozen (shared by every course that uses it). */
  readonly protocol: DeepReadonly<Protocol>;
}

const remembered = new Map<string, Remembered>();

function prototypeIsStandard(): boolean {
  const names = Object.getOwnPropertyNames(Object.prototype);
  return (
    names.length <= STANDARD_OBJECT_NAMES.size &&
    names.every((name) => STANDARD_OBJECT_NAMES.has(name))
  );
}

/**
 * Whether `input` holds, as the schema reads it, the same data as the plain copy `known`.
 * @param input - Untrusted input.
 * @param known - A plain copy made by {@link plainCopy}.
 */
function sameData(input: unknown, known: unknown): boolean {
  if (typeof known !== 'object' || known === null) return Object.is(input, known);
  if (typeof input !== 'object' || input === null) return false;
  if (Array.isArray(known)) {
    if (!Array.isArray(input) || input.length !== known.length) return false;
    for (let index = 0; index < known.length; index += 1) {
      if (!sameData(input[index], known[index])) return false;
    }
    return true;
  }
  if (Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return false;
  const keys = Object.keys(known);
  if (Object.getOwnPropertyNames(input).length !== keys.length) return false;
  const record = input as Record<string, unknown>;
  const knownRecord = known as Record<string, unknown>;
  for (const key of keys) {
    if (!Object.hasOwn(record, key) || !sameData(record[key], knownRecord[key])) return false;
  }
  return true;
}

/**
 * A plain copy of JSON-like input (each value read once), or `undefined` when the input is not
 * plain data (another prototype, a hidden key, a value that is not JSON), which the memo leaves to
 * the schema.
 */
function plainCopy(input: unknown, depth: number): unknown {
  if (typeof input !== 'object' || input === null) {
    return typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean'
      ? input
      : input === null
        ? null
        : undefined;
  }
  if (depth > 8) return undefined;
  if (Array.isArray(input)) {
    const copy: unknown[] = [];
    // By index, as the schema reads an array (an iterator could be replaced).
    // eslint-disable-next-line @typescript-eslint/prefer-for-of
    for (let index = 0; index < input.length; index += 1) {
      const item = plainCopy(input[index], depth + 1);
      if (item === undefined) return undefined;
      copy.push(item);
    }
    return copy;
  }
  if (Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const keys = Object.keys(input);
  if (Object.getOwnPropertyNames(input).length !== keys.length) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const value = plainCopy((input as Record<string, unknown>)[key], depth + 1);
    if (value === undefined) return undefined;
    copy[key] = value;
  }
  return copy;
}

/**
 * The validated, deeply frozen protocol for a protocol input, or `undefined` when the input does
 * not validate or is not plain data; the caller then validates it with the full schema as usual
 * (which finds the same verdict, and reports the issues). A remembered protocol is shared by every
 * course that embeds an equal one: it is frozen, and nothing in iptkit changes a course's protocol.
 * May throw whatever reading the input throws (a getter, a revoked proxy), like the schema would.
 * @param input - The protocol as stored (untrusted).
 * @returns The protocol as the {@link Protocol} schema outputs it, or `undefined`.
 * @internal
 */
export function rememberedProtocol(input: unknown): DeepReadonly<Protocol> | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const id = (input as { id?: unknown }).id;
  if (typeof id !== 'string' || !prototypeIsStandard()) return undefined;
  const known = remembered.get(id);
  if (known !== undefined && sameData(input, known.input)) return known.protocol;

  const copy = plainCopy(input, 0);
  if (copy === undefined) return undefined;
  const parsed = Protocol.safeParse(copy, { reportInput: false });
  if (!parsed.success) return undefined;
  const protocol = deepFreeze(parsed.data);
  remembered.delete(id);
  if (remembered.size >= MAX_REMEMBERED) {
    const oldest = remembered.keys().next();
    if (oldest.done !== true) remembered.delete(oldest.value);
  }
  remembered.set(id, { input: copy as Record<string, unknown>, protocol });
  return protocol;
}
