import * as z from 'zod';
import type { $ZodIssue } from 'zod/v4/core';

/**
 * Where in the input a problem was found: object keys and array indexes from the root.
 * @category Kernel
 */
export type IssuePath = readonly (string | number)[];

/**
 * One problem found in an input. `code` is stable kebab-case (safe to branch on); `message` is
 * English for people and never quotes the input's own text (names, free text, unknown keys).
 * @category Kernel
 */
export interface Issue {
  readonly code: string;
  readonly path: IssuePath;
  readonly message: string;
}

/**
 * The error of a function that validates outside data: every problem found, each with its path.
 * @category Kernel
 */
export interface ValidationError {
  readonly kind: 'validation';
  readonly issues: readonly Issue[];
}

/** The shape every kebab-case code must have. @internal */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Builds a frozen {@link Issue}.
 * @param code - Stable kebab-case code.
 * @param path - Path to the offending value.
 * @param message - A message that does not quote the input.
 * @returns The issue.
 * @internal
 */
export function issue(code: string, path: IssuePath, message: string): Issue {
  return Object.freeze({ code, path: Object.freeze([...path]), message });
}

/**
 * Builds a frozen {@link ValidationError}.
 * @param issues - At least one issue.
 * @returns The error.
 * @internal
 */
export function validationError(issues: readonly Issue[]): ValidationError {
  return Object.freeze({ kind: 'validation' as const, issues: Object.freeze([...issues]) });
}

function describe(value: unknown): string {
  // Only used on values that come from iptkit's own schemas (enum members, literals, bounds).
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'symbol' ? '[symbol]' : key));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sizeNoun(origin: string): string {
  switch (origin) {
    case 'string':
      return 'characters';
    case 'array':
    case 'set':
      return 'items';
    default:
      return '';
  }
}

function boundMessage(
  direction: 'least' | 'most',
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
): string {
  const noun = sizeNoun(origin);
  const value = String(bound);
  if (noun !== '') return `must have at ${direction} ${value} ${noun}`;
  if (inclusive === false)
    return `must be ${direction === 'least' ? 'greater' : 'less'} than ${value}`;
  return `must be ${direction === 'least' ? 'at least' : 'at most'} ${value}`;
}

/**
 * Turns one zod issue into iptkit issues. Messages are written here from the issue's structured
 * fields, never copied from zod, so no input text (such as an unknown key) can leak into them.
 */
function convert(zodIssue: $ZodIssue, prefix: IssuePath): Issue[] {
  const path = [...prefix, ...toPath(zodIssue.path)];
  switch (zodIssue.code) {
    case 'invalid_type':
      return [issue('invalid-type', path, `expected ${zodIssue.expected}`)];
    case 'too_small':
      return [
        issue(
          'too-small',
          path,
          boundMessage('least', zodIssue.origin, zodIssue.minimum, zodIssue.inclusive),
        ),
      ];
    case 'too_big':
      return [
        issue(
          'too-big',
          path,
          boundMessage('most', zodIssue.origin, zodIssue.maximum, zodIssue.inclusive),
        ),
      ];
    case 'invalid_format':
      return [
        issue('invalid-format', path, `must be a valid ${zodIssue.format.replace(/_/g, ' ')}`),
      ];
    case 'not_multiple_of':
      return [issue('not-multiple-of', path, `must be a multiple of ${zodIssue.divisor}`)];
    case 'unrecognized_keys':
      return [
        issue(
          'unrecognized-keys',
          path,
          `has ${plural(zodIssue.keys.length, 'key')} that the schema does not know`,
        ),
      ];
    case 'invalid_union': {
      if (zodIssue.discriminator !== undefined) {
        const options = 'options' in zodIssue ? zodIssue.options : undefined;
        return [
          issue(
            'invalid-discriminator',
            path[path.length - 1] === zodIssue.discriminator
              ? path
              : [...path, zodIssue.discriminator],
            options !== undefined && options.length > 0
              ? `must be one of ${options.map(describe).join(', ')}`
              : 'does not name a known variant',
          ),
        ];
      }
      return [issue('invalid-union', path, 'does not match any allowed form')];
    }
    case 'invalid_key':
      return [issue('invalid-key', path, `has a ${zodIssue.origin} key that is not allowed`)];
    case 'invalid_element':
      return [
        issue('invalid-element', path, `has a ${zodIssue.origin} element that is not allowed`),
      ];
    case 'invalid_value':
      return [
        issue('invalid-value', path, `must be one of ${zodIssue.values.map(describe).join(', ')}`),
      ];
    case 'custom': {
      const params = zodIssue.params as { code?: unknown } | undefined;
      const code =
        typeof params?.code === 'string' && KEBAB_CASE.test(params.code) ? params.code : 'invalid';
      return [issue(code, path, zodIssue.message)];
    }
  }
}

/**
 * Converts a zod error to iptkit {@link Issue}s.
 * @param error - The zod error.
 * @param prefix - Path to prepend (when the schema was applied to a part of a larger input).
 * @returns The issues, in zod's order.
 * @internal
 */
export function issuesFromZod(error: z.ZodError, prefix: IssuePath = []): Issue[] {
  return error.issues.flatMap((zodIssue) => convert(zodIssue, prefix));
}
