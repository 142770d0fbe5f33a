import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import * as api from '../index.js';
import * as fhir from '../fhir/index.js';
import { documentArbitrary } from '../testing/course.js';
import { checkLimits, defaultLimits, resolveLimits, type InputLimits } from './limits.js';

const SECRET = 'Hannah Smith';

/** Nesting depth of arrays and objects (the outermost is level 1), counted iteratively. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, level] = pending.pop()!;
    // Typed arrays are measured by checkLimits, not entered: leaves here too.
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    deepest = Math.max(deepest, level);
    for (const child of Object.values(value)) pending.push([child, level + 1]);
  }
  return deepest;
}

/** Nested arrays `levels` deep, built without recursion. */
function nestedArrays(levels: number): unknown[] {
  const root: unknown[] = [];
  let current = root;
  for (let level = 1; level < levels; level += 1) {
    const next: unknown[] = [];
    current.push(next);
    current = next;
  }
  return root;
}

/** Every `maxLength` / `maxItems` / `maxProperties` in a JSON Schema, with where it was. */
function boundsIn(schema: unknown, name: string, into: [string, number, string][]): void {
  const pending: unknown[] = [schema];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (
        (key === 'maxLength' || key === 'maxItems' || key === 'maxProperties') &&
        typeof child === 'number'
      ) {
        into.push([key, child, name]);
      }
      pending.push(child);
    }
  }
}

/** The zod schemas among a module's exports, with their names. */
function zodSchemasOf(module: Record<string, unknown>): [string, z.ZodType][] {
  const found: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(module)) {
    if (value instanceof z.ZodType) found.push([name, value]);
  }
  return found;
}

describe('defaultLimits', () => {
  it('is frozen, whole and positive', () => {
    expect(Object.isFrozen(defaultLimits)).toBe(true);
    for (const value of Object.values(defaultLimits)) {
      expect(Number.isInteger(value) && value > 0).toBe(true);
    }
  });

  it('exceeds every length bound of every exported schema, so valid data never trips it', () => {
    const bounds: [string, number, string][] = [];
    const schemas = zodSchemasOf({ ...api, ...fhir });
    // Enough schemas to mean something: the whole public vocabulary.
    expect(schemas.length).toBeGreaterThan(80);
    for (const [name, schema] of schemas) {
      for (const io of ['input', 'output'] as const) {
        boundsIn(z.toJSONSchema(schema, { unrepresentable: 'any', io }), name, bounds);
      }
    }
    for (const [name, versions] of Object.entries(api.documentTypes)) {
      versions.forEach((version, index) => {
        const where = `${name} v${String(index + 1)}`;
        const found: [string, number, string][] = [];
        boundsIn(
          z.toJSONSchema(version.data, { unrepresentable: 'any', io: 'input' }),
          where,
          found,
        );
        // The data of an event-stream document is the stream itself: it counts against maxEvents.
        const top = (z.toJSONSchema(version.data, { io: 'input' }) as { maxItems?: unknown })
          .maxItems;
        if (name === 'iptkit/course-events') {
          expect(top).toBe(defaultLimits.maxEvents);
          found.splice(
            found.findIndex(([key, value]) => key === 'maxItems' && value === top),
            1,
          );
        }
        bounds.push(...found);
      });
    }
    expect(bounds.length).toBeGreaterThan(100);
    for (const [key, value, name] of bounds) {
      const limit =
        key === 'maxLength'
          ? defaultLimits.maxStringLength
          : key === 'maxItems'
            ? defaultLimits.maxArrayLength
            : defaultLimits.maxObjectKeys;
      expect(value, `${key} of ${name}`).toBeLessThanOrEqual(limit);
    }
  });

  it('passes every generated valid document, which nests well within maxDepth', () => {
    fc.assert(
      fc.property(documentArbitrary({ maxSteps: 60 }), (document) => {
        expect(checkLimits(document, undefined, { eventStreamAt: ['data'] })).toEqual([]);
        // 64 leaves more than three times the nesting of any valid document.
        expect(depthOf(document)).toBeLessThanOrEqual(20);
      }),
      { numRuns: 60 },
    );
  });
});

describe('resolveLimits', () => {
  it('keeps the defaults for anything that is not a whole positive number', () => {
    expect(resolveLimits()).toEqual(defaultLimits);
    expect(resolveLimits(null)).toEqual(defaultLimits);
    expect(resolveLimits('big' as never)).toEqual(defaultLimits);
    expect(
      resolveLimits({
        maxStringLength: -1,
        maxArrayLength: Number.NaN,
        maxDepth: 2.5,
        maxEvents: '10' as never,
        maxObjectKeys: 0,
      }),
    ).toEqual(defaultLimits);
  });

  it('takes whole positive numbers and Infinity, limit by limit', () => {
    expect(resolveLimits({ maxDepth: 3, maxEvents: Number.POSITIVE_INFINITY })).toEqual({
      ...defaultLimits,
      maxDepth: 3,
      maxEvents: Number.POSITIVE_INFINITY,
    });
  });

  it('never throws on a hostile limits object', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(resolveLimits(hostile)).toEqual(defaultLimits);
  });
});

describe('checkLimits', () => {
  it('accepts values within every limit', () => {
    expect(checkLimits({ a: ['x', 1, null, { b: true }] })).toEqual([]);
    expect(checkLimits('short')).toEqual([]);
    expect(checkLimits(42)).toEqual([]);
    expect(checkLimits(undefined)).toEqual([]);
  });

  it('reports a long string by path, without quoting it', () => {
    const found = checkLimits({ people: [{ label: SECRET.repeat(10) }] }, { maxStringLength: 50 });
    expect(found).toEqual([
      {
        code: 'limit-string-length',
        path: ['people', 0, 'label'],
        message: 'is longer than 50 characters',
      },
    ]);
    expect(checkLimits('x'.repeat(11), { maxStringLength: 10 })[0]?.path).toEqual([]);
  });

  it('reports a long key as [key] and masks keys that are not id-shaped', () => {
    const input = { [SECRET]: { ['k'.repeat(30)]: 1 }, 'p-1': 'y'.repeat(30) };
    const found = checkLimits(input, { maxStringLength: 20 });
    expect(found).toEqual([
      {
        code: 'limit-string-length',
        path: ['[key]', '[key]'],
        message: 'has a key longer than 20 characters',
      },
      { code: 'limit-string-length', path: ['p-1'], message: 'is longer than 20 characters' },
    ]);
    expect(JSON.stringify(found)).not.toContain('Hannah');
  });

  it('reports long arrays, typed arrays and objects with many keys without entering them', () => {
    let reads = 0;
    const counted = new Proxy(['a', 'b', 'c', 'd'], {
      get(target, key, receiver) {
        if (key !== 'length') reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const found = checkLimits(
      { list: counted, bytes: new Uint8Array(4), record: { a: 1, b: 2, c: 3, d: 4 } },
      { maxArrayLength: 3, maxObjectKeys: 3 },
    );
    expect(found.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'limit-array-length', path: ['list'] },
      { code: 'limit-array-length', path: ['bytes'] },
      { code: 'limit-object-keys', path: ['record'] },
    ]);
    expect(reads).toBe(0);
  });

  it('fails a list of ten million items at once, reading none of them', () => {
    let reads = 0;
    const huge = new Proxy(new Array<unknown>(10_000_000), {
      get(target, key, receiver) {
        if (key !== 'length') reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(checkLimits(huge).map((found) => found.code)).toEqual(['limit-array-length']);
    expect(reads).toBe(0);
  });

  it('walks a million-level nesting without recursion and stops at maxDepth', () => {
    const found = checkLimits(nestedArrays(1_000_000));
    expect(found).toHaveLength(1);
    expect(found[0]?.code).toBe('limit-depth');
    expect(found[0]?.path).toHaveLength(defaultLimits.maxDepth);
    expect(checkLimits(nestedArrays(64))).toEqual([]);
    expect(checkLimits(nestedArrays(65)).map((one) => one.code)).toEqual(['limit-depth']);
    const deepJson = JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as unknown;
    expect(checkLimits(deepJson, { maxDepth: 10 })[0]?.path).toEqual(Array(10).fill('a'));
  });

  it('stops a cyclic input at maxDepth instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkLimits(cyclic).map((one) => one.code)).toEqual(['limit-depth']);
  });

  it('counts the values of the whole input', () => {
    const found = checkLimits({ a: [1, 2, 3], b: 'x' }, { maxTotalNodes: 5 });
    expect(found).toEqual([
      { code: 'limit-total-nodes', path: [], message: 'has more than 5 values in all' },
    ]);
    expect(checkLimits({ a: [1, 2, 3], b: 'x' }, { maxTotalNodes: 6 })).toEqual([]);
  });

  it('reports at most five violations', () => {
    const found = checkLimits(Array(100).fill('long string'), { maxStringLength: 3 });
    expect(found).toHaveLength(5);
    expect(found.map((one) => one.path)).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('counts an event stream against maxEvents, wherever the options say it is', () => {
    const limits: Partial<InputLimits> = { maxArrayLength: 2, maxEvents: 3 };
    const stream = [{}, {}, {}];
    expect(checkLimits(stream, limits, { eventStreamAt: [] })).toEqual([]);
    expect(checkLimits(stream, limits).map((one) => one.code)).toEqual(['limit-array-length']);
    expect(checkLimits({ data: stream }, limits, { eventStreamAt: ['data'] })).toEqual([]);
    expect(
      checkLimits({ data: [...stream, {}] }, limits, { eventStreamAt: ['data'] }),
    ).toMatchObject([{ code: 'limit-events', path: ['data'], message: 'has more than 3 events' }]);
    // Arrays inside the events are ordinary arrays again.
    expect(
      checkLimits([{ list: [1, 2, 3] }], limits, { eventStreamAt: [] }).map((one) => one.path),
    ).toEqual([[0, 'list']]);
  });

  it('puts the path prefix before every path', () => {
    expect(
      checkLimits({ a: 'xyz' }, { maxStringLength: 2 }, { pathPrefix: ['data', 3] })[0]?.path,
    ).toEqual(['data', 3, 'a']);
  });

  it('turns an unreadable input into unreadable-input where it happened, never a throw', () => {
    const throwing = {
      get name(): string {
        throw new Error('getter');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(checkLimits({ list: [throwing] })).toEqual([
      { code: 'unreadable-input', path: ['list', 0, 'name'], message: 'could not be read' },
    ]);
    expect(checkLimits([1, proxy]).map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unreadable-input', path: [1] },
    ]);
    expect(checkLimits(proxy).map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unreadable-input', path: [] },
    ]);
  });

  it('ignores options an untyped caller got wrong', () => {
    expect(checkLimits({ a: 'xyz' }, { maxStringLength: 2 }, 'x' as never)).toHaveLength(1);
    expect(
      checkLimits({ a: 'xyz' }, { maxStringLength: 2 }, { pathPrefix: [{}] } as never)[0]?.path,
    ).toEqual(['a']);
  });

  it('never throws and never changes its input (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        fc.record(
          {
            maxStringLength: fc.integer({ min: 1, max: 20 }),
            maxArrayLength: fc.integer({ min: 1, max: 5 }),
            maxObjectKeys: fc.integer({ min: 1, max: 5 }),
            maxDepth: fc.integer({ min: 1, max: 4 }),
            maxTotalNodes: fc.integer({ min: 1, max: 50 }),
          },
          { requiredKeys: [] },
        ),
        (input, limits) => {
          const before = structuredClone(input);
          const found = checkLimits(input, limits);
          expect(input).toEqual(before);
          expect(found.length).toBeLessThanOrEqual(5);
          for (const one of found) {
            expect(one.code).toMatch(/^(limit-[a-z-]+|unreadable-input)$/);
            for (const key of one.path) {
              if (typeof key === 'string') expect(key).toMatch(/^(\[key\]|[A-Za-z0-9][\w.:-]*)$/);
            }
          }
          if (found.length === 0) {
            expect(depthOf(input)).toBeLessThanOrEqual(limits.maxDepth ?? defaultLimits.maxDepth);
          }
        },
      ),
    );
  });
});
