/**
 * Plain copies of outside data for fast paths that check a value once and must not read it again:
 * the copy holds exactly what a schema would read (own keys, values read once), or there is no
 * copy and the caller leaves the value to the schema.
 */
import type { InputLimits } from './limits.js';

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

/**
 * What each standard property of `Object.prototype` held when this module loaded: its value, or
 * its getter and setter (`__proto__`).
 */
const STANDARD_PARTS: ReadonlyMap<string, readonly unknown[]> = new Map(
  Object.getOwnPropertyNames(Object.prototype)
    .filter((name) => STANDARD_OBJECT_NAMES.has(name))
    .map((name) => [name, partsOf(Object.getOwnPropertyDescriptor(Object.prototype, name))]),
);

function partsOf(descriptor: PropertyDescriptor | undefined): readonly unknown[] {
  if (descriptor === undefined) return [];
  // Read as data: the getter and setter are compared, never called.
  const { value, get, set, enumerable } = descriptor as Readonly<Record<string, unknown>>;
  return [value, get, set, enumerable];
}

/**
 * Whether `Object.prototype` carries only its standard properties, holding what they held when
 * iptkit loaded: a schema reading a key an object lacks then finds nothing there, and zod's test
 * of a plain object (which reads `constructor`) answers as for any JSON object.
 * @internal
 */
export function prototypeIsStandard(): boolean {
  const names = Object.getOwnPropertyNames(Object.prototype);
  if (names.length > STANDARD_OBJECT_NAMES.size) return false;
  for (const name of names) {
    const expected = STANDARD_PARTS.get(name);
    if (expected === undefined) return false;
    const found = partsOf(Object.getOwnPropertyDescriptor(Object.prototype, name));
    for (let index = 0; index < expected.length; index += 1) {
      if (found[index] !== expected[index]) return false;
    }
  }
  return true;
}

/** Bounds on a copy: a value beyond any of them gets no copy. */
export interface PlainCopyLimits {
  /** The deepest nesting of arrays and objects (the value itself is level 1). */
  readonly maxNesting: number;
  /** The longest string or key (default: no bound). */
  readonly maxStringLength?: number;
  /** The most items in one array (default: no bound). */
  readonly maxArrayLength?: number;
  /** The most keys in one object (default: no bound). */
  readonly maxObjectKeys?: number;
  /** The most values in all, the value itself included (default: no bound). */
  readonly maxTotalNodes?: number;
}

/**
 * The bounds of a copy that size limits allow (nesting as deep as the depth limit).
 * @param limits - Resolved size limits.
 * @param maxArrayLength - The longest list, when not the limits' own (an event stream's).
 * @returns The bounds.
 * @internal
 */
export function plainCopyLimits(
  limits: InputLimits,
  maxArrayLength = limits.maxArrayLength,
): PlainCopyLimits {
  return {
    maxNesting: limits.maxDepth,
    maxStringLength: limits.maxStringLength,
    maxArrayLength,
    maxObjectKeys: limits.maxObjectKeys,
    maxTotalNodes: limits.maxTotalNodes,
  };
}

/**
 * A plain copy of JSON-like input, each value read once, or `undefined` when the input is not
 * plain data or is beyond a limit. Plain data: objects whose prototype is `Object.prototype` and
 * whose own property names are all enumerable string keys other than `__proto__`, arrays (read by
 * index, as schemas read them), strings, numbers, booleans and null. Anything else (another
 * prototype, a hidden or symbol key, `undefined`, a function) gives `undefined`. May throw
 * whatever reading the input throws (a getter, a revoked proxy).
 * @param input - Untrusted input.
 * @param limits - Bounds on the copy.
 * @returns The copy, or `undefined`.
 * @internal
 */
export function plainCopy(input: unknown, limits: PlainCopyLimits): unknown {
  const state = { nodes: 0 };
  return copyOf(input, 1, limits, state);
}

function copyOf(
  input: unknown,
  level: number,
  limits: PlainCopyLimits,
  state: { nodes: number },
): unknown {
  state.nodes += 1;
  if (limits.maxTotalNodes !== undefined && state.nodes > limits.maxTotalNodes) return undefined;
  if (typeof input === 'string') {
    return limits.maxStringLength !== undefined && input.length > limits.maxStringLength
      ? undefined
      : input;
  }
  if (typeof input === 'number' || typeof input === 'boolean' || input === null) return input;
  if (typeof input !== 'object') return undefined;
  if (level > limits.maxNesting) return undefined;
  if (Array.isArray(input)) {
    const length = input.length;
    if (limits.maxArrayLength !== undefined && length > limits.maxArrayLength) return undefined;
    const copy: unknown[] = [];
    for (let index = 0; index < length; index += 1) {
      const item = copyOf(input[index], level + 1, limits, state);
      if (item === undefined) return undefined;
      copy.push(item);
    }
    return copy;
  }
  if (Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const keys = Object.keys(input);
  if (Object.getOwnPropertyNames(input).length !== keys.length) return undefined;
  if (Object.getOwnPropertySymbols(input).length > 0) return undefined;
  if (limits.maxObjectKeys !== undefined && keys.length > limits.maxObjectKeys) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // An own `__proto__` key (JSON.parse makes one) would set the copy's prototype instead.
    if (key === '__proto__') return undefined;
    if (limits.maxStringLength !== undefined && key.length > limits.maxStringLength) {
      return undefined;
    }
    const value = copyOf((input as Record<string, unknown>)[key], level + 1, limits, state);
    if (value === undefined) return undefined;
    copy[key] = value;
  }
  return copy;
}
