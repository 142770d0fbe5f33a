import * as z from 'zod';
import { deepFreeze } from '../internal/deep-freeze.js';

// `SourceRef` and `Provenance` live in provenance.ts (no catalog there, so the schemas that cite
// sources stay small in a bundle); they are re-exported here for one import site.
export { SourceRef, Provenance } from './provenance.js';

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
  'ALPF-OTHER': {
    citation: 'Chapter text on subsyndromally depressed hospitalised elderly patients (web copy)',
  },
  STUART06: { citation: 'Stuart, "IPT: A Guide to the Basics", Psychiatric Annals 36:8 (2006)' },
  'SR-CA': { citation: 'Stuart & Robertson, ch. 9 "Communication Analysis" abstract' },
  'SR-BOOK': {
    citation:
      'Stuart & Robertson, Interpersonal Psychotherapy: A Clinician’s Guide, 2nd ed. (CRC 2012)',
  },
  'GUIDE18-FM': { citation: 'The Guide to Interpersonal Psychotherapy (OUP 2018), front matter' },
  'EBRARY-UG': {
    citation: 'Group IPT in Uganda, "Initial Phase (Four Sessions)" (ebrary.net/75444)',
  },
  CAREPATRON: { citation: 'Carepatron closeness circle worksheet' },
  SCRS: { citation: 'Relationship-circle tool (non-IPT), scrsweb.com' },
  MUFSON04: {
    citation:
      'Mufson et al., Interpersonal Psychotherapy for Depressed Adolescents, 2nd ed. (Guilford 2004)',
  },
  'IPTAST-SEL': { citation: 'Young, Mufson & Schueler, IPT-AST, ch. 3 (OUP)' },
  IPTEST: { citation: 'IPT-EST (evaluation, support, triage) paper, PMC3433760' },
  IPTT: { citation: 'Miller & Weissman, Depression and Anxiety 16(3):114 (2002)' },
  MONK02: {
    citation:
      'Monk, Frank, Potts & Kupfer, "A simple way to measure daily lifestyle regularity", J Sleep Res 11:183 (2002)',
  },
  MONK97: { citation: 'Monk et al., Chronobiology International 14(3):295 (1997)' },
  CMU: { citation: 'Carnegie Mellon Common Cold Project, "Daily Social Rhythm Metric"' },
  'ADHERENCE-DOC': {
    citation: 'Public code documentation describing the SRM 45-minute window (secondary source)',
  },
  KROENKE01: {
    citation: 'Kroenke, Spitzer & Williams, "The PHQ-9", J Gen Intern Med 16:606 (2001)',
  },
  'KROENKE01-SUM': { citation: 'Summary of Kroenke et al. 2001 (Cronbach alpha 0.89)' },
  'BMC-PHQ': { citation: 'Sun et al., BMC Psychiatry 20:474 (2020)' },
  'PHQ-FORM': { citation: 'PHQ-9 form with its copyright footer' },
  'SCRIBD-PHQ': { citation: 'PHQ-9 nine-symptom checklist explanation' },
  CALC: { citation: 'calcipedia.org PHQ-9 calculator' },
  BEARNAISE: { citation: 'PHQ-8 scoring note' },
  'GAD7-ARAB': {
    citation: 'GAD-7 scale description (scales.arabpsychology.com), after Spitzer et al. 2006',
  },
  JOTFORM: { citation: 'GAD-7 scoring form, after Spitzer et al. 2006' },
  'HAMD-S': { citation: 'HDRS severity bands (shervanshahhian.com)' },
  'HAMD-Z': {
    citation:
      'Zimmerman et al., "Severity classification on the HAM-D", J Affect Disord 150:384 (2013)',
  },
  'HAMD-DA': { citation: 'HAMD-17 description (statistics.datanalysis.net)' },
  'HAMD-ITEMS': { citation: 'HAMD-17 items (scales.arabpsychology.com)' },
  MDICU: { citation: 'HAMD calculator (mdicu.com)' },
  'IDS-QIDS': { citation: 'IDS/QIDS interpretation table (ids-qids.org)' },
  CAMCOPS: { citation: 'CamCOPS HAMD documentation' },
  SURVEYDR: { citation: 'Depression tools comparison with licensing (survey.doctor)' },
  'PSYCTC-C': { citation: 'psyctc.org glossary, "copyright"' },
  FOX: { citation: 'Note on access to the BDI (Pearson)' },
  DOCABEL: { citation: 'BDI-II score ranges' },
  KP20: {
    citation:
      '"Defining success in measurement-based care for depression", Psychiatric Services (2020)',
  },
  MCMILLAN: { citation: 'McMillan, Gilbody & Richards, J Affect Disord 127:122 (2010)' },
  FRANK91: {
    citation:
      'Frank et al. (1991) consensus definitions of response, remission, recovery, relapse and recurrence',
  },
  IAPT: { citation: 'NHS Talking Therapies (IAPT) manual thresholds, as quoted by cbtwatch.com' },
  'PSYCTC-RC': { citation: 'Evans, reliable change calculator, psyctc.org' },
  TALKSTATS: { citation: 'Discussion of the 1.96 RCI threshold (talkstats.com)' },
  JT91: { citation: 'Jacobson & Truax, J Consult Clin Psychol 59(1):12 (1991)' },
  MAASSEN: { citation: 'Maassen, J Int Neuropsychol Soc 10:888 (2004)' },
  SCHOLARGATE: { citation: '"Standardized Clinical Cutoff" (scholargate.app)' },
  PSYOUT: { citation: 'Clinical cutoff explanation (psychoutcomes.org)' },
  RAS73: {
    citation:
      'Rathus, "A 30-item schedule for assessing assertive behavior", Behavior Therapy 4:398 (1973)',
  },
  'RAS-DA': { citation: 'RAS-30 description (statistics.datanalysis.net)' },
  'RAS-FORM': { citation: 'Rathus Assertiveness Schedule forms (reproductions)' },
  'REF-IPC': { citation: 'Overview of interpersonal theory and the IIP (reference.com)' },
  CSIP: { citation: 'Circumplex Scales of Interpersonal Problems, PMC6042649' },
  MARICOPA: { citation: 'Open textbook COM110, section 6.5 (open.maricopa.edu)' },
  OURLIFE: { citation: 'Communication styles article (oureverydaylife.com)' },
  '0685': { citation: 'Passive-aggressive communication article (0685.com)' },
  TRENDS: { citation: 'Assertive communication article (review.trendsmask.com)' },
  POWERMOVES: {
    citation: 'Communication styles article crediting Paterson, The Assertiveness Workbook (2000)',
  },
  'IPTI-QA': { citation: 'IPT Institute, IPT Quality and Adherence Scale' },
  'IPTI-SLIDES': { citation: 'IPT Institute training slides' },
  CSPRS: { citation: 'Amole et al., J Psychother Integr (2017), PMC5718628' },
  'ADH-HIV': { citation: 'Adherence in an HIV IPT trial, PMC3330590' },
  VA: { citation: 'Stewart et al., J Consult Clin Psychol 82:1201 (2014)' },
  GRANT: { citation: 'NIMH grant R01-MH112624' },
  USCORE: {
    citation: 'HL7 US Core Implementation Guide, Observation PHQ-9 panel example (44249-1)',
  },
  LFORMS: { citation: 'LHNCBC lforms-fhir-app PHQ-9 Questionnaire' },
  'LFORMS-EX': { citation: 'PHQ-9 Questionnaire JSON with LOINC answer codes (public repository)' },
  PACIO: { citation: 'HL7 PACIO PFE IG ConceptMap "LOINCtoICFPHQ9"' },
  'PHQ-DD': { citation: 'PHQ-9 data dictionary (public repository)' },
  'PHQ-DE': { citation: 'German PHQ FHIR Shorthand Questionnaire (public repository)' },
  CIRG: { citation: 'CIRG PHQ-9 configuration (public repository)' },
  BHP: { citation: 'FHIR IG alignment note (public repository)' },
  MII: { citation: 'Medizininformatik-Initiative ObservationDefinition "PRO Score GAD-7"' },
  GROVE: { citation: 'Grove HealthKit GAD-7 profile (public repository)' },
  'FHIRQ-TS': {
    citation: 'TypeScript GAD-7 Questionnaire with item LOINC codes (public repository)',
  },
  HEALTHDATA: { citation: 'Mapping-engine test using 69722-7 for GAD-7 (public repository)' },
  CLINOSIM: { citation: 'clinosim LOINC test (public repository)' },
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
 * Tells whether a source reference is one of iptkit's known source keys.
 * @param ref - Any string.
 * @returns `true` if {@link sources} has it.
 * @category Sources
 */
export function isSourceKey(ref: string): ref is SourceKey {
  return Object.hasOwn(sources, ref);
}
