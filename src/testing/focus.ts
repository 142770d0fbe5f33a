import * as fc from 'fast-check';
import type { PersonId } from '../internal/ids.js';
import type { Focus } from '../problem-area/focus.js';
import {
  areasOption,
  changed,
  disputeStageArbitrary,
  invalid,
  mutated,
  optionsOf,
  personIdArbitrary,
  REMOVE,
  textArbitrary,
  type InvalidValue,
  type Mutation,
  type TextOptions,
} from './basics.js';
import type { ProblemArea } from '../problem-area/problem-areas.js';

/**
 * Options of {@link focusArbitrary}.
 * @category Testing
 */
export interface FocusOptions extends TextOptions {
  /** Which variants to generate (default all four areas). */
  readonly areas?: readonly ProblemArea[];
  /** Person ids a grief or role-dispute focus may name (default: generated ids). */
  readonly personIds?: readonly string[];
  /**
   * `'death'` generates grief foci about a death only (what Weissman-lineage manuals allow);
   * `'any'` (default) also generates `loss: 'other'` (Stuart & Robertson, IPSRT).
   */
  readonly griefLoss?: 'death' | 'any';
}

/** The person-id arbitrary of an option: one of the given ids, or generated ones. @internal */
export function personIdFrom(personIds: unknown): fc.Arbitrary<PersonId> {
  const given = Array.isArray(personIds)
    ? (personIds as unknown[]).filter((id): id is string => typeof id === 'string')
    : [];
  return given.length > 0
    ? fc.constantFrom(...given).map((id) => id as PersonId)
    : personIdArbitrary({ maxLength: 12 });
}

/**
 * A problem-area `Focus`, any of its four variants: grief (naming the person who died, or, with
 * `loss: 'other'`, any loss), role dispute (a person and a stage), role transition (the roles left
 * and entered, as client text) and interpersonal deficits. Every value passes the `Focus` schema.
 * Whether the course accepts it depends on the protocol and the inventory (see `courseArbitrary`
 * for foci a course accepts).
 * @param options - Variants, person ids, grief losses and text options.
 * @returns The arbitrary.
 * @see IPT reference 2.1 - 2.3 ([ISIPT], [MEMPHIS-RD])
 * @category Testing
 */
export function focusArbitrary(options: FocusOptions = {}): fc.Arbitrary<Focus> {
  const read = optionsOf<FocusOptions>(options);
  const areas = areasOption(read.areas);
  const personId = personIdFrom(read.personIds);
  const role = textArbitrary({ ...read, maxLength: 200 });
  const variants: Record<ProblemArea, fc.Arbitrary<Focus>> = {
    grief: fc.oneof(
      personId.map((id): Focus => ({ area: 'grief', personId: id })),
      personId.map((id): Focus => ({ area: 'grief', personId: id, loss: 'death' })),
      ...(read.griefLoss === 'death'
        ? []
        : [
            fc
              .option(personId, { nil: undefined })
              .map((id): Focus =>
                id === undefined
                  ? { area: 'grief', loss: 'other' }
                  : { area: 'grief', personId: id, loss: 'other' },
              ),
          ]),
    ),
    'role-dispute': fc
      .tuple(personId, disputeStageArbitrary())
      .map(([id, stage]): Focus => ({ area: 'role-dispute', personId: id, stage })),
    'role-transition': fc
      .tuple(role, role)
      .map(([from, to]): Focus => ({ area: 'role-transition', from, to })),
    'interpersonal-deficits': fc.constant<Focus>({ area: 'interpersonal-deficits' }),
  };
  return fc.oneof(...areas.map((area) => variants[area]));
}

const focusMutations: readonly Mutation<Focus>[] = [
  (focus) =>
    focus.area === 'grief'
      ? invalid({ area: 'grief' }, 'grief-without-person', 'grief-needs-person', ['personId'])
      : undefined,
  (focus) =>
    focus.area === 'role-dispute'
      ? invalid(changed(focus, ['stage'], REMOVE), 'dispute-without-stage', 'invalid-value', [
          'stage',
        ])
      : undefined,
  (focus) =>
    focus.area === 'role-dispute'
      ? invalid(changed(focus, ['stage'], 'truce'), 'dispute-stage-unknown', 'invalid-value', [
          'stage',
        ])
      : undefined,
  (focus) =>
    focus.area === 'role-transition'
      ? invalid(changed(focus, ['from'], '   '), 'transition-role-blank', 'too-small', ['from'])
      : undefined,
  (focus) =>
    invalid(changed(focus, ['area'], 'loneliness'), 'area-unknown', 'invalid-discriminator', [
      'area',
    ]),
  (focus) => invalid(changed(focus, ['note'], 'extra'), 'unknown-key', 'unrecognized-keys', []),
];

/**
 * Foci that fail the `Focus` schema, each a valid focus with one targeted change (a grief focus
 * about a death without its person, a dispute without a stage, an unknown area, a blank role, an
 * unknown key), with the issue the schema reports.
 * @param options - As for {@link focusArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidFocusArbitrary(options: FocusOptions = {}): fc.Arbitrary<InvalidValue> {
  return mutated(focusArbitrary(options), focusMutations);
}
