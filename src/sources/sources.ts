import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';

/**
 * The published sources iptkit's clinical facts come from, keyed as in the project's IPT reference
 * (section 12). Each catalog value names the keys it rests on, so a user can trace every number.
 * @category Sources
 */
export const sources = deepFreeze({
  ISIPT: { citation: 'International Society for IPT, "Key IPT Strategies" (web page)' },
  CG7: {
    citation:
      'Weissman, Markowitz & Klerman, Comprehensive Guide to Interpersonal Psychotherapy (2000), ch. 7 "Termination of Treatment"',
  },
  ALPF: { citation: 'Markowitz & Weissman, chapter text "Phases of treatment" (web copy)' },
  'ALPF-TECH': { citation: 'Markowitz & Weissman, chapter text "Strategies and techniques"' },
  'ALPF-IPC': { citation: 'Chapter text "Interpersonal counselling: distress" (web copy)' },
  MARK06: { citation: 'Markowitz, Focus 4(2):179 (2006)' },
  IPTUK: { citation: 'IPT-UK, "Stages of IPT" (web page)' },
  'PMC-IND': { citation: 'Rajhans et al., Indian Journal of Psychiatry (2020), PMC7001362' },
  'GUIDE-TECH': {
    citation:
      'Weissman, Markowitz & Klerman, The Guide to Interpersonal Psychotherapy (OUP 2018), ch. 10 abstract',
  },
  'GUIDE-TECH-TXT': { citation: 'The Guide to Interpersonal Psychotherapy (2018), ch. 10 excerpt' },
  'GUIDE-RD': {
    citation: 'The Guide to Interpersonal Psychotherapy (2018), "Role Disputes" summary',
  },
  'GRIEF-ABS': { citation: 'The Guide to Interpersonal Psychotherapy, grief chapter abstract' },
  'OUP-TERM': {
    citation: 'Oxford Clinical Psychology, IPT (disaster adaptation), ch. 9 "Termination" abstract',
  },
  SID: { citation: 'Summary of Klerman et al. IPT techniques (sid.ir)' },
  'SR-FORM': { citation: 'Stuart & Robertson, "Interpersonal Formulation" chapter abstract' },
  ACF: {
    citation:
      'ACF Title IV-E Prevention Services Clearinghouse, "IPT (Stuart & Robertson Manual)" program page',
  },
  MINIATI: {
    citation:
      'Miniati et al., "Telephone-delivered IPT: a systematic review", CNS Spectrums (2021)',
  },
  'CITC-RD': { citation: 'CITC Associates, IPT role disputes (web page)' },
  'CITC-RT': { citation: 'CITC Associates, IPT role transitions (web page)' },
  'CITC-G': { citation: 'CITC Associates, IPT grief (web page)' },
  'MEMPHIS-RD': { citation: 'Treatment for Depression Memphis, IPT role disputes (web page)' },
  'MEMPHIS-RT': { citation: 'Treatment for Depression Memphis, IPT role transitions (web page)' },
  'MEMPHIS-IS': {
    citation: 'Treatment for Depression Memphis, IPT interpersonal sensitivity (web page)',
  },
  'PDFSLIDE-RD': {
    citation: '"InterPersonal Therapy of Depression - Role Disputes" lecture notes',
  },
  NICEDAY: { citation: 'NiceDay IPT "role change" psychoeducation (Keijsers et al. 2017)' },
  LIPSITZ: {
    citation:
      'Lipsitz & Markowitz, "Mechanisms of change in IPT", Clin Psychol Rev (2013), PMC4109031',
  },
  NOTTLDR: { citation: 'nottldr.com IPT overview (secondary source)' },
  'KIPDF-MODEL': { citation: '"Interpersonal Psychotherapy: The Model" (kipdf.com copy)' },
  WILHELM: { citation: 'Wilhelm & May, Medicine Today (2017)' },
  'MHPSS-1': { citation: 'mhpss.net toolkit: WHO Group Interpersonal Therapy for Depression' },
  'MHPSS-2': { citation: 'mhpss.net curated space: Interpersonal Psychotherapy' },
  WHO16: {
    citation:
      'WHO, Group Interpersonal Therapy (IPT) for Depression, field-trial version 1.0, WHO/MSD/MER/16.4 (2016)',
  },
  NEPAL: {
    citation:
      'BMC Psychology (2020), "Culturally and developmentally adapting group IPT for adolescents ... Nepal", Table 2',
  },
  'UGANDA-IS': { citation: 'Implementation Science (2018), IPT-G for caregivers, Table 3' },
  'IPTG-TERM': { citation: 'Group IPT (Wilfley) termination chapter (ebrary.net/75493)' },
  'IPTG-TECH': { citation: 'Group IPT (Wilfley) techniques chapter (ebrary.net/75473)' },
  'EBRARY-TERM': { citation: 'IPT termination case (ebrary.net/75315)' },
  'EBRARY-A': { citation: 'IPT-A middle phase chapter (ebrary.net/115882)' },
  'EBRARY-A-TERM': { citation: 'IPT-A termination chapter (ebrary.net/75388)' },
  'IPTAST-TERM': {
    citation: 'Young, Mufson & Schueler, IPT-AST termination chapter abstract (OUP)',
  },
  MT18: {
    citation: 'McAlpine, "IPT: a time-limited treatment for depression", Medicine Today (Oct 2018)',
  },
  'PP-CC': {
    citation:
      'PositivePsychology.com "Closeness Circle" worksheet, citing Dietz, Weinberg & Mufson (2018)',
  },
  CEBC: { citation: 'California Evidence-Based Clearinghouse, IPT-A program page' },
  NREPP: { citation: 'NREPP, IPT-A intervention summary' },
  PSU: { citation: 'Clearinghouse for Military Family Readiness, IPT-A' },
  YOUNG06: {
    citation:
      'Young & Mufson, "Interpersonal Psychotherapy", in Handbook of Homework Assignments (Springer 2006)',
  },
  BLANCO: {
    citation:
      'Blanco, Clougherty, Lipsitz, Mufson & Weissman, "Homework in IPT: rationale and practice"',
  },
  IPTB: { citation: 'Swartz, "Overview of Brief IPT", IPT Institute (web page)' },
  'IPTB-AJP': { citation: 'Swartz, Grote & Graham, Am J Psychother 68(4):443 (2014)' },
  IPC14: {
    citation:
      'Weissman et al., "IPC for depression in primary care", Am J Psychother 68(4):359 (2014)',
  },
  JUDD: {
    citation:
      'Judd, Weissman et al., "Interpersonal counselling in general practice", Aust Fam Physician',
  },
  IPTM: { citation: 'Frank, "Maintenance IPT", IPT Institute (web page)' },
  FRANK07: { citation: 'Frank et al., Am J Psychiatry 164(5):761 (2007), PMC3579577' },
  GUWS: { citation: '"Maintenance treatment" summary of the Frank 1990 trial (guwsmedical.info)' },
  'IPSRT-W': { citation: 'Interpersonal and social rhythm therapy, encyclopedia summary' },
  REJUV: { citation: 'rejuvnt.com, IPSRT (web page)' },
  HSP: { citation: 'IPSRT review excerpt (Social Rhythm Metric, grief for the lost healthy self)' },
});

/**
 * A key into {@link sources}, for example `'CG7'`.
 * @category Sources
 */
export const SourceKey = z.enum(
  Object.keys(sources) as [keyof typeof sources, ...(keyof typeof sources)[]],
);
/** @category Sources */
export type SourceKey = z.infer<typeof SourceKey>;

/**
 * A reference to where a value comes from: a {@link SourceKey} for iptkit's own catalogs, or, in a
 * caller's custom protocol, any short citation of the caller's choosing (1-300 characters).
 * @category Sources
 */
export const SourceRef = z.string().min(1).max(300);
/** @category Sources */
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * Tells whether a source reference is one of iptkit's known source keys.
 * @param ref - Any string.
 * @returns `true` if {@link sources} has it.
 * @category Sources
 */
export function isSourceKey(ref: string): ref is SourceKey {
  return Object.hasOwn(sources, ref);
}

/**
 * Provenance every sourced catalog value carries: the sources it rests on and whether the project's
 * reference marks it UNCONFIRMED (not yet checked against a primary text; keep such values
 * configurable and say so where they are used).
 * @category Sources
 */
export const Provenance = z.strictObject({
  sources: z.array(SourceRef).min(1).max(20),
  unconfirmed: z.boolean().optional(),
  note: z.string().min(1).max(500).optional(),
});
/** @category Sources */
export type Provenance = z.infer<typeof Provenance>;
