/**
 * Examples the fuzz suite found or the size limits added, kept as plain tests: crashes fixed in
 * `replay`, and every entry that reads outside data refusing an oversized input with a `limit-*`
 * issue (and taking its limits from its options).
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/course/replay.js';
import {
  MAX_DOCUMENT_ISSUES,
  migrateDocument,
  parseDocument,
} from '../../src/document/document.js';
import { fromQuestionnaireResponse } from '../../src/fhir/index.js';
import { defaultLimits } from '../../src/internal/limits.js';
import { parseWith, safeParseWith } from '../../src/internal/parse.js';
import { IptError } from '../../src/internal/ipt-error.js';
import { Focus } from '../../src/problem-area/focus.js';
import { streamSamples } from './samples.js';

const HUGE_TEXT = 'x'.repeat(defaultLimits.maxStringLength + 1);

describe('replay regressions (found by the fuzz suite)', () => {
  it('a revoked proxy as the stream is unreadable-input, not a TypeError from Array.isArray', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    const result = replay(proxy);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.index).toBeNull();
    expect(!result.ok && result.error.cause).toMatchObject({
      issues: [{ code: 'unreadable-input', path: [] }],
    });
  });

  it('options whose getters throw are ignored, not thrown', () => {
    const hostile = Object.defineProperties(
      {},
      {
        maxEvents: {
          get() {
            throw new Error('getter');
          },
        },
        limits: {
          get() {
            throw new Error('getter');
          },
        },
      },
    );
    expect(replay([], hostile)).toEqual({ ok: true, value: null });
  });
});

describe('parseDocument regressions (found by the fuzz suite)', () => {
  it('a stream of a million bad events gives the first 100 issues and too-many-issues, not a million', () => {
    // Before: one zod issue per event, about 700 MB and 2 s for a million; now it stops at 100.
    const document = {
      schema: 'iptkit/course-events',
      version: 1,
      data: new Array(1_000_000).fill(0),
    };
    for (const read of [parseDocument, migrateDocument]) {
      const result = read(document);
      expect(!result.ok && result.error.issues.length).toBe(MAX_DOCUMENT_ISSUES + 1);
      expect(!result.ok && result.error.issues[0]).toMatchObject({
        code: 'invalid-type',
        path: ['data', 0],
      });
      expect(!result.ok && result.error.issues.at(-1)).toMatchObject({
        code: 'too-many-issues',
        path: ['data'],
      });
    }
  });

  it('the list is still checked for its own length (at most 1,000,000 events) before its items', () => {
    const result = parseDocument(
      { schema: 'iptkit/course-events', version: 1, data: new Array(1_000_001).fill(0) },
      { limits: { maxEvents: 2_000_000 } },
    );
    expect(!result.ok && result.error.issues).toEqual([
      { code: 'too-big', path: ['data'], message: 'must have at most 1000000 items' },
    ]);
  });
});

describe('entries refuse oversized input on a limit, before any schema', () => {
  const stream = streamSamples()[0] as readonly unknown[];

  it('replay: at the event holding the value, with a path inside it', () => {
    const events = [...stream.slice(0, 1), { type: 'mood-recorded', rating: HUGE_TEXT }];
    const result = replay(events);
    expect(!result.ok && result.error.index).toBe(1);
    expect(!result.ok && result.error.cause).toMatchObject({
      kind: 'validation',
      issues: [{ code: 'limit-string-length', path: ['rating'] }],
    });
  });

  it('replay: a stream over limits.maxEvents fails as a whole, and options raise limits', () => {
    const result = replay(stream, { limits: { maxEvents: 1 } });
    expect(!result.ok && result.error.index).toBeNull();
    expect(!result.ok && result.error.cause).toMatchObject({
      issues: [{ code: 'limit-events', path: [] }],
    });
    expect(replay(stream, { limits: { maxEvents: stream.length } }).ok).toBe(true);
    // The legacy option keeps its code, and lifts the limit with it.
    expect(replay(stream, { maxEvents: 1 })).toMatchObject({
      ok: false,
      error: { cause: { issues: [{ code: 'too-big' }] } },
    });
  });

  it('parseDocument and migrateDocument: at the path in the document', () => {
    const document = { schema: 'iptkit/course-events', version: 1, data: [{ note: HUGE_TEXT }] };
    for (const read of [parseDocument, migrateDocument]) {
      const result = read(document);
      expect(!result.ok && result.error.issues).toEqual([
        {
          code: 'limit-string-length',
          path: ['data', 0, 'note'],
          message: `is longer than ${String(defaultLimits.maxStringLength)} characters`,
        },
      ]);
    }
    const deep = { schema: 'iptkit/course-snapshot', version: 1, data: { a: { b: { c: {} } } } };
    expect(parseDocument(deep, { limits: { maxDepth: 3 } })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-depth', path: ['data', 'a', 'b'] }] },
    });
    const events = { schema: 'iptkit/course-events', version: 1, data: stream };
    expect(parseDocument(events, { limits: { maxEvents: 2 } })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-events', path: ['data'] }] },
    });
    expect(parseDocument(events).ok).toBe(true);
  });

  it('safeParseWith and parseWith: limits from the options, defaults otherwise', () => {
    const focus = { area: 'role-transition', from: 'student', to: 'worker' };
    expect(safeParseWith(Focus, focus).ok).toBe(true);
    const longer = { ...focus, from: 'x'.repeat(30) };
    expect(safeParseWith(Focus, longer).ok).toBe(true);
    expect(safeParseWith(Focus, longer, { limits: { maxStringLength: 20 } })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-string-length', path: ['from'] }] },
    });
    expect(safeParseWith(Focus, { ...focus, extra: [HUGE_TEXT] })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-string-length', path: ['extra', 0] }] },
    });
    expect(() => parseWith(Focus, focus, { limits: { maxObjectKeys: 2 } })).toThrow(IptError);
  });

  it('fromQuestionnaireResponse: limits from the options, checked on the resource', () => {
    const resource = { resourceType: 'QuestionnaireResponse', item: [{ linkId: HUGE_TEXT }] };
    expect(fromQuestionnaireResponse(resource)).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-string-length', path: ['item', 0, 'linkId'] }] },
    });
    const nested = { resourceType: 'QuestionnaireResponse', item: [{ item: [{ item: [] }] }] };
    expect(fromQuestionnaireResponse(nested, { limits: { maxDepth: 3 } })).toMatchObject({
      ok: false,
      error: { issues: [{ code: 'limit-depth' }] },
    });
  });
});
