import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * A phase of a course of IPT. Every protocol has `initial`, `middle` and `termination`, in that
 * order; a protocol may declare extra phases, such as IPSRT's `maintenance` (preventive) phase
 * between its intermediate and final phases.
 * @see IPT reference 1 ([ALPF]: acute IPT has three phases) and 6 ([IPSRT-W])
 * @category Protocol
 */
export const Phase = z.enum(['initial', 'middle', 'maintenance', 'termination']);
/** @category Protocol */
export type Phase = z.infer<typeof Phase>;

/**
 * The three phases every protocol has, in order.
 * @category Protocol
 */
export const corePhases = Object.freeze(['initial', 'middle', 'termination'] as const);

/**
 * One of the three phases every protocol has.
 * @category Protocol
 */
export type CorePhase = (typeof corePhases)[number];

/**
 * Tells whether a phase is one every protocol has.
 * @param phase - A phase.
 * @returns `true` for `initial`, `middle` and `termination`.
 * @category Protocol
 */
export function isCorePhase(phase: Phase): phase is CorePhase {
  return (corePhases as readonly Phase[]).includes(phase);
}

/**
 * Anything with an ordered phase plan, such as a {@link Protocol}.
 * @category Protocol
 */
export interface HasPhasePlan {
  readonly phases: readonly { readonly id: Phase }[];
}

/**
 * The position of a phase in a protocol's plan.
 * @param protocol - The protocol (or anything with an ordered `phases` list).
 * @param phase - The phase to look up.
 * @returns Its zero-based position, or `undefined` if the protocol does not have it.
 * @category Protocol
 */
export function phaseIndex(protocol: HasPhasePlan, phase: Phase): number | undefined {
  // A loop rather than findIndex: protocols are frozen, and V8's findIndex is many times slower on
  // a frozen array (replay asks this at every change of phase).
  const phases = protocol.phases;
  for (let index = 0; index < phases.length; index += 1) {
    if (phases[index]?.id === phase) return index;
  }
  return undefined;
}

/**
 * The phase that follows another in a protocol's plan.
 * @param protocol - The protocol.
 * @param phase - The current phase.
 * @returns The next phase, or `undefined` after the last one or for a phase the protocol lacks.
 * @example
 * ```ts
 * nextPhase(protocols.ipt, 'initial'); // 'middle'
 * nextPhase(protocols.ipsrt, 'middle'); // 'maintenance'
 * ```
 * @category Protocol
 */
export function nextPhase(protocol: HasPhasePlan, phase: Phase): Phase | undefined {
  const index = phaseIndex(protocol, phase);
  return index === undefined ? undefined : protocol.phases[index + 1]?.id;
}

/**
 * Tells whether moving from one phase to another goes forward in the protocol's plan (phases only
 * ever move forward; skipping ahead is a forward move too).
 * @param protocol - The protocol.
 * @param from - The current phase.
 * @param to - The proposed phase.
 * @returns `true` if both are in the plan and `to` comes after `from`.
 * @see IPT reference 11, invariant 2 ([ALPF])
 * @category Protocol
 */
export function isForwardPhaseMove(protocol: HasPhasePlan, from: Phase, to: Phase): boolean {
  const fromIndex = phaseIndex(protocol, from);
  const toIndex = phaseIndex(protocol, to);
  return fromIndex !== undefined && toIndex !== undefined && toIndex > fromIndex;
}

/**
 * A task of a phase of standard IPT.
 * @category Protocol
 */
export interface PhaseTask {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly sources: readonly SourceKey[];
  readonly unconfirmed?: boolean;
}

/**
 * The tasks of each core phase in the Klerman / Weissman / Markowitz lineage of IPT, for checklists
 * and documentation.
 * @see IPT reference 1.2 - 1.4
 * @category Protocol
 */
export const phaseTasks: Readonly<Record<CorePhase, readonly PhaseTask[]>> = deepFreeze({
  initial: [
    {
      id: 'diagnosis',
      label: 'Diagnosis',
      description:
        'Review symptoms and give an explicit diagnosis against standard criteria; a severity scale repeated during treatment also tracks progress.',
      sources: ['ALPF', 'MARK06', 'IPTUK'],
    },
    {
      id: 'psychoeducation',
      label: 'Psychoeducation',
      description:
        'Explain the illness and what treatment involves; frame depression as a treatable medical illness, not the client’s fault.',
      sources: ['ALPF', 'MARK06'],
    },
    {
      id: 'medication-need',
      label: 'Medication need',
      description:
        'Assess whether medication is needed (severity, history, earlier response, preference).',
      sources: ['ALPF'],
    },
    {
      id: 'sick-role',
      label: 'Sick role',
      description:
        'The client is excused from some obligations for a time and takes on the work of getting better (Parsons 1951).',
      sources: ['ALPF', 'IPTUK', 'PMC-IND'],
    },
    {
      id: 'interpersonal-inventory',
      label: 'Interpersonal inventory',
      description:
        'Review past and present relationships, their patterns and mutual expectations, and changes near the onset of symptoms.',
      sources: ['ALPF', 'ISIPT'],
    },
    {
      id: 'choose-problem-area',
      label: 'Choose the problem area',
      description: 'Link the onset or persistence of the episode to one of the problem areas.',
      sources: ['ALPF', 'ISIPT'],
    },
    {
      id: 'interpersonal-formulation',
      label: 'Interpersonal formulation',
      description:
        'Connect the diagnosis to the interpersonal situation; the client explicitly agrees to the focus before middle-phase work starts.',
      sources: ['ALPF'],
    },
    {
      id: 'treatment-contract',
      label: 'Treatment contract',
      description: 'Agree the focus, the goals, and the number, frequency and length of sessions.',
      sources: ['CG7', 'ISIPT'],
    },
  ],
  middle: [
    {
      id: 'work-on-problem-area',
      label: 'Work on the problem area',
      description: 'Use the strategies of the agreed problem area.',
      sources: ['IPTUK', 'ALPF'],
    },
    {
      id: 'link-mood-and-events',
      label: 'Link mood and events',
      description:
        'Open with an interval history of mood and events since the last session and link changes in mood to interpersonal events.',
      sources: ['ALPF-TECH', 'IPTUK'],
    },
    {
      id: 'here-and-now',
      label: 'Here and now',
      description: 'Keep the work on current relationships.',
      sources: ['PMC-IND'],
    },
  ],
  termination: [
    {
      id: 'raise-ending',
      label: 'Raise the ending',
      description: 'Discuss the ending explicitly at least 2-4 sessions before the last session.',
      sources: ['CG7'],
    },
    {
      id: 'independent-competence',
      label: 'Independent competence',
      description:
        'Give up the therapeutic relationship and build a sense of independent competence.',
      sources: ['CG7'],
    },
    {
      id: 'consolidation',
      label: 'Consolidation',
      description:
        'Review gains, credit the client’s own actions, and reflect on how the focal problem was resolved.',
      sources: ['OUP-TERM', 'EBRARY-TERM'],
    },
    {
      id: 'ending-as-transition',
      label: 'Ending as a transition',
      description: 'Acknowledge feelings about ending, treated like a role transition or loss.',
      sources: ['OUP-TERM', 'IPTG-TERM'],
    },
    {
      id: 'relapse-prevention',
      label: 'Relapse prevention',
      description: 'Plan what to do if depression returns and name its warning signs.',
      sources: ['EBRARY-TERM', 'IPTAST-TERM'],
    },
    {
      id: 'decide-what-next',
      label: 'Decide what comes next',
      description:
        'End, or agree a new explicit contract for continuation or maintenance, or offer a different effective treatment to a client who did not respond.',
      sources: ['OUP-TERM', 'CG7'],
    },
  ],
});
