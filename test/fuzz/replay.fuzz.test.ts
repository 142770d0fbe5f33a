/**
 * Fuzzing `replay` (51,800 inputs in CI, see budget.ts): anything at all, lists of junk events,
 * real event streams with one mutation, truncated, duplicated, reordered and spliced streams, and
 * streams carrying something far past the size limits. Nothing throws; every result is well
 * formed; inputs are unchanged; every course replay accepts keeps the invariants of IPT reference
 * section 11; a prefix of a valid stream always replays; an oversized stream fails on a limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/course/replay.js';
import type { CourseState } from '../../src/course/state.js';
import { defaultLimits } from '../../src/internal/limits.js';
import { checkInvariants } from '../support/course-arbitraries.js';
import { hostileMutationsAt, oneMutation, pathsOf, type Json } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { streamSamples } from './samples.js';
import { anyInput, call, check, expectResult, fuzz } from './support.js';

/** Fails unless an accepted course keeps every invariant. */
function expectSound(result: unknown): void {
  expectResult(result);
  const shaped = result as { ok: boolean; value?: CourseState };
  if (!shaped.ok || shaped.value === undefined) return;
  const broken = checkInvariants(shaped.value);
  check(broken.length === 0, `replayed course keeps the invariants (broken: ${broken.join('; ')})`);
}

/** Odd options a JavaScript caller might pass. */
const options = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        maxEvents: fc.oneof(fc.integer({ min: -2, max: 50 }), anyInput(1)),
        limits: fc.oneof(
          anyInput(2),
          fc.record(
            {
              maxStringLength: fc.integer({ min: 1, max: 300 }),
              maxArrayLength: fc.integer({ min: 1, max: 30 }),
              maxDepth: fc.integer({ min: 1, max: 12 }),
              maxTotalNodes: fc.integer({ min: 1, max: 5000 }),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyInput(2) },
);

describe('replay never throws', () => {
  const anyCount = runs('replay', 'replay-anything');
  it(
    'on anything, and on lists of junk after a valid start',
    () => {
      const streams = streamSamples() as readonly (readonly Json[])[];
      const input = fc.oneof(
        { weight: 3, arbitrary: anyInput(3) },
        { weight: 2, arbitrary: fc.array(anyInput(2), { maxLength: 5 }) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.nat(streams.length - 1), fc.nat(8), fc.array(anyInput(2), { maxLength: 3 }))
            .map(([which, keep, junk]) => [...streams[which]!.slice(0, keep), ...junk]),
        },
      );
      fuzz(
        'replay/replay-anything',
        fc.property(input, options, (events, given) => {
          expectSound(call([events, given], () => replay(events, given as never)));
        }),
        anyCount,
      );
    },
    timeoutFor(anyCount, 60),
  );

  const mutatedCount = runs('replay', 'stream-mutated');
  it(
    'on a real stream with one mutation',
    () => {
      const streams = streamSamples();
      fuzz(
        'replay/stream-mutated',
        fc.property(fc.nat(streams.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
          const { value } = oneMutation(streams[which]!, pick, choice);
          expectSound(call([value], () => replay(value)));
        }),
        mutatedCount,
      );
    },
    timeoutFor(mutatedCount, 20_000),
  );

  const reshapedCount = runs('replay', 'stream-reshaped');
  it(
    'on truncated, duplicated, reordered and spliced streams (a prefix always replays)',
    () => {
      const streams = streamSamples() as readonly (readonly Json[])[];
      fuzz(
        'replay/stream-reshaped',
        fc.property(
          fc.nat(streams.length - 1),
          fc.nat(streams.length - 1),
          fc.nat(),
          fc.nat(),
          fc.constantFrom('prefix', 'duplicate', 'swap', 'drop', 'splice', 'reverse'),
          (which, other, first, second, how) => {
            const stream = streams[which]!;
            const at = first % (stream.length + 1);
            const to = second % (stream.length + 1);
            let events: Json[];
            switch (how) {
              case 'prefix':
                events = stream.slice(0, at);
                break;
              case 'duplicate':
                events = [...stream.slice(0, at), ...stream.slice(Math.max(0, at - 1))];
                break;
              case 'swap': {
                events = [...stream];
                const [left, right] = [events[at], events[to]];
                if (left !== undefined && right !== undefined)
                  [events[at], events[to]] = [right, left];
                break;
              }
              case 'drop':
                events = [...stream.slice(0, at), ...stream.slice(at + 1)];
                break;
              case 'splice':
                events = [...stream.slice(0, at), ...streams[other]!.slice(to)];
                break;
              case 'reverse':
                events = [...stream].reverse();
                break;
            }
            const result = call([events], () => replay(events));
            expectSound(result);
            if (how === 'prefix') check(result?.ok === true, 'a prefix of a valid stream replays');
          },
        ),
        reshapedCount,
      );
    },
    timeoutFor(reshapedCount, 20_000),
  );

  const hugeCount = runs('replay', 'stream-huge');
  it(
    'fails on a size limit when a stream carries a huge string, list or nesting',
    () => {
      const streams = streamSamples() as readonly (readonly Json[])[];
      fuzz(
        'replay/stream-huge',
        fc.property(fc.nat(streams.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
          const stream = streams[which]!;
          // Inside an event: never the stream itself, whose length counts against maxEvents.
          const paths = pathsOf(stream).filter((path) => path.length > 0);
          const path = paths[pick % paths.length]!;
          const huge = hostileMutationsAt(stream, path).filter((one) => one.kind.includes('huge'));
          const deep = (() => {
            let nested: unknown = 1;
            for (let level = 0; level < defaultLimits.maxDepth + 5; level += 1) nested = [nested];
            return nested;
          })();
          const events =
            huge.length > 0
              ? (huge[choice % huge.length]!.apply(stream) as unknown[])
              : [...stream.slice(0, 1), { type: 'session-recorded', extra: deep }];
          // Not fingerprinted (a hundred thousand items): the limit refuses it before any copy.
          const result = call([], () => replay(events));
          expectResult(result);
          check(result?.ok === false, 'an oversized stream fails');
          if (result.error.cause.kind === 'validation') {
            check(
              result.error.cause.issues.some((found) => found.code.startsWith('limit-')),
              'on a limit',
            );
          } else {
            check(false, 'with a validation error');
          }
        }),
        hugeCount,
      );
    },
    timeoutFor(hugeCount, 20_000),
  );

  it('refuses a stream of more than maxEvents events without reading them', () => {
    let reads = 0;
    const events = new Proxy(new Array<unknown>(defaultLimits.maxEvents + 1), {
      get(target, key, receiver) {
        if (key !== 'length') reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const result = replay(events, { limits: { maxEvents: defaultLimits.maxEvents } });
    expect(result.ok).toBe(false);
    expect(reads).toBe(0);
    const limited = replay([{}, {}, {}], { limits: { maxEvents: 2 } });
    expect(!limited.ok && limited.error.cause).toMatchObject({
      issues: [{ code: 'limit-events', path: [] }],
    });
    expect(!limited.ok && limited.error.index).toBeNull();
  });
});
