import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { generatedCodeAllowed } from '../internal/acceptor-jit.js';
import { plainCopy, prototypeIsStandard } from '../internal/plain-copy.js';
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

/**
 * The deepest nesting of arrays and objects in a remembered protocol input (the protocol object
 * itself is level 1): a deeper input is left to the schema, never remembered.
 * @internal
 */
export const MAX_REMEMBERED_NESTING = 9;

/** How many distinct protocols (by id) are remembered; the oldest is forgotten first. */
const MAX_REMEMBERED = 8;

interface Remembered {
  /** A plain copy of the input that validated (never handed out). */
  readonly input: Readonly<Record<string, unknown>>;
  /**
   * {@link sameData} against `input`, compiled for it where the platform allows, for input
   * straight from `JSON.parse` (see {@link sameDataAs}).
   */
  readonly sameJson: (input: unknown) => boolean;
  /** What the schema made of it, deeply frozen (shared by every course that uses it). */
  readonly protocol: DeepReadonly<Protocol>;
}

const remembered = new Map<string, Remembered>();

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
 * {@link sameData} with `known` fixed, written out as one generated function where the platform
 * allows it (see internal/acceptor-jit.ts): the remembered protocol is compared on every line of
 * a cohort file, and the generic walk spends most of its time listing keys. The generated text
 * holds only indexes into a table of the known values and property names as JSON string literals
 * (the names of a protocol that validated). It answers as {@link sameData} for input straight
 * from `JSON.parse` (and only such input may be given to it): it counts an object's keys with
 * `for...in` where {@link sameData} counts every own name, which is the same for parsed objects
 * (they have no hidden keys) and cheaper.
 * @param known - A plain copy made by {@link plainCopy}.
 * @returns A test of input against it.
 */
function sameDataAs(known: unknown): (input: unknown) => boolean {
  const generic = (input: unknown) => sameData(input, known);
  if (!generatedCodeAllowed()) return generic;
  const constants: unknown[] = [];
  let counter = 0;
  const fresh = () => `a${String((counter += 1))}`;
  const constant = (value: unknown) => {
    constants.push(value);
    return `k[${String(constants.length - 1)}]`;
  };
  const emit = (value: unknown, v: string): string => {
    if (typeof value !== 'object' || value === null) {
      // Strict equality is Object.is for everything a validated protocol holds but zero (-0).
      return value === 0
        ? `if(!Object.is(${v},${constant(value)}))return false;`
        : `if(${v}!==${constant(value)})return false;`;
    }
    if (Array.isArray(value)) {
      let code = `if(!Array.isArray(${v})||${v}.length!==${String(value.length)})return false;`;
      value.forEach((item, index) => {
        const name = fresh();
        code += `{const ${name}=${v}[${String(index)}];${emit(item, name)}}`;
      });
      return code;
    }
    const keys = Object.keys(value);
    const count = fresh();
    const key = fresh();
    let code =
      `if(typeof ${v}!=="object"||${v}===null||Object.getPrototypeOf(${v})!==Object.prototype)return false;` +
      `{let ${count}=0;for(const ${key} in ${v})${count}+=1;if(${count}!==${String(keys.length)})return false;}`;
    for (const name of keys) {
      // An inherited value could only come from a standard Object.prototype (the caller checks
      // that it is one): a function, equal to no value of a protocol.
      const field = fresh();
      code += `{const ${field}=${v}[${JSON.stringify(name)}];${emit((value as Record<string, unknown>)[name], field)}}`;
    }
    return code;
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiling a comparison with a protocol iptkit validated (see above)
    const factory = new Function(
      'k',
      `return function same(v){${emit(known, 'v')}return true;};`,
    ) as (table: unknown[]) => (input: unknown) => boolean;
    return factory(constants);
  } catch {
    return generic;
  }
}

/**
 * The validated, deeply frozen protocol for a protocol input, or `undefined` when the input does
 * not validate or is not plain data; the caller then validates it with the full schema as usual
 * (which finds the same verdict, and reports the issues). A remembered protocol is shared by every
 * course that embeds an equal one: it is frozen, and nothing in iptkit changes a course's protocol.
 * May throw whatever reading the input throws (a getter, a revoked proxy), like the schema would.
 * @param input - The protocol as stored (untrusted).
 * @param fromJson - The input comes straight from the caller's own `JSON.parse` (a quicker
 *   comparison is then enough).
 * @param prototypeChecked - The caller has just found `Object.prototype` standard
 *   (`prototypeIsStandard`), and no code but iptkit's has run since: the check is not repeated.
 * @returns The protocol as the {@link Protocol} schema outputs it, or `undefined`.
 * @internal
 */
export function rememberedProtocol(
  input: unknown,
  fromJson = false,
  prototypeChecked = false,
): DeepReadonly<Protocol> | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const id = (input as { id?: unknown }).id;
  if (typeof id !== 'string' || (!prototypeChecked && !prototypeIsStandard())) return undefined;
  const known = remembered.get(id);
  if (known !== undefined && (fromJson ? known.sameJson(input) : sameData(input, known.input))) {
    return known.protocol;
  }

  const copy = plainCopy(input, { maxNesting: MAX_REMEMBERED_NESTING });
  if (copy === undefined) return undefined;
  const parsed = Protocol.safeParse(copy, { reportInput: false });
  if (!parsed.success) return undefined;
  const protocol = deepFreeze(parsed.data);
  remembered.delete(id);
  if (remembered.size >= MAX_REMEMBERED) {
    const oldest = remembered.keys().next();
    if (oldest.done !== true) remembered.delete(oldest.value);
  }
  remembered.set(id, {
    input: copy as Record<string, unknown>,
    sameJson: sameDataAs(copy),
    protocol,
  });
  return protocol;
}
