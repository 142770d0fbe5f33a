/**
 * Fuzzing the analysis entries (75,000 inputs in CI, see budget.ts): `outcome`,
 * `reliableChangeIndex` and `clinicalCutoffs` on anything, `summarizeCohort`, `toLongFormat`,
 * `toLongRows` and `toWideFormat` on lists of real and junk courses (and on values that are not
 * lists), and `summarizeNdjson` on NDJSON sources of junk lines (cut into chunks anywhere, as text
 * or bytes). Nothing throws or rejects; results are well formed; inputs are unchanged.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { summarizeCohort } from '../../src/analysis/cohort.js';
import { toLongFormat, toLongRows, toWideFormat } from '../../src/analysis/long-format.js';
import { summarizeNdjson } from '../../src/analysis/ndjson.js';
import { clinicalCutoffs, outcome, reliableChangeIndex } from '../../src/analysis/outcome.js';
import type { ValidationError } from '../../src/internal/issues.js';
import { CohortSummarySchema } from '../../src/interop/json-schema/cohort-summary.js';
import { oneMutation } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { courseSamples, documentSamples } from './samples.js';
import {
  anyInput,
  call,
  check,
  expectResult,
  expectWellFormedError,
  fuzz,
  fuzzAsync,
  oddString,
  trusted,
} from './support.js';

const outcomeOptions = fc.oneof(
  fc.record(
    {
      instrument: fc.constantFrom('phq-9', 'gad-7', 'hamd-17', 'other'),
      responseReduction: fc.oneof(fc.double(), anyInput(1)),
      remissionBelow: fc.oneof(fc.double(), fc.constant(null)),
      reliableChange: fc.oneof(
        fc.record({ sd: fc.double(), reliability: fc.double() }),
        anyInput(1),
      ),
      clinicalCutoff: fc.oneof(fc.double(), anyInput(1)),
    },
    { requiredKeys: ['instrument'] },
  ),
  anyInput(2),
);

/** Whether a value and everything reachable from it (own keys) is frozen. */
function isDeeplyFrozen(root: unknown): boolean {
  const pending: unknown[] = [root];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    if (!Object.isFrozen(value)) return false;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      pending.push((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return true;
}

/** The entries of a list of courses: the real ones, and the positions of the others. */
interface Entries {
  readonly real: readonly unknown[];
  readonly junk: readonly number[];
}

/**
 * The entries of `courses` (read the way `for...of` reads them; none of the generated values
 * throws while read), or `null` when `courses` is not an iterable object.
 */
function entriesOf(courses: unknown, real: ReadonlySet<unknown>): Entries | null {
  if (typeof courses !== 'object' || courses === null) return null;
  if (typeof (courses as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') return null;
  const found: unknown[] = [];
  const junk: number[] = [];
  let index = 0;
  for (const entry of courses as Iterable<unknown>) {
    if (real.has(entry)) found.push(entry);
    else junk.push(index);
    index += 1;
  }
  return { real: found, junk };
}

/** Lists of real and junk courses, or anything at all in place of the list. */
function courseLists(states: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.array(fc.oneof(fc.constantFrom(...states), anyInput(2)), { maxLength: 4 }),
    anyInput(2),
  );
}

/** JSON text of anything: what `JSON.stringify` makes, or a word when it makes nothing or throws. */
function jsonText(value: unknown): string {
  try {
    const text: unknown = JSON.stringify(value);
    return typeof text === 'string' ? text : 'undefined';
  } catch {
    return typeof value;
  }
}

describe('analysis entries never throw', () => {
  const outcomeCount = runs('analysis', 'outcome-anything');
  it(
    'outcome on any course (real or junk) with any options',
    () => {
      const states = trusted(courseSamples().map((course) => course.state));
      fuzz(
        'analysis/outcome-anything',
        fc.property(
          fc.oneof(fc.constantFrom(...states), anyInput(3)),
          outcomeOptions,
          (course, options) => {
            expectResult(call([course, options], () => outcome(course as never, options as never)));
          },
        ),
        outcomeCount,
      );
    },
    timeoutFor(outcomeCount, 200),
  );

  const changeCount = runs('analysis', 'change-anything');
  it(
    'reliableChangeIndex and clinicalCutoffs on anything',
    () => {
      const numbers = fc.oneof(fc.double(), anyInput(1));
      const input = fc.oneof(
        anyInput(3),
        fc.record(
          {
            pre: numbers,
            post: numbers,
            sd: numbers,
            reliability: numbers,
            higherIsWorse: anyInput(1),
          },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            clinical: fc.record({ mean: numbers, sd: numbers }),
            functional: fc.oneof(fc.record({ mean: numbers, sd: numbers }), anyInput(1)),
          },
          { requiredKeys: [] },
        ),
      );
      fuzz(
        'analysis/change-anything',
        fc.property(input, fc.boolean(), (given, which) => {
          expectResult(
            call([given], () => (which ? reliableChangeIndex(given) : clinicalCutoffs(given))),
          );
        }),
        changeCount,
      );
    },
    timeoutFor(changeCount, 60),
  );

  const cohortCount = runs('analysis', 'cohort-anything');
  it(
    'summarizeCohort on lists of real and junk courses with any options',
    () => {
      const states = trusted(courseSamples().map((course) => course.state));
      const real = new Set<unknown>(states);
      fuzz(
        'analysis/cohort-anything',
        fc.property(
          courseLists(states),
          fc.oneof(fc.constant(undefined), anyInput(2)),
          (courses, options) => {
            const entries = entriesOf(courses, real);
            const summary = call([courses, options], () =>
              summarizeCohort(courses as never, options as never),
            );
            check(summary !== undefined, 'a summary');
            check(isDeeplyFrozen(summary), 'the summary is deeply frozen');
            check(CohortSummarySchema.safeParse(summary).success, 'the summary fits its schema');
            const { rejected } = summary;
            if (entries === null) {
              check(summary.courses === 0, 'nothing summarised from a value that is not a list');
              check(rejected.count === 1, 'one rejection for a value that is not a list');
              check(rejected.courses[0]?.index === null, 'reported without a position');
              check(rejected.courses[0].issues[0]?.code === 'not-iterable', 'as not-iterable');
            } else {
              check(summary.courses === entries.real.length, 'every real course summarised');
              check(rejected.count === entries.junk.length, 'every junk entry rejected');
              check(
                rejected.courses.length === entries.junk.length &&
                  rejected.courses.every((rejection, at) => rejection.index === entries.junk[at]),
                'rejections listed by position',
              );
            }
          },
        ),
        cohortCount,
      );
    },
    timeoutFor(cohortCount, 2_000),
  );

  const tablesCount = runs('analysis', 'long-wide-anything');
  it(
    'toLongFormat, toLongRows and toWideFormat on lists of real and junk courses with any options',
    () => {
      const states = trusted(courseSamples().map((course) => course.state));
      const real = new Set<unknown>(states);
      const options = fc.oneof(
        fc.constant(undefined),
        anyInput(2),
        fc.record(
          {
            instrument: fc.oneof(fc.constantFrom('phq-9', 'gad-7', 'hamd-17'), anyInput(1)),
            outcome: fc.oneof(
              fc.record({ responseReduction: fc.oneof(fc.double(), anyInput(1)) }),
              anyInput(1),
            ),
            onRejected: fc.constant('callback'),
          },
          { requiredKeys: [] },
        ),
      );
      fuzz(
        'analysis/long-wide-anything',
        fc.property(
          courseLists(states),
          options,
          fc.constantFrom('long', 'rows', 'wide'),
          (courses, given, which) => {
            const reports: (number | null)[] = [];
            const onRejected = (index: number | null, error: ValidationError) => {
              expectWellFormedError(error);
              reports.push(index);
            };
            // A generated `onRejected: 'callback'` asks for a real callback in its place.
            const hasCallback =
              typeof given === 'object' &&
              given !== null &&
              (given as { onRejected?: unknown }).onRejected === 'callback';
            const withCallback = hasCallback ? { ...given, onRejected } : given;
            const entries = entriesOf(courses, real);
            const rows = call([courses, given], () =>
              which === 'long'
                ? toLongFormat(courses as never, withCallback as never)
                : which === 'wide'
                  ? toWideFormat(courses as never, withCallback as never)
                  : toLongRows(courses as never, withCallback as never),
            );
            check(Array.isArray(rows), 'rows');
            check(isDeeplyFrozen(rows), 'the rows are deeply frozen');
            if (which === 'rows') {
              // One course: junk gives no rows, and one report when a callback was given.
              if (!real.has(courses)) check(rows.length === 0, 'no rows from junk');
              check(
                reports.every((report) => report === null),
                'a course alone has no position',
              );
              check(reports.length <= 1, 'one report at most');
              return;
            }
            if (entries === null) {
              check(rows.length === 0, 'no rows from a value that is not a list');
              check(!hasCallback || reports.length === 1, 'one report');
              return;
            }
            if (reports.includes(null)) {
              // The options were refused (the list itself, an array or a set, always reads).
              check(rows.length === 0 && reports.length === 1, 'refused options: no rows');
              return;
            }
            if (hasCallback) {
              check(
                reports.length === entries.junk.length &&
                  reports.every((at, index) => at === entries.junk[index]),
                'every junk entry reported by position, nothing else',
              );
            }
            const instrument =
              typeof given === 'object' && given !== null
                ? (given as { instrument?: unknown }).instrument
                : undefined;
            if (which === 'long' && instrument === undefined) {
              const measures = entries.real.reduce<number>(
                (sum, state) => sum + Object.keys((state as { measures: object }).measures).length,
                0,
              );
              check(rows.length === measures, 'a row per measure of every real course');
            }
            if (which === 'wide') {
              check(
                rows.length === 0 || rows.length === entries.real.length,
                'a row per real course, or none when the options are refused',
              );
            }
          },
        ),
        tablesCount,
      );
    },
    timeoutFor(tablesCount, 2_000),
  );

  const ndjsonCount = runs('analysis', 'ndjson-lines');
  it(
    'summarizeNdjson on junk lines cut anywhere, counting every valid course',
    async () => {
      const documents = documentSamples();
      const line = fc.oneof(
        {
          weight: 3,
          arbitrary: anyInput(3).map(jsonText),
        },
        { weight: 1, arbitrary: oddString },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.nat(documents.length - 1), fc.nat(), fc.nat())
            .map(([which, pick, choice]) =>
              jsonText(oneMutation(documents[which]!, pick, choice).value),
            ),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.nat(documents.length - 1), fc.nat()).map(([which, cut]) => {
            const text = JSON.stringify(documents[which]);
            return text.slice(0, cut % text.length);
          }),
        },
      );
      const valid = fc.nat(documents.length - 1).map((which) => JSON.stringify(documents[which]));
      const encoder = new TextEncoder();
      await fuzzAsync(
        'analysis/ndjson-lines',
        fc.asyncProperty(
          fc.array(fc.tuple(fc.boolean(), line, valid), { maxLength: 6 }),
          fc.constantFrom('\n', '\r\n'),
          fc.array(fc.nat(), { maxLength: 5 }),
          fc.constantFrom('text', 'bytes', 'string'),
          fc.constantFrom(undefined, {}, { instrument: 'gad-7' as const }, { level: 0.9 }),
          async (rows, end, cuts, form, options) => {
            const lines = rows.map(([good, junk, document]) => (good ? document : junk));
            const goodLines = rows.filter(([good]) => good).length;
            const text = lines.join(end);
            const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort(
              (left, right) => left - right,
            );
            const whole = encoder.encode(text);
            const pieces: string[] = [];
            let from = 0;
            for (const point of [...points, text.length]) {
              pieces.push(text.slice(from, point));
              from = point;
            }
            const source =
              form === 'string'
                ? text
                : form === 'bytes'
                  ? // Bytes cut as bytes, even inside a character.
                    points
                      .map((point, index) =>
                        whole.slice(points[index - 1] ?? 0, Math.min(point, whole.length)),
                      )
                      .concat([whole.slice(Math.min(points[points.length - 1] ?? 0, whole.length))])
                  : (async function* () {
                      for (const piece of pieces) yield piece;
                      await Promise.resolve();
                    })();
            const summary = await summarizeNdjson(source, options);
            check(Object.isFrozen(summary), 'the summary is frozen');
            check(summary.courses >= goodLines, 'every valid line is a course');
            check(summary.courses + summary.badLineCount <= summary.lines, 'counts add up');
            for (const bad of summary.badLines) {
              check(Number.isInteger(bad.line) && bad.line >= 1, 'bad line numbers');
              for (const found of bad.issues) {
                check(/^[a-z][a-z0-9-]*$/.test(found.code), 'bad line issue codes');
                check(Array.isArray(found.path), 'bad line issue paths');
              }
            }
          },
        ),
        ndjsonCount,
      );
    },
    timeoutFor(ndjsonCount, 20_000),
  );

  const optionsCount = runs('analysis', 'ndjson-options');
  it(
    'summarizeNdjson with any options never rejects',
    async () => {
      const valid = JSON.stringify(documentSamples()[0]);
      await fuzzAsync(
        'analysis/ndjson-options',
        fc.asyncProperty(fc.oneof(fc.constant(null), anyInput(2)), async (options) => {
          const summary = await summarizeNdjson([valid, '\n', '{'], options as never);
          check(summary.lines === 2, 'two lines read');
        }),
        optionsCount,
      );
    },
    timeoutFor(optionsCount, 5_000),
  );
});
