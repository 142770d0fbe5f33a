/**
 * Fuzzing the analysis entries (73,000 inputs in CI, see budget.ts): `outcome`,
 * `reliableChangeIndex` and `clinicalCutoffs` on anything, `summarizeCohort` on junk courses, and
 * `summarizeNdjson` on NDJSON sources of junk lines (cut into chunks anywhere, as text or bytes).
 * Nothing throws or rejects; results are well formed; inputs are unchanged.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { summarizeCohort } from '../../src/analysis/cohort.js';
import { summarizeNdjson } from '../../src/analysis/ndjson.js';
import { clinicalCutoffs, outcome, reliableChangeIndex } from '../../src/analysis/outcome.js';
import { oneMutation } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { courseSamples, documentSamples } from './samples.js';
import {
  anyInput,
  call,
  check,
  expectResult,
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
  // Fails today: summarizeCohort reads `course.outcome` of whatever it is given and throws a
  // TypeError on a course that is not an object (and on a `courses` that is not iterable). Reported
  // to the lead; `it.fails` turns red once it is fixed, so that this becomes a plain `it`.
  it.fails(
    'summarizeCohort on lists of real and junk courses with any options',
    () => {
      const states = trusted(courseSamples().map((course) => course.state));
      fuzz(
        'analysis/cohort-anything',
        fc.property(
          fc.oneof(
            fc.array(fc.oneof(fc.constantFrom(...states), anyInput(2)), { maxLength: 4 }),
            anyInput(2),
          ),
          fc.oneof(fc.constant(undefined), anyInput(2)),
          (courses, options) => {
            const summary = call([courses, options], () =>
              summarizeCohort(courses as never, options as never),
            );
            check(summary !== undefined, 'a summary');
          },
        ),
        cohortCount,
      );
    },
    timeoutFor(cohortCount, 200),
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
