import * as z from 'zod';
import { ID_PATTERN } from './ids.js';
import type { $ZodIssue, $ZodIssueInvalidStringFormat } from 'zod/v4/core';

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

/** Keys of iptkit's schemas and caller ids all have this shape; free text (a name) does not. */
const KEY_SHAPE = ID_PATTERN;

/**
 * A zod path with any key that could be client text (a record key that is not id-shaped, such as a
 * name) replaced by `[key]`, so that no issue path carries a client's words.
 */
function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => {
    if (typeof key === 'number') return key;
    if (typeof key === 'symbol') return '[symbol]';
    return KEY_SHAPE.test(key) ? key : '[key]';
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sizeNoun(origin: string): string {
  switch (origin) {
    case 'string':
      return 'character';
    case 'array':
    case 'set':
      return 'item';
    default:
      return '';
  }
}

function boundMessage(
  direction: 'least' | 'most',
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
): string {
  const noun = sizeNoun(origin);
  const value = String(bound);
  if (noun !== '') {
    return `must have ${exact === true ? 'exactly' : `at ${direction}`} ${plural(Number(bound), noun)}`;
  }
  if (inclusive === false) {
    return `must be ${direction === 'least' ? 'greater' : 'less'} than ${value}`;
  }
  return `must be ${direction === 'least' ? 'at least' : 'at most'} ${value}`;
}

function formatMessage(zodIssue: $ZodIssueInvalidStringFormat): string {
  const detail = zodIssue as { prefix?: unknown; suffix?: unknown; includes?: unknown };
  switch (zodIssue.format) {
    case 'regex':
      return zodIssue.pattern === undefined
        ? 'does not have the required form'
        : `does not have the required form (${zodIssue.pattern})`;
    case 'starts_with':
      return `must start with ${describe(detail.prefix)}`;
    case 'ends_with':
      return `must end with ${describe(detail.suffix)}`;
    case 'includes':
      return `must include ${describe(detail.includes)}`;
    case 'lowercase':
      return 'must be lowercase';
    case 'uppercase':
      return 'must be uppercase';
    default:
      return `must be a valid ${zodIssue.format.replace(/_/g, ' ')}`;
  }
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
          boundMessage(
            'least',
            zodIssue.origin,
            zodIssue.minimum,
            zodIssue.inclusive,
            zodIssue.exact,
          ),
        ),
      ];
    case 'too_big':
      return [
        issue(
          'too-big',
          path,
          boundMessage(
            'most',
            zodIssue.origin,
            zodIssue.maximum,
            zodIssue.inclusive,
            zodIssue.exact,
          ),
        ),
      ];
    case 'invalid_format':
      // A pattern is the schema's own constant, never input; zod's message is not used because a
      // caller's schema could have put input into it.
      return [issue('invalid-format', path, formatMessage(zodIssue))];
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
      if ('matches' in zodIssue) {
        return [issue('ambiguous-union', path, 'matches more than one allowed form')];
      }
      return [issue('invalid-union', path, 'does not match any allowed form')];
    }
    case 'invalid_key': {
      // A record puts the rejected key itself at the end of the path. It failed the key schema,
      // so it is not a key the schema knows: it is masked even when it is id-shaped.
      const keyPath =
        zodIssue.origin === 'record' &&
        typeof zodIssue.path[zodIssue.path.length - 1] === 'string' &&
        path.length > 0
          ? [...path.slice(0, -1), '[key]']
          : path;
      return [issue('invalid-key', keyPath, `has a ${zodIssue.origin} key that is not allowed`)];
    }
    case 'invalid_element':
      return [
        issue('invalid-element', path, `has a ${zodIssue.origin} element that is not allowed`),
      ];
    case 'invalid_value':
      return [
        issue('invalid-value', path, `must be one of ${zodIssue.values.map(describe).join(', ')}`),
      ];
    case 'custom': {
      // A refinement's message is written by the schema's author; iptkit's own are constants.
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
