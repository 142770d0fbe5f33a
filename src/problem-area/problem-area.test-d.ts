import { describe, expectTypeOf, test } from 'vitest';
import type { PersonId } from '../internal/ids.js';
import type { DisputeStage } from './role-dispute.js';
import { disputeStages } from './role-dispute.js';
import type { ProblemArea } from './problem-areas.js';
import { problemAreaLabelSets, problemAreas, type SourcedText } from './problem-areas.js';
import type {
  Focus,
  GriefFocus,
  InterpersonalDeficitsFocus,
  RoleDisputeFocus,
  RoleTransitionFocus,
} from './focus.js';
import { checkFocusForProtocol } from './focus.js';
import type { Issue } from '../internal/issues.js';

describe('problem-area types', () => {
  test('ProblemArea is the union of the four literals', () => {
    expectTypeOf<ProblemArea>().toEqualTypeOf<
      'grief' | 'role-dispute' | 'role-transition' | 'interpersonal-deficits'
    >();
  });

  test('DisputeStage is the union of the three stages', () => {
    expectTypeOf<DisputeStage>().toEqualTypeOf<'renegotiation' | 'impasse' | 'dissolution'>();
  });

  test('Focus is the union of its four variants, discriminated by area', () => {
    expectTypeOf<Focus>().toEqualTypeOf<
      GriefFocus | RoleDisputeFocus | RoleTransitionFocus | InterpersonalDeficitsFocus
    >();
    expectTypeOf<Focus['area']>().toEqualTypeOf<ProblemArea>();
  });

  test('Focus narrows by area', () => {
    const narrow = (focus: Focus) => {
      switch (focus.area) {
        case 'role-dispute':
          expectTypeOf(focus).toEqualTypeOf<RoleDisputeFocus>();
          expectTypeOf(focus.personId).toEqualTypeOf<PersonId>();
          expectTypeOf(focus.stage).toEqualTypeOf<DisputeStage>();
          break;
        case 'grief':
          expectTypeOf(focus.personId).toEqualTypeOf<PersonId | undefined>();
          expectTypeOf(focus.loss).toEqualTypeOf<'death' | 'other' | undefined>();
          break;
        case 'role-transition':
          expectTypeOf(focus.from).toEqualTypeOf<string>();
          expectTypeOf(focus.to).toEqualTypeOf<string>();
          expectTypeOf(focus).not.toHaveProperty('personId');
          break;
        case 'interpersonal-deficits':
          expectTypeOf(focus).not.toHaveProperty('personId');
          expectTypeOf(focus).not.toHaveProperty('stage');
          expectTypeOf(focus).toEqualTypeOf<{ area: 'interpersonal-deficits' }>();
          break;
        default:
          expectTypeOf(focus).toBeNever();
      }
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<Focus>();
  });

  test('a plain string is not a PersonId', () => {
    expectTypeOf<string>().not.toExtend<PersonId>();
    expectTypeOf<PersonId>().toExtend<string>();
    // @ts-expect-error -- a role dispute needs a branded person id and a stage
    const bad: RoleDisputeFocus = { area: 'role-dispute', personId: 'p1', stage: 'impasse' };
    expectTypeOf(bad).toEqualTypeOf<RoleDisputeFocus>();
  });

  test('a role dispute without a stage does not type-check', () => {
    const personId = 'p1' as PersonId;
    // @ts-expect-error -- stage is required
    const bad: Focus = { area: 'role-dispute', personId };
    expectTypeOf(bad).toEqualTypeOf<Focus>();
  });

  test('checkFocusForProtocol returns readonly issues', () => {
    expectTypeOf(checkFocusForProtocol).returns.toEqualTypeOf<readonly Issue[]>();
  });

  test('catalogs are readonly', () => {
    expectTypeOf(problemAreas.grief.goals).toExtend<readonly unknown[]>();
    expectTypeOf(problemAreas.grief.id).toEqualTypeOf<ProblemArea>();
    expectTypeOf(disputeStages.impasse.id).toEqualTypeOf<DisputeStage>();

    // @ts-expect-error -- the catalog is readonly
    problemAreas.grief = problemAreas['role-dispute'];
    // @ts-expect-error -- entries are readonly
    problemAreas.grief.label = 'changed';
    // @ts-expect-error -- goal lists are readonly arrays
    const goals: SourcedText[] = problemAreas.grief.goals;
    expectTypeOf(goals).toEqualTypeOf<SourcedText[]>();
    // @ts-expect-error -- goals are readonly
    problemAreas.grief.goals[0]!.text = 'changed';
    // @ts-expect-error -- label sets are readonly
    problemAreaLabelSets.who.labels['role-transition'] = 'changed';
    // @ts-expect-error -- stage info is readonly
    disputeStages.dissolution.treatmentImplication = 'changed';
    // @ts-expect-error -- Stuart & Robertson have no deficits label
    expectTypeOf(problemAreaLabelSets['stuart-robertson'].labels['interpersonal-deficits']);
  });
});
