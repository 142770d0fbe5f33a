import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

/** Every object reachable through own enumerable string keys, the walk deepFreeze promises. */
function reachableObjects(root: unknown): object[] {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Object.keys(value)) pending.push((value as Record<string, unknown>)[key]);
  }
  return [...seen];
}

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
});

const PROBE_KEY = '__iptkitProbe__';

describe('deepFreeze (properties)', () => {
  it('freezes every object reachable from any value and returns that same value', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(Object.is(deepFreeze(value), value)).toBe(true);
        for (const reachable of reachableObjects(value)) {
          expect(Object.isFrozen(reachable)).toBe(true);
        }
      }),
    );
  });

  it('makes adding a property to any reachable object of any object throw TypeError', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (value) => {
        deepFreeze(value);
        for (const reachable of reachableObjects(value)) {
          expect(() => {
            (reachable as Record<string, unknown>)[PROBE_KEY] = 1;
          }).toThrow(TypeError);
          expect(Object.hasOwn(reachable, PROBE_KEY)).toBe(false);
        }
      }),
    );
  });

  it('leaves the content of any value unchanged', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const before = fc.stringify(value);
        deepFreeze(value);
        expect(fc.stringify(value)).toBe(before);
      }),
    );
  });

  it('freezes exactly the nodes reachable from the root of any object graph, cycles included', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        kinds: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
        edges: fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size - 1 })), {
          maxLength: size * 3,
        }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ size, kinds, edges }) => {
        // Each node is an array or a plain object; an edge stores the target inside the source.
        const nodes: (unknown[] | Record<string, unknown>)[] = kinds.map((isArray) =>
          isArray ? [] : {},
        );
        const adjacency: number[][] = Array.from({ length: size }, () => []);
        edges.forEach(([from, to], index) => {
          const source = nodes[from]!;
          if (Array.isArray(source)) source.push(nodes[to]);
          else source[`edge${index}`] = nodes[to];
          adjacency[from]!.push(to);
        });
        const reachable = new Set<number>([0]);
        const pending = [0];
        while (pending.length > 0) {
          for (const next of adjacency[pending.pop()!]!) {
            if (!reachable.has(next)) {
              reachable.add(next);
              pending.push(next);
            }
          }
        }
        deepFreeze(nodes[0]);
        nodes.forEach((node, index) => {
          expect(Object.isFrozen(node)).toBe(reachable.has(index));
        });
      }),
    );
  });
});
