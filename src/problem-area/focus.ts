import * as z from 'zod';
import { PersonId } from '../internal/ids.js';
import { issue, type Issue } from '../internal/issues.js';
import { sensitiveText } from '../internal/sensitive.js';
import { DisputeStage } from './role-dispute.js';
import type { ProblemArea } from './problem-areas.js';

/** A role in the client's own words ("new mother", "retired engineer"): free text, marked sensitive. */
const roleName = sensitiveText('free-text', 200);

/**
 * A grief focus. In the Weissman lineage grief means a death, and the focus names the deceased
 * person from the inventory. Manuals with a broader "grief and loss" area (Stuart & Robertson;
 * IPSRT's grief for the lost healthy self) also allow `loss: 'other'`, with or without a person.
 * @see IPT reference 2.1 and 11, invariant 5 ([ISIPT], [CITC-G], [HSP])
 * @category Problem area
 */
export const GriefFocus = z.strictObject({
  area: z.literal('grief'),
  /** The inventory person who died (or, for `loss: 'other'`, the relationship lost, if any). */
  personId: PersonId.optional(),
  /** What was lost; absent means a death. */
  loss: z.enum(['death', 'other']).optional(),
});

/**
 * A role-dispute focus: the other party (an inventory person) and the stage of the dispute.
 * @see IPT reference 2.3 and 11, invariant 6 ([MEMPHIS-RD])
 * @category Problem area
 */
export const RoleDisputeFocus = z.strictObject({
  area: z.literal('role-dispute'),
  personId: PersonId,
  stage: DisputeStage,
});

/**
 * A role-transition focus: the role being left and the role being entered, in a few words
 * (for example "employee" to "retiree"). These are client text: keep them short and general.
 * @see IPT reference 2.1 ([ISIPT])
 * @category Problem area
 */
export const RoleTransitionFocus = z.strictObject({
  area: z.literal('role-transition'),
  from: roleName,
  to: roleName,
});

/**
 * An interpersonal-deficits (sensitivity, isolation) focus.
 * @see IPT reference 2.1 - 2.2
 * @category Problem area
 */
export const InterpersonalDeficitsFocus = z.strictObject({
  area: z.literal('interpersonal-deficits'),
});

/**
 * The problem-area focus of a course, discriminated by `area`. A grief focus about a death must
 * name the person who died.
 * @category Problem area
 */
export const Focus = z
  .discriminatedUnion('area', [
    GriefFocus,
    RoleDisputeFocus,
    RoleTransitionFocus,
    InterpersonalDeficitsFocus,
  ])
  .superRefine((focus, context) => {
    if (focus.area === 'grief' && focus.loss !== 'other' && focus.personId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['personId'],
        message: 'a grief focus about a death must name the person who died',
        params: { code: 'grief-needs-person' },
      });
    }
  });
/** @category Problem area */
export type Focus = z.infer<typeof Focus>;
/** @category Problem area */
export type GriefFocus = z.infer<typeof GriefFocus>;
/** @category Problem area */
export type RoleDisputeFocus = z.infer<typeof RoleDisputeFocus>;
/** @category Problem area */
export type RoleTransitionFocus = z.infer<typeof RoleTransitionFocus>;
/** @category Problem area */
export type InterpersonalDeficitsFocus = z.infer<typeof InterpersonalDeficitsFocus>;

/**
 * What {@link checkFocusForProtocol} needs to know of a protocol (any {@link Protocol} has it).
 * @category Problem area
 */
export interface FocusRules {
  readonly problemAreas: {
    readonly areas: readonly ProblemArea[];
    readonly griefRequiresDeath: boolean;
  };
}

/** What {@link checkFocusForProtocol} returns for an allowed focus (shared: it is frozen). */
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/**
 * Checks that a (valid) focus is one the protocol's manual allows: its area is in the manual's
 * set, and, where the manual's grief means a death, the loss is a death.
 * Whether the named person is in the inventory and marked deceased is a rule of the course.
 * @param protocol - The protocol (or its `problemAreas` part).
 * @param focus - A focus that already passed the {@link Focus} schema.
 * @returns The problems found (empty when allowed), with paths relative to the focus.
 * @see IPT reference 11, invariants 4-5 ([ISIPT], [ACF], [CITC-G])
 * @category Problem area
 */
export function checkFocusForProtocol(protocol: FocusRules, focus: Focus): readonly Issue[] {
  const found: Issue[] = [];
  if (!protocol.problemAreas.areas.includes(focus.area)) {
    found.push(
      issue('area-not-in-protocol', ['area'], "this problem area is not in the protocol's manual"),
    );
  }
  if (
    focus.area === 'grief' &&
    focus.loss === 'other' &&
    protocol.problemAreas.griefRequiresDeath
  ) {
    found.push(
      issue(
        'grief-requires-death',
        ['loss'],
        "this protocol's grief area is about a death; other losses are role transitions",
      ),
    );
  }
  return found.length === 0 ? NO_ISSUES : Object.freeze(found);
}
