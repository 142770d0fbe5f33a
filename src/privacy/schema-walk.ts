/**
 * Reading iptkit's zod schemas as data, for de-identification: which node of a schema holds a
 * sensitive string, an id, a date; how to step from a node to its children. Only the kinds of
 * nodes iptkit's persisted schemas use are understood; anything else is reported as unsupported
 * so that a walk fails closed instead of passing client text through unseen.
 * @module
 */
import * as z from 'zod';
import {
  ActorId,
  AnalysisId,
  CourseId,
  EventId,
  MeasureId,
  PersonId,
  SessionId,
} from '../internal/ids.js';
import { Sensitivity } from '../internal/sensitive.js';
import { RiskAcknowledged } from '../course/events.js';
import { Course, RiskFlag } from '../course/state.js';
import { AcknowledgeRisk } from '../course/commands.js';

/** A zod schema of any kind, as the walk sees it. @internal */
export type Schema = z.core.$ZodType;

/**
 * The kinds of caller-supplied id iptkit stores, as passed to a `pseudonymize` function.
 * @category Privacy
 */
export const IdKind = z.enum([
  'course',
  'person',
  'session',
  'event',
  'measure',
  'analysis',
  'actor',
]);
/** @category Privacy */
export type IdKind = z.infer<typeof IdKind>;

/** The id schemas of the kernel and the kind of id each holds (recognised by identity). */
const ID_KINDS: ReadonlyMap<Schema, IdKind> = new Map<Schema, IdKind>([
  [CourseId, 'course'],
  [PersonId, 'person'],
  [SessionId, 'session'],
  [EventId, 'event'],
  [MeasureId, 'measure'],
  [AnalysisId, 'analysis'],
  [ActorId, 'actor'],
]);

/**
 * The string schemas that hold a risk-flag id, which the course builds as
 * `<measureId>:<flag item id>` (see `evolve`), so it has to follow the measure's pseudonym.
 */
const FLAG_IDS: ReadonlySet<Schema> = new Set<Schema>([
  RiskFlag.shape.id,
  Course.shape.riskFlags._zod.def.keyType,
  RiskAcknowledged.shape.flagId,
  AcknowledgeRisk.shape.flagId,
]);

/** What a string node holds, as far as de-identification cares. @internal */
export type StringRole =
  | { readonly role: 'id'; readonly kind: IdKind }
  | { readonly role: 'flag-id' }
  | { readonly role: 'date' }
  | { readonly role: 'date-time' }
  | { readonly role: 'plain' };

/**
 * The sensitivity mark put on this very schema node (not looking through wrappers).
 * @param schema - A schema node.
 * @returns The mark, if any.
 * @internal
 */
export function ownSensitivity(schema: Schema): Sensitivity | undefined {
  const mark = Sensitivity.safeParse(z.globalRegistry.get(schema)?.sensitive);
  return mark.success ? mark.data : undefined;
}

/**
 * What a string node holds: an id of a known kind, a risk-flag id, a date, a date-time, or
 * nothing de-identification changes.
 * @param schema - A node whose type is `string`.
 * @returns Its role.
 * @internal
 */
export function stringRole(schema: Schema): StringRole {
  const kind = ID_KINDS.get(schema);
  if (kind !== undefined) return { role: 'id', kind };
  if (FLAG_IDS.has(schema)) return { role: 'flag-id' };
  const format = (schema._zod.def as { format?: unknown }).format;
  if (format === 'date') return { role: 'date' };
  if (format === 'datetime') return { role: 'date-time' };
  return { role: 'plain' };
}

/** Node types that hold no text de-identification could change. @internal */
export const LEAF_TYPES: ReadonlySet<string> = new Set([
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'literal',
  'enum',
  'nan',
]);

/**
 * Wrappers whose value is either empty (`undefined` or `null`) or a value of the inner schema.
 * @internal
 */
export const WRAPPER_TYPES: ReadonlySet<string> = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'nonoptional',
]);

/**
 * The schema a pipe's output is shaped by: its `out` side, unless that is a transform (then the
 * shape is the `in` side's, as far as a walk can know).
 * @internal
 */
export function pipeTarget(schema: z.core.$ZodPipe): Schema {
  const out = schema._zod.def.out;
  return out._zod.def.type === 'transform' ? schema._zod.def.in : out;
}

/**
 * The option of a union that a (valid) value belongs to: by the discriminator when the union has
 * one, else the first option that accepts the value.
 * @param schema - The union.
 * @param value - A value the union accepted.
 * @returns The option, or `undefined` when none matches.
 * @internal
 */
export function unionOption(schema: z.core.$ZodUnion, value: unknown): Schema | undefined {
  const { options } = schema._zod.def;
  const discriminator = (schema._zod.def as { discriminator?: unknown }).discriminator;
  if (typeof discriminator === 'string' && typeof value === 'object' && value !== null) {
    const tag: unknown = Object.hasOwn(value, discriminator)
      ? (value as Record<string, unknown>)[discriminator]
      : undefined;
    const found = options.find((option) =>
      option._zod.propValues?.[discriminator]?.has(tag as never),
    );
    if (found !== undefined) return found;
  }
  return options.find((option) => z.safeParse(option, value).success);
}

/**
 * The smallest length an array schema allows (0 when it sets none).
 * @param schema - An array schema.
 * @returns The minimum.
 * @internal
 */
export function minimumLength(schema: z.core.$ZodArray): number {
  let minimum = 0;
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; minimum?: unknown };
    if (def.check === 'min_length' && typeof def.minimum === 'number') {
      minimum = Math.max(minimum, def.minimum);
    }
  }
  return minimum;
}

/** Joins a path pattern and a key: `a` + `b` = `a.b`; the root pattern is empty. @internal */
export function joinPattern(pattern: string, key: string): string {
  return pattern === '' ? key : `${pattern}.${key}`;
}

/**
 * One field of a schema that holds client text: where (a path pattern, `*` for any key of a
 * record, `[]` for any item of a list) and what kind of text.
 * @category Privacy
 */
export interface SensitiveField {
  /** For example `inventory.people.*.label` or `timeline.moods[].note`. */
  readonly path: string;
  readonly sensitivity: Sensitivity;
}

/**
 * Lists every field of a schema marked sensitive (see `sensitiveText`), by walking the schema
 * itself: what `deidentify` drops or replaces. The fields of every union option are listed (under
 * the union's path). Never throws.
 * @param schema - Any iptkit schema, for example `Course` or one of the `CourseEvent` variants.
 * @param root - A pattern to put in front of every path (for example an event type).
 * @returns The fields, in schema order, each path once per sensitivity; and the path patterns of
 * any node the walk does not understand (always empty for iptkit's own schemas; a test keeps it so).
 * @example
 * ```ts
 * sensitiveFields(Course).fields.map((field) => field.path);
 * // ['contract.goals[]', 'contract.renegotiations[].reason', 'inventory.people.*.label', ...]
 * ```
 * @category Privacy
 */
export function sensitiveFields(
  schema: z.ZodType,
  root = '',
): { readonly fields: readonly SensitiveField[]; readonly unsupported: readonly string[] } {
  const fields: SensitiveField[] = [];
  const seen = new Set<string>();
  const unsupported: string[] = [];
  const visit = (node: Schema, pattern: string, depth: number): void => {
    if (depth > 64) {
      unsupported.push(pattern);
      return;
    }
    const mark = ownSensitivity(node);
    if (mark !== undefined) {
      const key = `${pattern}\u0000${mark}`;
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(Object.freeze({ path: pattern, sensitivity: mark }));
      }
      return;
    }
    const typed = node as z.core.$ZodTypes;
    const def = typed._zod.def;
    if (LEAF_TYPES.has(def.type) || def.type === 'string') return;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
        visit(def.innerType, pattern, depth + 1);
        return;
      case 'object':
        if (def.catchall !== undefined && def.catchall._zod.def.type !== 'never') {
          unsupported.push(joinPattern(pattern, '?'));
        }
        for (const [key, child] of Object.entries(def.shape)) {
          visit(child, joinPattern(pattern, key), depth + 1);
        }
        return;
      case 'array':
        visit(def.element, `${pattern}[]`, depth + 1);
        return;
      case 'record':
        if (ownSensitivity(def.keyType) !== undefined) unsupported.push(`${pattern}{key}`);
        visit(def.valueType, joinPattern(pattern, '*'), depth + 1);
        return;
      case 'pipe':
        visit(pipeTarget(typed as z.core.$ZodPipe), pattern, depth + 1);
        return;
      case 'union':
        for (const option of def.options) visit(option, pattern, depth + 1);
        return;
      default:
        unsupported.push(pattern);
    }
  };
  visit(schema, root, 0);
  return Object.freeze({ fields: Object.freeze(fields), unsupported: Object.freeze(unsupported) });
}
