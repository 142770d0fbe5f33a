import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

function pushInto(target: unknown, value: unknown): void {
  (target as unknown[]).push(value);
}

describe('deepFreeze', () => {
  it('returns the very value it was given', () => {
    const value = { a: 1 };
    expect(deepFreeze(value)).toBe(value);
  });

  it('returns primitives unchanged', () => {
    const symbol = Symbol('s');
    expect(deepFreeze(1)).toBe(1);
    expect(deepFreeze('text')).toBe('text');
    expect(deepFreeze(true)).toBe(true);
    expect(deepFreeze(10n)).toBe(10n);
    expect(deepFreeze(symbol)).toBe(symbol);
    expect(deepFreeze(null)).toBeNull();
    const nothing: unknown = undefined;
    expect(deepFreeze(nothing)).toBeUndefined();
  });

  it('makes assigning, adding and deleting top-level properties throw TypeError', () => {
    const value = deepFreeze({ a: 1 });
    expect(() => {
      assignIn(value, 'a', 2);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(value, 'b', 2);
    }).toThrow(TypeError);
    expect(() => {
      delete (value as Partial<{ a: number }>).a;
    }).toThrow(TypeError);
    expect(() => {
      Object.defineProperty(value, 'c', { value: 3 });
    }).toThrow(TypeError);
    expect(value).toEqual({ a: 1 });
  });

  it('freezes nested objects and arrays so that changing them throws TypeError', () => {
    const value = deepFreeze({
      person: { name: { first: 'A' } },
      list: [{ n: 1 }, [2, 3]],
    });
    expect(Object.isFrozen(value.person)).toBe(true);
    expect(Object.isFrozen(value.person.name)).toBe(true);
    expect(Object.isFrozen(value.list)).toBe(true);
    expect(Object.isFrozen(value.list[0])).toBe(true);
    expect(Object.isFrozen(value.list[1])).toBe(true);
    expect(() => {
      assignIn(value.person.name, 'first', 'B');
    }).toThrow(TypeError);
    expect(() => {
      pushInto(value.list, 4);
    }).toThrow(TypeError);
    expect(() => {
      pushInto(value.list[1], 4);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(value.list, 0, null);
    }).toThrow(TypeError);
    expect(value).toEqual({ person: { name: { first: 'A' } }, list: [{ n: 1 }, [2, 3]] });
  });

  it('freezes the objects of a top-level array', () => {
    const value = deepFreeze([{ a: 1 }, { b: [2] }]);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value[0])).toBe(true);
    expect(Object.isFrozen(value[1]!.b)).toBe(true);
  });

  it('walks into the children of an object that was already shallowly frozen', () => {
    const child = { count: 1 };
    const grandchild = [1, 2];
    const parent = Object.freeze({ child, deeper: { grandchild } });
    deepFreeze(parent);
    expect(Object.isFrozen(child)).toBe(true);
    expect(Object.isFrozen(parent.deeper)).toBe(true);
    expect(Object.isFrozen(grandchild)).toBe(true);
    expect(() => {
      assignIn(child, 'count', 2);
    }).toThrow(TypeError);
  });

  it('terminates on self-references and cycles and freezes every object in them', () => {
    interface Node {
      name: string;
      next?: Node;
      self?: Node;
      list: Node[];
    }
    const first: Node = { name: 'first', list: [] };
    const second: Node = { name: 'second', list: [first] };
    first.next = second;
    first.self = first;
    second.next = first;
    first.list.push(second, first);
    deepFreeze(first);
    for (const value of [first, second, first.list, second.list]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(first.next.next).toBe(first);
  });

  it('freezes an object shared by several parents', () => {
    const shared = { n: 1 };
    const value = deepFreeze({ left: shared, right: [shared], nested: { again: shared } });
    expect(Object.isFrozen(shared)).toBe(true);
    expect(value.left).toBe(value.right[0]);
  });

  it('freezes objects without a prototype', () => {
    const inner = Object.create(null) as Record<string, unknown>;
    inner.x = { y: 1 };
    const value = deepFreeze({ inner });
    expect(Object.isFrozen(value.inner)).toBe(true);
    expect(Object.isFrozen(inner.x)).toBe(true);
  });

  it('freezes sparse arrays and their holes stay holes', () => {
    const sparse: ({ a: number } | undefined)[] = [];
    sparse[3] = { a: 1 };
    deepFreeze(sparse);
    expect(Object.isFrozen(sparse)).toBe(true);
    expect(Object.isFrozen(sparse[3])).toBe(true);
    expect(0 in sparse).toBe(false);
    expect(() => {
      assignIn(sparse, 0, { a: 0 });
    }).toThrow(TypeError);
  });

  it('freezes the far end of a long chain of nested objects', () => {
    interface Link {
      next: Link | null;
    }
    const head: Link = { next: null };
    let tail = head;
    for (let depth = 0; depth < 1_000; depth += 1) {
      const link: Link = { next: null };
      tail.next = link;
      tail = link;
    }
    deepFreeze(head);
    expect(Object.isFrozen(tail)).toBe(true);
  });

  it('does not change the value it freezes', () => {
    const value = { a: [1, { b: 'c' }], d: { e: null, f: undefined } };
    const before = structuredClone(value);
    deepFreeze(value);
    expect(value).toStrictEqual(before);
  });
});
