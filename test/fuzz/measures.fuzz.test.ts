/**
 * Fuzzing the scoring entries (620,000 inputs in CI, see budget.ts): `scorePhq9`,
 * `scoreInstrument`, `scoreSrm5` and `assessCommunicationStyle` given anything, and answers that
 * are valid but for one odd value. Nothing throws, results are well formed, inputs are unchanged,
 * and an accepted PHQ-9 total lies in 0-27 (Kroenke et al. 2001, IPT reference 7.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { srmWeekArbitrary } from '../../src/testing/measures.js';
import { runs, timeoutFor } from './budget.js';
import { instrumentSamples } from './samples.js';
import {
  anyInput,
  call,
  check,
  expectResult,
  fuzz,
  oddNumber,
  oddString,
  trusted,
} from './support.js';

const phq9Items = [
  'item1',
  'item2',
  'item3',
  'item4',
  'item5',
  'item6',
  'item7',
  'item8',
  'item9',
] as const;

/** Valid PHQ-9 answers (0-3 each, the functional question sometimes). */
const answer = fc.integer({ min: 0, max: 3 });
const phq9Answers = fc.record(
  {
    item1: answer,
    item2: answer,
    item3: answer,
    item4: answer,
    item5: answer,
    item6: answer,
    item7: answer,
    item8: answer,
    item9: answer,
    difficulty: answer,
  },
  { requiredKeys: [...phq9Items] },
);

/** PHQ-9 answers with one odd change: a value, a key, or a prototype key. */
const nearPhq9 = fc
  .tuple(
    phq9Answers,
    fc.constantFrom(...phq9Items, 'difficulty', '__proto__', 'constructor', 'item10', 'Item1'),
    fc.oneof(oddNumber, oddString, anyInput(2), fc.integer({ min: -5, max: 8 })),
  )
  .map(([answers, key, value]) => {
    const changed: Record<string, unknown> = { ...answers };
    Object.defineProperty(changed, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return changed;
  });

const missing = fc.oneof(
  anyInput(2),
  fc.constantFrom({ kind: 'reject' }, { kind: 'incomplete' }, { kind: 'prorate', maxMissing: 2 }),
);

const options = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.record({ missing }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyInput(2) },
);

describe('scoring entries never throw', () => {
  const phq9Count = runs('measures', 'phq9-anything');
  it(
    'scorePhq9 on anything',
    () => {
      fuzz(
        'measures/phq9-anything',
        // Answers are a flat record: two levels of anything reach every branch of the reader.
        fc.property(anyInput(2), options, (responses, given) => {
          expectResult(
            call([responses, given], () => api.scorePhq9(responses as never, given as never)),
          );
        }),
        phq9Count,
      );
    },
    timeoutFor(phq9Count, 40),
  );

  const nearCount = runs('measures', 'phq9-near-valid');
  it(
    'scorePhq9 on answers with one odd value, with a total in 0-27 whenever it accepts',
    () => {
      fuzz(
        'measures/phq9-near-valid',
        fc.property(nearPhq9, options, (responses, given) => {
          const result = call([responses, given], () =>
            api.scorePhq9(responses as never, given as never),
          );
          expectResult(result);
          if (result?.ok === true && result.value.total !== null) {
            const total = result.value.total;
            check(Number.isInteger(total) && total >= 0 && total <= 27, 'PHQ-9 total in 0-27');
          }
        }),
        nearCount,
      );
    },
    timeoutFor(nearCount, 40),
  );

  const instrumentCount = runs('measures', 'instrument-anything');
  it(
    'scoreInstrument with any instrument (built-in, custom or junk) and any answers',
    () => {
      const instruments = fc.oneof(
        fc.constantFrom(...trusted([api.phq9, api.gad7, api.hamd17])),
        fc.constantFrom(...instrumentSamples),
        anyInput(3),
      );
      fuzz(
        'measures/instrument-anything',
        fc.property(
          instruments,
          fc.oneof(anyInput(3), nearPhq9),
          options,
          (instrument, responses, given) => {
            expectResult(
              call([instrument, responses, given], () =>
                api.scoreInstrument(instrument as never, responses, given as never),
              ),
            );
          },
        ),
        instrumentCount,
      );
    },
    timeoutFor(instrumentCount, 60),
  );

  const srmCount = runs('measures', 'srm5-anything');
  it(
    'scoreSrm5 on anything and on diary weeks with one odd day',
    () => {
      const weeks = fc.oneof(
        anyInput(3),
        fc
          .tuple(srmWeekArbitrary(), fc.nat(6), fc.oneof(anyInput(2), oddString, oddNumber))
          .map(([week, day, value]) => {
            const copy: unknown[] = week.map((entry) => ({ ...entry }));
            copy[day] = value;
            return copy;
          }),
        srmWeekArbitrary(),
      );
      fuzz(
        'measures/srm5-anything',
        fc.property(weeks, anyInput(2), (week, given) => {
          expectResult(call([week, given], () => api.scoreSrm5(week, given)));
        }),
        srmCount,
      );
    },
    timeoutFor(srmCount, 80),
  );

  const styleCount = runs('measures', 'style-anything');
  it(
    'assessCommunicationStyle with any item set and any answers',
    () => {
      const itemIds = api.communicationStyleReflection.items.map((item) => item.id);
      const answers = fc.oneof(
        anyInput(3),
        fc.dictionary(
          fc.constantFrom(...itemIds, '__proto__', 'constructor'),
          fc.oneof(fc.integer({ min: -2, max: 6 }), oddNumber, fc.constant(null)),
        ),
      );
      fuzz(
        'measures/style-anything',
        fc.property(
          fc.oneof(fc.constantFrom(...trusted([api.communicationStyleReflection])), anyInput(3)),
          answers,
          (itemSet, responses) => {
            expectResult(
              call([itemSet, responses], () =>
                api.assessCommunicationStyle(itemSet as never, responses as never),
              ),
            );
          },
        ),
        styleCount,
      );
    },
    timeoutFor(styleCount, 60),
  );

  it('the built-in samples score (so the odd ones are odd for a reason)', () => {
    const answers = Object.fromEntries(phq9Items.map((item) => [item, 1]));
    expect(api.scorePhq9(answers).ok).toBe(true);
  });
});
