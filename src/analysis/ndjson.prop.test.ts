import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execute } from '../course/decide.js';
import type { CourseEvent } from '../course/events.js';
import type { Course, CourseState } from '../course/state.js';
import { toDocument } from '../document/document.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { summarizeCohort } from './cohort.js';
import { ndjsonLines, summarizeNdjson } from './ndjson.js';

// A pool of varied courses (sessions, PHQ-9 totals, focus, ending), built once with `execute`;
// each property draws cohorts from it, as event streams or as snapshots.

interface Built {
  readonly state: DeepReadonly<Course>;
  readonly events: readonly CourseEvent[];
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

function build(seed: number): Built {
  let state: CourseState = null;
  const events: CourseEvent[] = [];
  const endings = [null, 'completed', 'dropped-out', 'referred-on', 'maintenance-agreed'];
  const scoreCount = seed % 4;
  const commands: Record<string, unknown>[] = [
    {
      type: 'start-course',
      courseId: `pool-${seed}`,
      protocol: 'ipt',
      startDate: day(0),
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
  ];
  if (seed % 3 !== 0) {
    commands.push({
      type: 'choose-focus',
      focus:
        seed % 3 === 1
          ? { area: 'interpersonal-deficits' }
          : { area: 'role-transition', from: 'ü 😀', to: 'b' },
      rank: 'primary',
      date: day(0),
    });
  }
  for (let index = 0; index < (seed * 7) % 5; index += 1) {
    commands.push({
      type: 'record-session',
      sessionId: `s${index + 1}`,
      number: index + 1,
      date: day(7 * index),
      status: (seed + index) % 4 === 0 ? 'missed' : 'attended',
    });
  }
  for (let index = 0; index < scoreCount; index += 1) {
    const total = (seed * 11 + index * (seed % 2 === 0 ? -7 : 3) + 40) % 25;
    const responses: Record<string, number> = { item9: 0 };
    for (let item = 1; item <= 8; item += 1) {
      responses[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
    }
    commands.push({
      type: 'record-measure',
      measureId: `m${index + 1}`,
      date: day(7 * index),
      instrument: 'phq-9',
      responses,
    });
  }
  const ending = endings[seed % endings.length];
  if (ending !== null) commands.push({ type: 'end-course', date: day(90), outcome: ending });
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
    events.push(...(result.value.events as readonly CourseEvent[]));
  }
  if (state === null) throw new Error('no course');
  return { state, events: JSON.parse(JSON.stringify(events)) as CourseEvent[] };
}

const pool = Array.from({ length: 16 }, (_, seed) => build(seed));

/** A cohort from the pool, each course stored as events or as a snapshot. */
const cohort = fc.array(fc.tuple(fc.nat({ max: pool.length - 1 }), fc.boolean()), {
  maxLength: 12,
});

function lineOf([index, asSnapshot]: [number, boolean]): string {
  const course = pool[index]!;
  return JSON.stringify(
    asSnapshot
      ? toDocument('iptkit/course-snapshot', course.state)
      : toDocument('iptkit/course-events', course.events),
  );
}

/** Cuts a text at the given fractions of its length (sorted, duplicates allowed). */
function cut(text: string, fractions: readonly number[]): string[] {
  const points = fractions
    .map((fraction) => Math.floor(fraction * text.length))
    .sort((a, b) => a - b);
  const pieces: string[] = [];
  let previous = 0;
  for (const point of points) {
    pieces.push(text.slice(previous, point));
    previous = point;
  }
  pieces.push(text.slice(previous));
  return pieces;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 });
const lineEnd = fc.constantFrom('\n', '\r\n');

async function* asAsync(pieces: readonly (string | Uint8Array)[]) {
  for (const piece of pieces) {
    await Promise.resolve();
    yield piece;
  }
}

describe('summarizeNdjson (properties)', () => {
  it('over any split of the lines into chunks, equals summarizeCohort over the same courses', async () => {
    await fc.assert(
      fc.asyncProperty(
        cohort,
        cuts,
        lineEnd,
        fc.boolean(),
        fc.boolean(),
        async (members, fractions, end, finalNewline, bytes) => {
          const text = members.map(lineOf).join(end) + (finalNewline ? end : '');
          const pieces = bytes
            ? cut(text, fractions).map((piece) => new TextEncoder().encode(piece))
            : cut(text, fractions);
          const result = await summarizeNdjson(asAsync(pieces));
          const states = members.map(([index]) => pool[index]!.state);
          expect(result.summary).toEqual(summarizeCohort(states));
          expect(result.courses).toBe(members.length);
          // With no courses, a final line end alone is one blank line.
          expect(result.lines).toBe(
            members.length + (members.length === 0 && finalNewline ? 1 : 0),
          );
          expect(result.badLineCount).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports bad lines at their line numbers and summarises the good ones in between', async () => {
    const badLine = fc.oneof(
      fc.string({ maxLength: 20 }).filter((text) => !text.includes('\n') && text.trim() !== ''),
      fc.constant('{"schema":"iptkit/course-events","version":1,"data":[{}]}'),
      fc.constant('{"schema":"iptkit/nothing","version":1,"data":null}'),
      fc.constant('[]'),
    );
    const entry = fc.oneof(
      fc.tuple(fc.nat({ max: pool.length - 1 }), fc.boolean()).map((member) => ({ member })),
      badLine.map((bad) => ({ bad })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 15 }), cuts, async (entries, fractions) => {
        const lines = entries.map((item) => ('member' in item ? lineOf(item.member) : item.bad));
        const result = await summarizeNdjson(asAsync(cut(lines.join('\n'), fractions)));
        const good = entries.flatMap((item) =>
          'member' in item ? [pool[item.member[0]]!.state] : [],
        );
        const badNumbers = entries.flatMap((item, index) => ('bad' in item ? [index + 1] : []));
        expect(result.summary).toEqual(summarizeCohort(good));
        expect(result.courses).toBe(good.length);
        expect(result.badLines.map((bad) => bad.line)).toEqual(badNumbers);
        expect(result.badLineCount).toBe(badNumbers.length);
        for (const bad of result.badLines) expect(bad.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ndjsonLines (properties)', () => {
  it('yields the same lines as splitting the whole text, however it is cut', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', '\n', '\r', '\r\n', 'é', '😀', ' '),
      maxLength: 60,
    });
    await fc.assert(
      fc.asyncProperty(text, cuts, async (whole, fractions) => {
        const yielded: (string | null)[] = [];
        for await (const { line, text: content } of ndjsonLines(asAsync(cut(whole, fractions)))) {
          expect(line).toBe(yielded.length + 1);
          yielded.push(content);
        }
        const expected = whole.split('\n').map((line) => line.replace(/\r$/, ''));
        if (whole.endsWith('\n') || whole === '') expected.pop();
        expect(yielded).toEqual(expected);
      }),
    );
  });
});
