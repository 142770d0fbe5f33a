import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * The IPT techniques, as ids.
 * @see IPT reference 5
 * @category Technique
 */
export const Technique = z.enum([
  'non-directive-exploration',
  'direct-elicitation',
  'encouragement-of-affect',
  'clarification',
  'communication-analysis',
  'decision-analysis',
  'role-play',
  'therapeutic-relationship',
  'homework',
  'behaviour-change',
]);
/** @category Technique */
export type Technique = z.infer<typeof Technique>;

/**
 * What the catalog says about one technique.
 * @category Technique
 */
export interface TechniqueInfo {
  readonly id: Technique;
  readonly label: string;
  readonly description: string;
  /** `false` for techniques the classic manual does not require (homework). */
  readonly core: boolean;
  readonly sources: readonly SourceKey[];
}

/**
 * The techniques an IPT therapist uses, for recording what a session used.
 * @see IPT reference 5
 * @category Technique
 */
export const techniques: Readonly<Record<Technique, TechniqueInfo>> = deepFreeze({
  'non-directive-exploration': {
    id: 'non-directive-exploration',
    label: 'Non-directive exploration',
    description: 'Open questions and supportive acknowledgement.',
    core: true,
    sources: ['GUIDE-TECH', 'SID'],
  },
  'direct-elicitation': {
    id: 'direct-elicitation',
    label: 'Direct elicitation',
    description: 'Targeted questions.',
    core: true,
    sources: ['GUIDE-TECH', 'SID'],
  },
  'encouragement-of-affect': {
    id: 'encouragement-of-affect',
    label: 'Encouragement of affect',
    description:
      'Help the client express, understand and tolerate painful or suppressed feelings, and use them as interpersonal information.',
    core: true,
    sources: ['GUIDE-TECH-TXT', 'SID'],
  },
  clarification: {
    id: 'clarification',
    label: 'Clarification',
    description: 'Restructure and feed back what the client says, timed for when it can be heard.',
    core: true,
    sources: ['SID'],
  },
  'communication-analysis': {
    id: 'communication-analysis',
    label: 'Communication analysis',
    description:
      'Reconstruct a recent, emotionally charged interaction turn by turn to find where communication failed and practise better ways.',
    core: true,
    sources: ['GUIDE-TECH', 'ALPF-TECH', 'SID'],
  },
  'decision-analysis': {
    id: 'decision-analysis',
    label: 'Decision analysis',
    description:
      'Identify the situation, generate options, weigh their pros and cons, choose one and rehearse it.',
    core: true,
    sources: ['EBRARY-A', 'GUIDE-TECH'],
  },
  'role-play': {
    id: 'role-play',
    label: 'Role play',
    description: 'Rehearse new ways of communicating; also a way to explore feelings.',
    core: true,
    sources: ['GUIDE-TECH', 'EBRARY-A'],
  },
  'therapeutic-relationship': {
    id: 'therapeutic-relationship',
    label: 'Use of the therapeutic relationship',
    description:
      'Treat the relationship with the therapist as a sample of how the client relates and give feedback; transference is not interpreted.',
    core: true,
    sources: ['GUIDE-TECH', 'ALPF-TECH'],
  },
  homework: {
    id: 'homework',
    label: 'Homework',
    description:
      'Work between sessions: not required in classic IPT, but used in practice and standard in IPT-A ("work at home").',
    core: false,
    sources: ['ALPF-TECH', 'BLANCO', 'YOUNG06'],
  },
  'behaviour-change': {
    id: 'behaviour-change',
    label: 'Behaviour-change techniques',
    description:
      'Directive, adjunctive techniques, grouped with decision analysis and role play in the 1984 taxonomy.',
    core: true,
    sources: ['SID'],
  },
});
