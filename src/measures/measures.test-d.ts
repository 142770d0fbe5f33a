import { describe, expectTypeOf, test } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import type { Err, Ok, Result } from '../internal/result.js';
import { gad7 } from './gad7.js';
import { hamd17 } from './hamd17.js';
import { defineInstrument, scoreInstrument, totalRange } from './instrument.js';
import type { Instrument, Score, ScoredBand } from './instrument.js';
import { phq9, scorePhq9 } from './phq9.js';
import type { Phq9Responses, Phq9Score } from './phq9.js';
import { scoreSrm5 } from './srm5.js';
import type { SrmScore } from './srm5.js';

declare const answers: Phq9Responses;
declare const untyped: Readonly<Record<string, unknown>>;

describe('scorePhq9 types', () => {
  test('returns a Result of Phq9Score or ValidationError that narrows on ok', () => {
    const result = scorePhq9(answers);
    expectTypeOf(result).toEqualTypeOf<Result<Phq9Score, ValidationError>>();
    expectTypeOf(result).not.toHaveProperty('value');
    if (result.ok) {
      expectTypeOf(result).toEqualTypeOf<Ok<Phq9Score>>();
      expectTypeOf(result.value).toEqualTypeOf<Phq9Score>();
      expectTypeOf(result.value.total).toEqualTypeOf<number | null>();
    } else {
      expectTypeOf(result).toEqualTypeOf<Err<ValidationError>>();
      expectTypeOf(result.error.kind).toEqualTypeOf<'validation'>();
    }
  });

  test('Phq9Score.flags.suicidalIdeation is a boolean and difficulty an optional number', () => {
    expectTypeOf<Phq9Score['flags']['suicidalIdeation']>().toEqualTypeOf<boolean>();
    expectTypeOf<Phq9Score['difficulty']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Phq9Score>().toExtend<Score>();
  });

  test('accepts typed answers and also untyped records', () => {
    expectTypeOf(scorePhq9).toBeCallableWith({ item1: 1, item9: null });
    expectTypeOf(scorePhq9).toBeCallableWith(untyped);
    expectTypeOf(scorePhq9).toBeCallableWith(answers, { missing: { kind: 'incomplete' } });
  });
});

describe('Score types', () => {
  test('total is number | null and band is ScoredBand | null', () => {
    expectTypeOf<Score['total']>().toEqualTypeOf<number | null>();
    expectTypeOf<Score['band']>().toEqualTypeOf<ScoredBand | null>();
    expectTypeOf<Score['missingHandling']>().toEqualTypeOf<'none' | 'prorated' | 'incomplete'>();
    expectTypeOf<ScoredBand['bandSet']>().toEqualTypeOf<string>();
  });

  test('scoreInstrument takes any value as responses and returns Result<Score, ValidationError>', () => {
    expectTypeOf(scoreInstrument(gad7, JSON.parse('{}'))).toEqualTypeOf<
      Result<Score, ValidationError>
    >();
    expectTypeOf(scoreInstrument).toBeCallableWith(hamd17, {}, { bandSet: 'zimmerman-2013' });
  });

  test('totalRange returns numbers; defineInstrument returns a deeply readonly Instrument', () => {
    expectTypeOf(totalRange(phq9)).toEqualTypeOf<{ readonly min: number; readonly max: number }>();
    expectTypeOf(defineInstrument({})).toEqualTypeOf<
      Result<DeepReadonly<Instrument>, ValidationError>
    >();
  });

  test('scoreSrm5 returns a Result of SrmScore whose score may be null', () => {
    const result = scoreSrm5([]);
    expectTypeOf(result).toEqualTypeOf<Result<SrmScore, ValidationError>>();
    expectTypeOf<SrmScore['score']>().toEqualTypeOf<number | null>();
  });
});

describe('built-in instruments are readonly', () => {
  test('phq9, gad7 and hamd17 are DeepReadonly<Instrument>', () => {
    expectTypeOf(phq9).toEqualTypeOf<DeepReadonly<Instrument>>();
    expectTypeOf(gad7).toEqualTypeOf<DeepReadonly<Instrument>>();
    expectTypeOf(hamd17).toEqualTypeOf<DeepReadonly<Instrument>>();
    expectTypeOf(phq9.items).not.toExtend<unknown[]>();
  });

  test('assignments are type errors', () => {
    // Never called: only the type errors matter.
    const attempts = () => {
      // @ts-expect-error -- the instrument's fields are readonly
      phq9.id = 'phq-8';
      // @ts-expect-error -- bands are readonly
      phq9.bandSets[0]!.bands[0]!.max = 5;
      // @ts-expect-error -- items are readonly
      phq9.items[8]!.countsTowardTotal = false;
      /* eslint-disable @typescript-eslint/no-unsafe-call -- the missing push is the type error under test */
      // @ts-expect-error -- the flag list is a readonly array
      phq9.flags.push(phq9.flags[0]!);
      /* eslint-enable @typescript-eslint/no-unsafe-call */
    };
    expectTypeOf(attempts).toBeFunction();
  });

  test('score results are readonly', () => {
    const attempts = (score: Phq9Score) => {
      // @ts-expect-error -- a score's total is readonly
      score.total = 0;
      // @ts-expect-error -- flags are readonly
      score.flags.suicidalIdeation = false;
    };
    expectTypeOf(attempts).toBeFunction();
  });
});
