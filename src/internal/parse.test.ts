import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { IptError, isIptError } from './ipt-error.js';
import { parseWith, safeParseWith } from './parse.js';

const Person = z.object({
  id: z.string().min(2),
  name: z.string().min(1).max(40),
  tags: z.array(z.string()),
  address: z.object({ city: z.string(), lines: z.array(z.string()) }).optional(),
});

function validPerson() {
  return {
    id: 'p-1',
    name: 'Alice Smith',
    tags: ['friend', 'work'],
    address: { city: 'Leeds', lines: ['1 Road'] },
  };
}

const UNREADABLE = {
  ok: false,
  error: {
    kind: 'validation',
    issues: [{ code: 'unreadable-input', path: [], message: 'the input could not be read' }],
  },
};

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

describe('safeParseWith on valid input', () => {
  it('returns ok with a value equal to the input', () => {
    const input = validPerson();
    expect(safeParseWith(Person, input)).toEqual({ ok: true, value: validPerson() });
  });

  it('returns a deeply frozen value and a frozen result', () => {
    const result = safeParseWith(Person, validPerson());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.value.tags)).toBe(true);
    expect(Object.isFrozen(result.value.address)).toBe(true);
    expect(Object.isFrozen(result.value.address!.lines)).toBe(true);
    expect(() => {
      assignIn(result.value.address!, 'city', 'York');
    }).toThrow(TypeError);
    expect(() => {
      (result.value.tags as string[]).push('x');
    }).toThrow(TypeError);
  });

  it('returns a copy and neither mutates nor freezes the input', () => {
    const input = validPerson();
    const before = structuredClone(input);
    const result = safeParseWith(Person, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).not.toBe(input);
    expect(result.value.tags).not.toBe(input.tags);
    expect(result.value.address).not.toBe(input.address);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.tags)).toBe(false);
    expect(Object.isFrozen(input.address)).toBe(false);
    expect(Object.isFrozen(input.address.lines)).toBe(false);
    expect(input).toStrictEqual(before);
    input.tags.push('still mutable');
    expect(result.value.tags).toEqual(['friend', 'work']);
  });

  it('accepts an already frozen input and leaves it intact', () => {
    const input = Object.freeze(validPerson());
    expect(safeParseWith(Person, input)).toEqual({ ok: true, value: validPerson() });
  });

  it('returns primitives from primitive schemas', () => {
    expect(safeParseWith(z.number().int(), 3)).toEqual({ ok: true, value: 3 });
  });
});

describe('safeParseWith on invalid input', () => {
  it('returns every problem as a frozen validation error', () => {
    const result = safeParseWith(Person, { id: '', name: 7, tags: ['a', 1] });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        issues: [
          { code: 'too-small', path: ['id'], message: 'must have at least 2 characters' },
          { code: 'invalid-type', path: ['name'], message: 'expected string' },
          { code: 'invalid-type', path: ['tags', 1], message: 'expected string' },
        ],
      },
    });
    if (result.ok) return;
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.error)).toBe(true);
    expect(Object.isFrozen(result.error.issues)).toBe(true);
    for (const found of result.error.issues) {
      expect(Object.isFrozen(found)).toBe(true);
      expect(Object.isFrozen(found.path)).toBe(true);
    }
  });

  it('does not quote the input in any message', () => {
    const result = safeParseWith(z.strictObject({ age: z.number() }), {
      age: 'secret-name',
      'Alice Smith': true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = JSON.stringify(result.error);
    expect(text).not.toContain('secret-name');
    expect(text).not.toContain('Alice');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 1],
    ['a string', 'Alice Smith'],
    ['an array', [validPerson()]],
  ])('rejects %s at the root with invalid-type', (_label, input) => {
    const result = safeParseWith(Person, input);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        issues: [{ code: 'invalid-type', path: [], message: 'expected object' }],
      },
    });
  });
});

describe('safeParseWith never throws on unreadable input', () => {
  it('turns a proxy whose get trap throws into unreadable-input', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(safeParseWith(Person, hostile)).toEqual(UNREADABLE);
  });

  it('turns a proxy whose ownKeys and has traps throw into unreadable-input', () => {
    const hostile = new Proxy(validPerson(), {
      ownKeys() {
        throw new Error('trap');
      },
      has() {
        throw new Error('trap');
      },
      getOwnPropertyDescriptor() {
        throw new Error('trap');
      },
    });
    const result = safeParseWith(z.strictObject({ id: z.string() }), hostile);
    expect(result).toEqual(UNREADABLE);
  });

  it('turns a revoked proxy into unreadable-input', () => {
    const { proxy, revoke } = Proxy.revocable(validPerson(), {});
    revoke();
    expect(safeParseWith(Person, proxy)).toEqual(UNREADABLE);
  });

  it('turns a nested revoked proxy into unreadable-input', () => {
    const { proxy, revoke } = Proxy.revocable({ city: 'Leeds', lines: [] }, {});
    revoke();
    expect(safeParseWith(Person, { ...validPerson(), address: proxy })).toEqual(UNREADABLE);
  });

  it('turns a throwing getter into unreadable-input', () => {
    const input = {
      ...validPerson(),
      get name(): string {
        throw new Error('getter');
      },
    };
    expect(safeParseWith(Person, input)).toEqual(UNREADABLE);
  });

  it('returns the unreadable-input error frozen', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = safeParseWith(Person, proxy);
    expect(Object.isFrozen(result)).toBe(true);
    if (result.ok) return;
    expect(Object.isFrozen(result.error)).toBe(true);
    expect(Object.isFrozen(result.error.issues[0])).toBe(true);
  });
});

describe('parseWith', () => {
  it('returns the same deeply frozen value safeParseWith would', () => {
    const value = parseWith(Person, validPerson());
    expect(value).toEqual(validPerson());
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.address!.lines)).toBe(true);
  });

  it('throws an IptError carrying the same kind and issues as safeParseWith', () => {
    const input = { id: '', name: 7, tags: 'x' };
    const safe = safeParseWith(Person, input);
    expect(safe.ok).toBe(false);
    if (safe.ok) return;
    let caught: unknown;
    try {
      parseWith(Person, input);
    } catch (thrown) {
      caught = thrown;
    }
    expect(caught).toBeInstanceOf(IptError);
    expect(isIptError(caught)).toBe(true);
    const error = caught as IptError;
    expect(error.kind).toBe('validation');
    expect(error.issues).toEqual(safe.error.issues);
    expect(error.message).toBe(
      'iptkit validation error, 3 issues: too-small at id; invalid-type at name; invalid-type at tags',
    );
  });

  it('throws an IptError with unreadable-input, not the underlying error, for a revoked proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => parseWith(Person, proxy)).toThrow(IptError);
    expect(() => parseWith(Person, proxy)).toThrow('unreadable-input at (root)');
  });

  it('does not freeze its input', () => {
    const input = validPerson();
    parseWith(Person, input);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.tags)).toBe(false);
  });
});

// A schema that passes a value through untouched (z.unknown(), z.any(), z.custom(),
// z.instanceof(), unknown keys of z.looseObject()) hands the caller's own object back; the
// documented behaviour is that it is frozen with the rest, and anything that cannot be frozen
// becomes an issue instead of a throw.
describe('safeParseWith with pass-through schemas', () => {
  it('freezes, as documented, a caller object that a z.unknown() field passes through', () => {
    const input = { meta: { note: 'x' } };
    const result = safeParseWith(z.object({ meta: z.unknown() }), input);
    expect(result.ok).toBe(true);
    expect(Object.isFrozen(input.meta)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
  });

  it('never throws for a revoked proxy accepted by z.unknown(): unreadable-input', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = safeParseWith(z.unknown(), proxy);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((found) => found.code)).toEqual([
      'unreadable-input',
    ]);
  });

  it('never throws for a non-empty typed array accepted by z.instanceof(): unreadable-input', () => {
    const result = safeParseWith(z.instanceof(Uint8Array), new Uint8Array(2));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((found) => found.code)).toEqual([
      'unreadable-input',
    ]);
  });
});
