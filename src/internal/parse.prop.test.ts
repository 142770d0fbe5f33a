import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { IptError } from './ipt-error.js';
import { parseWith, safeParseWith } from './parse.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const Person = z.object({
  id: z.string().min(1).max(20),
  age: z.number().int().min(0).optional(),
  tags: z.array(z.string()).max(5),
  contact: z.object({ email: z.email().optional(), phones: z.array(z.string()) }).optional(),
});

/** Every object reachable through own enumerable string keys. */
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

const validPerson = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 20 }),
    age: fc.nat({ max: 120 }),
    tags: fc.array(fc.string(), { maxLength: 5 }),
    contact: fc.record(
      { email: fc.constantFrom('a@example.com', 'b.c@example.org'), phones: fc.array(fc.string()) },
      { requiredKeys: ['phones'], noNullPrototype: true },
    ),
  },
  { requiredKeys: ['id', 'tags'], noNullPrototype: true },
);

/** Arbitrary input: anything at all, or something close to a valid person. */
const anyInput = fc.oneof(
  fc.anything(),
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withDate: true }),
  validPerson,
  fc.record({ id: fc.anything(), tags: fc.anything(), contact: fc.anything() }),
);

describe('safeParseWith (properties)', () => {
  it('never throws and returns a frozen value or at least one well-formed issue', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = safeParseWith(Person, input);
        expect(Object.isFrozen(result)).toBe(true);
        if (result.ok) {
          for (const reachable of reachableObjects(result.value)) {
            expect(Object.isFrozen(reachable)).toBe(true);
          }
        } else {
          expect(result.error.kind).toBe('validation');
          expect(result.error.issues.length).toBeGreaterThanOrEqual(1);
          for (const found of result.error.issues) {
            expect(found.code).toMatch(KEBAB);
            expect(Array.isArray(found.path)).toBe(true);
            for (const key of found.path) expect(['string', 'number']).toContain(typeof key);
            expect(found.message.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });

  it('accepts every valid input, returning an equal copy without touching the input', () => {
    fc.assert(
      fc.property(validPerson, (input) => {
        const before = structuredClone(input);
        const result = safeParseWith(Person, input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value).toStrictEqual(before);
        expect(result.value).not.toBe(input);
        expect(input).toStrictEqual(before);
        for (const reachable of reachableObjects(input)) {
          expect(Object.isFrozen(reachable)).toBe(false);
        }
      }),
    );
  });

  it('never freezes or changes an arbitrary object input', () => {
    fc.assert(
      fc.property(fc.object(), (input) => {
        const before = fc.stringify(input);
        safeParseWith(Person, input);
        expect(fc.stringify(input)).toBe(before);
        for (const reachable of reachableObjects(input)) {
          expect(Object.isFrozen(reachable)).toBe(false);
        }
      }),
    );
  });

  it('never quotes a string value or unknown key of the input in a message', () => {
    const secret = fc.stringMatching(/^zq[A-Za-z0-9 ]{4,16}$/);
    const schema = z.strictObject({ age: z.number(), kind: z.enum(['a', 'b']) });
    fc.assert(
      fc.property(secret, secret, (value, key) => {
        const result = safeParseWith(schema, { age: value, kind: value, [key]: value });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        for (const found of result.error.issues) {
          expect(found.message).not.toContain('zq');
        }
      }),
    );
  });
});

describe('parseWith (properties)', () => {
  it('returns what safeParseWith returns, or throws an IptError with the same issues', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const safe = safeParseWith(Person, input);
        if (safe.ok) {
          expect(parseWith(Person, input)).toStrictEqual(safe.value);
          return;
        }
        let caught: unknown;
        try {
          parseWith(Person, input);
        } catch (thrown) {
          caught = thrown;
        }
        expect(caught).toBeInstanceOf(IptError);
        expect((caught as IptError).kind).toBe(safe.error.kind);
        expect((caught as IptError).issues).toStrictEqual(safe.error.issues);
      }),
    );
  });
});
