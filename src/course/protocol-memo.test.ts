import { describe, expect, test } from 'vitest';
import {
  executeAll,
  isDeeplyFrozen,
  recordPhq9,
  session,
  startIpt,
  DAY0,
} from '../../test/support/course-arbitraries.js';
import { summarizeNdjson } from '../analysis/ndjson.js';
import { toDocument } from '../document/document.js';
import { Protocol } from '../protocol/protocol-schema.js';
import { allMutations, type Json } from '../../test/support/mutations.js';
import { CourseEvent } from './events.js';
import { rememberedProtocol } from './protocol-memo.js';
import { replay } from './replay.js';

const { events, state } = executeAll([startIpt(), session(1), recordPhq9('m1', DAY0, 0)]);
const json = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];

/** The stored stream with its `course-started` protocol changed by `edit` (on a fresh copy). */
function withProtocol(edit: (protocol: Record<string, unknown>) => void): unknown[] {
  const copy = structuredClone(json);
  const started = copy[0] as { protocol: Record<string, unknown> };
  edit(started.protocol);
  return copy;
}

/** The verdict of the full schema on each event, as replay would report the first failure. */
function firstSchemaFailure(stream: readonly unknown[]) {
  for (const [index, event] of stream.entries()) {
    const parsed = CourseEvent.safeParse(event);
    if (!parsed.success) return { index, codes: parsed.error.issues.map((one) => one.code) };
  }
  return undefined;
}

describe('the memo of validated protocols', () => {
  test('a remembered protocol gives the same course as validating it again', () => {
    // Twice: the first replay fills the memo, the second uses it.
    expect(replay(structuredClone(json))).toStrictEqual({ ok: true, value: state });
    expect(replay(structuredClone(json))).toStrictEqual({ ok: true, value: state });
  });

  test('the remembered protocol is what the schema outputs, deeply frozen', () => {
    const input = structuredClone(json[0]?.protocol);
    expect(rememberedProtocol(input)).toStrictEqual(Protocol.parse(input));
    const again = rememberedProtocol(structuredClone(input));
    expect(again).toStrictEqual(Protocol.parse(input));
    expect(isDeeplyFrozen(again)).toBe(true);
  });

  test('a protocol that differs from a remembered one under the same id is validated in full', () => {
    replay(structuredClone(json));
    const cases: ((protocol: Record<string, unknown>) => void)[] = [
      (protocol) => {
        protocol.sessions = { min: 4, max: 3, sources: ['x'] };
      },
      (protocol) => {
        protocol.extra = true;
      },
      (protocol) => {
        protocol.name = '';
      },
      (protocol) => {
        delete protocol.phases;
      },
      (protocol) => {
        (protocol.phases as unknown[]).reverse();
      },
      (protocol) => {
        (protocol.cadence as Record<string, unknown>).note = 42;
      },
    ];
    for (const edit of cases) {
      const stream = withProtocol(edit);
      const expected = firstSchemaFailure(stream);
      expect(expected).toBeDefined();
      const result = replay(stream);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.index).toBe(expected?.index);
      if (result.error.cause.kind !== 'validation') throw new Error('expected schema issues');
      expect(result.error.cause.issues.length).toBeGreaterThan(0);
    }
  });

  test('a valid change under the same id is validated and then remembered instead', () => {
    replay(structuredClone(json));
    const stream = withProtocol((protocol) => {
      protocol.description = 'A variant of the same protocol.';
    });
    const result = replay(stream);
    expect(result.ok).toBe(true);
    if (!result.ok || result.value === null) throw new Error('did not replay');
    expect(result.value.protocol.description).toBe('A variant of the same protocol.');
    expect(replay(structuredClone(stream))).toStrictEqual(result);
  });

  test('a hidden key the schema would read is not missed', () => {
    replay(structuredClone(json));
    const stream = withProtocol((protocol) => {
      Object.defineProperty(protocol.sessions, 'note', { value: 42, enumerable: false });
    });
    expect(CourseEvent.safeParse(stream[0]).success).toBe(false);
    const result = replay(stream);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.index).toBe(0);
  });

  test('an object that is not plain data is left to the schema', () => {
    replay(structuredClone(json));
    const stream = withProtocol((protocol) => {
      Object.setPrototypeOf(protocol.sessions, { note: 42 });
    });
    expect(replay(stream).ok).toBe(CourseEvent.safeParse(stream[0]).success);
  });

  test('keys inherited from a polluted Object.prototype are not missed', () => {
    replay(structuredClone(json));
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      // Not enumerable, so only a schema reading `note` through the prototype chain finds it.
      Object.defineProperty(prototype, 'note', { value: 42, configurable: true });
      const stream = structuredClone(json);
      expect(CourseEvent.safeParse(stream[0]).success).toBe(false);
      const result = replay(stream);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.index).toBe(0);
    } finally {
      delete prototype.note;
    }
    expect(replay(structuredClone(json)).ok).toBe(true);
  });

  test('NDJSON snapshots with a remembered protocol are checked like any other', async () => {
    const good = JSON.stringify(toDocument('iptkit/course-snapshot', state));
    const copy = JSON.parse(good) as { data: { protocol: Record<string, unknown> } };
    copy.data.protocol.extra = true;
    const bad = JSON.stringify(copy);
    const variant = JSON.parse(good) as { data: { courseId: string; sessionCount: number } };
    variant.data.sessionCount = -1;
    const result = await summarizeNdjson([
      good,
      '\n',
      bad,
      '\n',
      good,
      '\n',
      JSON.stringify(variant),
    ]);
    expect(result.courses).toBe(2);
    expect(result.badLines.map((line) => line.line)).toStrictEqual([2, 4]);
    expect(result.badLines[0]?.issues[0]?.path).toStrictEqual(['data', 'protocol']);
    expect(result.badLines[1]?.issues[0]?.path).toStrictEqual(['data', 'sessionCount']);
  });

  test('the quick comparison for parsed input answers as the full one (any one mutation)', () => {
    const protocol = json[0]?.protocol as Json;
    let hits = 0;
    const mutations = allMutations(protocol);
    for (const mutation of mutations) {
      // As a JSON file would carry it: parsed from text, as the NDJSON reader parses a line. The
      // original is remembered afresh before each look-up (a valid mutation replaces it).
      const text = JSON.stringify(mutation.apply(protocol));
      const before = rememberedProtocol(structuredClone(protocol));
      const quick = rememberedProtocol(JSON.parse(text), true);
      const again = rememberedProtocol(structuredClone(protocol));
      const full = rememberedProtocol(JSON.parse(text), false);
      expect(before).toBeDefined();
      expect(quick === before).toBe(full === again);
      expect(quick === undefined).toBe(full === undefined);
      if (quick !== undefined) expect(quick).toStrictEqual(full);
      if (quick === before) hits += 1;
    }
    // Only the mutations that leave the data as it was hit the memo.
    expect(hits).toBeLessThan(mutations.length / 10);
  });

  test('an own "__proto__" key (as JSON.parse makes one) is left to the schema, which refuses it', () => {
    const text = JSON.stringify(json[0]?.protocol).replace('{', '{"__proto__":{},');
    expect(Protocol.safeParse(JSON.parse(text)).success).toBe(false);
    expect(rememberedProtocol(JSON.parse(text))).toBeUndefined();
    expect(rememberedProtocol(JSON.parse(text), true)).toBeUndefined();
    const stream = structuredClone(json);
    const started: unknown = JSON.parse(
      JSON.stringify(stream[0]).replace('"protocol":{', '"protocol":{"__proto__":{},'),
    );
    const result = replay([started, ...stream.slice(1)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.index).toBe(0);
  });
});
