import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * The four IPT problem areas (Klerman / Weissman / Markowitz; ISIPT). Manuals label them
 * differently (see {@link problemAreaLabelSets}); Stuart & Robertson use only three.
 * @see IPT reference 2.1 ([ISIPT], [ALPF])
 * @category Problem area
 */
export const ProblemArea = z.enum([
  'grief',
  'role-dispute',
  'role-transition',
  'interpersonal-deficits',
]);
/** @category Problem area */
export type ProblemArea = z.infer<typeof ProblemArea>;

/**
 * A sourced statement in a catalog (a goal or a strategy).
 * @category Problem area
 */
export interface SourcedText {
  readonly text: string;
  readonly sources: readonly SourceKey[];
  /** The reference marks this UNCONFIRMED: not yet checked against a primary text. */
  readonly unconfirmed?: boolean;
}

/**
 * What the catalog knows about one problem area.
 * @category Problem area
 */
export interface ProblemAreaInfo {
  readonly id: ProblemArea;
  /** Label in the Weissman lineage (the default label set). */
  readonly label: string;
  readonly definition: SourcedText;
  readonly goals: readonly SourcedText[];
  readonly strategies: readonly SourcedText[];
}

/**
 * The problem areas with their definitions, goals and typical strategies.
 * @see IPT reference 2.1 - 2.2
 * @category Problem area
 */
export const problemAreas: Readonly<Record<ProblemArea, ProblemAreaInfo>> = deepFreeze({
  grief: {
    id: 'grief',
    label: 'grief',
    definition: {
      text: 'Onset or persistence of the episode is linked to the death of someone close (complicated bereavement).',
      sources: ['ISIPT'],
    },
    goals: [
      { text: 'Facilitate mourning.', sources: ['GRIEF-ABS', 'CITC-G'] },
      {
        text: 'Help re-establish interests and relationships that can partly make up for what was lost.',
        sources: ['GRIEF-ABS', 'CITC-G'],
      },
    ],
    strategies: [
      {
        text: 'Relate the onset of symptoms to the death.',
        sources: ['CITC-G'],
        unconfirmed: true,
      },
      {
        text: 'Reconstruct the relationship with the deceased, with positive and negative feelings.',
        sources: ['CITC-G'],
        unconfirmed: true,
      },
      {
        text: 'Review the events before, during and after the death.',
        sources: ['CITC-G'],
        unconfirmed: true,
      },
      { text: 'Explore ways of re-engaging with others.', sources: ['CITC-G'], unconfirmed: true },
    ],
  },
  'role-dispute': {
    id: 'role-dispute',
    label: 'role dispute',
    definition: {
      text: 'An unsatisfying relationship in which the client and another person have non-reciprocal expectations of their roles.',
      sources: ['ISIPT'],
    },
    goals: [
      { text: 'Identify the dispute.', sources: ['PDFSLIDE-RD', 'GUIDE-RD', 'CITC-RD'] },
      { text: 'Choose a plan of action.', sources: ['PDFSLIDE-RD', 'GUIDE-RD', 'CITC-RD'] },
      {
        text: 'Change expectations or faulty communication so the dispute resolves; the therapist is not committed to any outcome (improve, accept or end the relationship).',
        sources: ['PDFSLIDE-RD', 'GUIDE-RD', 'CITC-RD'],
      },
    ],
    strategies: [
      {
        text: 'Stage the dispute (renegotiation, impasse, dissolution).',
        sources: ['CITC-RD', 'MEMPHIS-RD'],
      },
      { text: 'Explore what each party expects.', sources: ['CITC-RD'] },
      { text: 'Communication analysis.', sources: ['GUIDE-RD', 'CITC-RD'] },
      { text: 'Role play.', sources: ['GUIDE-RD', 'CITC-RD'] },
    ],
  },
  'role-transition': {
    id: 'role-transition',
    label: 'role transition',
    definition: {
      text: 'Difficulty coping with a change in life circumstances, moving from one social role to another.',
      sources: ['ISIPT'],
    },
    goals: [
      { text: 'Mourn and accept the loss of the old role.', sources: ['CITC-RT', 'MEMPHIS-RT'] },
      {
        text: 'See the new role more positively and in balance.',
        sources: ['CITC-RT', 'MEMPHIS-RT', 'NICEDAY'],
      },
      {
        text: 'Restore self-esteem through mastering what the new role demands.',
        sources: ['CITC-RT', 'MEMPHIS-RT'],
      },
    ],
    strategies: [
      { text: 'Review the good and bad of the old role.', sources: ['CITC-RT', 'MEMPHIS-RT'] },
      { text: 'Explore feelings about the change.', sources: ['CITC-RT', 'MEMPHIS-RT'] },
      {
        text: 'Identify opportunities in the new role and the skills it needs.',
        sources: ['CITC-RT', 'NICEDAY'],
      },
      { text: 'Build new social supports.', sources: ['CITC-RT', 'MEMPHIS-RT'] },
    ],
  },
  'interpersonal-deficits': {
    id: 'interpersonal-deficits',
    label: 'interpersonal deficits',
    definition: {
      text: 'Social isolation or a lasting pattern of unsatisfying relationships; the residual area, chosen when no recent life event fits.',
      sources: ['MEMPHIS-IS', 'NOTTLDR'],
      unconfirmed: true,
    },
    goals: [
      { text: 'Reduce isolation.', sources: ['MEMPHIS-IS', 'LIPSITZ'] },
      { text: 'Improve current relationships.', sources: ['MEMPHIS-IS', 'LIPSITZ'] },
      { text: 'Help form new supportive relationships.', sources: ['MEMPHIS-IS', 'LIPSITZ'] },
    ],
    strategies: [
      {
        text: 'Review past significant relationships for positive and negative patterns.',
        sources: ['MEMPHIS-IS'],
      },
      {
        text: 'Use the therapeutic relationship as a sample of how the client relates.',
        sources: ['MEMPHIS-IS', 'LIPSITZ'],
      },
      { text: 'Practise through role play.', sources: ['MEMPHIS-IS'] },
    ],
  },
});

/**
 * The labels one manual gives the problem areas it uses.
 * @category Problem area
 */
export interface ProblemAreaLabelSet {
  readonly id: string;
  readonly manual: string;
  readonly labels: Readonly<Partial<Record<ProblemArea, string>>>;
  readonly sources: readonly SourceKey[];
}

/**
 * How the manuals name the problem areas. An area a manual does not use has no label there
 * (Stuart & Robertson have no deficits area; they handle it through the formulation).
 * @see IPT reference 2.1
 * @category Problem area
 */
export const problemAreaLabelSets = deepFreeze({
  weissman: {
    id: 'weissman',
    manual: 'Klerman / Weissman / Markowitz (1984, 2000, 2018); ISIPT; IPT-A',
    labels: {
      grief: 'grief',
      'role-dispute': 'role dispute',
      'role-transition': 'role transition',
      'interpersonal-deficits': 'interpersonal deficits',
    },
    sources: ['ISIPT', 'ALPF'],
  },
  'ipt-uk': {
    id: 'ipt-uk',
    manual: 'IPT-UK and some UK and Australian texts',
    labels: {
      grief: 'grief',
      'role-dispute': 'role dispute',
      'role-transition': 'role transition',
      'interpersonal-deficits': 'interpersonal sensitivity',
    },
    sources: ['KIPDF-MODEL', 'WILHELM'],
  },
  'stuart-robertson': {
    id: 'stuart-robertson',
    manual: 'Stuart & Robertson, IPT: A Clinician’s Guide',
    labels: {
      grief: 'grief and loss',
      'role-dispute': 'interpersonal disputes',
      'role-transition': 'role transitions',
    },
    sources: ['ACF', 'SR-FORM'],
  },
  who: {
    id: 'who',
    manual: 'WHO Group Interpersonal Therapy (2016)',
    labels: {
      grief: 'grief',
      'role-dispute': 'disputes',
      'role-transition': 'life changes',
      'interpersonal-deficits': 'loneliness and social isolation',
    },
    sources: ['MHPSS-2'],
  },
} satisfies Record<string, ProblemAreaLabelSet>);
