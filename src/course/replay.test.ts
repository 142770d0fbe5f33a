import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, vi } from 'vitest';
import {
  checkInvariants,
  executeAll,
  intentSequence,
  isDeeplyFrozen,
  recordPhq9,
  runIntents,
  session,
  startIpt,
  DAY0,
} from '../../test/support/course-arbitraries.js';
import { asJson, oneMutation } from '../../test/support/mutations.js';
import { polluteWhenRead, removeHiddenEntry } from '../../test/support/prototype.js';
import { freezeTree } from '../internal/deep-freeze.js';
import { protocols } from '../protocol/protocols.js';
import { CourseEvent } from './events.js';
import { evolve } from './evolve.js';
import { replay, replayUnfrozen, type ReplayError, type ReplayOptions } from './replay.js';
import { courseRules } from './rule-violation.js';
import { CourseState, type Course } from './state.js';

const { events: stream, state: built } = executeAll([
  startIpt(),
  session(1),
  recordPhq9('m1', DAY0, 0),
  { type: 'record-mood', rating: { date: DAY0, value: 4 } },
]);
const knownTypes: readonly unknown[] = CourseEvent.options.map((option) => option.shape.type.value);

/** Checks the shape every replay failure has, and returns it. */
function expectReplayError(result: ReturnType<typeof replay>, length: number | null): ReplayError {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('replayed');
  const error = result.error;
  expect(error.kind).toBe('replay');
  if (length === null) expect(error.index).toBeNull();
  else {
    expect(Number.isInteger(error.index)).toBe(true);
    expect(error.index).toBeGreaterThanOrEqual(0);
    expect(error.index).toBeLessThan(length);
  }
  expect(['validation', 'rule']).toContain(error.cause.kind);
  if (error.cause.kind === 'rule') expect(Object.keys(courseRules)).toContain(error.cause.code);
  else expect(error.cause.issues.length).toBeGreaterThan(0);
  expect(isDeeplyFrozen(error)).toBe(true);
  return error;
}

describe('replay examples', () => {
  test('an empty list is a course not yet started: ok(null)', () => {
    expect(replay([])).toEqual({ ok: true, value: null });
  });

  test('a stream rebuilds the state execute built', () => {
    expect(replay(stream)).toStrictEqual({ ok: true, value: built });
  });

  test('a value that is not a list fails with index null', () => {
    for (const input of [undefined, null, 42, 'events', { 0: stream[0], length: 1 }]) {
      const error = expectReplayError(replay(input), null);
      expect(error.cause.kind).toBe('validation');
      expect(error.eventType).toBeUndefined();
    }
  });

  test('more events than maxEvents fail with index null', () => {
    const error = expectReplayError(replay(stream, { maxEvents: 3 }), null);
    expect(error.cause).toMatchObject({ kind: 'validation', issues: [{ code: 'too-big' }] });
    expect(replay(stream, { maxEvents: 4 }).ok).toBe(true);
  });

  test('an event that does not match its schema fails at its index, with its type when known', () => {
    const broken = [...stream.slice(0, 2), { ...stream[2], score: 'high' }, ...stream.slice(3)];
    const error = expectReplayError(replay(broken), broken.length);
    expect(error.index).toBe(2);
    expect(error.eventType).toBe('measure-recorded');
    expect(error.cause.kind).toBe('validation');
    const unknown = expectReplayError(replay([stream[0], { type: 'no-such-event' }]), 2);
    expect(unknown.index).toBe(1);
    expect(unknown.eventType).toBeUndefined();
  });

  test('an event that breaks a rule fails at its index with the rule as cause', () => {
    const error = expectReplayError(replay(stream.slice(1)), 3);
    expect(error.index).toBe(0);
    expect(error.eventType).toBe('session-recorded');
    expect(error.cause).toMatchObject({ kind: 'rule', code: 'course-not-started' });
    const twice = expectReplayError(replay([stream[0], stream[0]]), 2);
    expect(twice.cause).toMatchObject({ kind: 'rule', code: 'course-already-started' });
  });

  test('an unreadable event (a throwing getter) fails without throwing', () => {
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    expect(() => replay([stream[0], hostile])).not.toThrow();
    const error = expectReplayError(replay([stream[0], hostile]), 2);
    expect(error.index).toBe(1);
  });
});

/** Mutations of a valid stream: delete, duplicate, swap, or set a field to anything. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    field: fc.nat(),
    value: fc.anything(),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer TMutation> ? TMutation : never;

function mutate(events: readonly unknown[], change: Mutation): unknown[] {
  const copy = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
  if (copy.length === 0) return copy;
  const at = change.at % copy.length;
  switch (change.kind) {
    case 'delete':
      copy.splice(at, 1);
      break;
    case 'duplicate':
      copy.splice(at, 0, structuredClone(copy[at]!));
      break;
    case 'swap': {
      const other = change.other % copy.length;
      [copy[at], copy[other]] = [copy[other]!, copy[at]!];
      break;
    }
    case 'set': {
      const event = copy[at]!;
      const keys = Object.keys(event);
      event[keys[change.field % keys.length]!] = change.value;
      break;
    }
  }
  return copy;
}

/** The keys of a record's entry, in order (ids are branded strings; tests use plain ones). */
function keysAt(record: object, id: string): string[] {
  return Object.keys((record as Record<string, object>)[id] ?? {});
}

describe('replay builds records as the schema orders them', () => {
  // Replay and evolve build each session and measure field by field (course/evolve.ts), in the
  // schema's order, as a parsed snapshot has them. (Objects an event carries whole, such as a
  // person, keep the order they were stored in when replay reads plain data; see replay.)
  test.prop([intentSequence(30)], { numRuns: 100 })(
    'every session and measure has the keys, in the order, of the same course parsed as a snapshot',
    (intents) => {
      const { events, state } = runIntents(intents);
      const replayed = replay(events);
      expect(replayed.ok).toBe(true);
      if (!replayed.ok || replayed.value === null || state === null) return;
      const parsed = CourseState.parse(JSON.parse(JSON.stringify(replayed.value)))!;
      for (const course of [replayed.value, state]) {
        for (const [id, found] of Object.entries(course.sessions)) {
          expect(Object.keys(found)).toEqual(keysAt(parsed.sessions, id));
        }
        for (const [id, found] of Object.entries(course.measures)) {
          expect(Object.keys(found)).toEqual(keysAt(parsed.measures, id));
        }
      }
    },
  );
});

describe('replay builds records as the schema orders them (optional fields)', () => {
  test('a session and a measure with every optional field keep the schema order', () => {
    const { events, state } = executeAll([
      startIpt(),
      session(1, {
        techniques: ['clarification', 'communication-analysis'],
        minutes: 50,
        withParentOrCaregiver: true,
      }),
      {
        ...recordPhq9('m1', DAY0, 0),
        missing: { kind: 'prorate', maxMissing: 1 },
        bandSet: 'kroenke-2001',
        sessionId: 's1',
      },
    ]);
    const replayed = replay(events);
    if (!replayed.ok || replayed.value === null || state === null) throw new Error('no course');
    const parsed = CourseState.parse(JSON.parse(JSON.stringify(replayed.value)))!;
    for (const course of [replayed.value, state]) {
      expect(keysAt(course.sessions, 's1')).toEqual([
        'sessionId',
        'number',
        'date',
        'status',
        'techniques',
        'minutes',
        'withParentOrCaregiver',
        'phase',
      ]);
      expect(keysAt(course.sessions, 's1')).toEqual(keysAt(parsed.sessions, 's1'));
      expect(keysAt(course.measures, 'm1')).toEqual(keysAt(parsed.measures, 'm1'));
      expect((course.measures as Record<string, object>).m1).toMatchObject({
        missing: { kind: 'prorate', maxMissing: 1 },
        bandSet: 'kroenke-2001',
        sessionId: 's1',
      });
    }
  });
});

/** What the ordinary way alone gives (zod for every event), frozen as replay freezes it. */
function ordinaryReplay(events: unknown, options?: ReplayOptions): ReturnType<typeof replay> {
  const result = replayUnfrozen(events, options);
  if (!result.ok) return result;
  return { ok: true, value: result.value === null ? null : freezeTree(result.value) };
}

describe('replay: the fast way (plain copy and acceptor) and the ordinary way agree', () => {
  const optionSets: readonly (ReplayOptions | undefined)[] = [
    undefined,
    { maxEvents: 6 },
    { limits: { maxStringLength: 12 } },
    { limits: { maxDepth: 4 } },
    { limits: { maxEvents: 8, maxArrayLength: 3 } },
    { limits: { maxTotalNodes: 150 } },
  ];

  test.prop([intentSequence(30), fc.nat(), fc.nat(), fc.nat(optionSets.length - 1)], {
    numRuns: 200,
  })(
    'on generated streams as JSON, with one deep mutation, and under other limits',
    (intents, pick, choice, which) => {
      const { events } = runIntents(intents);
      const options = optionSets[which];
      for (const stream of [asJson(events), oneMutation(asJson(events), pick, choice).value]) {
        const fast = replay(stream, options);
        const slow = ordinaryReplay(stream, options);
        expect(fast.ok).toBe(slow.ok);
        if (fast.ok && slow.ok) expect(fast.value).toStrictEqual(slow.value);
        if (!fast.ok && !slow.ok) expect(fast.error).toStrictEqual(slow.error);
      }
    },
  );

  test('a plain stream is replayed without zod; the caller’s objects are not shared or frozen', () => {
    const plain = asJson(stream) as Record<string, unknown>[];
    const parse = vi.spyOn(CourseEvent, 'safeParse');
    try {
      const result = replay(plain);
      expect(result.ok).toBe(true);
      expect(parse).not.toHaveBeenCalled();
      if (!result.ok || result.value === null) return;
      expect(result.value).toStrictEqual(built);
      expect(Object.isFrozen(plain[0])).toBe(false);
      expect(result.value.protocol).not.toBe(plain[0]!.protocol);
      // A stream with a getter is copied too (the getter read once), and replayed the fast way.
      const withGetter = asJson(stream) as Record<string, unknown>[];
      const session = withGetter[1]!;
      const date = session.date;
      Object.defineProperty(session, 'date', { enumerable: true, get: () => date });
      expect(replay(withGetter)).toStrictEqual(result);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  test('options are read once, so both ways see the same ones (review finding)', () => {
    let reads = 0;
    const options = {
      get maxEvents() {
        reads += 1;
        if (reads === 1) throw new Error('first read');
        return 2;
      },
    };
    const result = replay(asJson(stream), options);
    expect(reads).toBe(1);
    // The one read threw, so there is no maxEvents: the four events replay.
    expect(result.ok).toBe(true);
  });

  test('a replaced Object.prototype.constructor sends replay the ordinary way (review finding)', () => {
    // zod's test of a plain object reads `constructor`; the acceptor does not, so the fast way
    // must not run when it has been replaced.
    const plain = asJson(stream);
    const prototype = Object.prototype as unknown as Record<string, unknown>;
    const original = prototype.constructor;
    let fastOk: boolean | undefined;
    let slowOk: boolean | undefined;
    try {
      Object.defineProperty(prototype, 'constructor', {
        value: function Other() {
          return undefined;
        },
        writable: true,
        configurable: true,
        enumerable: false,
      });
      fastOk = replay(plain).ok;
      slowOk = ordinaryReplay(plain).ok;
    } finally {
      Object.defineProperty(prototype, 'constructor', {
        value: original,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    expect(slowOk).toBe(false);
    expect(fastOk).toBe(slowOk);
    expect(replay(plain).ok).toBe(true);
  });

  test('a getter that changes Object.prototype while the stream is copied is noticed', () => {
    const plain = asJson(stream) as Record<string, unknown>[];
    expect(replay(plain).ok).toBe(true); // the protocol is now remembered as validated
    const hostile = asJson(stream) as Record<string, unknown>[];
    polluteWhenRead(hostile[1]!, 'date');
    try {
      const result = replay(hostile);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.index).toBe(0);
    } finally {
      removeHiddenEntry();
    }
    expect(replay(plain).ok).toBe(true);
  });
});

describe('replay never throws', () => {
  test.prop([fc.anything()], { numRuns: 300 })(
    'on anything: it returns ok(null), ok(a valid course) or a ReplayError',
    (input) => {
      let result: ReturnType<typeof replay> | undefined;
      expect(() => (result = replay(input))).not.toThrow();
      if (result === undefined) return;
      if (result.ok) {
        expect(result.value).toBeNull();
        expect(Array.isArray(input) && input.length === 0).toBe(true);
      } else {
        expectReplayError(result, Array.isArray(input) ? input.length : null);
      }
    },
  );

  test.prop([fc.array(fc.anything(), { maxLength: 5 })], { numRuns: 200 })(
    'on a list of anything after a valid start: the error names the first bad event',
    (rest) => {
      const events = [stream[0], ...rest];
      const result = replay(events);
      if (result.ok) return;
      const error = expectReplayError(result, events.length);
      expect(replay(events.slice(0, error.index!)).ok).toBe(true);
    },
  );

  test.prop([intentSequence(30), fc.array(mutation, { minLength: 1, maxLength: 3 })], {
    numRuns: 100,
  })(
    'on random mutations of a valid stream: a valid state, or an error at the first bad event',
    (intents, changes) => {
      const { events } = runIntents(intents);
      let mutated: unknown[] = events;
      for (const change of changes) mutated = mutate(mutated, change);
      let result: ReturnType<typeof replay> | undefined;
      expect(() => (result = replay(mutated))).not.toThrow();
      if (result === undefined) return;
      if (result.ok) {
        expect(CourseState.safeParse(result.value).success).toBe(true);
        expect(checkInvariants(result.value)).toEqual([]);
        expect(isDeeplyFrozen(result.value)).toBe(true);
        return;
      }
      const error = expectReplayError(result, mutated.length);
      const index = error.index!;
      // Everything before the failing event replays.
      expect(replay(mutated.slice(0, index)).ok).toBe(true);
      const raw = mutated[index] as { type?: unknown } | null;
      if (error.eventType !== undefined) {
        expect(raw?.type).toBe(error.eventType);
        expect(knownTypes).toContain(error.eventType);
      }
    },
  );
});

describe('replay and evolve with odd arguments (review findings)', () => {
  test('replay never throws on null options, a throwing length or a revoked proxy event', () => {
    expect(replay([], null as never)).toEqual({ ok: true, value: null });
    const sneaky = new Proxy([], {
      get(target, key, receiver) {
        if (key === 'length') throw new Error('no');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const unreadable = replay(sneaky);
    expect(!unreadable.ok && unreadable.error.cause.kind).toBe('validation');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const revoked = replay([proxy]);
    expect(!revoked.ok && revoked.error.index).toBe(0);
  });

  test('evolve on an unfrozen state (a parsed snapshot) neither freezes nor changes it', () => {
    const started = replay(JSON.parse(JSON.stringify(fixtureEventsForOddArguments())) as unknown);
    if (!started.ok || started.value === null) throw new Error('setup');
    const plain = JSON.parse(JSON.stringify(started.value)) as Course;
    const before = JSON.stringify(plain);
    const next = evolve(plain, { type: 'mood-recorded', rating: { date: '2026-03-03', value: 5 } });
    expect(next).not.toBe(plain);
    expect(JSON.stringify(plain)).toBe(before);
    expect(Object.isFrozen(plain.inventory)).toBe(false);
    expect(Object.isFrozen(plain.protocol)).toBe(false);
    expect(Object.isFrozen(next)).toBe(true);
  });
});

function fixtureEventsForOddArguments(): unknown[] {
  return [
    {
      type: 'course-started',
      courseId: 'odd-1',
      protocol: protocols.ipt,
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
      moodScale: { min: 0, max: 10, higherIsBetter: true },
      ringCount: 3,
    },
  ];
}
