/**
 * The acceptor of acceptor.ts written out as one JavaScript function per schema and compiled with
 * `new Function`, where the platform allows it (zod does the same for its objects). The checks are
 * the same as the closure version's, node by node; only the calls between closures are gone. The
 * generated text holds nothing but property names of iptkit's own schemas (as JSON string
 * literals) and indexes into tables of constants; values never become code.
 *
 * Where `new Function` is refused (a strict Content-Security-Policy, Hermes, zod's `jitless`
 * setting), `compileJit` returns `undefined` and the closure version is used.
 */
import * as z from 'zod';
import { fastPattern } from './fast-patterns.js';

/** What the generator reads of zod's internals (see acceptor.ts for the same shapes). */
export interface JitNode {
  readonly _zod: {
    readonly def: JitDef;
    readonly traits: ReadonlySet<string>;
    readonly values?: ReadonlySet<unknown>;
    readonly propValues?: Readonly<Record<string, ReadonlySet<unknown>>>;
    readonly optin?: string;
    readonly check?: (payload: { value: unknown; issues: unknown[] }) => unknown;
  };
}

interface JitDef {
  readonly type: string;
  readonly checks?: readonly JitNode[];
  readonly coerce?: boolean;
  readonly shape?: Readonly<Record<string, JitNode>>;
  readonly catchall?: JitNode;
  readonly innerType?: JitNode;
  readonly element?: JitNode;
  readonly options?: readonly JitNode[];
  readonly discriminator?: string;
  readonly keyType?: JitNode;
  readonly valueType?: JitNode;
  readonly in?: JitNode;
  readonly partial?: boolean;
  readonly out?: JitNode;
  // check definitions
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly tx?: (value: unknown) => unknown;
}

/** What the generator is told by acceptor.ts. */
export interface JitSettings {
  /** zod's own check run on a scratch payload, for checks not inlined. */
  readonly generic: (check: JitNode) => (value: unknown) => boolean;
  /** A predicate declared to answer as the node's own checks do (see `acceptorHint`). */
  readonly hintOf: (node: JitNode) => ((value: unknown) => boolean) | undefined;
  /** Whether every value checked comes straight from `JSON.parse` (see `AcceptorOptions.json`). */
  readonly json: boolean;
}

/** Raised while generating when a schema is malformed (an inner schema missing). */
class Unsupported extends Error {}

/**
 * The code of a part the generator does not handle (as the closure version's `REJECT`): a value
 * that reaches it is left to zod.
 */
const REJECT_CODE = 'return false;';

interface Tables {
  readonly constants: unknown[];
}

/** Whether `new Function` works here and zod has not been told to run without it. */
function evalAllowed(): boolean {
  if ((z.config() as { jitless?: boolean }).jitless === true) return false;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- probing whether the platform allows compiling generated code, as zod does
    new Function('');
    return true;
  } catch {
    return false;
  }
}

let allowed: boolean | undefined;

/**
 * Whether generated code may be compiled here (`new Function` works and zod has not been told to
 * run without it); worked out once.
 * @internal
 */
export function generatedCodeAllowed(): boolean {
  allowed ??= evalAllowed();
  return allowed;
}

/**
 * Compiles a schema's acceptor, or `undefined` when the platform refuses generated code or the
 * schema has a kind the generator does not know.
 * @param schema - The schema's internals.
 * @param generic - zod's own check run on a scratch payload (acceptor.ts), for checks not inlined.
 */
export function compileJit(
  schema: JitNode,
  settings: JitSettings,
): ((value: unknown) => boolean) | undefined {
  const { generic, hintOf, json } = settings;
  if (!generatedCodeAllowed()) return undefined;
  const tables: Tables = { constants: [] };
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${String((counter += 1))}`;
  const constant = (value: unknown) => {
    tables.constants.push(value);
    return `k[${String(tables.constants.length - 1)}]`;
  };

  /** Statements that `return false` unless `v` (a variable name) is accepted by `node`. */
  function emit(node: JitNode, v: string, visiting: Set<JitNode>): string {
    if (visiting.has(node)) return REJECT_CODE; // recursive schemas are left to zod
    visiting.add(node);
    try {
      const hint = hintOf(node);
      return (
        emitType(node, v, visiting) +
        (hint === undefined ? emitChecks(node, v) : `if(!${constant(hint)}(${v}))return false;`)
      );
    } finally {
      visiting.delete(node);
    }
  }

  function emitChecks(node: JitNode, v: string): string {
    const own = node._zod.def.checks ?? [];
    const checks = node._zod.traits.has('$ZodCheck') ? [node, ...own] : own;
    return checks.map((check) => emitCheck(check, v)).join('');
  }

  function emitCheck(check: JitNode, v: string): string {
    const def = check._zod.def;
    const traits = check._zod.traits;
    const fallback = () => `if(!${constant(generic(check))}(${v}))return false;`;
    if (
      (traits.has('$ZodCheckRegex') ||
        traits.has('$ZodISODate') ||
        traits.has('$ZodISODateTime')) &&
      def.pattern instanceof RegExp
    ) {
      const fast = fastPattern(def.pattern);
      if (fast !== undefined) return `if(!${constant(fast)}(${v}))return false;`;
      const pattern = constant(def.pattern);
      return `${pattern}.lastIndex=0;if(!${pattern}.test(${v}))return false;`;
    }
    switch (def.check) {
      case 'max_length':
        if (typeof def.maximum !== 'number') return fallback();
        return `if(${v}.length>${String(def.maximum)}&&!${constant(generic(check))}(${v}))return false;`;
      case 'min_length':
        // Twice the floor in UTF-16 units always clears it in code points too.
        if (typeof def.minimum !== 'number') return fallback();
        return `if(${v}.length<${String(2 * def.minimum)}&&!${constant(generic(check))}(${v}))return false;`;
      case 'greater_than':
        if (typeof def.value !== 'number') return fallback();
        return `if(!(${v}${def.inclusive === true ? '>=' : '>'}${constant(def.value)}))return false;`;
      case 'less_than':
        if (typeof def.value !== 'number') return fallback();
        return `if(!(${v}${def.inclusive === true ? '<=' : '<'}${constant(def.value)}))return false;`;
      case 'number_format':
        if (def.format === 'safeint') return `if(!Number.isSafeInteger(${v}))return false;`;
        return fallback();
      case 'overwrite':
        if (typeof def.tx !== 'function') return fallback();
        return `if(${constant(def.tx)}(${v})!==${v})return false;`;
      default:
        return fallback();
    }
  }

  function emitType(node: JitNode, v: string, visiting: Set<JitNode>): string {
    const def = node._zod.def;
    if (def.coerce === true) return REJECT_CODE;
    switch (def.type) {
      case 'string':
        return `if(typeof ${v}!=="string")return false;`;
      case 'number':
        return `if(typeof ${v}!=="number"||!Number.isFinite(${v}))return false;`;
      case 'boolean':
        return `if(typeof ${v}!=="boolean")return false;`;
      case 'null':
        return `if(${v}!==null)return false;`;
      case 'unknown':
      case 'any':
        return '';
      case 'enum':
      case 'literal': {
        const values = node._zod.values;
        if (values === undefined) return REJECT_CODE;
        return `if(!${constant(values)}.has(${v}))return false;`;
      }
      case 'optional': {
        const inner = required(def.innerType);
        if (inner._zod.optin === 'defaulted') {
          return `if(${v}===undefined)return false;${emit(inner, v, visiting)}`;
        }
        return `if(${v}!==undefined){${emit(inner, v, visiting)}}`;
      }
      case 'nullable':
        return `if(${v}!==null){${emit(required(def.innerType), v, visiting)}}`;
      case 'readonly':
        return emit(required(def.innerType), v, visiting);
      case 'default':
      case 'prefault':
        return `if(${v}===undefined)return false;${emit(required(def.innerType), v, visiting)}`;
      case 'array': {
        const item = fresh('i');
        return `if(!Array.isArray(${v}))return false;for(const ${item} of ${v}){${emit(required(def.element), item, visiting)}}`;
      }
      case 'object':
        return emitObject(def, v, visiting);
      case 'union':
        return emitUnion(def, v, visiting);
      case 'record':
        return emitRecord(def, v, visiting);
      case 'pipe':
        // \`out\` reads what \`in\` gives back, which is the value itself when \`in\` accepts it.
        return emit(required(def.in), v, visiting) + emit(required(def.out), v, visiting);
      default:
        return REJECT_CODE;
    }
  }

  function emitObject(def: JitDef, v: string, visiting: Set<JitNode>): string {
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) return REJECT_CODE;
    const keys = Object.keys(shape);
    if (keys.includes('__proto__')) return REJECT_CODE;
    const catchallType = def.catchall?._zod.def.type;
    const unknownKeysPass = catchallType === 'unknown' || catchallType === 'any';
    let code = `if(typeof ${v}!=="object"||${v}===null||Array.isArray(${v}))return false;`;
    if (json && !unknownKeysPass) {
      // A parsed object has no key whose value is undefined and no hidden key: it has no other
      // key exactly when it has as many keys as the declared ones it holds. (A polluted
      // prototype's enumerable keys are counted too, which only ever says no.)
      const present = fresh('n');
      code += `let ${present}=0;`;
      for (const key of keys) {
        const field = fresh('f');
        code += `{const ${field}=${v}[${JSON.stringify(key)}];if(${field}!==undefined)${present}+=1;${emit(required(shape[key]), field, visiting)}}`;
      }
      const counted = fresh('c');
      const key = fresh('q');
      return `${code}{let ${counted}=0;for(const ${key} in ${v})${counted}+=1;if(${counted}!==${present})return false;}`;
    }
    for (const key of keys) {
      const field = fresh('f');
      code += `{const ${field}=${v}[${JSON.stringify(key)}];${emit(required(shape[key]), field, visiting)}}`;
    }
    const key = fresh('q');
    const known = keys.map((name) => `${key}===${JSON.stringify(name)}`).join('||');
    code += unknownKeysPass
      ? `for(const ${key} in ${v})if(${key}==="__proto__")return false;`
      : `for(const ${key} in ${v})if(!(${known === '' ? 'false' : known}))return false;`;
    return code;
  }

  function emitUnion(def: JitDef, v: string, visiting: Set<JitNode>): string {
    const options = def.options ?? [];
    const discriminator = def.discriminator;
    if (discriminator === undefined) {
      // Only the first option can be vouched for (zod returns the first that succeeds).
      const first = options[0];
      if (first === undefined) return REJECT_CODE;
      return emit(first, v, visiting);
    }
    // Each option becomes a function of its own (small functions optimise better than one large
    // one), found by the tag as zod finds it.
    const byTag = new Map<unknown, (value: unknown) => boolean>();
    for (const option of options) {
      const values = option._zod.propValues?.[discriminator];
      if (values === undefined) return REJECT_CODE;
      const accept = compileJit(option, settings);
      if (accept === undefined) return REJECT_CODE;
      for (const value of values) {
        if (byTag.has(value) || value === undefined) return REJECT_CODE;
        byTag.set(value, accept);
      }
    }
    const option = fresh('o');
    return (
      `if(typeof ${v}!=="object"||${v}===null||Array.isArray(${v}))return false;` +
      `{const ${option}=${constant(byTag)}.get(${v}[${JSON.stringify(discriminator)}]);` +
      `if(${option}===undefined||!${option}(${v}))return false;}`
    );
  }

  function emitRecord(def: JitDef, v: string, visiting: Set<JitNode>): string {
    const keyType = required(def.keyType);
    if (keyType._zod.values !== undefined && def.partial !== true) return REJECT_CODE;
    const key = fresh('r');
    const item = fresh('e');
    if (json) {
      // A parsed object is plain, has only enumerable own string keys, and inherits none (a
      // polluted prototype's enumerable keys would be read here too, and so be checked as well).
      return (
        `if(typeof ${v}!=="object"||${v}===null||Array.isArray(${v}))return false;` +
        `for(const ${key} in ${v}){if(${key}==="__proto__")return false;` +
        emit(keyType, key, visiting) +
        `const ${item}=${v}[${key}];${emit(required(def.valueType), item, visiting)}}`
      );
    }
    return (
      `if(!${constant(isPlainObject)}(${v}))return false;` +
      `for(const ${key} of Reflect.ownKeys(${v})){` +
      `if(typeof ${key}!=="string"||${key}==="__proto__"||!Object.prototype.propertyIsEnumerable.call(${v},${key}))return false;` +
      emit(keyType, key, visiting) +
      `const ${item}=${v}[${key}];${emit(required(def.valueType), item, visiting)}}`
    );
  }

  let body: string;
  try {
    body = `${emit(schema, 'v', new Set())}return true;`;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiling the checks generated above from iptkit's own schemas (see the module comment)
  const factory = new Function('k', `return function accept(v){${body}};`) as (
    constants: unknown[],
  ) => (value: unknown) => boolean;
  return factory(tables.constants);
}

function required(node: JitNode | undefined): JitNode {
  if (node === undefined) throw new Unsupported('missing inner schema');
  return node;
}

/** zod's own test of a plain object (records ask for one), step for step. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const constructor: unknown = (value as { constructor?: unknown }).constructor;
  if (constructor === undefined || typeof constructor !== 'function') return true;
  const prototype: unknown = (constructor as { prototype?: unknown }).prototype;
  return (
    typeof prototype === 'object' &&
    prototype !== null &&
    !Array.isArray(prototype) &&
    Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf')
  );
}
