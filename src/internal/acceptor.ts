import type * as z from 'zod';
import { compileJit, isPlainObject, type JitNode, type JitSettings } from './acceptor-jit.js';
import { fastPattern } from './fast-patterns.js';

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

/** Acceptors built so far, by kind (jit or not, JSON or not) and schema. */
const caches = new Map<string, WeakMap<object, Acceptor>>();

/** Predicates declared to answer as a schema's own checks do (see {@link acceptorHint}). */
const hints = new WeakMap<object, Acceptor>();

/**
 * Declares that `predicate` answers exactly as the checks (refinements) of `schema` itself do, on
 * any value that passes the schema's type: true when zod's checks would add no issue and change
 * nothing. The acceptor then runs the predicate instead of zod's check functions, which matters
 * for refinements that build messages or lists as they go. The checks stay the schema's truth;
 * the differential tests of the acceptor hold the predicate to them.
 * @param schema - A schema with refinements.
 * @param predicate - A cheap, side-effect-free test equivalent to them.
 * @returns The schema itself.
 */
export function acceptorHint<TSchema extends z.ZodType>(
  schema: TSchema,
  predicate: Acceptor,
): TSchema {
  hints.set(schema, predicate);
  return schema;
}

function hintOf(node: object): Acceptor | undefined {
  return hints.get(node);
}

/**
 * Options of {@link acceptorOf}.
 */
export interface AcceptorOptions {
  /**
   * Compile the checks into one generated function where the platform allows it (default true);
   * `false` keeps the closure version (the tests run both).
   */
  readonly jit?: boolean;
  /**
   * Every value checked comes straight from the caller's own `JSON.parse` (default false): plain
   * objects and arrays only, no symbols, getters or hidden keys. Records are then read with a
   * plain `for...in` instead of zod's `Reflect.ownKeys` walk. An acceptor built this way must
   * never see any other value.
   */
  readonly json?: boolean;
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
  const json = options.json === true;
  const kind = `${String(jit)}:${String(json)}`;
  let cache = caches.get(kind);
  if (cache === undefined) {
    cache = new WeakMap();
    caches.set(kind, cache);
  }
  const known = cache.get(node);
  if (known !== undefined) return known;
  const settings: JitSettings = { generic: genericCheck, hintOf, json };
  let inner: Acceptor;
  try {
    inner = (jit ? compileJit(node, settings) : undefined) ?? compile(node, new Set(), json);
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
    const fast = fastPattern(pattern);
    if (fast !== undefined) return (value) => fast(value as string);
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

function compile(node: Node, visiting: Set<Node>, json: boolean): Acceptor {
  if (visiting.has(node)) return REJECT; // recursive schemas are left to zod
  visiting.add(node);
  try {
    const base = compileType(node, visiting, json);
    const hint = hints.get(node);
    if (hint !== undefined) return (value) => base(value) && hint(value);
    return withChecks(base, checksOf(node));
  } finally {
    visiting.delete(node);
  }
}

function compileType(node: Node, visiting: Set<Node>, json: boolean): Acceptor {
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
      const inner = innerOf(def.innerType, visiting, json);
      // An inner schema with a default fills an absent value in: not the input any more.
      if (def.innerType?._zod.optin === 'defaulted') {
        return (value) => value !== undefined && inner(value);
      }
      return (value) => value === undefined || inner(value);
    }
    case 'nullable': {
      const inner = innerOf(def.innerType, visiting, json);
      return (value) => value === null || inner(value);
    }
    case 'readonly':
    case 'default':
    case 'prefault': {
      // A default or prefault replaces `undefined`: only values given are accepted as they are.
      const inner = innerOf(def.innerType, visiting, json);
      return def.type === 'readonly' ? inner : (value) => value !== undefined && inner(value);
    }
    case 'array': {
      const element = innerOf(def.element, visiting, json);
      return (value) => {
        if (!Array.isArray(value)) return false;
        // A hole reads as `undefined`, as zod reads it.
        for (const item of value) if (!element(item)) return false;
        return true;
      };
    }
    case 'object':
      return compileObject(def, visiting, json);
    case 'union':
      return compileUnion(def, visiting, json);
    case 'record':
      return compileRecord(def, visiting, json);
    case 'pipe': {
      // The value goes through \`in\`, and what comes out through \`out\`: when \`in\` gives the
      // value back unchanged, \`out\` reads the same value.
      const first = innerOf(def.in, visiting, json);
      const second = innerOf(def.out, visiting, json);
      return (value) => first(value) && second(value);
    }
    default:
      return REJECT;
  }
}

function innerOf(inner: Node | undefined, visiting: Set<Node>, json: boolean): Acceptor {
  return inner === undefined ? REJECT : compile(inner, visiting, json);
}

/**
 * An object: every declared key through its schema (read as zod reads it, inherited values
 * included), and no other enumerable key unless the schema passes unknown keys through untouched.
 * A schema that strips unknown keys only accepts objects without them (stripping would change
 * the value).
 */
function compileObject(def: Def, visiting: Set<Node>, json: boolean): Acceptor {
  const shape = def.shape ?? {};
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0) return REJECT;
  const fields = keys.map((key) => {
    const schema = shape[key];
    if (schema === undefined) throw new Error('a shape key without a schema');
    return { key, accept: compile(schema, visiting, json) };
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
function compileUnion(def: Def, visiting: Set<Node>, json: boolean): Acceptor {
  const options = def.options ?? [];
  const discriminator = def.discriminator;
  if (discriminator === undefined) {
    const first = options[0];
    return first === undefined ? REJECT : compile(first, visiting, json);
  }
  const byValue = new Map<unknown, Acceptor>();
  for (const option of options) {
    const values = option._zod.propValues?.[discriminator];
    if (values === undefined) return REJECT;
    const accept = compile(option, visiting, json);
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
 * A record whose keys are checked by a key schema (not an enumeration of keys, or a partial one):
 * plain objects
 * whose own keys are all enumerable strings the key schema accepts as they are.
 */
function compileRecord(def: Def, visiting: Set<Node>, json: boolean): Acceptor {
  const keyType = def.keyType;
  // An enumeration of keys makes zod look up each listed key instead (all of them must be there),
  // unless the record is partial: then every own key is checked by the key schema, as below.
  if (keyType === undefined || (keyType._zod.values !== undefined && def.partial !== true)) {
    return REJECT;
  }
  const acceptKey = compile(keyType, visiting, json);
  const acceptValue = innerOf(def.valueType, visiting, json);
  if (json) {
    // See AcceptorOptions.json: a parsed object is plain, with enumerable own string keys only.
    return (value) => {
      if (!isObject(value)) return false;
      for (const key in value) {
        if (key === '__proto__' || !acceptKey(key) || !acceptValue(value[key])) return false;
      }
      return true;
    };
  }
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

const depths = new WeakMap<object, number>();

/**
 * The deepest nesting of arrays and objects (the value itself counting as level 1 when it is one)
 * in any value that {@link acceptorOf} accepts for this schema: so a value the acceptor accepted
 * is known to be no deeper, without walking it. `Infinity` where the schema lets any value through
 * (`unknown`, `any`, a loose object), recurses, or has a kind not known here.
 * @param schema - Any zod 4 schema.
 * @returns A whole number, or `Infinity`.
 */
export function acceptedDepth(schema: z.ZodType): number {
  const node = schema as unknown as Node;
  const known = depths.get(node);
  if (known !== undefined) return known;
  let depth: number;
  try {
    depth = depthOf(node, new Set());
  } catch {
    depth = Number.POSITIVE_INFINITY;
  }
  depths.set(node, depth);
  return depth;
}

function depthOf(node: Node | undefined, visiting: Set<Node>): number {
  if (node === undefined || visiting.has(node)) return Number.POSITIVE_INFINITY;
  visiting.add(node);
  try {
    const def = node._zod.def;
    switch (def.type) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
      case 'enum':
      case 'literal':
        return 0;
      case 'optional':
      case 'nullable':
      case 'readonly':
      case 'default':
      case 'prefault':
        return depthOf(def.innerType, visiting);
      case 'array':
        return 1 + depthOf(def.element, visiting);
      case 'record':
        return 1 + depthOf(def.valueType, visiting);
      case 'pipe':
        // Accepted only when both sides accept the same value.
        return Math.min(depthOf(def.in, visiting), depthOf(def.out, visiting));
      case 'union': {
        const options = def.options ?? [];
        const first = options[0];
        // As the acceptor reads a union: by the discriminator, else the first option alone.
        if (def.discriminator === undefined) return depthOf(first, visiting);
        return Math.max(0, ...options.map((option) => depthOf(option, visiting)));
      }
      case 'object': {
        const catchallType = def.catchall?._zod.def.type;
        if (catchallType === 'unknown' || catchallType === 'any') return Number.POSITIVE_INFINITY;
        const shape = def.shape ?? {};
        return 1 + Math.max(0, ...Object.values(shape).map((field) => depthOf(field, visiting)));
      }
      default:
        return Number.POSITIVE_INFINITY;
    }
  } finally {
    visiting.delete(node);
  }
}
