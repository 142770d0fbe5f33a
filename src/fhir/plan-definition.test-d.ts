import type { PlanDefinition } from '@medplum/fhirtypes';
import { describe, expectTypeOf, test } from 'vitest';
import type { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import { protocols } from '../protocol/protocols.js';
import { sources } from '../sources/sources.js';
import { toCarePlan, toPlanDefinition, type PlanDefinitionOptions } from './index.js';

declare const course: DeepReadonly<Course>;

describe('toPlanDefinition types', () => {
  test('takes a catalog or a course protocol, options optional, and returns a readonly resource', () => {
    expectTypeOf(toPlanDefinition(protocols.ipt)).toEqualTypeOf<
      Result<DeepReadonly<PlanDefinition>, ValidationError>
    >();
    expectTypeOf(toPlanDefinition).toBeCallableWith(course.protocol, { status: 'draft' });
    // The catalog of sources is what `citations` takes.
    expectTypeOf(toPlanDefinition).toBeCallableWith(protocols.ipt, { citations: sources });
    expectTypeOf<PlanDefinitionOptions['status']>().toEqualTypeOf<
      'draft' | 'active' | 'retired' | 'unknown' | undefined
    >();
  });

  test('options are checked at compile time too', () => {
    // @ts-expect-error not a PlanDefinition status
    void toPlanDefinition(protocols.ipt, { status: 'final' });
    // @ts-expect-error a citation is an object with a `citation` text
    void toPlanDefinition(protocols.ipt, { citations: { CG7: 'Weissman 2000' } });
  });

  test('toCarePlan takes the canonical URL of the PlanDefinition', () => {
    expectTypeOf(toCarePlan).toBeCallableWith(course, {
      idPrefix: 'c',
      subject: 'Patient/1',
      instantiatesCanonical: 'https://iptkit.dev/fhir/PlanDefinition/ipt|1.0.0',
    });
  });
});
