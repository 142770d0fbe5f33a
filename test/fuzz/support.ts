/**
 * Shared pieces of the fuzz suite: hostile input generators and the checks every call must pass
 * (no throw, a well-formed Result, no change to the input, nothing added to a built-in prototype).
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { isIptError } from '../../src/internal/ipt-error.js';
import { KEBAB_CASE } from '../../src/internal/issues.js';

const hostileByDepth = new Map<number, fc.Arbitrary<unknown>>();

/** `fc.anything()` with every kind of odd value it can make switched on. */
export const hostile = (maxDepth?: number): fc.Arbitrary<unknown> => {
  const key = maxDepth ?? 0;
  const known = hostileByDepth.get(key);
  if (known !== undefined) return known;
  const made = fc.anything({
    ...(maxDepth === undefined ? {} : { maxDepth }),
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  });
  hostileByDepth.set(key, made);
  return made;
};

/** Strings that trouble text handling: lone surrogates, a BOM, NUL, RTL marks, long runs. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\uD800',
    '\uDFFF',
    'a\uDC00b',
    '\uD83D',
    '\uFEFF',
    '\u0000',
    '\u202Eevil',
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Numbers JSON cannot hold or that compare oddly. */
export const oddNumber: fc.Arbitrary<number> = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  -1e308,
  0.1 + 0.2,
);

/** JSON text with the keys that pollute prototypes when code copies objects carelessly. */
export const protoKeyed: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'schema', 'data', 'item1'),
    fc.jsonValue({ maxDepth: 1 }),
  )
  .map(([key, value, inner, innerValue]): unknown =>
    JSON.parse(
      `{${JSON.stringify(key)}: ${JSON.stringify(value)}, "nested": {${JSON.stringify(inner)}: ${JSON.stringify(innerValue)}, "__proto__": {"polluted": "yes"}}}`,
    ),
  );

/** Any of the above, or anything at all. */
export const anyInput = (maxDepth?: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: hostile(maxDepth) },
    { weight: 1, arbitrary: oddString },
    { weight: 1, arbitrary: oddNumber },
    { weight: 1, arbitrary: protoKeyed },
  );

// ------------------------------------------------------------------------------------------------
// Checks
// ------------------------------------------------------------------------------------------------

const PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
];

const baseline = PROTOTYPES.map((prototype) => Reflect.ownKeys(prototype).length);

/** Fails if any built-in prototype gained or lost a key since the suite was loaded. */
export function expectNoPollution(): void {
  PROTOTYPES.forEach((prototype, index) => {
    check(Reflect.ownKeys(prototype).length === baseline[index], 'built-in prototypes unchanged');
  });
  // A write through `__proto__` lands here when an object is copied with plain assignment.
  check(!('polluted' in {}), 'Object.prototype has no `polluted`');
}

/** Objects known to be deeply frozen (see {@link trusted}): they cannot change. */
const deeplyFrozen = new WeakSet();

/**
 * A text that changes whenever the value changes: types, prototypes (null or not), own keys in
 * order, -0, NaN, sparse holes, Map/Set entries, typed array bytes, boxed and Date values. Built
 * without recursion.
 */
export function fingerprint(root: unknown): string {
  // Primitives cannot change; values marked `trusted` are deeply frozen and cannot either.
  if (typeof root !== 'object' || root === null || deeplyFrozen.has(root)) return '';
  const parts: string[] = [];
  const pending: unknown[] = [root];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'number') {
      parts.push(Object.is(value, -0) ? 'n-0' : `n${String(value)}`);
      continue;
    }
    if (typeof value === 'string') {
      parts.push(`s${String(value.length)}:${value}`);
      continue;
    }
    if (typeof value === 'bigint') {
      parts.push(`b${value.toString()}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      parts.push(`${typeof value}:${String(value)}`);
      continue;
    }
    if (seen.has(value) || deeplyFrozen.has(value)) {
      parts.push('seen');
      continue;
    }
    seen.add(value);
    const prototype: unknown = Object.getPrototypeOf(value);
    parts.push(
      `o${prototype === null ? 'null' : Object.prototype.toString.call(value)}:${String(Object.isFrozen(value))}`,
    );
    if (ArrayBuffer.isView(value)) {
      parts.push(
        Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).join(),
      );
      continue;
    }
    if (value instanceof Date) parts.push(`d${String(value.getTime())}`);
    if (value instanceof Map) {
      parts.push(`m${String(value.size)}`);
      for (const [key, item] of value) pending.push(key, item);
    }
    if (value instanceof Set) {
      parts.push(`t${String(value.size)}`);
      for (const item of value) pending.push(item);
    }
    if (
      value instanceof Number ||
      value instanceof String ||
      value instanceof Boolean ||
      value instanceof BigInt
    ) {
      parts.push(`v${String(value.valueOf())}`);
    }
    if (Array.isArray(value)) parts.push(`a${String(value.length)}`);
    const keys = Reflect.ownKeys(value);
    parts.push(`k${String(keys.length)}`);
    for (const key of keys) {
      parts.push(`:${String(key)}`);
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      pending.push(descriptor !== undefined && 'value' in descriptor ? descriptor.value : 'getter');
    }
  }
  return parts.join('|');
}

/** Throws (failing the property) unless `condition` holds. Cheaper than `expect` in hot loops. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`fuzz check failed: ${what}`);
}

function checkIssue(found: unknown): void {
  const one = found as { code?: unknown; path?: unknown; message?: unknown };
  check(typeof one.code === 'string' && KEBAB_CASE.test(one.code), 'issue code is kebab-case');
  check(Array.isArray(one.path), 'issue path is a list');
  for (const key of one.path as unknown[]) {
    check(typeof key === 'string' || typeof key === 'number', 'issue path keys');
  }
  check(typeof one.message === 'string', 'issue message is text');
}

/** Checks an iptkit error: validation issues, a rule violation or a replay error. */
export function expectWellFormedError(error: unknown): void {
  check(typeof error === 'object' && error !== null, 'error is an object');
  const shaped = error as { kind?: unknown; issues?: unknown; code?: unknown; cause?: unknown };
  switch (shaped.kind) {
    case 'validation':
      check(Array.isArray(shaped.issues) && shaped.issues.length > 0, 'validation has issues');
      for (const found of shaped.issues as unknown[]) checkIssue(found);
      return;
    case 'rule': {
      const rule = error as { code?: unknown; message?: unknown; path?: unknown; issues?: unknown };
      check(typeof rule.code === 'string' && KEBAB_CASE.test(rule.code), 'rule code');
      check(typeof rule.message === 'string', 'rule message');
      check(rule.path === undefined || Array.isArray(rule.path), 'rule path');
      if (rule.issues !== undefined) {
        check(Array.isArray(rule.issues), 'rule issues');
        for (const found of rule.issues as unknown[]) checkIssue(found);
      }
      return;
    }
    case 'replay': {
      const replayed = error as { index?: unknown; cause?: unknown };
      check(
        replayed.index === null ||
          (typeof replayed.index === 'number' && Number.isInteger(replayed.index)),
        'replay index',
      );
      expectWellFormedError(replayed.cause);
      return;
    }
    default:
      check(false, `known error kind (got ${String(shaped.kind)})`);
  }
}

/** Checks a Result: frozen, `ok` a boolean, and a well-formed error when it failed. */
export function expectResult(result: unknown): void {
  check(typeof result === 'object' && result !== null, 'result is an object');
  const shaped = result as { ok?: unknown; value?: unknown; error?: unknown };
  check(typeof shaped.ok === 'boolean', 'ok is a boolean');
  check(Object.isFrozen(result), 'result is frozen');
  if (!shaped.ok) expectWellFormedError(shaped.error);
}

/**
 * Marks values (iptkit's own frozen samples: built-in instruments, states `execute` built) as
 * deeply frozen after checking that they are, so that `call` can skip copying them.
 * @returns The values.
 */
export function trusted<TValue>(values: readonly TValue[]): readonly TValue[] {
  for (const value of values) {
    if (typeof value !== 'object' || value === null) continue;
    const pending: unknown[] = [value];
    while (pending.length > 0) {
      const next = pending.pop();
      if (typeof next !== 'object' || next === null) continue;
      if (!Object.isFrozen(next)) throw new Error('a trusted sample is not deeply frozen');
      for (const key of Reflect.ownKeys(next))
        pending.push((next as Record<PropertyKey, unknown>)[key]);
    }
    deeplyFrozen.add(value);
  }
  return values;
}

function snapshotOf(input: unknown): string | undefined {
  return typeof input !== 'object' || input === null || deeplyFrozen.has(input)
    ? undefined
    : fingerprint(input);
}

/**
 * Calls an entry the way a fuzz property should: the input must come out unchanged, no prototype
 * may change, and the call must not throw (except an {@link IptError} when `throws` says the entry
 * is a documented throwing twin).
 * @returns What the entry returned (`undefined` when a throwing twin threw).
 */
export function call<TValue>(
  inputs: readonly unknown[],
  run: () => TValue,
  throws = false,
): TValue | undefined {
  const before = inputs.map(snapshotOf);
  let value: TValue | undefined;
  try {
    value = run();
  } catch (error) {
    if (!throws || !isIptError(error)) throw error;
  }
  inputs.forEach((input, index) => {
    const was = before[index];
    check(was === undefined || fingerprint(input) === was, `input ${String(index)} unchanged`);
  });
  expectNoPollution();
  return value;
}

/**
 * Runs a property `numRuns` times (`fc.assert`). With `FUZZ_PROFILE` set to a file path, appends
 * the CPU time per run to that file (to share out the budget; nothing is printed).
 */
export function fuzz<TArgs>(name: string, property: fc.IProperty<TArgs>, numRuns: number): void {
  const started = process.cpuUsage();
  fc.assert(property, { numRuns });
  const profile = process.env.FUZZ_PROFILE;
  if (profile !== undefined && profile !== '') {
    const used = process.cpuUsage(started);
    const micros = (used.user + used.system) / numRuns;
    appendFileSync(profile, `${name}\t${String(numRuns)}\t${micros.toFixed(1)} us/run\n`);
  }
}

/** The asynchronous twin of {@link fuzz}. */
export async function fuzzAsync<TArgs>(
  name: string,
  property: fc.IAsyncProperty<TArgs>,
  numRuns: number,
): Promise<void> {
  const started = process.cpuUsage();
  await fc.assert(property, { numRuns });
  const profile = process.env.FUZZ_PROFILE;
  if (profile !== undefined && profile !== '') {
    const used = process.cpuUsage(started);
    const micros = (used.user + used.system) / numRuns;
    appendFileSync(profile, `${name}\t${String(numRuns)}\t${micros.toFixed(1)} us/run\n`);
  }
}
