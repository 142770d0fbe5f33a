import type { Observation, RelatedPerson } from '@medplum/fhirtypes';
import { describe, expectTypeOf, test } from 'vitest';
import type { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import { toRelatedPersons, type RelatedPersonResources } from './index.js';

declare const course: DeepReadonly<Course>;
const options = { idPrefix: 'c', subject: 'Patient/1', effective: '2026-03-02' };

describe('toRelatedPersons types', () => {
  test('takes a course or its inventory and returns readonly resources in a Result', () => {
    expectTypeOf(toRelatedPersons(course, options)).toEqualTypeOf<
      Result<DeepReadonly<RelatedPersonResources>, ValidationError>
    >();
    expectTypeOf(toRelatedPersons).toBeCallableWith({ inventory: course.inventory }, options);
    const made = toRelatedPersons(course, { ...options, includeNames: true });
    if (made.ok) {
      expectTypeOf(made.value.relatedPersons).toEqualTypeOf<
        readonly DeepReadonly<RelatedPerson>[]
      >();
      expectTypeOf(made.value.closenessObservations).toEqualTypeOf<
        readonly DeepReadonly<Observation>[]
      >();
    }
  });

  test('options are checked at compile time too', () => {
    // @ts-expect-error the date of the circle is required
    void toRelatedPersons(course, { idPrefix: 'c', subject: 'Patient/1' });
    // @ts-expect-error includeNames is a boolean
    void toRelatedPersons(course, { ...options, includeNames: 'yes' });
  });
});
