/**
 * The NDJSON reader's fast path (acceptor instead of zod, no walk over the size limits for short
 * lines, the quick protocol comparison) must change the cost only, never the result. A depth limit
 * of 10 switches the fast path off (it needs room for a remembered protocol's nesting) while every
 * valid document, about 7 levels deep, stays within it: so a summary with that limit is the
 * ordinary path's answer, and both must agree, bad lines and issues included, on any line that is
 * not nested more than 10 levels deep.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMutations, type Json } from '../../test/support/mutations.js';
import { documentSamples } from '../../test/fuzz/samples.js';
import { summarizeNdjson } from './ndjson.js';

const ORDINARY = { limits: { maxDepth: 10 } } as const;

function nesting(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(nesting));
}

describe('summarizeNdjson: the fast path gives what the ordinary path gives', () => {
  it('on the stored documents of generated courses, events and snapshots alike', async () => {
    const lines = documentSamples().map((document) => JSON.stringify(document));
    const fast = await summarizeNdjson(lines.join('\n'));
    const ordinary = await summarizeNdjson(lines.join('\n'), ORDINARY);
    expect(fast.badLineCount).toBe(0);
    expect(fast.courses).toBe(lines.length);
    expect(fast).toStrictEqual(ordinary);
  });

  it('on documents with one mutation anywhere, line by line and issue by issue', async () => {
    const documents = documentSamples();
    const mutationsOf = new Map<number, ReturnType<typeof allMutations>>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(documents.length - 1), fc.nat()), {
          minLength: 1,
          maxLength: 6,
        }),
        async (picks) => {
          const lines = picks.map(([which, choice]) => {
            const document = documents[which] as Json;
            let mutations = mutationsOf.get(which);
            if (mutations === undefined) {
              mutations = allMutations(document);
              mutationsOf.set(which, mutations);
            }
            const mutation = mutations[choice % mutations.length];
            return mutation === undefined ? document : mutation.apply(document);
          });
          const kept = lines.filter((line) => nesting(line) <= 10);
          // The good documents first (they fill the memo of protocols), then the mutated ones.
          const text = [...documents.slice(0, 4), ...kept]
            .map((line) => JSON.stringify(line))
            .join('\n');
          const fast = await summarizeNdjson(text);
          const ordinary = await summarizeNdjson(text, ORDINARY);
          expect(fast).toStrictEqual(ordinary);
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('a line that repeats its protocol key is read as JSON reads it (the last value wins)', async () => {
    const [events] = documentSamples();
    const text = JSON.stringify(events);
    const protocol = JSON.stringify(
      (events as { data: { protocol: unknown }[] }).data[0]?.protocol,
    );
    const stored = `"protocol":${protocol}`;
    expect(text).toContain(stored);
    const lastIsBad = text.replace(stored, `${stored},"protocol":0`);
    const lastIsGood = text.replace(stored, `"protocol":0,${stored}`);
    const fast = await summarizeNdjson([text, '\n', lastIsBad, '\n', lastIsGood]);
    expect(fast.courses).toBe(2);
    expect(fast.badLines.map((line) => line.line)).toStrictEqual([2]);
    expect(fast.badLines[0]?.issues[0]?.path).toStrictEqual(['data', 0, 'protocol']);
    expect(fast).toStrictEqual(
      await summarizeNdjson([text, '\n', lastIsBad, '\n', lastIsGood], ORDINARY),
    );
  });

  it('short lines skip the walk over the size limits, and still fail on them', async () => {
    const [events] = documentSamples();
    const text = JSON.stringify(events);
    // A limit the line is under: the fast path applies and the course is summarised.
    expect(
      (await summarizeNdjson(text, { limits: { maxStringLength: text.length } })).courses,
    ).toBe(1);
    // A limit some string of the line is over: the line fails on it, as the ordinary path says.
    const strict = await summarizeNdjson(text, { limits: { maxStringLength: 20 } });
    expect(strict.courses).toBe(0);
    expect(strict.badLines[0]?.issues[0]?.code).toBe('limit-string-length');
    // Too deep for the limit given: refused on depth though the line is short.
    const shallow = await summarizeNdjson(text, { limits: { maxDepth: 4 } });
    expect(shallow.badLines[0]?.issues[0]?.code).toBe('limit-depth');
  });

  it('a prototype changed by onCourse between two lines is noticed on the next line', async () => {
    const [events] = documentSamples();
    const line = JSON.stringify(events);
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      // One chunk: the three lines are read with no await between them.
      const result = await summarizeNdjson(`${line}\n${line}\n${line}`, {
        onCourse: (_course, count) => {
          // A hidden key that the protocol schema reads (an optional field), with a bad value.
          if (count === 1) {
            Object.defineProperty(prototype, 'entry', {
              value: 'not an entry condition',
              enumerable: false,
              configurable: true,
            });
          }
        },
      });
      // The first line was read before the change; the next two see it, as zod would.
      expect(result.courses).toBe(1);
      expect(result.badLines.map((bad) => bad.line)).toStrictEqual([2, 3]);
    } finally {
      Reflect.deleteProperty(prototype, 'entry');
    }
    expect((await summarizeNdjson([line, '\n', line])).courses).toBe(2);
  });
});
