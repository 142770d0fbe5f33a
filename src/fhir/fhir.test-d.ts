import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expectTypeOf, test } from 'vitest';
import type { Course, MeasureRecord, RiskFlag } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import type { Phq9Score } from '../measures/phq9.js';
import {
  fromQuestionnaireResponse,
  toCarePlan,
  toObservation,
  toQuestionnaireResponse,
  toRiskFlag,
  type CarePlanResources,
  type ReadQuestionnaireResponse,
} from './index.js';

declare const score: Phq9Score;
declare const record: DeepReadonly<MeasureRecord>;
declare const flag: DeepReadonly<RiskFlag>;
declare const course: DeepReadonly<Course>;

describe('iptkit/fhir types', () => {
  test('builders take a score or a measure record and return readonly resources in a Result', () => {
    const options = { id: 'qr-1', subject: 'Patient/1', authored: '2026-03-02' };
    expectTypeOf(toQuestionnaireResponse(score, options)).toEqualTypeOf<
      Result<DeepReadonly<QuestionnaireResponse>, ValidationError>
    >();
    expectTypeOf(toQuestionnaireResponse).toBeCallableWith(record, options);
    expectTypeOf(
      toObservation(record, { id: 'o-1', subject: 'Patient/1', effective: '2026-03-02' }),
    ).toEqualTypeOf<Result<DeepReadonly<Observation>, ValidationError>>();
    const made = toRiskFlag(flag, { id: 'f-1', subject: 'Patient/1' });
    if (made.ok) {
      expectTypeOf(made.value.status).toEqualTypeOf<'active' | 'inactive' | 'entered-in-error'>();
    }
    expectTypeOf(toCarePlan(course, { idPrefix: 'c', subject: 'Patient/1' })).toEqualTypeOf<
      Result<DeepReadonly<CarePlanResources>, ValidationError>
    >();
  });

  test('options are checked at compile time too', () => {
    // @ts-expect-error the subject is required
    void toQuestionnaireResponse(score, { id: 'qr-1', authored: '2026-03-02' });
    // @ts-expect-error only the PHQ-9 and GAD-7 can be read
    void fromQuestionnaireResponse({}, { instrument: 'hamd-17' });
  });

  test('reading gives the instrument and answers, readonly', () => {
    const read = fromQuestionnaireResponse({});
    if (read.ok) {
      expectTypeOf(read.value).toEqualTypeOf<DeepReadonly<ReadQuestionnaireResponse>>();
      expectTypeOf(read.value.instrument).toEqualTypeOf<'phq-9' | 'gad-7'>();
      // @ts-expect-error the answers are readonly
      read.value.responses.item1 = 2;
    }
  });
});
