/**
 * Turns a zod schema into JSON Schema (draft 2020-12) that accepts exactly what the zod schema
 * accepts, as far as JSON Schema can say it. zod's own generator does most of the work; this
 * module closes the gaps that would make the two disagree:
 *
 * - A trimmed string (`z.string().trim().min(1).max(n)`) is checked by zod after trimming, so in
 *   the input schema its length limits become one pattern over the untrimmed text, and in the
 *   output schema a pattern says the text has no surrounding whitespace.
 * - A pipe whose first stage changes nothing (the id-keyed records of the inventory and the course
 *   state) accepts what both stages accept, so its input schema is the second stage (together
 *   with the first, when the first says more than "an object").
 * - `\d` in a pattern is spelled `[0-9]`: the same in ECMAScript, and what Python's `re` (which
 *   reads `\d` as any Unicode digit) needs to agree.
 *
 * Anything zod cannot represent becomes an unconstrained schema and is reported, so generation
 * never fails. Pure: no I/O, no clock, no logging.
 * @internal
 */
import * as z from 'zod';

/** A JSON Schema object as produced by the generator. @internal */
export type JsonSchemaObject = z.core.JSONSchema.JSONSchema;

/**
 * Which side of a schema to describe: what it accepts (`input`) or what it returns (`output`).
 * @category Interop
 */
export type JsonSchemaIo = 'input' | 'output';

/** The result of {@link convertToJsonSchema}. @internal */
export interface Conversion {
  /** The JSON Schema, without `$schema`, `$id`, `title` or `description` at the root. */
  readonly schema: JsonSchemaObject;
  /** JSON Pointers of the places zod could not represent (each accepts anything). */
  readonly unrepresentable: readonly string[];
}

/**
 * The characters `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator),
 * spelled out so that every regular-expression dialect reads the class the same way.
 */
const WHITESPACE_CHARS =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const WHITESPACE = `[${WHITESPACE_CHARS}]`;
const NOT_WHITESPACE = `[^${WHITESPACE_CHARS}]`;
const ANY = '[\\s\\S]';

/** The characters a trimmed string's whitespace class covers, for tests. @internal */
export const trimmedWhitespacePattern = WHITESPACE;

function quantifier(low: number, high: number | undefined): string {
  if (high === undefined) return low === 0 ? '*' : `{${low},}`;
  return low === high ? `{${low}}` : `{${low},${high}}`;
}

/**
 * The pattern of an untrimmed string whose trimmed text is `min` to `max` characters long.
 * @internal
 */
export function untrimmedLengthPattern(min: number, max: number | undefined): string {
  const allows = (length: number) => length >= min && (max === undefined || length <= max);
  let content: string;
  if (allows(1) && (max === undefined || max >= 2)) {
    // One character, or two or more with anything between the first and the last.
    content = `${NOT_WHITESPACE}(?:${ANY}${quantifier(0, max === undefined ? undefined : max - 2)}${NOT_WHITESPACE})?`;
  } else if (allows(1)) {
    content = NOT_WHITESPACE;
  } else if (max === undefined || max >= Math.max(min, 2)) {
    const low = Math.max(min, 2) - 2;
    content = `${NOT_WHITESPACE}${ANY}${quantifier(low, max === undefined ? undefined : max - 2)}${NOT_WHITESPACE}`;
  } else {
    content = '';
  }
  // No length fits (min above max): a class that matches nothing.
  if (content === '' && !allows(0)) return '[^\\s\\S]';
  const body = allows(0) && content !== '' ? `(?:${content})?` : content;
  return `^${WHITESPACE}*${body}${WHITESPACE}*$`;
}

/**
 * The pattern of a string with no whitespace at either end (what trimming returns).
 * @internal
 */
export function trimmedPattern(min: number): string {
  const content = `${NOT_WHITESPACE}(?:${ANY}*${NOT_WHITESPACE})?`;
  return min === 0 ? `^(?:${content})?$` : `^${content}$`;
}

/**
 * Respells a pattern so that ECMAScript and Python read it alike: `\d` becomes `[0-9]` (`0-9`
 * inside a class) and `\D` outside a class becomes `[^0-9]`.
 * @internal
 */
export function portablePattern(source: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source.charAt(index);
    if (char === '\\') {
      const next = source.charAt(index + 1);
      index += 1;
      if (next === 'd') result += inClass ? '0-9' : '[0-9]';
      else if (next === 'D' && !inClass) result += '[^0-9]';
      else result += `\\${next}`;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    result += char;
  }
  return result;
}

type AnyCheck = z.core.$ZodChecks['_zod']['def'];

function checksOf(schema: z.core.$ZodType): readonly AnyCheck[] {
  const checks = (schema._zod.def as { checks?: readonly z.core.$ZodCheck[] }).checks ?? [];
  return checks.map((check) => check._zod.def as AnyCheck);
}

/** Whether an overwrite check behaves like `String.prototype.trim` on a few probes. */
function isTrim(check: AnyCheck): boolean {
  if (check.check !== 'overwrite') return false;
  const probes = [' \u00a0a b\ufeff\n', 'Ab', '\u3000x\u2028', ''];
  try {
    return probes.every((probe) => check.tx(probe) === probe.trim());
  } catch {
    return false;
  }
}

/**
 * The length limits a trimmed string checks after trimming, or `undefined` when the string is not
 * trimmed or mixes trimming with checks this module cannot turn into one pattern.
 */
function trimmedLimits(
  schema: z.core.$ZodType,
): { readonly min: number; readonly max: number | undefined } | undefined {
  const checks = checksOf(schema);
  if (checks[0] === undefined || !isTrim(checks[0])) return undefined;
  let min = 0;
  let max: number | undefined;
  for (const check of checks.slice(1)) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum);
    else if (check.check === 'max_length')
      max = max === undefined ? check.maximum : Math.min(max, check.maximum);
    else return undefined;
  }
  return { min, max };
}

function rewriteTrimmedString(
  schema: z.core.$ZodType,
  json: JsonSchemaObject,
  io: JsonSchemaIo,
): void {
  const limits = trimmedLimits(schema);
  if (limits === undefined || json.pattern !== undefined || json.allOf !== undefined) return;
  if (io === 'input') {
    delete json.minLength;
    delete json.maxLength;
    json.pattern = untrimmedLengthPattern(limits.min, limits.max);
    json.$comment =
      limits.max === undefined
        ? `at least ${limits.min} characters after trimming whitespace at both ends`
        : `${limits.min} to ${limits.max} characters after trimming whitespace at both ends`;
  } else {
    json.pattern = trimmedPattern(limits.min);
  }
}

/** Whether a schema may hand on something other than what it was given. */
function mayChangeValue(schema: z.core.$ZodType, seen = new Set<z.core.$ZodType>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (checksOf(schema).some((check) => check.check === 'overwrite')) return true;
  switch (def.type) {
    case 'transform':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'lazy':
    case 'custom':
      return true;
    case 'object':
      // A plain object drops the keys it does not know.
      return (
        def.catchall === undefined ||
        Object.values(def.shape).some((field) => mayChangeValue(field, seen))
      );
    case 'array':
      return mayChangeValue(def.element, seen);
    case 'record':
      return mayChangeValue(def.keyType, seen) || mayChangeValue(def.valueType, seen);
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
      return mayChangeValue(def.innerType, seen);
    case 'pipe':
      return mayChangeValue(def.in, seen) || mayChangeValue(def.out, seen);
    case 'union':
      return def.options.some((option) => mayChangeValue(option, seen));
    case 'intersection':
      return mayChangeValue(def.left, seen) || mayChangeValue(def.right, seen);
    case 'tuple':
      return (
        def.items.some((item) => mayChangeValue(item, seen)) ||
        (def.rest !== null && mayChangeValue(def.rest, seen))
      );
    default:
      return false;
  }
}

/** Whether a JSON Schema says no more than "any object" (how a `record(string, unknown)` reads). */
function saysOnlyObject(json: JsonSchemaObject): boolean {
  const allowed = new Set(['type', 'propertyNames', 'additionalProperties']);
  if (!Object.keys(json).every((key) => allowed.has(key)) || json.type !== 'object') return false;
  const names = json.propertyNames;
  const extra = json.additionalProperties;
  const isEmpty = (value: unknown) =>
    value === undefined ||
    value === true ||
    (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
  const namesAreStrings =
    isEmpty(names) ||
    (typeof names === 'object' && Object.keys(names).length === 1 && names.type === 'string');
  return namesAreStrings && isEmpty(extra);
}

function rewritePipe(
  schema: z.core.$ZodPipe,
  json: JsonSchemaObject,
  unrepresentable: string[],
): void {
  const { in: first, out: second } = schema._zod.def;
  // A transform accepts anything, and zod already describes a pipe that starts with one.
  if (mayChangeValue(first) || second._zod.def.type === 'transform') return;
  const converted = convertWith(second, 'input', unrepresentable);
  if (converted.$defs !== undefined || Object.keys(converted).length === 0) return;
  const firstJson: JsonSchemaObject = { ...json };
  for (const key of Object.keys(json)) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the node is rebuilt in place, as zod's override contract requires
    delete json[key];
  }
  if (saysOnlyObject(firstJson)) Object.assign(json, converted);
  else json.allOf = [firstJson, converted];
}

const SUBSCHEMA = [
  'additionalProperties',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_MAPS = ['properties', '$defs', 'dependentSchemas'] as const;

/** Copies a JSON Schema with every pattern made portable (see {@link portablePattern}). */
function withPortablePatterns(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const json = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(json)) {
    let mapped: unknown = child;
    if (key === 'pattern' && typeof child === 'string') mapped = portablePattern(child);
    else if ((SUBSCHEMA as readonly string[]).includes(key)) mapped = withPortablePatterns(child);
    else if ((SUBSCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(child))
      mapped = child.map(withPortablePatterns);
    else if (
      ((SUBSCHEMA_MAPS as readonly string[]).includes(key) || key === 'patternProperties') &&
      typeof child === 'object' &&
      child !== null
    ) {
      mapped = Object.fromEntries(
        Object.entries(child as Record<string, unknown>).map(([name, sub]) => [
          key === 'patternProperties' ? portablePattern(name) : name,
          withPortablePatterns(sub),
        ]),
      );
    }
    Object.defineProperty(copy, key, {
      value: mapped,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function pointer(path: readonly (string | number)[]): string {
  return path
    .map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

function convertWith(
  schema: z.core.$ZodType,
  io: JsonSchemaIo,
  unrepresentable: string[],
): JsonSchemaObject {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    cycles: 'ref',
    reused: 'inline',
    unrepresentable: ({ path }) => {
      unrepresentable.push(pointer(path));
      return {};
    },
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def;
      if (def.type === 'string') rewriteTrimmedString(zodSchema, jsonSchema, io);
      else if (def.type === 'pipe' && io === 'input')
        rewritePipe(zodSchema as z.core.$ZodPipe, jsonSchema, unrepresentable);
    },
  }) as JsonSchemaObject;
  const { $schema: _dialect, ...rest } = generated;
  return rest;
}

/**
 * Converts a zod schema to JSON Schema (draft 2020-12) for one side of it. Never throws on any
 * schema zod can describe; what it cannot describe is listed in `unrepresentable`.
 * @param schema - Any zod schema.
 * @param io - `input` (what the schema accepts) or `output` (what it returns).
 * @returns The JSON Schema body (no `$schema`) and the places that could not be represented.
 * @internal
 */
export function convertToJsonSchema(schema: z.core.$ZodType, io: JsonSchemaIo): Conversion {
  const unrepresentable: string[] = [];
  let converted: JsonSchemaObject;
  try {
    converted = convertWith(schema, io, unrepresentable);
  } catch {
    // zod refused the schema as a whole: say nothing rather than something wrong.
    unrepresentable.push('');
    converted = {};
  }
  return {
    schema: withPortablePatterns(converted) as JsonSchemaObject,
    unrepresentable: [...new Set(unrepresentable)],
  };
}
