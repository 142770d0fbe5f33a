/**
 * Small helpers the models share: frozen copies that never freeze the caller's objects, parsing
 * with paths, validation failures, id ordering, own-property reads and records keyed by ids.
 */
import * as z from 'zod';
import { acceptorHint } from './acceptor.js';
import type { DeepReadonly } from './deep-freeze.js';
import { isIdShaped } from './ids.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type IssuePath,
  type ValidationError,
} from './issues.js';
import { err, ok, type Err, type Result } from './result.js';

/**
 * Returns a deeply frozen version of a plain data value without touching the value itself: parts
 * that are already frozen all the way down are reused as they are (structural sharing), every
 * other object or array is copied and the copy frozen. Unlike `deepFreeze` (and immer's
 * auto-freeze) it never freezes an object the caller handed in, so an operation given an unfrozen
 * value leaves that value exactly as it was, frozenness included.
 * @param value - Plain data (objects, arrays, primitives; no cycles).
 * @returns A deeply frozen value equal to `value`.
 * @internal
 */
export function frozenCopy<TValue>(value: TValue | DeepReadonly<TValue>): DeepReadonly<TValue> {
  return copyUnfrozen(value) as DeepReadonly<TValue>;
}

function copyUnfrozen(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let changed = !Object.isFrozen(value);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => {
      const copied = copyUnfrozen(item);
      if (copied !== item) changed = true;
      return copied;
    });
    return changed ? Object.freeze(items) : value;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const child = record[key];
    const copied = copyUnfrozen(child);
    if (copied !== child) changed = true;
    // defineProperty, not assignment: a key such as "__proto__" stays an ordinary own key.
    Object.defineProperty(copy, key, {
      value: copied,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? Object.freeze(copy) : value;
}

/**
 * Validates one argument of an operation against a schema, reporting issues with the argument's
 * name (and so on) in front of their paths. Never throws.
 * @param schema - The zod schema.
 * @param input - The argument as received.
 * @param prefix - The path of the argument, for example `['entry']`.
 * @returns The parsed value (new objects built by zod, not yet frozen) or the issues.
 * @internal
 */
export function parseAt<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  prefix: IssuePath,
): Result<z.output<TSchema>, ValidationError> {
  // zod builds `error` lazily from the input, so reading it belongs inside the try as well.
  try {
    const parsed = schema.safeParse(input, { reportInput: false });
    if (!parsed.success) return err(validationError(issuesFromZod(parsed.error, prefix)));
    return ok(parsed.data);
  } catch {
    return fail('unreadable-input', prefix, 'the input could not be read');
  }
}

/**
 * A failed result with a single issue.
 * @param code - Stable kebab-case code.
 * @param path - Where the problem is.
 * @param message - A message that quotes no input text.
 * @returns The error result.
 * @internal
 */
export function fail(code: string, path: IssuePath, message: string): Err<ValidationError> {
  return err(validationError([issue(code, path, message)]));
}

/**
 * Orders ids by UTF-16 code units (locale-independent, so the same everywhere).
 * @param left - One id.
 * @param right - Another id.
 * @returns Negative, zero or positive, as for `Array.prototype.sort`.
 * @internal
 */
export function compareIds(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/**
 * The own value of a record entry, or `undefined`: never an inherited property, so an id such as
 * `constructor` is looked up safely.
 * @param record - A record keyed by id.
 * @param key - The key.
 * @returns The value stored under `key`, if any.
 * @internal
 */
export function ownValue<TValue>(
  record: Readonly<Record<string, TValue>>,
  key: string,
): TValue | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A record keyed by caller-supplied ids. Keys are checked first and reported by count and position
 * only (zod's own record would put a bad key, which may be a name, into the issue path); the
 * values are validated only once every key is an id, so every path holds ids alone.
 * @param keySchema - The id schema of the keys (for example `PersonId`).
 * @param valueSchema - The schema of the values.
 * @returns The record schema.
 * @internal
 */
export function idKeyedRecord<TKey extends z.ZodType<string, string>, TValue extends z.ZodType>(
  keySchema: TKey,
  valueSchema: TValue,
) {
  const keys = z.record(z.string(), z.unknown()).superRefine((record, context) => {
    const positions: number[] = [];
    Object.keys(record).forEach((key, index) => {
      if (!isIdShaped(key)) positions.push(index + 1);
    });
    if (positions.length > 0) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: `has ${positions.length} key${positions.length === 1 ? '' : 's'} that ${positions.length === 1 ? 'is' : 'are'} not a valid id (position${positions.length === 1 ? '' : 's'} ${positions.join(', ')} in key order); ids are 1-128 letters, digits or ._:- starting with a letter or digit`,
        params: { code: 'invalid-key' },
      });
    }
  });
  // The same test without building the report, for the acceptor's hot loop.
  acceptorHint(keys, (record) => {
    for (const key of Object.keys(record as object)) if (!isIdShaped(key)) return false;
    return true;
  });
  return keys.pipe(z.record(keySchema, valueSchema));
}
