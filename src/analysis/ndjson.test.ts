import { describe, expect, it } from 'vitest';
import { execute } from '../course/decide.js';
import type { CourseEvent } from '../course/events.js';
import type { Course, CourseState } from '../course/state.js';
import { toDocument } from '../document/document.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { summarizeCohort } from './cohort.js';
import { ndjsonLines, summarizeNdjson, type NdjsonLine } from './ndjson.js';

const MARKER = 'ZZSECRET';

interface Built {
  readonly state: DeepReadonly<Course>;
  readonly events: readonly CourseEvent[];
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

function phq9(total: number): Record<string, number> {
  const answers: Record<string, number> = { item9: 0 };
  for (let item = 1; item <= 8; item += 1) {
    answers[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
  }
  return answers;
}

/** A course of IPT with weekly attended sessions, PHQ-9 totals a week apart and an ending. */
function build(
  id: string,
  scores: readonly number[],
  ending: 'completed' | 'dropped-out' | null,
  from = 'student',
): Built {
  let state: CourseState = null;
  const events: CourseEvent[] = [];
  const commands: Record<string, unknown>[] = [
    {
      type: 'start-course',
      courseId: id,
      protocol: 'ipt',
      startDate: day(0),
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
    {
      type: 'choose-focus',
      focus: { area: 'role-transition', from, to: 'worker' },
      rank: 'primary',
      date: day(0),
    },
    ...scores.flatMap((total, index) => [
      {
        type: 'record-session',
        sessionId: `s${index + 1}`,
        number: index + 1,
        date: day(7 * index),
        status: 'attended',
      },
      {
        type: 'record-measure',
        measureId: `m${index + 1}`,
        date: day(7 * index),
        instrument: 'phq-9',
        responses: phq9(total),
      },
    ]),
    ...(ending === null ? [] : [{ type: 'end-course', date: day(90), outcome: ending }]),
  ];
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
    events.push(...(result.value.events as readonly CourseEvent[]));
  }
  if (state === null) throw new Error('no course');
  return { state, events: JSON.parse(JSON.stringify(events)) as CourseEvent[] };
}

const courses = [
  build('c1', [20, 12, 4], 'completed', 'émigré 😀'),
  build('c2', [18, 17], 'dropped-out'),
  build('c3', [15, 9, 6], 'completed'),
  build('c4', [12], null),
];
const states = courses.map((course) => course.state);
const eventsLine = (course: Built) =>
  JSON.stringify(toDocument('iptkit/course-events', course.events));
const snapshotLine = (course: Built) =>
  JSON.stringify(toDocument('iptkit/course-snapshot', course.state));
const goodLines = [
  eventsLine(courses[0]!),
  snapshotLine(courses[1]!),
  eventsLine(courses[2]!),
  snapshotLine(courses[3]!),
];

async function* chunksOf(pieces: readonly (string | Uint8Array)[]) {
  for (const piece of pieces) {
    await Promise.resolve();
    yield piece;
  }
}

async function collect(lines: AsyncIterable<NdjsonLine>): Promise<NdjsonLine[]> {
  const result: NdjsonLine[] = [];
  for await (const line of lines) result.push(line);
  return result;
}

describe('summarizeNdjson', () => {
  it('summarises event and snapshot documents exactly as summarizeCohort does', async () => {
    const result = await summarizeNdjson(`${goodLines.join('\n')}\n`);
    expect(result.summary).toEqual(summarizeCohort(states));
    expect(result.lines).toBe(4);
    expect(result.courses).toBe(4);
    expect(result.badLines).toEqual([]);
    expect(result.badLineCount).toBe(0);
    expect(result.summary.outcomes.withOutcome).toBe(3);
  });

  it('passes the cohort options on', async () => {
    const result = await summarizeNdjson(goodLines.join('\n'), { instrument: 'gad-7', level: 0.9 });
    expect(result.summary).toEqual(summarizeCohort(states, { instrument: 'gad-7', level: 0.9 }));
  });

  it('reads CRLF line ends, a last line without a line end, blank lines and a byte-order mark', async () => {
    const text = `\uFEFF${goodLines[0]!}\r\n\r\n   \r\n${goodLines[1]!}\n\n${goodLines[2]!}\r\n${goodLines[3]!}`;
    const result = await summarizeNdjson(text);
    expect(result.summary).toEqual(summarizeCohort(states));
    expect(result.lines).toBe(7);
    expect(result.courses).toBe(4);
    expect(result.badLineCount).toBe(0);
  });

  it('reads an async source of chunks cut anywhere, a CRLF split between chunks included', async () => {
    const text = `${goodLines.join('\r\n')}\r\n`;
    const cut = text.indexOf('\r\n') + 1;
    const pieces = [
      text.slice(0, 7),
      text.slice(7, cut),
      text.slice(cut, cut + 1),
      text.slice(cut + 1),
    ];
    const result = await summarizeNdjson(chunksOf(pieces));
    expect(result.summary).toEqual(summarizeCohort(states));
    expect(result.lines).toBe(4);
  });

  it('reads UTF-8 bytes cut inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(`${goodLines.join('\n')}\n`);
    const accent = bytes.indexOf(0xc3);
    const emoji = bytes.indexOf(0xf0);
    expect(accent).toBeGreaterThan(0);
    const pieces = [
      bytes.slice(0, accent + 1),
      bytes.slice(accent + 1, emoji + 2),
      bytes.slice(emoji + 2, emoji + 3),
      bytes.slice(emoji + 3),
    ];
    const result = await summarizeNdjson(chunksOf(pieces));
    expect(result.courses).toBe(4);
    expect(result.summary).toEqual(summarizeCohort(states));
  });

  it('reports bad lines by number with codes and paths, and still summarises the rest', async () => {
    const brokenStream = [...courses[1]!.events];
    // A session numbered 5 straight after the start breaks the numbering rule.
    const sessionAt = brokenStream.findIndex((event) => event.type === 'session-recorded');
    brokenStream[sessionAt] = { ...brokenStream[sessionAt], number: 5 } as CourseEvent;
    const lines = [
      goodLines[0]!, // 1
      `{"not json": ${MARKER}`, // 2
      JSON.stringify({ schema: 'iptkit/unknown', version: 1, data: [] }), // 3
      JSON.stringify(toDocument('iptkit/course-events', brokenStream)), // 4
      '', // 5: blank, skipped
      JSON.stringify(toDocument('iptkit/course-events', [])), // 6
      JSON.stringify(toDocument('iptkit/course-snapshot', null)), // 7
      JSON.stringify({ schema: 'iptkit/course-events', version: 99, data: [] }), // 8
      JSON.stringify({ ...toDocument('iptkit/course-events', courses[2]!.events), [MARKER]: 1 }), // 9
      JSON.stringify(
        toDocument('iptkit/course-events', [{ type: 'course-started', courseId: MARKER }]),
      ), // 10
      goodLines[3]!, // 11
      JSON.stringify([MARKER]), // 12
    ];
    const result = await summarizeNdjson(lines.join('\n'));
    expect(result.lines).toBe(12);
    expect(result.courses).toBe(2);
    expect(result.summary).toEqual(summarizeCohort([states[0]!, states[3]!]));
    expect(result.badLineCount).toBe(9);
    expect(result.badLines.map((bad) => bad.line)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 12]);
    const byLine = new Map(result.badLines.map((bad) => [bad.line, bad]));
    expect(byLine.get(2)?.issues).toEqual([{ code: 'invalid-json', path: [] }]);
    expect(byLine.get(3)?.issues).toEqual([{ code: 'unknown-schema', path: ['schema'] }]);
    expect(byLine.get(4)?.issues).toEqual([
      { code: 'session-out-of-order', path: ['data', sessionAt, 'number'] },
    ]);
    expect(byLine.get(6)?.issues).toEqual([{ code: 'no-course', path: ['data'] }]);
    expect(byLine.get(7)?.issues).toEqual([{ code: 'no-course', path: ['data'] }]);
    expect(byLine.get(8)?.issues).toEqual([{ code: 'unsupported-version', path: ['version'] }]);
    expect(byLine.get(9)?.issues.map((found) => found.code)).toEqual(['unrecognized-keys']);
    expect(byLine.get(10)?.issues[0]?.path.slice(0, 2)).toEqual(['data', 0]);
    expect(byLine.get(12)?.issues.map((found) => found.code)).toEqual(['invalid-type']);
    for (const bad of result.badLines) expect(bad.issueCount).toBe(bad.issues.length);
    expect(JSON.stringify(result)).not.toContain(MARKER);
  });

  it('reports a line over the length limit without keeping it, and reads on', async () => {
    const long = `{"pad":"${'x'.repeat(5000)}"}`;
    const text = [goodLines[0]!, long, goodLines[1]!].join('\n');
    const result = await summarizeNdjson(chunksOf(text.match(/[^]{1,700}/g)!), {
      maxLineLength: goodLines[0]!.length,
    });
    expect(result.courses).toBe(2);
    expect(result.badLines).toEqual([
      { line: 2, issues: [{ code: 'line-too-long', path: [] }], issueCount: 1 },
    ]);
  });

  it('lists the first 100 bad lines (or as many as asked) and counts them all', async () => {
    const text = Array.from({ length: 150 }, (_, index) => `bad ${index}`).join('\n');
    const result = await summarizeNdjson(text);
    expect(result.badLineCount).toBe(150);
    expect(result.badLines).toHaveLength(100);
    expect(result.badLines[99]?.line).toBe(100);
    const fewer = await summarizeNdjson(text, { maxReportedBadLines: 3 });
    expect(fewer.badLines.map((bad) => bad.line)).toEqual([1, 2, 3]);
    expect(fewer.badLineCount).toBe(150);
  });

  it('lists at most 20 issues of a line and says how many there were', async () => {
    const sessions = Object.fromEntries(Array.from({ length: 30 }, (_, at) => [`s${at}`, {}]));
    const result = await summarizeNdjson(
      JSON.stringify(toDocument('iptkit/course-snapshot', { ...states[0], sessions })),
    );
    const [bad] = result.badLines;
    expect(bad!.issueCount).toBeGreaterThan(20);
    expect(bad!.issues).toHaveLength(20);
  });

  it.each([
    ['an empty string', ''],
    ['an empty array', []],
    ['an empty async source', chunksOf([])],
  ])('gives an empty summary for %s', async (_label, source) => {
    const result = await summarizeNdjson(source);
    expect(result).toEqual({
      summary: summarizeCohort([]),
      lines: 0,
      courses: 0,
      badLines: [],
      badLineCount: 0,
    });
  });

  it('counts blank lines but does not report them', async () => {
    const result = await summarizeNdjson('\n\r\n  \n');
    expect(result).toMatchObject({ lines: 3, courses: 0, badLineCount: 0 });
  });

  it('hands each summarised course to onCourse, deeply frozen, with the count so far', async () => {
    const seen: [string, number, boolean][] = [];
    const result = await summarizeNdjson([goodLines[0]!, '\nbad\n', goodLines[1]!], {
      onCourse: (course, count) => {
        seen.push([course.courseId, count, Object.isFrozen(course.sessions)]);
      },
    });
    expect(seen).toEqual([
      ['c1', 1, true],
      ['c2', 2, true],
    ]);
    expect(result.courses).toBe(2);
  });

  it('rejects when onCourse throws', async () => {
    const failing = summarizeNdjson(goodLines[0]!, {
      onCourse: () => {
        throw new Error('caller bug');
      },
    });
    await expect(failing).rejects.toThrow('caller bug');
  });

  it('is deeply frozen', async () => {
    const result = await summarizeNdjson('oops\n');
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.badLines[0]?.issues)).toBe(true);
    expect(Object.isFrozen(result.summary.ended)).toBe(true);
  });

  it('rejects only when the source itself fails', async () => {
    async function* failing() {
      await Promise.resolve();
      yield `${goodLines[0]!}\n`;
      throw new Error('disk gone');
    }
    await expect(summarizeNdjson(failing())).rejects.toThrow('disk gone');
  });
});

describe('ndjsonLines', () => {
  it('yields every line with its number, without line ends, the last one without a newline', async () => {
    const lines = await collect(ndjsonLines(chunksOf(['a\r', '\nb', 'c\n\nd'])));
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'bc' },
      { line: 3, text: '' },
      { line: 4, text: 'd' },
    ]);
  });

  it('yields nothing for an empty source and no extra line after a final newline', async () => {
    expect(await collect(ndjsonLines(''))).toEqual([]);
    expect(await collect(ndjsonLines('x\n'))).toEqual([{ line: 1, text: 'x' }]);
  });

  it('gives null text for a line over the limit and keeps counting', async () => {
    const lines = await collect(
      ndjsonLines(['ab', 'cdef', 'gh\nok\n', 'toolong'], { maxLineLength: 4 }),
    );
    expect(lines).toEqual([
      { line: 1, text: null },
      { line: 2, text: 'ok' },
      { line: 3, text: null },
    ]);
  });

  it('allows a line of exactly the limit, with or without CR', async () => {
    const lines = await collect(ndjsonLines(['abcd\r', '\nabcd'], { maxLineLength: 4 }));
    expect(lines).toEqual([
      { line: 1, text: 'abcd' },
      { line: 2, text: 'abcd' },
    ]);
  });

  it('reads text chunks after byte chunks in order', async () => {
    const lines = await collect(ndjsonLines([new TextEncoder().encode('a\nb'), 'c\n', 'd']));
    expect(lines.map((found) => found.text)).toEqual(['a', 'bc', 'd']);
  });

  it('decodes UTF-8 bytes', async () => {
    const bytes = new TextEncoder().encode('é\n😀');
    const pieces = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await collect(ndjsonLines(pieces))).toEqual([
      { line: 1, text: 'é' },
      { line: 2, text: '😀' },
    ]);
  });
});
