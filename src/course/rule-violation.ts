import { deepFreeze } from '../internal/deep-freeze.js';
import type { Issue, IssuePath } from '../internal/issues.js';

/**
 * What the course rules say and where each comes from: the reference section and source keys.
 * A {@link RuleViolation}'s `code` is a key of this catalog.
 * @see IPT reference 11
 * @category Course
 */
export const courseRules = deepFreeze({
  'invalid-command': { rule: 'A command must match its schema.', reference: 'DESIGN 3' },
  'invalid-state': {
    rule: 'The state must be one that iptkit built (null or a course).',
    reference: 'DESIGN 3',
  },
  'course-not-started': { rule: 'A course must be started first.', reference: 'DESIGN 3' },
  'course-already-started': { rule: 'A course is started once.', reference: 'DESIGN 3' },
  'course-ended': { rule: 'Nothing happens after the course has ended.', reference: 'DESIGN 3' },
  'contract-outside-protocol': {
    rule: "The agreed number of sessions lies within the protocol's range.",
    reference: '11.1 [ISIPT] [CG7]',
  },
  'cadence-not-allowed': {
    rule: 'The agreed cadence is one the protocol allows.',
    reference: '11.1 [CG7]',
  },
  'session-limit-reached': {
    rule: 'Sessions stay within the agreed time limit; more need an explicit renegotiation.',
    reference: '11.1 [ISIPT] [CG7]',
  },
  'session-out-of-order': {
    rule: 'Sessions are numbered one after another.',
    reference: 'DESIGN 3',
  },
  'date-out-of-order': {
    rule: 'Sessions are dated in order, none before the start of the course.',
    reference: 'DESIGN 3',
  },
  'duplicate-id': { rule: 'Ids are unique within a course.', reference: 'DESIGN 3' },
  'phase-order': {
    rule: "Phases only move forward, one at a time, in the protocol's order.",
    reference: '11.2 [ALPF]',
  },
  'focus-required': {
    rule: 'No middle-phase work before a problem-area focus is chosen.',
    reference: '11.2 [ALPF]',
  },
  'formulation-required': {
    rule: 'No middle-phase work before the client has accepted the formulation.',
    reference: '11.2 [ALPF]',
  },
  'focus-after-initial-phase': {
    rule: 'The focus is chosen by the end of the initial phase.',
    reference: '11.3 [MARK06]',
  },
  'area-not-in-protocol': {
    rule: "A focus area belongs to the protocol's manual.",
    reference: '11.4 [ISIPT] [ACF] [MHPSS-2]',
  },
  'too-many-foci': {
    rule: 'One primary focus and at most as many in all as the protocol allows.',
    reference: '11.4 [ISIPT] [IPTG-TECH]',
  },
  'primary-focus-required': {
    rule: 'A secondary focus comes after a primary one.',
    reference: '11.4 [ISIPT]',
  },
  'grief-requires-death': {
    rule: 'Under a manual whose grief means a death, a grief focus names an inventory person marked deceased.',
    reference: '11.5 [ISIPT] [CITC-G]',
  },
  'person-not-found': {
    rule: 'A person referred to is in the inventory.',
    reference: '11.8 [ALPF]',
  },
  'session-not-found': {
    rule: 'A session referred to has been recorded.',
    reference: 'DESIGN 3',
  },
  'not-in-circle': {
    rule: 'Only a person placed in the circle can be taken out of it.',
    reference: '11.9 [PP-CC]',
  },
  'event-mismatch': {
    rule: 'A stored event agrees with the state it follows (its phase, its session count).',
    reference: 'DESIGN 3',
  },
  'focus-already-chosen': {
    rule: 'The same area and person are not chosen as both primary and secondary focus.',
    reference: '11.4 [ISIPT]',
  },
  'limit-reached': {
    rule: 'A course holds at most 1,000 life events, 5,000 mood ratings, 1,000 dispute-stage assessments and 1,000 renegotiations, so that every state can be stored as a snapshot.',
    reference: 'DESIGN 5',
  },
  'person-exists': { rule: 'A person is added once.', reference: '11.8 [ALPF]' },
  'person-referenced': {
    rule: 'A person still referred to (focus, dispute, analysis, life event) cannot be removed.',
    reference: 'DESIGN 3',
  },
  'not-a-dispute-focus': {
    rule: 'A dispute stage is assessed for the other party of a role-dispute focus.',
    reference: '11.6 [MEMPHIS-RD]',
  },
  'ring-out-of-range': {
    rule: 'A closeness ring exists in the circle (0 is the innermost).',
    reference: '11.9 [PP-CC]',
  },
  'mood-out-of-scale': {
    rule: "A mood rating lies on the timeline's declared scale.",
    reference: '3.3 [MT18]',
  },
  'invalid-responses': {
    rule: 'A measure is scored from valid answers.',
    reference: '11.10 [KROENKE01]',
  },
  'score-mismatch': {
    rule: 'A stored score equals the score of its stored answers.',
    reference: '11.10 [KROENKE01]',
  },
  'termination-not-raised': {
    rule: 'The ending is raised at least the protocol’s minimum number of sessions before the last one.',
    reference: '11.7 [CG7]',
  },
  'termination-raised-late': {
    rule: 'The ending is raised at least the protocol’s minimum number of sessions before the last one.',
    reference: '11.7 [CG7]',
  },
  'termination-already-raised': { rule: 'The ending is raised once.', reference: '11.7 [CG7]' },
  'contract-already-agreed': {
    rule: 'The treatment contract is agreed once; later changes are renegotiations.',
    reference: '11.1 [CG7]',
  },
  'renegotiation-too-short': {
    rule: 'A renegotiated time limit leaves room for the sessions already held and the termination notice.',
    reference: '11.1 [CG7]',
  },
  'flag-not-found': { rule: 'A risk flag acknowledged exists.', reference: '11.10 [CALC]' },
  'flag-already-acknowledged': {
    rule: 'A risk flag is acknowledged once.',
    reference: '11.10 [CALC]',
  },
  'risk-unacknowledged': {
    rule: 'A course does not end while a risk flag is open.',
    reference: '11.10 [CALC]',
  },
});

/**
 * The stable code of a course rule.
 * @category Course
 */
export type RuleCode = keyof typeof courseRules;

/**
 * A command the rules refuse: `kind: 'rule'`, a stable `code`, a message that never quotes client
 * text, the reference of the rule, and for `invalid-command` the schema issues.
 * @category Course
 */
export interface RuleViolation {
  readonly kind: 'rule';
  readonly code: RuleCode;
  readonly message: string;
  /** Where the rule comes from: the IPT reference section and source keys. */
  readonly reference: string;
  /** Where in the command (or event) the problem is, when it is one field. */
  readonly path?: IssuePath;
  /** The schema issues of an invalid command or event. */
  readonly issues?: readonly Issue[];
}

/**
 * A finding that does not stop a command but deserves attention, such as an initial phase running
 * past its usual length.
 * @category Course
 */
export interface CourseWarning {
  readonly code: string;
  readonly message: string;
  readonly reference: string;
}

/**
 * Builds a frozen {@link RuleViolation}.
 * @internal
 */
export function violation(
  code: RuleCode,
  message: string,
  path?: IssuePath,
  issues?: readonly Issue[],
): RuleViolation {
  return deepFreeze({
    kind: 'rule' as const,
    code,
    message,
    reference: courseRules[code].reference,
    ...(path === undefined ? {} : { path: [...path] }),
    ...(issues === undefined ? {} : { issues: [...issues] }),
  });
}

/**
 * Tells whether a value is a {@link RuleViolation}.
 * @param value - Anything.
 * @returns `true` for a rule violation.
 * @category Course
 */
export function isRuleViolation(value: unknown): value is RuleViolation {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'rule' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
