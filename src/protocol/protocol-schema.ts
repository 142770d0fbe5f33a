import * as z from 'zod';
import { ProblemArea } from '../problem-area/problem-areas.js';
import { Provenance } from '../sources/provenance.js';
import { Phase } from './phases.js';

const count = (max: number) => z.int().min(0).max(max);
const positiveCount = (max: number) => z.int().min(1).max(max);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Adds the provenance fields (`sources`, `unconfirmed`, `note`) to an object shape. */
function sourced<TShape extends z.ZodRawShape>(shape: TShape) {
  return z.strictObject({ ...shape, ...Provenance.shape });
}

/**
 * How often sessions take place.
 * @category Protocol
 */
export const Cadence = z.enum([
  'twice-weekly',
  'weekly',
  'fortnightly',
  'twice-monthly',
  'monthly',
]);
/** @category Protocol */
export type Cadence = z.infer<typeof Cadence>;

/**
 * Parts of a protocol beyond the phase plan that a course may record.
 * @category Protocol
 */
export const ProtocolComponent = z.enum([
  'sick-role',
  'limited-sick-role',
  'interpersonal-inventory',
  'closeness-circle',
  'timeline',
  'interpersonal-formulation',
  'work-at-home',
  'social-rhythm-metric',
  'medication-adherence',
  'motivational-engagement',
]);
/** @category Protocol */
export type ProtocolComponent = z.infer<typeof ProtocolComponent>;

/**
 * A protocol id: kebab-case, 1-64 characters (for example `ipt` or `my-clinic-ipt`).
 * @category Protocol
 */
export const ProtocolId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: 'must be kebab-case' })
  .max(64);
/** @category Protocol */
export type ProtocolId = z.infer<typeof ProtocolId>;

/**
 * One phase in a protocol's plan. `maxSessions` caps how many sessions the phase may take
 * (standard IPT: the initial phase should not exceed 3).
 * @category Protocol
 */
export const PhasePlan = sourced({
  id: Phase,
  label: text(80),
  maxSessions: positiveCount(1000).optional(),
});
/** @category Protocol */
export type PhasePlan = z.infer<typeof PhasePlan>;

/**
 * The protocol's total number of acute sessions. `max` absent means the manual sets no upper
 * bound (maintenance treatment); a course's contract still fixes a number.
 * @category Protocol
 */
export const SessionRange = sourced({
  min: positiveCount(1000),
  max: positiveCount(1000).optional(),
});
/** @category Protocol */
export type SessionRange = z.infer<typeof SessionRange>;

/**
 * A protocol: a manual or variant of IPT with its dose, phase plan, problem-area set and rules,
 * each part carrying the sources it rests on.
 *
 * Consistency is checked too: ranges are not inverted, the plan starts with `initial`, has
 * `middle`, and ends with `termination`, the initial phase and the termination notice fit inside
 * the shortest allowed course, the problem areas are distinct, and so on.
 * @see IPT reference 1, 2 and 6
 * @category Protocol
 */
export const Protocol = z
  .strictObject({
    id: ProtocolId,
    name: text(200),
    version: text(40),
    description: text(2000),
    population: text(300),
    format: z.enum(['individual', 'group']),
    sources: Provenance.shape.sources,
    /** Total number of sessions of the acute course (excluding preliminary sessions). */
    sessions: SessionRange,
    /** Length of one session in minutes. */
    sessionMinutes: sourced({
      min: positiveCount(600).optional(),
      max: positiveCount(600),
    }).optional(),
    cadence: sourced({
      default: Cadence,
      allowed: z.array(Cadence).min(1).max(Cadence.options.length),
    }),
    /**
     * Whether the treatment agreement is fixed at the outset (changed only by explicit
     * renegotiation) or flexible by design.
     */
    contract: sourced({ kind: z.enum(['fixed', 'flexible']) }),
    phases: z.array(PhasePlan).min(3).max(Phase.options.length),
    /**
     * How early the ending must be raised: at least `minSessionsBeforeEnd` sessions before the last
     * one. Absent when the manual gives no rule.
     */
    termination: sourced({
      minSessionsBeforeEnd: positiveCount(1000),
      maxSessionsBeforeEnd: positiveCount(1000).optional(),
    }).optional(),
    problemAreas: sourced({
      areas: z.array(ProblemArea).min(1).max(ProblemArea.options.length),
      labels: z.partialRecord(ProblemArea, text(120)),
      /** Whether grief means a death (Weissman) or any loss (Stuart & Robertson, IPSRT). */
      griefRequiresDeath: z.boolean(),
    }),
    /** How many problem areas may be the focus at once (primary plus secondary). */
    foci: sourced({ max: positiveCount(ProblemArea.options.length) }),
    /** Sessions before the acute course, such as group IPT's individual pre-group meeting. */
    preliminarySessions: sourced({
      kind: z.enum(['pre-group', 'engagement']),
      min: count(100),
      max: count(100).optional(),
    }).optional(),
    /** People other than the client who join defined sessions (IPT-A's parents). */
    participants: z
      .array(
        sourced({
          who: z.enum(['parent-or-caregiver']),
          at: z.enum(['first-session', 'middle-phase', 'final-session']),
          optional: z.boolean(),
        }),
      )
      .max(20)
      .optional(),
    components: z.array(ProtocolComponent).max(ProtocolComponent.options.length),
    /** What may follow the acute course under a new, explicit contract. */
    followOn: sourced({
      kinds: z
        .array(z.enum(['continuation', 'maintenance']))
        .min(1)
        .max(2),
    }).optional(),
    /** Who the protocol is for beyond the population text, as checkable conditions. */
    entry: sourced({ requiresRemission: z.boolean() }).optional(),
  })
  .superRefine((protocol, context) => {
    const problem = (path: (string | number)[], code: string, message: string) => {
      context.addIssue({ code: 'custom', path, message, params: { code } });
    };
    const { sessions } = protocol;

    if (sessions.max !== undefined && sessions.max < sessions.min) {
      problem(['sessions', 'max'], 'range-inverted', 'must not be less than sessions.min');
    }
    const minutes = protocol.sessionMinutes;
    if (minutes?.min !== undefined && minutes.max < minutes.min) {
      problem(
        ['sessionMinutes', 'max'],
        'range-inverted',
        'must not be less than sessionMinutes.min',
      );
    }

    const allowed = protocol.cadence.allowed;
    if (!allowed.includes(protocol.cadence.default)) {
      problem(['cadence', 'default'], 'cadence-not-allowed', 'must be one of cadence.allowed');
    }
    allowed.forEach((cadence, index) => {
      if (allowed.indexOf(cadence) !== index) {
        problem(['cadence', 'allowed', index], 'duplicate', 'is listed twice');
      }
    });

    const phaseIds = protocol.phases.map((plan) => plan.id);
    phaseIds.forEach((id, index) => {
      if (phaseIds.indexOf(id) !== index) {
        problem(['phases', index, 'id'], 'duplicate', 'is listed twice');
      }
    });
    if (phaseIds.length > 0 && !phaseIds.includes('middle')) {
      problem(['phases'], 'missing-phase', 'must include the middle phase');
    }
    if (phaseIds.length > 0 && phaseIds[0] !== 'initial') {
      problem(['phases', 0, 'id'], 'phase-order', 'the first phase must be initial');
    }
    const last = phaseIds.length - 1;
    if (last > 0 && phaseIds[last] !== 'termination') {
      problem(['phases', last, 'id'], 'phase-order', 'the last phase must be termination');
    }
    const middleIndex = phaseIds.indexOf('middle');
    const maintenanceIndex = phaseIds.indexOf('maintenance');
    if (maintenanceIndex !== -1 && middleIndex !== -1 && maintenanceIndex < middleIndex) {
      problem(
        ['phases', maintenanceIndex, 'id'],
        'phase-order',
        'maintenance must come after middle',
      );
    }

    const initialMax =
      protocol.phases[0]?.id === 'initial' ? protocol.phases[0].maxSessions : undefined;
    if (initialMax !== undefined && initialMax >= sessions.min) {
      problem(
        ['phases', 0, 'maxSessions'],
        'initial-phase-exceeds-total',
        'must leave at least one session after the initial phase in the shortest allowed course',
      );
    }
    protocol.phases.forEach((plan, index) => {
      if (
        plan.maxSessions !== undefined &&
        sessions.max !== undefined &&
        plan.maxSessions > sessions.max
      ) {
        problem(
          ['phases', index, 'maxSessions'],
          'phase-exceeds-total',
          'must not exceed sessions.max',
        );
      }
    });

    const termination = protocol.termination;
    if (termination !== undefined) {
      const { minSessionsBeforeEnd, maxSessionsBeforeEnd } = termination;
      if (maxSessionsBeforeEnd !== undefined && maxSessionsBeforeEnd < minSessionsBeforeEnd) {
        problem(
          ['termination', 'maxSessionsBeforeEnd'],
          'range-inverted',
          'must not be less than termination.minSessionsBeforeEnd',
        );
      }
      if (minSessionsBeforeEnd >= sessions.min) {
        problem(
          ['termination', 'minSessionsBeforeEnd'],
          'termination-notice-exceeds-total',
          'must be less than sessions.min so the ending can be raised in every allowed course',
        );
      } else if (
        initialMax !== undefined &&
        initialMax < sessions.min &&
        initialMax + minSessionsBeforeEnd > sessions.min
      ) {
        problem(
          ['termination', 'minSessionsBeforeEnd'],
          'phase-plan-exceeds-total',
          'the initial phase and the termination notice together must fit in sessions.min',
        );
      }
    }

    const areas = protocol.problemAreas.areas;
    areas.forEach((area, index) => {
      if (areas.indexOf(area) !== index) {
        problem(['problemAreas', 'areas', index], 'duplicate', 'is listed twice');
      }
    });
    for (const area of ProblemArea.options) {
      if (protocol.problemAreas.labels[area] !== undefined && !areas.includes(area)) {
        problem(
          ['problemAreas', 'labels', area],
          'label-for-missing-area',
          'labels an area the protocol does not include',
        );
      }
    }
    const distinctAreas = new Set(areas).size;
    if (protocol.foci.max > distinctAreas) {
      problem(['foci', 'max'], 'foci-exceed-areas', 'must not exceed the number of problem areas');
    }

    const preliminary = protocol.preliminarySessions;
    if (preliminary?.max !== undefined && preliminary.max < preliminary.min) {
      problem(
        ['preliminarySessions', 'max'],
        'range-inverted',
        'must not be less than preliminarySessions.min',
      );
    }
    const components = protocol.components;
    components.forEach((component, index) => {
      if (components.indexOf(component) !== index) {
        problem(['components', index], 'duplicate', 'is listed twice');
      }
    });
    const kinds = protocol.followOn?.kinds ?? [];
    kinds.forEach((kind, index) => {
      if (kinds.indexOf(kind) !== index) {
        problem(['followOn', 'kinds', index], 'duplicate', 'is listed twice');
      }
    });
  });
/** @category Protocol */
export type Protocol = z.infer<typeof Protocol>;
/**
 * What {@link defineProtocol} accepts (the same shape as {@link Protocol}: nothing is defaulted).
 * @category Protocol
 */
export type ProtocolInput = z.input<typeof Protocol>;
