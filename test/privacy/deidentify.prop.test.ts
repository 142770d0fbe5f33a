/**
 * Properties of de-identification over generated courses (test/support/course-arbitraries.ts:
 * every label and free text carries the marker), saturated so that every field the schema marks
 * sensitive holds marker text wherever the course has room for it.
 */
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { summarizeCohort } from '../../src/analysis/cohort.js';
import { outcome } from '../../src/analysis/outcome.js';
import { CourseEvent } from '../../src/course/events.js';
import { replay } from '../../src/course/replay.js';
import { Course, type CourseState } from '../../src/course/state.js';
import {
  deidentify,
  deidentifyEvents,
  type DeidentifyOptions,
  type Pseudonymize,
} from '../../src/privacy/index.js';
import { intentSequence, runIntents, type ReadCourse } from '../support/course-arbitraries.js';
import {
  allDates,
  allStrings,
  canonicalLabels,
  dayNumber,
  instant,
  MARKER,
  saturate,
} from './support.js';

/** A readable, reversible pseudonym: `X<kind>.<id>`. */
const tagged: Pseudonymize = (id, kind) => `X${kind}.${id}`;

/** Undoes {@link tagged} on every string and key (risk-flag ids included). */
function untag<TValue>(value: TValue): TValue {
  const strip = (text: string) => text.replace(/^X[a-z]+\.(.*)$/, '$1');
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return strip(node);
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [strip(key), visit(item)]),
      );
    }
    return node;
  };
  return visit(value) as TValue;
}

/** The ids the generator uses (course, people, sessions, measures, analyses, the clinician). */
const GENERATED_ID = /^(?:course-1|p\d|p-unknown|s\d+|s-bogus|m\d|m-none|a\d|dr-1)$/;

const modes = fc.record({
  names: fc.constantFrom('drop' as const, 'replace' as const),
  freeText: fc.constantFrom('drop' as const, 'replace' as const),
  shiftDays: fc.integer({ min: -3650, max: 3650 }),
});

/** A generated, started course (or nothing when the generator's start was refused). */
function courseOf(intents: Parameters<typeof runIntents>[0]): ReadCourse | null {
  return runIntents(intents).state;
}

function expectOk<TValue>(
  result: { ok: true; value: TValue } | { ok: false; error: unknown },
): TValue {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const sequences = intentSequence(50);

describe('deidentify (properties)', () => {
  test.prop([sequences, modes], { numRuns: 120 })(
    'no sensitive input string survives; the output revalidates; the input is untouched',
    (intents, options) => {
      const state = courseOf(intents);
      if (state === null) return;
      const { value: course } = saturate(Course, state);
      const sensitive = allStrings(course).filter((text) => text.includes(MARKER));
      expect(sensitive.length).toBeGreaterThan(0);
      const before = structuredClone(course);
      const { course: output, report } = expectOk(
        deidentify(course, { ...options, pseudonymize: tagged }),
      );
      const text = JSON.stringify(output);
      for (const secret of new Set(sensitive)) expect(text).not.toContain(secret);
      expect(text).not.toContain(MARKER);
      expect(JSON.stringify(report)).not.toContain(MARKER);
      expect(Course.safeParse(output).success).toBe(true);
      expect(course).toEqual(before);
    },
    30_000,
  );

  test.prop([sequences, modes], { numRuns: 100 })(
    'every date moves by the shift, so every interval is kept; times of day and offsets stay',
    (intents, options) => {
      const course = courseOf(intents);
      if (course === null) return;
      const { course: output } = expectOk(deidentify(course, options));
      const before = allDates(course);
      const after = allDates(output);
      expect(after.length).toBe(before.length);
      before.forEach((date, index) => {
        const moved = after[index]!;
        expect(dayNumber(moved) - dayNumber(date)).toBe(options.shiftDays);
        expect(moved.slice(10)).toBe(date.slice(10));
        expect(instant(moved) - instant(date)).toBe(options.shiftDays * 86_400_000);
      });
    },
    30_000,
  );

  test.prop([sequences, modes], { numRuns: 100 })(
    'pseudonyms are applied to every id reference and to nothing else',
    (intents, options) => {
      const course = courseOf(intents);
      if (course === null) return;
      const plain = expectOk(deidentify(course, options)).course;
      const { course: output, report } = expectOk(
        deidentify(course, { ...options, pseudonymize: tagged }),
      );
      // Undoing the pseudonyms gives exactly the result without them: each id was replaced
      // wherever it occurs, and nothing else changed.
      expect(untag(output)).toEqual(plain);
      // No generated id is left in the clear, as a value or as a key.
      expect(allStrings(output).filter((text) => GENERATED_ID.test(text))).toEqual([]);
      expect(report.ids.byKind.course).toEqual({ distinct: 1, references: 1 });
      expect(report.ids.byKind.person.distinct).toBe(Object.keys(course.inventory.people).length);
    },
    30_000,
  );

  test.prop([fc.array(sequences, { minLength: 1, maxLength: 4 }), modes], { numRuns: 60 })(
    'outcome and summarizeCohort give the same numbers before and after',
    (cohort, options) => {
      const courses = cohort.map(courseOf).filter((course) => course !== null);
      const after = courses.map(
        (course) => expectOk(deidentify(course, { ...options, pseudonymize: tagged })).course,
      );
      for (const instrument of ['phq-9', 'gad-7'] as const) {
        expect(summarizeCohort(after, { instrument })).toEqual(
          summarizeCohort(courses, { instrument }),
        );
        courses.forEach((course, index) => {
          const original = outcome(course, { instrument });
          const deidentified = outcome(after[index]!, { instrument });
          if (!original.ok) {
            expect(deidentified.ok).toBe(false);
            if (!deidentified.ok) expect(deidentified.error).toEqual(original.error);
            return;
          }
          const value = expectOk(deidentified);
          const shift = (date: string) => dayNumber(date) + options.shiftDays;
          expect(value.courseId).toBe(tagged(original.value.courseId, 'course'));
          expect(value.baseline.measureId).toBe(
            tagged(original.value.baseline.measureId, 'measure'),
          );
          expect(dayNumber(value.baseline.date)).toBe(shift(original.value.baseline.date));
          expect(dayNumber(value.final.date)).toBe(shift(original.value.final.date));
          const numbers = (found: typeof value) => ({
            ...found,
            courseId: null,
            baseline: { ...found.baseline, measureId: null, date: null },
            final: { ...found.final, measureId: null, date: null },
          });
          expect(numbers(value)).toEqual(numbers(original.value));
        });
      }
    },
    30_000,
  );

  test.prop([sequences, modes], { numRuns: 100 })(
    'replaying de-identified events equals de-identifying the replayed course (labels up to numbering)',
    (intents, options) => {
      const { events, state } = runIntents(intents);
      const settings: DeidentifyOptions = { ...options, pseudonymize: tagged };
      const { events: output } = expectOk(deidentifyEvents(events, settings));
      const replayed = replay(output);
      if (!replayed.ok) throw new Error(`replay refused: ${JSON.stringify(replayed.error)}`);
      const expected: CourseState =
        state === null ? null : expectOk(deidentify(state, settings)).course;
      expect(canonicalLabels(replayed.value)).toEqual(canonicalLabels(expected));
    },
    30_000,
  );

  test.prop([sequences, modes], { numRuns: 80 })(
    'no sensitive string survives in a saturated event stream; every event revalidates',
    (intents, options) => {
      const { events } = runIntents(intents);
      const saturated = events.map((event) => saturate(CourseEvent, event).value);
      const { events: output } = expectOk(
        deidentifyEvents(saturated, { ...options, pseudonymize: tagged }),
      );
      expect(output.length).toBe(events.length);
      expect(JSON.stringify(output)).not.toContain(MARKER);
      for (const event of output) expect(CourseEvent.safeParse(event).success).toBe(true);
    },
    30_000,
  );
});
