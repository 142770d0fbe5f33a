import type * as z from 'zod';
import { compileJit, isPlainObject, type JitNode } from './acceptor-jit.js';

/**
 * A fast yes/no check derived from a zod schema: `true` only when parsing the value with the
 * schema would succeed AND give back a value equal to the input (same keys and values; zod's
 * output is a fresh copy, frozen where the schema says `readonly`). `false` means "not sure": the
 * value may be invalid, or valid but changed by parsing (trimmed, defaulted, stripped), or built
 * from schema kinds this module does not know. A caller then parses with the schema itself, which
 * stays the single source of truth for the verdict and the issues.
 *
 * It exists for hot loops over data iptkit did not write (the NDJSON reader replays every stored
 * event): zod builds a new object, a payload and an issue list for every node it visits, which
 * costs several times more than reading JSON. The acceptor allocates nothing on the way and runs
 * zod's own check functions (formats, lengths, bounds, refinements) on each value, so the rules
 * are those of the schema, not a second copy of them. Differential tests hold it to that.
 *
 * The value accepted is the input itself: callers must own it (for example, the result of their
 * own `JSON.parse`), since the caller's objects are not copied.
 */
export type Acceptor = (value: unknown) => boolean;

/** zod's internal schema object, as far as this module reads it (zod 4 core). */
type Node = JitNode;
type Def = JitNode['_zod']['def'];

interface Payload {
  value: unknown;
  issues: unknown[];
}

const REJECT: Acceptor = () => false;

const compiled = new WeakMap<object, Acceptor>();
const compiledWithoutJit = new WeakMap<object, Acceptor>();

/**
 * Options of {@link acceptorOf}.
 */
export interface AcceptorOptions {
  /**
   * Compile the checks into one generated function where the platform allows it (default true);
   * `false` keeps the closure version (the tests run both).
   */
  readonly jit?: boolean;
}

/**
 * The acceptor of a schema (built once per schema and kept).
 * @param schema - Any zod 4 schema.
 * @param options - Whether to compile generated code.
 * @returns A check that never throws.
 */
export function acceptorOf(schema: z.ZodType, options: AcceptorOptions = {}): Acceptor {
  const node = schema as unknown as Node;
  const jit = options.jit !== false;
  const cache = jit ? compiled : compiledWithoutJit;
  const known = cache.get(node);
  if (known !== undefined) return known;
  let inner: Acceptor;
  try {
    inner = (jit ? compileJit(node, genericCheck) : undefined) ?? compile(node, new Set());
  } catch {
    inner = REJECT;
  }
  const safe: Acceptor = (value) => {
    try {
      return inner(value);
    } catch {
      return false;
    }
  };
  cache.set(node, safe);
  return safe;
}

/** zod's own function of a check, run on a scratch payload: no issue and no change means yes. */
function genericCheck(check: Node): Acceptor {
  const run = check._zod.check;
  if (run === undefined) throw new Error('a check without a function');
  return (value) => {
    const payload: Payload = { value, issues: [] };
    const result = run(payload);
    return !(result instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
}

/** The checks zod runs on a node after its type: the node itself when it is a check, then its own. */
function checksOf(node: Node): readonly Node[] {
  const own = node._zod.def.checks ?? [];
  return node._zod.traits.has('$ZodCheck') ? [node, ...own] : own;
}

/**
 * A check as a predicate. The common kinds (lengths, bounds, patterns, safe integers, trims) are
 * read off the check's definition, each with the same comparison zod makes; where zod's answer
 * needs more work than a comparison (a length near its limit counted in code points) and for every
 * other kind, zod's own check function decides, on a scratch payload.
 */
function checkPredicate(check: Node): Acceptor {
  const generic = genericCheck(check);
  const def = check._zod.def;
  const traits = check._zod.traits;
  if (
    (traits.has('$ZodCheckRegex') || traits.has('$ZodISODate') || traits.has('$ZodISODateTime')) &&
    def.pattern instanceof RegExp
  ) {
    const pattern = def.pattern;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value as string);
    };
  }
  switch (def.check) {
    case 'max_length': {
      const maximum = def.maximum;
      if (typeof maximum !== 'number') return generic;
      return (value) => (value as { length: number }).length <= maximum || generic(value);
    }
    case 'min_length': {
      const minimum = def.minimum;
      if (typeof minimum !== 'number') return generic;
      // Twice the floor in UTF-16 units always clears it in code points too.
      return (value) => (value as { length: number }).length >= 2 * minimum || generic(value);
    }
    case 'greater_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return generic;
      return def.inclusive === true
        ? (value) => (value as number) >= bound
        : (value) => (value as number) > bound;
    }
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return generic;
      return def.inclusive === true
        ? (value) => (value as number) <= bound
        : (value) => (value as number) < bound;
    }
    case 'number_format':
      return def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : generic;
    case 'overwrite': {
      const transform = def.tx;
      if (typeof transform !== 'function') return generic;
      return (value) => transform(value) === value;
    }
    default:
      return generic;
  }
}

/** The type test followed by every check, as zod runs them (all must pass, none may change it). */
function withChecks(base: Acceptor, checks: readonly Node[]): Acceptor {
  if (checks.length === 0) return base;
  const predicates = checks.map(checkPredicate);
  if (predicates.length === 1) {
    const only = predicates[0] ?? REJECT;
    return (value) => base(value) && only(value);
  }
  return (value) => {
    if (!base(value)) return false;
    for (const predicate of predicates) if (!predicate(value)) return false;
    return true;
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compile(node: Node, visiting: Set<Node>): Acceptor {
  if (visiting.has(node)) return REJECT; // recursive schemas are left to zod
  visiting.add(node);
  try {
    return withChecks(compileType(node, visiting), checksOf(node));
  } finally {
    visiting.delete(node);
  }
}

function compileType(node: Node, visiting: Set<Node>): Acceptor {
  const def = node._zod.def;
  if (def.coerce === true) return REJECT;
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'unknown':
    case 'any':
      return () => true;
    case 'enum':
    case 'literal': {
      const values = node._zod.values;
      if (values === undefined) return REJECT;
      return (value) => values.has(value);
    }
    case 'optional': {
      const inner = innerOf(def.innerType, visiting);
      // An inner schema with a default fills an absent value in: not the input any more.
      if (def.innerType?._zod.optin === 'defaulted') {
        return (value) => value !== undefined && inner(value);
      }
      return (value) => value === undefined || inner(value);
    }
    case 'nullable': {
      const inner = innerOf(def.innerType, visiting);
      return (value) => value === null || inner(value);
    }
    case 'readonly':
    case 'default':
    case 'prefault': {
      // A default or prefault replaces `undefined`: only values given are accepted as they are.
      const inner = innerOf(def.innerType, visiting);
      return def.type === 'readonly' ? inner : (value) => value !== undefined && inner(value);
    }
    case 'array': {
      const element = innerOf(def.element, visiting);
      return (value) => {
        if (!Array.isArray(value)) return false;
        // A hole reads as `undefined`, as zod reads it.
        for (const item of value) if (!element(item)) return false;
        return true;
      };
    }
    case 'object':
      return compileObject(def, visiting);
    case 'union':
      return compileUnion(def, visiting);
    case 'record':
      return compileRecord(def, visiting);
    default:
      return REJECT;
  }
}

function innerOf(inner: Node | undefined, visiting: Set<Node>): Acceptor {
  return inner === undefined ? REJECT : compile(inner, visiting);
}

/**
 * An object: every declared key through its schema (read as zod reads it, inherited values
 * included), and no other enumerable key unless the schema passes unknown keys through untouched.
 * A schema that strips unknown keys only accepts objects without them (stripping would change
 * the value).
 */
function compileObject(def: Def, visiting: Set<Node>): Acceptor {
  const shape = def.shape ?? {};
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0) return REJECT;
  const fields = keys.map((key) => {
    const schema = shape[key];
    if (schema === undefined) throw new Error('a shape key without a schema');
    return { key, accept: compile(schema, visiting) };
  });
  const keySet = new Set(keys);
  const catchallType = def.catchall?._zod.def.type;
  // `z.looseObject` copies unknown keys as they are; a catchall with a schema would parse them.
  const unknownKeysPass = catchallType === 'unknown' || catchallType === 'any';
  return (value) => {
    if (!isObject(value)) return false;
    for (const field of fields) {
      if (field.key === '__proto__') return false;
      if (!field.accept(value[field.key])) return false;
    }
    for (const key in value) {
      if (keySet.has(key)) continue;
      if (!unknownKeysPass || key === '__proto__') return false;
    }
    return true;
  };
}

/**
 * A discriminated union goes to the one option its discriminator names, as zod does. A plain union
 * returns the first option that succeeds: only the first option can be vouched for, since a
 * rejection here does not mean zod would fail it.
 */
function compileUnion(def: Def, visiting: Set<Node>): Acceptor {
  const options = def.options ?? [];
  const discriminator = def.discriminator;
  if (discriminator === undefined) {
    const first = options[0];
    return first === undefined ? REJECT : compile(first, visiting);
  }
  const byValue = new Map<unknown, Acceptor>();
  for (const option of options) {
    const values = option._zod.propValues?.[discriminator];
    if (values === undefined) return REJECT;
    const accept = compile(option, visiting);
    for (const value of values) {
      if (byValue.has(value)) return REJECT;
      byValue.set(value, accept);
    }
  }
  return (value) => {
    if (!isObject(value)) return false;
    const tag = value[discriminator];
    if (tag === undefined) return false;
    const accept = byValue.get(tag);
    return accept?.(value) === true;
  };
}

/**
 * A record whose keys are checked by a key schema (not an enumeration of keys): plain objects
 * whose own keys are all enumerable strings the key schema accepts as they are.
 */
function compileRecord(def: Def, visiting: Set<Node>): Acceptor {
  const keyType = def.keyType;
  if (keyType === undefined || keyType._zod.values !== undefined) return REJECT;
  const acceptKey = compile(keyType, visiting);
  const acceptValue = innerOf(def.valueType, visiting);
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== 'string' || key === '__proto__') return false;
      if (!Object.prototype.propertyIsEnumerable.call(value, key)) return false;
      if (!acceptKey(key) || !acceptValue(value[key])) return false;
    }
    return true;
  };
}
