import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { parseWith, safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import { problemAreaLabelSets, type ProblemArea } from '../problem-area/problem-areas.js';
import type { SourceKey } from '../sources/sources.js';
import { Protocol, type ProtocolInput } from './protocol-schema.js';

/** A catalog protocol: a {@link Protocol} whose sources are all iptkit source keys. */
type CatalogEntry = ProtocolInput & { readonly sources: SourceKey[] };

const weissmanAreas: ProblemArea[] = [
  'grief',
  'role-dispute',
  'role-transition',
  'interpersonal-deficits',
];

/** The three phases of acute IPT, for variants whose reference gives no per-phase limits. */
const threePhases: CatalogEntry['phases'] = [
  { id: 'initial', label: 'initial', sources: ['ALPF'] },
  { id: 'middle', label: 'middle', sources: ['ALPF'] },
  { id: 'termination', label: 'termination', sources: ['ALPF'] },
];

/** The cap on foci that most manuals share: one primary area and an optional secondary one. */
const primaryPlusSecondary: CatalogEntry['foci'] = {
  max: 2,
  sources: ['ISIPT', 'IPTG-TECH'],
  unconfirmed: true,
  note: 'Standard IPT chooses one primary area; a secondary area may be worked on (explicit in group IPT). A cap of two is the usual teaching, UNCONFIRMED.',
};

const ipt = {
  id: 'ipt' as const,
  name: 'Interpersonal Psychotherapy (acute)',
  version: '1.0.0',
  description:
    'Time-limited individual IPT for depression in the Klerman / Weissman / Markowitz lineage: 12-16 weekly sessions in three phases, focused on one of four problem areas.',
  population: 'Adults with depression',
  format: 'individual',
  sources: ['ISIPT', 'CG7', 'ALPF', 'MARK06'],
  sessions: { min: 12, max: 16, sources: ['ISIPT', 'CG7'] },
  sessionMinutes: { min: 45, max: 50, sources: ['ISIPT', 'CG7'] },
  cadence: {
    default: 'weekly',
    allowed: ['weekly', 'twice-weekly'],
    sources: ['CG7'],
    note: 'Weekly, sometimes twice weekly.',
  },
  contract: {
    kind: 'fixed',
    sources: ['ISIPT', 'CG7'],
    note: 'A fixed time frame is set at the outset; changes are explicitly renegotiated.',
  },
  phases: [
    {
      id: 'initial',
      label: 'initial',
      maxSessions: 3,
      sources: ['MARK06', 'ALPF', 'IPTUK'],
      note: 'Usually sessions 1-3; should not exceed 3 sessions. Some UK templates use 4 (IPTUK).',
    },
    { id: 'middle', label: 'middle', sources: ['ALPF', 'IPTUK'] },
    { id: 'termination', label: 'termination', sources: ['ALPF', 'CG7'] },
  ],
  termination: {
    minSessionsBeforeEnd: 2,
    maxSessionsBeforeEnd: 4,
    sources: ['CG7'],
    note: 'The ending is discussed explicitly at least 2-4 sessions before the last one.',
  },
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.weissman.labels,
    griefRequiresDeath: true,
    sources: ['ISIPT', 'ALPF'],
  },
  foci: primaryPlusSecondary,
  components: ['sick-role', 'interpersonal-inventory', 'interpersonal-formulation'],
  followOn: {
    kinds: ['continuation', 'maintenance'],
    sources: ['OUP-TERM', 'CG7'],
    note: 'Only under a new, explicit contract.',
  },
} satisfies CatalogEntry;

const iptBrief = {
  id: 'ipt-brief' as const,
  name: 'Brief IPT (IPT-B)',
  version: '1.0.0',
  description:
    'Eight-session IPT with the initial phase compressed to two sessions, a "manageable" problem area and a strength-based stance; usually preceded by one engagement session.',
  population: 'Adults with depression',
  format: 'individual',
  sources: ['IPTB', 'IPTB-AJP'],
  sessions: { min: 8, max: 8, sources: ['IPTB', 'IPTB-AJP'] },
  cadence: {
    default: 'weekly',
    allowed: ['weekly'],
    sources: ['IPTB', 'ISIPT'],
    unconfirmed: true,
    note: 'The reference gives no cadence for IPT-B; weekly as in standard IPT.',
  },
  contract: { kind: 'fixed', sources: ['ISIPT'] },
  phases: [
    {
      id: 'initial',
      label: 'initial',
      maxSessions: 2,
      sources: ['IPTB'],
      note: 'The initial phase is compressed to two sessions.',
    },
    { id: 'middle', label: 'middle', sources: ['IPTB'] },
    { id: 'termination', label: 'termination', sources: ['IPTB'] },
  ],
  termination: {
    minSessionsBeforeEnd: 2,
    sources: ['CG7'],
    unconfirmed: true,
    note: 'Inherited from standard IPT; the reference states no notice rule for IPT-B.',
  },
  preliminarySessions: {
    kind: 'engagement',
    min: 0,
    max: 1,
    sources: ['IPTB', 'IPTB-AJP'],
    note: 'Usually one engagement session based on motivational interviewing (tested as 9 sessions in all).',
  },
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.weissman.labels,
    griefRequiresDeath: true,
    sources: ['IPTB', 'ISIPT'],
  },
  foci: primaryPlusSecondary,
  components: ['interpersonal-inventory', 'motivational-engagement'],
} satisfies CatalogEntry;

const ipc = {
  id: 'ipc' as const,
  name: 'Interpersonal Counselling (IPC)',
  version: '1.0.0',
  description:
    'A short interpersonal counselling for distressed primary-care patients, originally delivered by nurse practitioners in at most six sessions; the first up to 30 minutes and later ones shorter.',
  population: 'Distressed primary-care patients (GHQ score of 6 or more in the original trials)',
  format: 'individual',
  sources: ['ALPF-IPC', 'JUDD', 'IPC14'],
  sessions: {
    min: 1,
    max: 6,
    sources: ['ALPF-IPC', 'JUDD'],
    note: 'Original IPC: at most 6 sessions, each with an explicit focus. A newer version makes the number flexible (IPC14). The minimum of 1 is iptkit’s modelling choice: the reference gives none.',
  },
  sessionMinutes: {
    max: 30,
    sources: ['ALPF-IPC'],
    note: 'The first session lasts up to 30 minutes; later ones are shorter.',
  },
  cadence: {
    default: 'weekly',
    allowed: ['weekly'],
    sources: ['ALPF-IPC'],
    unconfirmed: true,
    note: 'The reference gives no cadence for IPC; weekly assumed.',
  },
  contract: {
    kind: 'fixed',
    sources: ['ALPF-IPC', 'IPC14'],
    unconfirmed: true,
    note: 'The original IPC fixes at most 6 sessions; the newer version makes the number flexible, so a flexible agreement may fit it better.',
  },
  phases: threePhases,
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.weissman.labels,
    griefRequiresDeath: true,
    sources: ['ALPF-IPC'],
    unconfirmed: true,
    note: 'IPC uses the IPT problem areas; the reference does not list them for IPC separately.',
  },
  foci: primaryPlusSecondary,
  components: ['interpersonal-inventory'],
} satisfies CatalogEntry;

const iptA = {
  id: 'ipt-a' as const,
  name: 'IPT for Depressed Adolescents (IPT-A)',
  version: '1.0.0',
  description:
    'Twelve weekly sessions for adolescents aged 12-18, with a limited sick role, a closeness circle, work at home, and parent or caregiver sessions at defined points.',
  population: 'Adolescents aged 12-18 with depression',
  format: 'individual',
  sources: ['NREPP', 'PSU', 'CEBC'],
  sessions: { min: 12, max: 12, sources: ['NREPP', 'PSU'] },
  sessionMinutes: { min: 35, max: 50, sources: ['NREPP'] },
  cadence: { default: 'weekly', allowed: ['weekly'], sources: ['NREPP'] },
  contract: { kind: 'fixed', sources: ['NREPP'] },
  phases: [
    {
      id: 'initial',
      label: 'initial',
      maxSessions: 4,
      sources: ['NREPP'],
      unconfirmed: true,
      note: 'The phase split 1-4 / 5-8 / 9-12 is UNCONFIRMED.',
    },
    { id: 'middle', label: 'middle', sources: ['NREPP'] },
    { id: 'termination', label: 'termination', sources: ['EBRARY-A-TERM'] },
  ],
  termination: {
    minSessionsBeforeEnd: 2,
    sources: ['EBRARY-A-TERM', 'CG7'],
    unconfirmed: true,
    note: 'Termination began around session 10 of 12 in a case example.',
  },
  participants: [
    { who: 'parent-or-caregiver', at: 'first-session', optional: false, sources: ['NREPP', 'PSU'] },
    {
      who: 'parent-or-caregiver',
      at: 'middle-phase',
      optional: true,
      sources: ['NREPP', 'PSU'],
      note: 'A joint session in the middle phase if the parent is involved in the focus.',
    },
    { who: 'parent-or-caregiver', at: 'final-session', optional: false, sources: ['NREPP', 'PSU'] },
  ],
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.weissman.labels,
    griefRequiresDeath: true,
    sources: ['NREPP'],
  },
  foci: primaryPlusSecondary,
  components: ['limited-sick-role', 'interpersonal-inventory', 'closeness-circle', 'work-at-home'],
} satisfies CatalogEntry;

const groupIpt = {
  id: 'group-ipt' as const,
  name: 'Group Interpersonal Therapy (WHO)',
  version: '1.0.0',
  description:
    'WHO group IPT for depression (field-trial version 1.0, 2016): eight group sessions, simplified for supervised non-specialists, preceded by individual pre-group meetings.',
  population: 'Adults with depression, in groups led by supervised non-specialists',
  format: 'group',
  sources: ['MHPSS-1', 'MHPSS-2', 'WHO16'],
  sessions: { min: 8, max: 8, sources: ['MHPSS-1'] },
  cadence: {
    default: 'weekly',
    allowed: ['weekly'],
    sources: ['MHPSS-1'],
    unconfirmed: true,
    note: 'Session frequency and length are UNCONFIRMED for the WHO manual.',
  },
  contract: { kind: 'fixed', sources: ['MHPSS-1'] },
  phases: [
    {
      id: 'initial',
      label: 'initial',
      maxSessions: 1,
      sources: ['WHO16'],
      unconfirmed: true,
      note: 'A per-session allocation of 1 / 2-7 / 8 is UNCONFIRMED.',
    },
    { id: 'middle', label: 'middle', sources: ['WHO16'] },
    { id: 'termination', label: 'termination', sources: ['WHO16'] },
  ],
  preliminarySessions: {
    kind: 'pre-group',
    min: 1,
    sources: ['NEPAL', 'UGANDA-IS', 'MHPSS-1'],
    unconfirmed: true,
    note: 'Individual pre-group meetings are explicit in WHO-derived adaptations (two in the Nepal adaptation); their number in the WHO manual itself is UNCONFIRMED.',
  },
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.who.labels,
    griefRequiresDeath: true,
    sources: ['MHPSS-2'],
  },
  foci: primaryPlusSecondary,
  components: ['interpersonal-inventory'],
} satisfies CatalogEntry;

const iptM = {
  id: 'ipt-m' as const,
  name: 'Maintenance IPT (IPT-M)',
  version: '1.0.0',
  description:
    'Maintenance treatment to prevent recurrence in clients whose depression has remitted: usually monthly sessions, potentially for years, under an explicit contract.',
  population: 'Adults in remission from depression',
  format: 'individual',
  sources: ['IPTM', 'FRANK07', 'GUWS', 'CG7'],
  sessions: {
    min: 1,
    sources: ['IPTM', 'CG7', 'GUWS', 'FRANK07'],
    note: 'No upper bound: doses in trials were weekly for 6 months, monthly for 3 years, and monthly, twice monthly or weekly for 2 years. The contract fixes the number.',
  },
  cadence: {
    default: 'monthly',
    allowed: ['monthly', 'twice-monthly', 'weekly'],
    sources: ['IPTM', 'FRANK07'],
  },
  contract: { kind: 'fixed', sources: ['OUP-TERM', 'CG7'] },
  phases: threePhases,
  problemAreas: {
    areas: weissmanAreas,
    labels: problemAreaLabelSets.weissman.labels,
    griefRequiresDeath: true,
    sources: ['IPTM'],
  },
  foci: {
    max: 4,
    sources: ['IPTM'],
    unconfirmed: true,
    note: 'Maintenance IPT may address more areas and chronic difficulties; the manual gives no cap.',
  },
  components: ['interpersonal-inventory'],
  entry: {
    requiresRemission: true,
    sources: ['IPTM'],
    note: 'Maintenance IPT presupposes remission.',
  },
} satisfies CatalogEntry;

const ipsrt = {
  id: 'ipsrt' as const,
  name: 'Interpersonal and Social Rhythm Therapy (IPSRT)',
  version: '1.0.0',
  description:
    'IPT for bipolar disorder combined with social rhythm tracking (the Social Rhythm Metric), medication adherence and grief for the lost healthy self, in four phases with tapering frequency.',
  population: 'People with bipolar disorder',
  format: 'individual',
  sources: ['IPSRT-W', 'REJUV', 'HSP'],
  sessions: {
    min: 1,
    sources: ['IPSRT-W'],
    unconfirmed: true,
    note: 'The reference gives no number of sessions for IPSRT.',
  },
  cadence: {
    default: 'weekly',
    allowed: ['weekly', 'fortnightly', 'monthly'],
    sources: ['IPSRT-W'],
    unconfirmed: true,
    note: 'Frequency tapers over the phases; the exact steps are UNCONFIRMED.',
  },
  contract: {
    kind: 'fixed',
    sources: ['IPSRT-W', 'ISIPT'],
    unconfirmed: true,
    note: 'Assumed from IPT’s fixed time frame; the reference says nothing about the IPSRT agreement.',
  },
  phases: [
    { id: 'initial', label: 'initial', sources: ['IPSRT-W'] },
    { id: 'middle', label: 'intermediate', sources: ['IPSRT-W'] },
    { id: 'maintenance', label: 'maintenance / preventive', sources: ['IPSRT-W'] },
    { id: 'termination', label: 'final', sources: ['IPSRT-W'] },
  ],
  problemAreas: {
    areas: weissmanAreas,
    labels: {
      ...problemAreaLabelSets.weissman.labels,
      grief: 'grief (including grief for the lost healthy self)',
    },
    griefRequiresDeath: false,
    sources: ['IPSRT-W', 'HSP'],
  },
  foci: primaryPlusSecondary,
  components: ['interpersonal-inventory', 'social-rhythm-metric', 'medication-adherence'],
} satisfies CatalogEntry;

const iptStuartRobertson = {
  id: 'ipt-stuart-robertson' as const,
  name: 'IPT (Stuart & Robertson)',
  version: '1.0.0',
  description:
    'IPT as in Stuart & Robertson’s clinician’s guide: an assessment of suitability, an interpersonal formulation, a flexible treatment agreement, three problem areas, and usually maintenance after the acute course rather than a hard stop.',
  population: 'Adults with depression and other disorders',
  format: 'individual',
  sources: ['ACF', 'SR-FORM', 'MINIATI'],
  sessions: {
    min: 8,
    max: 20,
    sources: ['MINIATI'],
    note: 'Usually 8-20 sessions.',
  },
  cadence: {
    default: 'weekly',
    allowed: ['weekly'],
    sources: ['ACF'],
    unconfirmed: true,
    note: 'The reference gives no cadence for this manual; weekly assumed.',
  },
  contract: {
    kind: 'flexible',
    sources: ['ACF', 'SR-FORM'],
    note: 'A flexible treatment agreement.',
  },
  phases: [
    { id: 'initial', label: 'assessment / initial', sources: ['ACF'] },
    { id: 'middle', label: 'middle', sources: ['ACF'] },
    { id: 'termination', label: 'conclusion of acute treatment', sources: ['ACF'] },
  ],
  problemAreas: {
    areas: ['role-dispute', 'role-transition', 'grief'],
    labels: problemAreaLabelSets['stuart-robertson'].labels,
    griefRequiresDeath: false,
    sources: ['ACF', 'SR-FORM', 'CITC-G'],
    note: 'Interpersonal sensitivity is handled through the formulation, not as a focus; grief and loss also covers losses other than death.',
  },
  foci: primaryPlusSecondary,
  components: ['interpersonal-inventory', 'interpersonal-formulation'],
  followOn: {
    kinds: ['maintenance'],
    sources: ['ACF'],
    note: 'Typically ongoing maintenance rather than a hard stop.',
  },
} satisfies CatalogEntry;

/**
 * The built-in protocols, keyed by id. Every value is deeply frozen and carries its sources;
 * values the reference marks UNCONFIRMED say so (`unconfirmed: true` and a `note`).
 *
 * - `ipt`: acute IPT, 12-16 weekly sessions, initial phase at most 3, ending raised 2-4 sessions
 *   before the last [ISIPT], [CG7], [MARK06].
 * - `ipt-brief`: 8 sessions, initial phase 2 [IPTB].
 * - `ipc`: interpersonal counselling, at most 6 sessions [ALPF-IPC].
 * - `ipt-a`: adolescents, 12 weekly sessions, parent sessions [NREPP].
 * - `group-ipt`: WHO group IPT, pre-group individual contact + 8 group sessions [MHPSS-1].
 * - `ipt-m`: maintenance, usually monthly [IPTM].
 * - `ipsrt`: bipolar disorder, with social rhythm tracking and a maintenance phase [IPSRT-W].
 * - `ipt-stuart-robertson`: three problem areas, flexible agreement, maintenance follow-on [ACF].
 * @see IPT reference 1 and 6
 * @category Protocol
 */
export const protocols: {
  readonly [Id in CatalogProtocolId]: DeepReadonly<Protocol> & { readonly id: Id };
} = deepFreeze({
  ipt,
  'ipt-brief': iptBrief,
  ipc,
  'ipt-a': iptA,
  'group-ipt': groupIpt,
  'ipt-m': iptM,
  ipsrt,
  'ipt-stuart-robertson': iptStuartRobertson,
});

/**
 * The ids of the built-in protocols.
 * @category Protocol
 */
export type CatalogProtocolId =
  'ipt' | 'ipt-brief' | 'ipc' | 'ipt-a' | 'group-ipt' | 'ipt-m' | 'ipsrt' | 'ipt-stuart-robertson';

/**
 * Validates a custom protocol (or a stored one) and returns it deeply frozen, or every problem
 * found with its path. Checks the shape and the consistency of the parts (see {@link Protocol}).
 * @param input - Untrusted protocol data.
 * @returns The protocol, or a {@link ValidationError}.
 * @example
 * ```ts
 * const result = defineProtocol({ ...protocols.ipt, id: 'clinic-ipt', sessions: { min: 14, max: 14, sources: ['clinic SOP'] } });
 * if (!result.ok) console.error(result.error.issues);
 * ```
 * @category Protocol
 */
export function defineProtocol(input: unknown): Result<DeepReadonly<Protocol>, ValidationError> {
  return safeParseWith(Protocol, input);
}

/**
 * The throwing twin of {@link defineProtocol}, for protocols written in code.
 * @param input - Protocol data.
 * @returns The protocol, deeply frozen.
 * @throws {@link IptError} listing every problem when the protocol is invalid.
 * @category Protocol
 */
export function parseProtocol(input: unknown): DeepReadonly<Protocol> {
  return parseWith(Protocol, input);
}

/**
 * The label a protocol's manual gives a problem area.
 * @param protocol - The protocol.
 * @param area - The problem area.
 * @returns The manual's label, or `undefined` if the protocol does not include the area.
 * @example
 * ```ts
 * problemAreaLabel(protocols['group-ipt'], 'role-transition'); // 'life changes'
 * ```
 * @category Protocol
 */
export function problemAreaLabel(
  protocol: DeepReadonly<Protocol>,
  area: ProblemArea,
): string | undefined {
  if (!protocol.problemAreas.areas.includes(area)) return undefined;
  return protocol.problemAreas.labels[area] ?? problemAreaLabelSets.weissman.labels[area];
}

/**
 * Looks up a built-in protocol by id (for ids that come from outside, such as a stored course).
 * @param id - Any string.
 * @returns The protocol, or `undefined` if no built-in protocol has that id.
 * @category Protocol
 */
export function findProtocol(id: string): (typeof protocols)[CatalogProtocolId] | undefined {
  return Object.hasOwn(protocols, id) ? protocols[id as CatalogProtocolId] : undefined;
}
