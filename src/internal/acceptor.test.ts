import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CourseEvent } from '../course/events.js';
import { Course } from '../course/state.js';
import { InventoryEntry } from '../inventory/person.js';
import { Protocol } from '../protocol/protocol-schema.js';
import { protocols } from '../protocol/protocols.js';
import { intentSequence, runIntents } from '../../test/support/course-arbitraries.js';
import { allMutations, asJson, type Json } from '../../test/support/mutations.js';
import { acceptorOf } from './acceptor.js';
import { sensitiveText } from './sensitive.js';

/**
 * The acceptor's promise, checked against zod itself: whenever it says yes, zod parses the value
 * successfully and gives back an equal value. (A "no" promises nothing: zod then decides.)
 */
function expectAgreesWithZod(schema: z.ZodType, value: unknown): boolean {
  const accepted = acceptorOf(schema)(value);
  // The generated function and the closures answer alike, value by value.
  expect(acceptorOf(schema, { jit: false })(value)).toBe(accepted);
  if (accepted) {
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(parsed.data).toStrictEqual(value);
  }
  return accepted;
}

const courseArbitrary = intentSequence(30).map((intents) => runIntents(intents));

describe('acceptorOf against zod (differential)', () => {
  it('accepts every stored event of generated courses, each as zod parses it', () => {
    fc.assert(
      fc.property(courseArbitrary, ({ events }) => {
        for (const event of asJson(events) as Json[]) {
          if ((event as { type?: unknown }).type === 'course-started') {
            // The embedded protocol goes through its own schema (and memo) in replay.
            expectAgreesWithZod(CourseEvent, event);
            continue;
          }
          expect(expectAgreesWithZod(CourseEvent, event)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('never says yes to a mutated event that zod refuses or changes', () => {
    fc.assert(
      fc.property(courseArbitrary, fc.nat(), ({ events }, pick) => {
        const stored = asJson(events) as Json[];
        if (stored.length === 0) return;
        const event = stored[pick % stored.length] as Json;
        for (const mutation of allMutations(event)) {
          expectAgreesWithZod(CourseEvent, mutation.apply(event));
        }
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('agrees with zod on course snapshots, their mutations and on anything at all', () => {
    fc.assert(
      fc.property(courseArbitrary, ({ state }) => {
        if (state === null) return;
        const snapshot = asJson(state);
        expectAgreesWithZod(Course, snapshot);
        for (const mutation of allMutations(snapshot).slice(0, 300)) {
          expectAgreesWithZod(Course, mutation.apply(snapshot));
        }
      }),
      { numRuns: 15 },
    );
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        expectAgreesWithZod(CourseEvent, value);
        expectAgreesWithZod(InventoryEntry, value);
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('accepts the catalog protocols as zod does', () => {
    for (const protocol of Object.values(protocols)) {
      expectAgreesWithZod(Protocol, asJson(protocol));
    }
  });
});

describe('acceptorOf: values that parsing would change are left to zod', () => {
  it('a trimmed text field: untrimmed text is not accepted as it is', () => {
    const schema = z.strictObject({ note: sensitiveText('free-text', 50) });
    expect(expectAgreesWithZod(schema, { note: 'fine' })).toBe(true);
    expect(expectAgreesWithZod(schema, { note: ' padded ' })).toBe(false);
    expect(schema.safeParse({ note: ' padded ' }).success).toBe(true);
  });

  it('stripped unknown keys, defaults and prototypes keys are not accepted', () => {
    const loose = z.object({ a: z.int() });
    expect(expectAgreesWithZod(loose, { a: 1 })).toBe(true);
    expect(expectAgreesWithZod(loose, { a: 1, b: 2 })).toBe(false);
    const defaulted = z.strictObject({ a: z.int().default(3) });
    expect(expectAgreesWithZod(defaulted, {})).toBe(false);
    expect(expectAgreesWithZod(defaulted, { a: 4 })).toBe(true);
    const strict = z.strictObject({ a: z.int() });
    expect(expectAgreesWithZod(strict, JSON.parse('{"a":1,"__proto__":{"x":1}}'))).toBe(false);
  });

  it('lengths near their limits are counted as zod counts them (code points)', () => {
    const schema = z.string().min(2).max(3);
    // One astral character is two UTF-16 units but one code point: too short for zod.
    expect(expectAgreesWithZod(schema, '\u{1F600}')).toBe(false);
    expect(expectAgreesWithZod(schema, '\u{1F600}\u{1F600}')).toBe(true);
    expect(expectAgreesWithZod(schema, 'abcd')).toBe(false);
    expect(expectAgreesWithZod(schema, 'abc')).toBe(true);
  });

  it('numbers: non-finite, unsafe and fractional values are refused where zod refuses them', () => {
    const schema = z.int().min(0).max(10);
    for (const value of [Number.NaN, Infinity, -1, 11, 2.5, 2 ** 60]) {
      expect(expectAgreesWithZod(schema, value)).toBe(false);
    }
    expect(expectAgreesWithZod(schema, 10)).toBe(true);
    expect(expectAgreesWithZod(schema, 0)).toBe(true);
  });

  it('refinements are run: a failing superRefine is never accepted', () => {
    const schema = z.strictObject({ from: z.int(), to: z.int() }).superRefine((value, context) => {
      if (value.to < value.from) context.addIssue({ code: 'custom', message: 'order' });
    });
    expect(expectAgreesWithZod(schema, { from: 1, to: 2 })).toBe(true);
    expect(expectAgreesWithZod(schema, { from: 2, to: 1 })).toBe(false);
  });

  it('a hostile value (a throwing getter) is a "no", never an exception', () => {
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    expect(acceptorOf(CourseEvent)(hostile)).toBe(false);
    expect(acceptorOf(CourseEvent, { jit: false })(hostile)).toBe(false);
  });
});
