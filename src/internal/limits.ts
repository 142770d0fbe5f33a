import { ID_PATTERN } from './ids.js';
import { issue, type Issue, type IssuePath } from './issues.js';

/**
 * Size limits on outside data, checked before any schema looks at it so that a pathological input
 * (a gigantic string, a list of a billion items, nesting thousands deep, a stream of ten million
 * events) fails at once with a clear issue instead of making iptkit copy, validate and report on
 * all of it. Every default is far above what any valid iptkit document can hold (see
 * {@link defaultLimits}), so valid data never trips them; raise one only for data you trust.
 * @category Kernel
 */
export interface InputLimits {
  /** The longest string, value or object key, in UTF-16 code units. */
  readonly maxStringLength: number;
  /** The most items in one array (an event stream is counted against `maxEvents` instead). */
  readonly maxArrayLength: number;
  /** The most own keys in one object. */
  readonly maxObjectKeys: number;
  /** The deepest nesting of arrays and objects (the outermost one is level 1). */
  readonly maxDepth: number;
  /** The most events in one event stream. */
  readonly maxEvents: number;
  /** The most values (objects, arrays, strings, numbers, ...) in the whole input. */
  readonly maxTotalNodes: number;
}

/**
 * The limits used when a caller gives none.
 *
 * - `maxStringLength` 100,000: the longest string any iptkit schema accepts is 4,096 characters
 *   (a FHIR system URL); the longest free text 4,000 (a formulation summary).
 * - `maxArrayLength` 100,000: apart from event streams, no iptkit list holds more than 1,000
 *   items (renegotiations, dispute stages).
 * - `maxObjectKeys` 1,000,000: a course keeps its sessions, measures, people and analyses in
 *   objects keyed by id, each growing by at most one key per event, so a snapshot of any stream
 *   within `maxEvents` stays within it.
 * - `maxDepth` 64: valid documents nest about 12 levels deep (a snapshot's protocol phases or a
 *   communication analysis's turns); FHIR items nest a few levels more.
 * - `maxEvents` 1,000,000: the limit `replay` and the `iptkit/course-events` document have always
 *   had, some thousand times a long course.
 * - `maxTotalNodes` 50,000,000: fifty values per event at `maxEvents` (a recorded PHQ-9 is about
 *   thirty).
 * @category Kernel
 */
export const defaultLimits: InputLimits = Object.freeze({
  maxStringLength: 100_000,
  maxArrayLength: 100_000,
  maxObjectKeys: 1_000_000,
  maxDepth: 64,
  maxEvents: 1_000_000,
  maxTotalNodes: 50_000_000,
});

/**
 * Options of {@link checkLimits}.
 * @category Kernel
 */
export interface CheckLimitsOptions {
  /**
   * Where an event stream sits in the input (`[]` for an input that is a stream, `['data']` for a
   * stored document): the array there is counted against `maxEvents` rather than `maxArrayLength`.
   */
  readonly eventStreamAt?: IssuePath;
  /** A path to put before every issue's path (when the input is part of something larger). */
  readonly pathPrefix?: IssuePath;
}

/** How many limit violations are reported before the walk stops. */
const MAX_REPORTED = 5;

const LIMIT_KEYS = Object.keys(defaultLimits) as (keyof InputLimits)[];

/**
 * Complete limits from a caller's partial ones: each whole, positive number given replaces the
 * default (an `Infinity` switches a limit off); anything else (a missing key, `NaN`, a negative
 * number, a string from an untyped caller) keeps the default. Never throws.
 * @param limits - Some limits, or nothing.
 * @returns Every limit.
 * @category Kernel
 */
export function resolveLimits(limits?: Partial<InputLimits> | null): InputLimits {
  if (typeof limits !== 'object' || limits === null) return defaultLimits;
  const resolved: Record<keyof InputLimits, number> = { ...defaultLimits };
  for (const key of LIMIT_KEYS) {
    let value: unknown;
    try {
      value = (limits as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    if (
      typeof value === 'number' &&
      value > 0 &&
      (Number.isInteger(value) || value === Number.POSITIVE_INFINITY)
    ) {
      resolved[key] = value;
    }
  }
  return Object.freeze(resolved);
}

/** An array or object being walked: its children are visited from `next` on. */
interface Frame {
  readonly container: object;
  /** The object's keys; `undefined` for an array (its indexes are its keys). */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
  /** Its key in its parent, as read (masked only when a path is built); `undefined` for the root. */
  readonly key: string | number | undefined;
  readonly parent: Frame | undefined;
  /** Its nesting level: 1 for the root. */
  readonly level: number;
}

/** A key as it may appear in an issue path: id-shaped keys as they are, any other as `[key]`. */
function maskKey(key: string | number): string | number {
  return typeof key === 'number' || ID_PATTERN.test(key) ? key : '[key]';
}

/** The path of a frame, or of its child `key` when given, with keys masked. */
function pathOf(
  frame: Frame | undefined,
  prefix: IssuePath,
  key?: string | number,
): (string | number)[] {
  const keys: (string | number)[] = key === undefined ? [] : [maskKey(key)];
  for (let current = frame; current !== undefined; current = current.parent) {
    if (current.key !== undefined) keys.push(maskKey(current.key));
  }
  keys.reverse();
  return [...prefix, ...keys];
}

/** Whether the child `key` of `parent` (the root when `parent` is undefined) sits at `target`. */
function isAt(parent: Frame | undefined, key: string | number | undefined, target: IssuePath) {
  const level = (parent?.level ?? 0) + 1;
  if (target.length !== level - 1) return false;
  let index = target.length - 1;
  let step: string | number | undefined = key;
  for (let current = parent; index >= 0; current = current?.parent) {
    if (step !== target[index]) return false;
    index -= 1;
    step = current?.key;
  }
  return true;
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Checks outside data against size limits before it goes anywhere near a schema: string lengths
 * (keys included), array lengths, key counts, nesting depth, the length of an event stream and
 * the number of values in all. The walk is iterative (a deeply nested input cannot overflow the
 * stack), stops at the first few violations, does not look inside an array or object that is
 * already too big, and reads only own enumerable keys (as the schemas do). Typed arrays are
 * measured but not entered; other values are leaves. Issue paths mask every key that is not
 * id-shaped as `[key]`, and messages give the limit, never the input. Never throws: an input that
 * cannot be read (a throwing getter, a revoked proxy) yields an `unreadable-input` issue.
 *
 * Issue codes: `limit-string-length`, `limit-array-length`, `limit-object-keys`, `limit-depth`,
 * `limit-events`, `limit-total-nodes`, `unreadable-input`.
 * @example
 * ```ts
 * const value: unknown = JSON.parse(text);
 * const tooBig = checkLimits(value, { maxStringLength: 10_000 }, { eventStreamAt: ['data'] });
 * if (tooBig.length > 0) return reject(tooBig);
 * ```
 * @param input - Untrusted data, for example from `JSON.parse`.
 * @param limits - Limits to use instead of the defaults ({@link defaultLimits}).
 * @param options - Where the event stream is, and a path prefix.
 * @returns The violations found (at most five), empty when the input is within every limit.
 * @category Kernel
 */
export function checkLimits(
  input: unknown,
  limits?: Partial<InputLimits> | null,
  options?: CheckLimitsOptions,
): Issue[] {
  const resolved = resolveLimits(limits);
  const prefix = pathOption(options, 'pathPrefix') ?? [];
  const streamAt = pathOption(options, 'eventStreamAt');
  const found: Issue[] = [];
  walk(input, resolved, streamAt, prefix, found);
  return found;
}

/** A path given in the options, copied; `undefined` when absent or not a path (untyped callers). */
function pathOption(
  options: CheckLimitsOptions | undefined,
  name: keyof CheckLimitsOptions,
): IssuePath | undefined {
  try {
    const value: unknown = (options as Record<string, unknown> | null | undefined)?.[name];
    if (!Array.isArray(value)) return undefined;
    const path: (string | number)[] = [];
    for (const key of value as readonly unknown[]) {
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      path.push(key);
    }
    return path;
  } catch {
    return undefined;
  }
}

/** The walk of {@link checkLimits}: appends what it finds to `found`. */
function walk(
  input: unknown,
  limits: InputLimits,
  streamAt: IssuePath | undefined,
  prefix: IssuePath,
  found: Issue[],
): void {
  const { maxStringLength, maxTotalNodes } = limits;
  const stack: Frame[] = [];
  /** Adds an issue; `true` once enough have been found to stop. */
  const report = (code: string, path: IssuePath, message: string): boolean => {
    found.push(issue(code, path, message));
    return found.length >= MAX_REPORTED;
  };
  const tooLong = (parent: Frame | undefined, key: string | number | undefined) =>
    report(
      'limit-string-length',
      pathOf(parent, prefix, key),
      `is longer than ${plural(maxStringLength, 'character')}`,
    );

  /** Checks an array or object and pushes it to be walked; `true` when the walk must stop. */
  const enter = (value: object, key: string | number | undefined, parent: Frame | undefined) => {
    const level = (parent?.level ?? 0) + 1;
    if (Array.isArray(value)) {
      if (level > limits.maxDepth) return tooDeep(parent, key);
      const length = value.length;
      const isStream = streamAt !== undefined && isAt(parent, key, streamAt);
      const max = isStream ? limits.maxEvents : limits.maxArrayLength;
      if (length > max) {
        return report(
          isStream ? 'limit-events' : 'limit-array-length',
          pathOf(parent, prefix, key),
          `has more than ${plural(max, isStream ? 'event' : 'item')}`,
        );
      }
      stack.push({ container: value, keys: undefined, length, next: 0, key, parent, level });
      return false;
    }
    if (ArrayBuffer.isView(value)) {
      // Measured, not entered: no schema reads a typed array's items.
      const view = value as ArrayBufferView & { readonly length?: unknown };
      const length = typeof view.length === 'number' ? view.length : view.byteLength;
      if (length <= limits.maxArrayLength) return false;
      return report(
        'limit-array-length',
        pathOf(parent, prefix, key),
        `has more than ${plural(limits.maxArrayLength, 'item')}`,
      );
    }
    if (level > limits.maxDepth) return tooDeep(parent, key);
    const keys = Object.keys(value);
    if (keys.length > limits.maxObjectKeys) {
      return report(
        'limit-object-keys',
        pathOf(parent, prefix, key),
        `has more than ${plural(limits.maxObjectKeys, 'key')}`,
      );
    }
    stack.push({ container: value, keys, length: keys.length, next: 0, key, parent, level });
    return false;
  };
  const tooDeep = (parent: Frame | undefined, key: string | number | undefined) =>
    report(
      'limit-depth',
      pathOf(parent, prefix, key),
      `is nested more than ${plural(limits.maxDepth, 'level')} deep`,
    );

  // Reading the input may throw (a getter, a proxy): the issue then says where.
  let current: Frame | undefined;
  let reading: string | number | undefined;
  try {
    if (typeof input === 'string') {
      if (input.length > maxStringLength) tooLong(undefined, undefined);
      return;
    }
    if (typeof input !== 'object' || input === null || enter(input, undefined, undefined)) return;
    let nodes = 1;
    while (stack.length > 0) {
      current = stack[stack.length - 1];
      if (current === undefined) break;
      if (current.next >= current.length) {
        stack.pop();
        continue;
      }
      const index = current.next;
      current.next += 1;
      reading = undefined;
      nodes += 1;
      if (nodes > maxTotalNodes) {
        found.push(
          issue(
            'limit-total-nodes',
            prefix,
            `has more than ${plural(maxTotalNodes, 'value')} in all`,
          ),
        );
        return;
      }
      let child: unknown;
      let key: string | number;
      if (current.keys === undefined) {
        key = index;
        reading = key;
        child = (current.container as readonly unknown[])[index];
      } else {
        key = current.keys[index] ?? '';
        if (key.length > maxStringLength) {
          // The key is refused; its value is not looked at.
          if (
            report(
              'limit-string-length',
              [...pathOf(current, prefix), '[key]'],
              `has a key longer than ${plural(maxStringLength, 'character')}`,
            )
          ) {
            return;
          }
          continue;
        }
        reading = key;
        child = (current.container as Record<string, unknown>)[key];
      }
      if (typeof child === 'string') {
        if (child.length > maxStringLength && tooLong(current, key)) return;
      } else if (typeof child === 'object' && child !== null && enter(child, key, current)) {
        return;
      }
    }
  } catch {
    found.push(issue('unreadable-input', pathOf(current, prefix, reading), 'could not be read'));
  }
}
