/**
 * No data loss in the writers (issue #9, "Data loss"), on real course data: long- and wide-format
 * rows written by `toCsv` read back through a real CSV parser (csv-parse) to the same values, and
 * documents written one per line read back through `ndjsonLines` and `summarizeNdjson` to the same
 * data, however the text is cut into chunks. (`src/analysis/csv.prop.test.ts` covers arbitrary
 * tables and `src/analysis/ndjson.prop.test.ts` the summary; these fill in real rows and the data
 * itself.)
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/analysis/csv.js';
import { toLongFormat, toWideFormat } from '../../src/analysis/long-format.js';
import { ndjsonLines, summarizeNdjson } from '../../src/analysis/ndjson.js';
import type { Course } from '../../src/course/state.js';
import { parseDocument, toDocument } from '../../src/document/document.js';
import type { DeepReadonly } from '../../src/internal/deep-freeze.js';
import { courseArbitrary } from '../../src/testing/course.js';

/** Up to five generated courses with distinct ids (the cohort shape the writers meet). */
const cohort = fc
  .array(courseArbitrary({ maxSteps: 40, unicode: true }), { minLength: 1, maxLength: 5 })
  .map((courses) =>
    courses.map(
      (course, index) =>
        JSON.parse(
          JSON.stringify({ ...course.state, courseId: `c-${String(index)}` }),
        ) as DeepReadonly<Course>,
    ),
  );

/** What a CSV reader gets back for a cell written from `value`, as text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  throw new Error('not a CSV value');
}

function readCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n', relax_column_count: false });
}

/** Splits text at the given points (any points, sorted and deduplicated). */
function cut(text: string, points: readonly number[]): string[] {
  const at = [...new Set(points.map((point) => point % (text.length + 1)))].sort(
    (left, right) => left - right,
  );
  const pieces: string[] = [];
  let from = 0;
  for (const point of [...at, text.length]) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  return pieces;
}

/** Splits bytes at the given points (any points, sorted and deduplicated). */
function cutBytes(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const at = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort(
    (left, right) => left - right,
  );
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const point of [...at, bytes.length]) {
    pieces.push(bytes.slice(from, point));
    from = point;
  }
  return pieces;
}

describe('toCsv of real rows reads back through csv-parse', () => {
  it('long format: every row and value, numbers as numbers, null as an empty cell', () => {
    fc.assert(
      fc.property(cohort, (courses) => {
        const rows = toLongFormat(courses);
        const columns = [
          'courseId',
          'protocol',
          'focus',
          'sessionNumber',
          'daysSinceStart',
          'date',
          'instrument',
          'score',
          'band',
        ] as const;
        const table = readCsv(toCsv(rows, { columns }));
        expect(table[0]).toEqual([...columns]);
        expect(table.slice(1)).toEqual(rows.map((row) => columns.map((key) => cellText(row[key]))));
        // Numbers survive exactly.
        table.slice(1).forEach((record, index) => {
          const score = rows[index]?.score;
          if (typeof score === 'number') expect(Number(record[7])).toBe(score);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('wide format: every row and value of every column', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom('phq-9', 'gad-7'), (courses, instrument) => {
        const rows = toWideFormat(courses, { instrument });
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0]!);
        const table = readCsv(toCsv(rows));
        expect(table[0]).toEqual(columns);
        expect(table.slice(1)).toEqual(
          rows.map((row) =>
            columns.map((key) => cellText((row as unknown as Record<string, unknown>)[key])),
          ),
        );
        table.slice(1).forEach((record, index) => {
          columns.forEach((key, column) => {
            const value = (rows[index] as unknown as Record<string, unknown>)[key];
            if (typeof value === 'number' && Number.isFinite(value)) {
              expect(Number(record[column])).toBe(value);
            }
          });
        });
      }),
      { numRuns: 25 },
    );
  });
});

describe('documents written as NDJSON read back without loss', () => {
  it('ndjsonLines + parseDocument give back every document exactly, however the text is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        cohort,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (courses, points, end, asBytes) => {
          const documents = courses.flatMap((course) => [
            toDocument('iptkit/course-snapshot', course),
            toDocument('iptkit/course-events', []),
          ]);
          const text = documents.map((document) => JSON.stringify(document)).join(end) + end;
          const pieces = cut(text, points);
          // Bytes are cut as bytes (anywhere, even inside a character), text as text.
          const bytes = new TextEncoder().encode(text);
          const source = asBytes ? cutBytes(bytes, points) : pieces;
          const read: unknown[] = [];
          for await (const { text: line } of ndjsonLines(source)) {
            if (line === null || line === '') continue;
            const parsed = parseDocument(JSON.parse(line));
            expect(parsed.ok).toBe(true);
            if (parsed.ok) read.push(parsed.value);
          }
          expect(read).toStrictEqual(JSON.parse(JSON.stringify(documents)));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('summarizeNdjson hands every stored course back unchanged, from events or snapshots', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(courseArbitrary({ maxSteps: 40, unicode: true }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (courses, asEvents, points) => {
          const text = courses
            .map((course, index) =>
              JSON.stringify(
                asEvents[index] === true
                  ? toDocument('iptkit/course-events', course.events)
                  : toDocument('iptkit/course-snapshot', course.state),
              ),
            )
            .join('\n');
          const seen: unknown[] = [];
          const result = await summarizeNdjson(cut(text, points), {
            onCourse: (course) => seen.push(JSON.parse(JSON.stringify(course)) as unknown),
          });
          expect(result.badLineCount).toBe(0);
          expect(result.courses).toBe(courses.length);
          expect(seen).toStrictEqual(
            courses.map((course) => JSON.parse(JSON.stringify(course.state)) as unknown),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
