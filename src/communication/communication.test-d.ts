import { describe, expectTypeOf, test } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import {
  communicationProblems,
  defineCommunicationAnalysis,
  type CommunicationAnalysis,
  type CommunicationProblem,
  type CommunicationTurn,
} from './analysis.js';
import { communicationStyleReflection } from './style-reflection-items.js';
import {
  assessCommunicationStyle,
  type CommunicationStyle,
  type StyleMissingPolicy,
  type StyleAssessment,
  type StyleItemSet,
} from './style.js';

describe('communication types', () => {
  test('styles and problems are literal unions', () => {
    expectTypeOf<CommunicationStyle>().toEqualTypeOf<
      'passive' | 'aggressive' | 'passive-aggressive' | 'assertive'
    >();
    expectTypeOf<CommunicationProblem>().toEqualTypeOf<
      | 'ambiguous-nonverbal'
      | 'assumed-communicated'
      | 'assumed-understood'
      | 'indirect-verbal'
      | 'silence'
    >();
    expectTypeOf(communicationProblems.silence.unconfirmed).toEqualTypeOf<true>();
  });

  test('an analysis names a person by id and has turns by client or other', () => {
    expectTypeOf<CommunicationAnalysis['personId']>().toEqualTypeOf<PersonId>();
    expectTypeOf<CommunicationTurn['speaker']>().toEqualTypeOf<'client' | 'other'>();
    expectTypeOf<
      CommunicationAnalysis['alternatives'][number]['rehearsed']
    >().toEqualTypeOf<boolean>();
    expectTypeOf(defineCommunicationAnalysis).returns.toEqualTypeOf<
      Result<DeepReadonly<CommunicationAnalysis>, ValidationError>
    >();
  });

  test('the missing policy narrows by kind', () => {
    const narrow = (policy: StyleMissingPolicy) => {
      if (policy.kind === 'mean-of-answered') {
        expectTypeOf(policy.minAnsweredPerStyle).toEqualTypeOf<number>();
      } else {
        expectTypeOf(policy).toEqualTypeOf<{ kind: 'reject' }>();
      }
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<StyleMissingPolicy>();
  });

  test('assessment returns a frozen profile keyed by style', () => {
    expectTypeOf(assessCommunicationStyle).returns.toEqualTypeOf<
      Result<DeepReadonly<StyleAssessment>, ValidationError>
    >();
    expectTypeOf<StyleAssessment['profile']>().toHaveProperty('passive-aggressive');
    expectTypeOf<StyleAssessment['dominant']>().toEqualTypeOf<CommunicationStyle[]>();
    expectTypeOf(communicationStyleReflection).toEqualTypeOf<DeepReadonly<StyleItemSet>>();
  });

  test('the default set is readonly and responses are numbers', () => {
    // @ts-expect-error -- the default set is readonly
    communicationStyleReflection.validated = true;
    // @ts-expect-error -- answers are numbers
    assessCommunicationStyle(communicationStyleReflection, { 'passive-1': 'agree' });
  });
});
