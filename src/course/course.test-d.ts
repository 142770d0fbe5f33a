import { match } from 'ts-pattern';
import { describe, expectTypeOf, test } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Result } from '../internal/result.js';
import type { CourseCommand } from './commands.js';
import { decide, decideWithWarnings, execute, type Decision, type Execution } from './decide.js';
import type { CourseEvent, CourseEventType } from './events.js';
import { evolve } from './evolve.js';
import { replay, type ReplayError } from './replay.js';
import {
  courseRules,
  isRuleViolation,
  type CourseWarning,
  type RuleCode,
  type RuleViolation,
} from './rule-violation.js';
import type { Course, CourseState } from './state.js';

declare const state: CourseState;
declare const event: CourseEvent;
declare const command: unknown;

/** Every event type, in one exhaustive match: adding an event type breaks this consumer. */
const describeEvent = (value: CourseEvent): string =>
  match(value)
    .with({ type: 'course-started' }, (found) => found.protocol.id)
    .with({ type: 'session-recorded' }, (found) => found.sessionId)
    .with({ type: 'person-added' }, (found) => found.person.id)
    .with({ type: 'person-updated' }, (found) => found.person.id)
    .with({ type: 'person-removed' }, (found) => found.personId)
    .with({ type: 'person-placed' }, (found) => found.personId)
    .with({ type: 'person-unplaced' }, (found) => found.personId)
    .with({ type: 'life-event-recorded' }, (found) => found.event.date)
    .with({ type: 'mood-recorded' }, (found) => found.rating.date)
    .with({ type: 'measure-recorded' }, (found) => found.measureId)
    .with({ type: 'focus-chosen' }, (found) => found.focus.area)
    .with({ type: 'formulation-shared' }, (found) => found.date)
    .with({ type: 'contract-agreed' }, (found) => found.date)
    .with({ type: 'dispute-stage-assessed' }, (found) => found.stage)
    .with({ type: 'communication-analysis-recorded' }, (found) => found.analysisId)
    .with({ type: 'phase-advanced' }, (found) => found.to)
    .with({ type: 'contract-renegotiated' }, (found) => found.date)
    .with({ type: 'termination-raised' }, (found) => found.date)
    .with({ type: 'risk-acknowledged' }, (found) => found.flagId)
    .with({ type: 'course-ended' }, (found) => found.outcome)
    .exhaustive();

describe('course types', () => {
  test('an exhaustive match over CourseEvent compiles when every type is handled', () => {
    expectTypeOf(describeEvent).returns.toEqualTypeOf<string>();
  });

  test('an exhaustive match with one event type missing does not compile', () => {
    /* eslint-disable @typescript-eslint/no-unsafe-return -- the call that does not compile is the
       point of this test, so its result has no type */
    const missingOne = (value: CourseEvent) =>
      match(value)
        .with({ type: 'course-started' }, () => 1)
        .with({ type: 'session-recorded' }, () => 1)
        .with({ type: 'person-added' }, () => 1)
        .with({ type: 'person-updated' }, () => 1)
        .with({ type: 'person-removed' }, () => 1)
        .with({ type: 'person-placed' }, () => 1)
        .with({ type: 'person-unplaced' }, () => 1)
        .with({ type: 'life-event-recorded' }, () => 1)
        .with({ type: 'mood-recorded' }, () => 1)
        .with({ type: 'measure-recorded' }, () => 1)
        .with({ type: 'focus-chosen' }, () => 1)
        .with({ type: 'formulation-shared' }, () => 1)
        .with({ type: 'contract-agreed' }, () => 1)
        .with({ type: 'dispute-stage-assessed' }, () => 1)
        .with({ type: 'communication-analysis-recorded' }, () => 1)
        .with({ type: 'phase-advanced' }, () => 1)
        .with({ type: 'contract-renegotiated' }, () => 1)
        .with({ type: 'termination-raised' }, () => 1)
        .with({ type: 'risk-acknowledged' }, () => 1)
        // @ts-expect-error -- 'course-ended' is not handled, so exhaustive() is not callable
        .exhaustive();
    /* eslint-enable @typescript-eslint/no-unsafe-return */
    expectTypeOf(missingOne).toBeFunction();
  });

  test('CourseEventType is exactly the twenty event types', () => {
    expectTypeOf<CourseEventType>().toEqualTypeOf<
      | 'course-started'
      | 'session-recorded'
      | 'person-added'
      | 'person-updated'
      | 'person-removed'
      | 'person-placed'
      | 'person-unplaced'
      | 'life-event-recorded'
      | 'mood-recorded'
      | 'measure-recorded'
      | 'focus-chosen'
      | 'formulation-shared'
      | 'contract-agreed'
      | 'dispute-stage-assessed'
      | 'communication-analysis-recorded'
      | 'phase-advanced'
      | 'contract-renegotiated'
      | 'termination-raised'
      | 'risk-acknowledged'
      | 'course-ended'
    >();
  });

  test('CourseEvent narrows by type', () => {
    if (event.type === 'phase-advanced') {
      expectTypeOf(event.from).toEqualTypeOf<
        'initial' | 'middle' | 'maintenance' | 'termination'
      >();
      // @ts-expect-error -- a phase-advanced event has no sessionId
      expectTypeOf(event.sessionId).toBeString();
    }
    if (event.type === 'termination-raised') expectTypeOf(event.afterSession).toBeNumber();
  });

  test("decide's result narrows to the events or the violation", () => {
    const result = decide(state, command);
    expectTypeOf(result).toEqualTypeOf<
      Result<readonly DeepReadonly<CourseEvent>[], RuleViolation>
    >();
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<readonly DeepReadonly<CourseEvent>[]>();
      // @ts-expect-error -- a success has no error
      expectTypeOf(result.error).toBeObject();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<RuleViolation>();
      expectTypeOf(result.error.code).toEqualTypeOf<RuleCode>();
      expectTypeOf(result.error.kind).toEqualTypeOf<'rule'>();
      // @ts-expect-error -- a failure has no value
      expectTypeOf(result.value).toBeObject();
    }
  });

  test('execute and decideWithWarnings return the state, events and warnings', () => {
    expectTypeOf(execute).returns.toEqualTypeOf<Result<Execution, RuleViolation>>();
    expectTypeOf(decideWithWarnings).returns.toEqualTypeOf<Result<Decision, RuleViolation>>();
    const result = execute(state, command);
    if (result.ok) {
      expectTypeOf(result.value.state).toEqualTypeOf<CourseState>();
      expectTypeOf(result.value.warnings).toEqualTypeOf<readonly CourseWarning[]>();
    }
  });

  test('decide accepts unknown input, and typed commands too', () => {
    expectTypeOf(decide).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf<CourseCommand>().toExtend<Parameters<typeof decide>[1]>();
  });

  test('evolve and replay have the Decider signatures', () => {
    expectTypeOf(evolve).toEqualTypeOf<(state: CourseState, event: CourseEvent) => CourseState>();
    expectTypeOf(replay(command)).toEqualTypeOf<Result<CourseState, ReplayError>>();
  });

  test('CourseState is null or a DeepReadonly Course: nothing in it can be assigned', () => {
    expectTypeOf<CourseState>().toEqualTypeOf<DeepReadonly<Course> | null>();
    if (state !== null) {
      // @ts-expect-error -- the phase is read-only
      state.phase = 'middle';
      // @ts-expect-error -- nested objects are read-only too
      state.contract.timeLimit.sessions = 20;
      // @ts-expect-error -- lists are read-only
      state.phaseHistory[0] = { phase: 'middle', since: '2026-03-02' };
      // @ts-expect-error -- records are read-only
      state.riskFlags['m1:suicidalIdeation'] = undefined;
    }
  });

  test('RuleCode is the key set of courseRules, and isRuleViolation narrows', () => {
    expectTypeOf<RuleCode>().toEqualTypeOf<keyof typeof courseRules>();
    expectTypeOf<'focus-required'>().toExtend<RuleCode>();
    // @ts-expect-error -- not a rule code
    const unknownCode: RuleCode = 'no-such-rule';
    expectTypeOf(unknownCode).toEqualTypeOf<RuleCode>();
    if (isRuleViolation(command)) expectTypeOf(command).toEqualTypeOf<RuleViolation>();
  });
});
