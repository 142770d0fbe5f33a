import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asJson, mutationsAt, pathsOf } from '../../test/support/mutations.js';
import { execute } from '../course/decide.js';
import { Course, type CourseState } from '../course/state.js';
import { courseInvariantIssues } from '../course/invariants.js';
import { daysBetween } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { toCsv } from './csv.js';
import { toLongFormat, toWideFormat } from './long-format.js';

// Random courses: a few weekly sessions of any status and measures of PHQ-9 or GAD-7 on any day
// of the first six weeks, each linked to a session or not.

const measureArbitrary = fc.record({
  instrument: fc.constantFrom('phq-9', 'gad-7'),
  offset: fc.integer({ min: 0, max: 42 }),
  total: fc.integer({ min: 0, max: 21 }),
  link: fc.option(fc.nat({ max: 5 }), { nil: null }),
});
const specArbitrary = fc.record({
  id: fc.constantFrom<string>('a', 'b', 'c', 'd'),
  sessions: fc.array(fc.constantFrom('attended', 'missed', 'cancelled'), { maxLength: 5 }),
  measures: fc.array(measureArbitrary, { maxLength: 5 }),
});
type Spec = typeof specArbitrary extends fc.Arbitrary<infer TSpec> ? TSpec : never;

function day(offset: number): string {
  return new Date(Date.UTC(2026, 2, 2) + offset * 86_400_000).toISOString().slice(0, 10);
}

function build(spec: Spec): DeepReadonly<Course> {
  // Changed inside `run`; the cast keeps TypeScript from narrowing it to null here.
  let state = null as CourseState;
  const run = (command: Record<string, unknown>) => {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
  };
  run({
    type: 'start-course',
    courseId: spec.id,
    protocol: 'ipt',
    startDate: day(0),
    timeLimit: { sessions: 12, cadence: 'weekly' },
  });
  spec.sessions.forEach((status, index) => {
    run({
      type: 'record-session',
      sessionId: `s${index + 1}`,
      number: index + 1,
      date: day(7 * index + 1),
      status,
    });
  });
  spec.measures.forEach((measure, index) => {
    const items = measure.instrument === 'phq-9' ? 9 : 7;
    const responses: Record<string, number> = {};
    for (let item = 1; item <= items; item += 1) {
      responses[`item${item}`] = Math.max(0, Math.min(3, measure.total - 3 * (item - 1)));
    }
    if (items === 9) responses.item9 = 0;
    const linked =
      measure.link !== null && measure.link < spec.sessions.length
        ? { sessionId: `s${measure.link + 1}` }
        : {};
    run({
      type: 'record-measure',
      measureId: `m${index + 1}`,
      date: day(measure.offset),
      instrument: measure.instrument,
      responses,
      ...linked,
    });
  });
  if (state === null) throw new Error('no course');
  return state;
}

/** Courses with distinct ids (a letter first, so they sort in another order than they come). */
const cohortArbitrary = fc
  .array(specArbitrary, { maxLength: 6 })
  .map((specs) => specs.map((spec, index) => build({ ...spec, id: `${spec.id}${index}` })));

describe('toLongFormat (properties)', () => {
  it('gives one row per measure, sorted by course then date, each linked to a fitting session', () => {
    fc.assert(
      fc.property(cohortArbitrary, (courses) => {
        const rows = toLongFormat(courses);
        const measures = courses.reduce(
          (count, course) => count + Object.keys(course.measures).length,
          0,
        );
        expect(rows).toHaveLength(measures);
        rows.forEach((row, index) => {
          const previous = rows[index - 1];
          if (previous !== undefined) {
            expect(previous.courseId <= row.courseId).toBe(true);
            if (previous.courseId === row.courseId) expect(previous.date <= row.date).toBe(true);
          }
          expect(row.daysSinceStart).toBe(daysBetween('2026-03-02', row.date));
          if (row.sessionNumber !== null) {
            expect(Number.isInteger(row.sessionNumber)).toBe(true);
            expect(row.sessionNumber).toBeGreaterThanOrEqual(1);
          }
        });
      }),
      { numRuns: 50 },
    );
  });

  it('links an unlinked measure to the last session on or before its date', () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const course = build(spec);
        const sessionDates = spec.sessions.map((_, index) => day(7 * index + 1));
        for (const row of toLongFormat([course])) {
          const record = Object.values(course.measures).find(
            (measure) => measure.date === row.date && measure.instrument === row.instrument,
          );
          if (record?.sessionId !== undefined) continue;
          const onOrBefore = sessionDates.filter((date) => date <= row.date).length;
          const sameDay = Object.values(course.measures).filter(
            (measure) => measure.date === row.date && measure.instrument === row.instrument,
          );
          if (sameDay.length > 1) continue;
          expect(row.sessionNumber).toBe(onOrBefore === 0 ? null : onOrBefore);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('keeps only the instrument asked for', () => {
    fc.assert(
      fc.property(cohortArbitrary, fc.constantFrom('phq-9', 'gad-7'), (courses, instrument) => {
        const rows = toLongFormat(courses, { instrument });
        expect(rows.every((row) => row.instrument === instrument)).toBe(true);
        expect(rows).toHaveLength(
          toLongFormat(courses).filter((row) => row.instrument === instrument).length,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('writes a CSV that reads back with the same cells, numbers as numbers', () => {
    fc.assert(
      fc.property(cohortArbitrary, (courses) => {
        const rows = toLongFormat(courses);
        const parsed = parse<Record<string, string>>(toCsv(rows), {
          record_delimiter: '\r\n',
          columns: true,
        });
        expect(parsed).toHaveLength(rows.length);
        parsed.forEach((cells, index) => {
          const row = rows[index]!;
          expect(cells.courseId).toBe(row.courseId);
          expect(cells.score === '' ? null : Number(cells.score)).toBe(row.score);
          expect(cells.sessionNumber === '' ? null : Number(cells.sessionNumber)).toBe(
            row.sessionNumber,
          );
          expect(Number(cells.daysSinceStart)).toBe(row.daysSinceStart);
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('toWideFormat (properties)', () => {
  it('gives one row per course, with change = final - baseline wherever both are known', () => {
    fc.assert(
      fc.property(cohortArbitrary, fc.constantFrom('phq-9', 'gad-7'), (courses, instrument) => {
        const rows = toWideFormat(courses, { instrument });
        expect(rows.map((row) => row.courseId)).toEqual(courses.map((course) => course.courseId));
        for (const row of rows) {
          if (row.measures < 2) {
            expect(row.change).toBeNull();
            continue;
          }
          expect(row.change).toBe(row.final! - row.baseline!);
          expect(row.baselineDate! <= row.finalDate!).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

// Valid courses mixed with junk (issue #9): anything fast-check makes, or a valid course with one
// node mutated (whether it is still valid is asked of the zod schema itself).
const entryArbitrary = fc.oneof(
  specArbitrary.map((spec) => ({ value: build(spec), valid: true })),
  fc
    .anything({ maxDepth: 2, withBoxedValues: true, withMap: true, withNullPrototype: true })
    .map((value) => ({ value, valid: false })),
  fc.tuple(specArbitrary, fc.nat(), fc.nat()).map(([spec, pathPick, mutationPick]) => {
    const document = asJson(build(spec));
    const paths = pathsOf(document);
    const mutations = mutationsAt(document, paths[pathPick % paths.length] ?? []);
    const mutation = mutations[mutationPick % Math.max(1, mutations.length)];
    const value: unknown = mutation === undefined ? null : mutation.apply(document);
    const parsed = Course.safeParse(value);
    // Valid: the schema takes it and it keeps the invariants of a course the rules built.
    return {
      value,
      valid: parsed.success && courseInvariantIssues(parsed.data).length === 0,
    };
  }),
);

describe('toLongFormat and toWideFormat on valid courses mixed with junk (properties)', () => {
  it('give the rows of the valid courses alone and report every other entry by position', () => {
    fc.assert(
      fc.property(
        fc.array(entryArbitrary, { maxLength: 8 }),
        fc.constantFrom('phq-9', 'gad-7'),
        (entries, instrument) => {
          const values = entries.map((entry) => entry.value);
          const valid = entries.filter((entry) => entry.valid).map((entry) => entry.value);
          const junk = entries.flatMap((entry, index) => (entry.valid ? [] : [index]));
          const long: (number | null)[] = [];
          const wide: (number | null)[] = [];
          expect(
            toLongFormat(values as never, { onRejected: (index) => long.push(index) }),
          ).toEqual(toLongFormat(valid as never));
          expect(
            toWideFormat(values as never, {
              instrument,
              onRejected: (index) => wide.push(index),
            }),
          ).toEqual(toWideFormat(valid as never, { instrument }));
          expect(long).toEqual(junk);
          expect(wide).toEqual(junk);
        },
      ),
      { numRuns: 60 },
    );
  });
});
