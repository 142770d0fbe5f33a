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
import { idKeyedRecord } from './model.js';
import { acceptedDepth, acceptorOf } from './acceptor.js';
import { isIdShaped, PersonId } from './ids.js';
import { sensitiveText } from './sensitive.js';

/**
 * The acceptor's promise, checked against zod itself: whenever it says yes, zod parses the value
 * successfully and gives back an equal value. (A "no" promises nothing: zod then decides.)
 */
function expectAgreesWithZod(schema: z.ZodType, value: unknown): boolean {
  const accepted = acceptorOf(schema)(value);
  // The generated function and the closures answer alike, value by value.
  expect(acceptorOf(schema, { jit: false })(value)).toBe(accepted);
  expectJsonModeAgrees(schema, value);
  if (accepted) {
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(parsed.data).toStrictEqual(value);
  }
  return accepted;
}

/**
 * The acceptors built for values straight from `JSON.parse` answer, on such a value, as the
 * ordinary ones do: checked on the value as a JSON file would carry it (when it has a JSON form).
 */
let jsonChecks = 0;

function expectJsonModeAgrees(schema: z.ZodType, value: unknown): void {
  // Every third value is enough to hold the modes together (thousands a run), and keeps the
  // suite fast.
  jsonChecks += 1;
  if (jsonChecks % 3 !== 0) return;
  // JSON.stringify gives undefined (despite its type) for a value with no JSON form.
  let text: unknown;
  try {
    text = JSON.stringify(value);
  } catch {
    return;
  }
  // Huge values (some mutations make them) only repeat what the small ones show, slowly.
  if (typeof text !== 'string' || text.length > 20_000) return;
  const parsed: unknown = JSON.parse(text);
  const ordinary = acceptorOf(schema)(parsed);
  expect(acceptorOf(schema, { json: true })(parsed)).toBe(ordinary);
  expect(acceptorOf(schema, { json: true, jit: false })(parsed)).toBe(ordinary);
}

/** The deepest nesting of arrays and objects in a value (the value itself is level 1). */
function nesting(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(nesting));
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
        // Records keyed by id (a refined record piped into a keyed one) and partial records
        // (a protocol's labels) are understood: a stored course is accepted whole.
        expect(expectAgreesWithZod(Course, snapshot)).toBe(true);
        expect(nesting(snapshot)).toBeLessThanOrEqual(acceptedDepth(Course));
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
      expect(expectAgreesWithZod(Protocol, asJson(protocol))).toBe(true);
    }
  });

  it('records keyed by id: the hint of the key check answers as the refinement does', () => {
    const schema = z.strictObject({ people: idKeyedRecord(PersonId, z.int()) });
    const key = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,6}$/),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', '', ' a', 'a b'),
    );
    fc.assert(
      // Null-prototype records are covered below (zod's output then differs in prototype only).
      fc.property(
        fc.dictionary(key, fc.oneof(fc.integer(), fc.string()), { noNullPrototype: true }),
        (people) => {
          const accepted = expectAgreesWithZod(schema, { people });
          // Every key id-shaped and every value a whole number: zod takes it as it is.
          const keys = Object.keys(people);
          const plain =
            !keys.includes('__proto__') &&
            keys.every((name) => isIdShaped(name)) &&
            Object.values(people).every((value) => Number.isSafeInteger(value));
          expect(accepted).toBe(plain);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a record without a prototype is taken with the same keys and values zod gives', () => {
    const schema = idKeyedRecord(PersonId, z.int());
    const record = Object.assign(Object.create(null) as Record<string, number>, { p1: 1 });
    expect(acceptorOf(schema)(record)).toBe(true);
    const parsed = schema.safeParse(record);
    expect(parsed.success && { ...parsed.data }).toStrictEqual({ ...record });
  });

  it('a pipe is accepted only when both sides accept the value as it is', () => {
    const schema = z.string().max(5).pipe(z.string().regex(/^a/));
    expect(expectAgreesWithZod(schema, 'abc')).toBe(true);
    expect(expectAgreesWithZod(schema, 'bcd')).toBe(false);
    expect(expectAgreesWithZod(schema, 'abcdef')).toBe(false);
    const transformed = z.string().pipe(z.transform((text: string) => text.length));
    expect(expectAgreesWithZod(transformed, 'abc')).toBe(false);
  });

  it('a partial record keyed by an enumeration takes some of the keys, and no other', () => {
    const schema = z.partialRecord(z.enum(['a', 'b']), z.int());
    expect(expectAgreesWithZod(schema, { a: 1 })).toBe(true);
    expect(expectAgreesWithZod(schema, {})).toBe(true);
    expect(expectAgreesWithZod(schema, { c: 1 })).toBe(false);
    // A full record keyed by an enumeration is still left to zod.
    expect(acceptorOf(z.record(z.enum(['a', 'b']), z.int()))({ a: 1, b: 2 })).toBe(false);
  });
});

describe('acceptedDepth', () => {
  it('bounds the nesting of every value accepted, and is unbounded where anything goes', () => {
    expect(acceptedDepth(z.string())).toBe(0);
    expect(acceptedDepth(z.strictObject({ a: z.array(z.strictObject({ b: z.int() })) }))).toBe(3);
    expect(acceptedDepth(z.strictObject({ a: z.unknown() }))).toBe(Infinity);
    expect(acceptedDepth(z.looseObject({ a: z.int() }))).toBe(Infinity);
    expect(
      acceptedDepth(z.record(z.string(), z.unknown()).pipe(z.record(z.string(), z.int()))),
    ).toBe(1);
    interface Tree {
      children: Tree[];
    }
    const tree: z.ZodType<Tree> = z.lazy(() => z.strictObject({ children: z.array(tree) }));
    expect(acceptedDepth(tree)).toBe(Infinity);
    expect(Number.isFinite(acceptedDepth(CourseEvent))).toBe(true);
  });

  it('no event accepted is deeper than the bound (generated courses)', () => {
    fc.assert(
      fc.property(courseArbitrary, ({ events }) => {
        for (const event of asJson(events) as Json[]) {
          if (acceptorOf(CourseEvent)(event)) {
            expect(nesting(event)).toBeLessThanOrEqual(acceptedDepth(CourseEvent));
          }
        }
      }),
      { numRuns: 20 },
    );
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
