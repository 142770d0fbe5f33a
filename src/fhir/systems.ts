import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { Instrument } from '../measures/instrument.js';
import { gad7 } from '../measures/gad7.js';
import { difficultyOptions, frequencyOptions, phq9 } from '../measures/phq9.js';

/**
 * The code systems, extensions and other URLs iptkit's FHIR resources use. The `https://iptkit.dev`
 * ones are iptkit's own identifiers for ideas no standard code system covers (severity bands,
 * IPT problem areas and phases, session attendance); they name concepts and need not resolve.
 * @see IPT reference 9 ([USCORE], [MII])
 * @category FHIR
 */
export const fhirSystems = deepFreeze({
  /** LOINC: panel, item, total and answer codes. */
  loinc: 'http://loinc.org',
  /** HL7 observation categories (`survey`). */
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  /** HL7 flag categories (`clinical`). */
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  /** US Core's condition categories (`health-concern`). */
  usCoreConditionCategory: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category',
  /** HL7 v3 ActCode (`AMB`, `VR`) for `Encounter.class`. */
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** HL7 v3 RoleCode (`PRN`, `SIGOTHR`, ...) for `RelatedPerson.relationship`. */
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  /** HL7 plan-definition types (`clinical-protocol`). */
  planDefinitionType: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
  /** UCUM, for session length in minutes. */
  ucum: 'http://unitsofmeasure.org',
  /** The core extension carrying a coded answer's numeric value (valueDecimal). */
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  /** The core extension pointing from a Flag to the record behind it. */
  flagDetail: 'http://hl7.org/fhir/StructureDefinition/flag-detail',
  /** iptkit: severity band of a total (code = band id, such as `moderate`). */
  severityBand: 'https://iptkit.dev/fhir/CodeSystem/severity-band',
  /** iptkit: answers to the "how difficult..." question (no LOINC answer codes in the reference). */
  functionalDifficulty: 'https://iptkit.dev/fhir/CodeSystem/functional-difficulty',
  /** iptkit: the four IPT problem areas. */
  problemArea: 'https://iptkit.dev/fhir/CodeSystem/problem-area',
  /** iptkit: role-dispute stages. */
  disputeStage: 'https://iptkit.dev/fhir/CodeSystem/dispute-stage',
  /** iptkit: phases of a course of IPT. */
  phase: 'https://iptkit.dev/fhir/CodeSystem/ipt-phase',
  /** iptkit: how a session went (attended, missed, cancelled). */
  sessionStatus: 'https://iptkit.dev/fhir/CodeSystem/session-status',
  /** iptkit: risk flags raised by measures. */
  riskFlag: 'https://iptkit.dev/fhir/CodeSystem/risk-flag',
  /**
   * iptkit: what is observed of the interpersonal inventory (`closeness-ring`, the ring a person
   * is placed in, 0 = innermost; `closeness-ring-count`, how many rings the circle has).
   */
  interpersonalInventory: 'https://iptkit.dev/fhir/CodeSystem/interpersonal-inventory',
  /**
   * iptkit: the default base of canonical URLs, for the catalog protocols as PlanDefinitions
   * (`<base>/PlanDefinition/<protocol id>`). Give your own base for your own protocols.
   */
  canonicalBase: 'https://iptkit.dev/fhir',
  /** iptkit extension: the phase of the course (on CarePlan and Encounter), valueCoding. */
  phaseExtension: 'https://iptkit.dev/fhir/StructureDefinition/ipt-phase',
  /** iptkit extension: how the session went (on Encounter), valueCoding. */
  sessionStatusExtension: 'https://iptkit.dev/fhir/StructureDefinition/session-status',
} as const);

/**
 * The instruments the FHIR mapping knows.
 * @category FHIR
 */
export type FhirInstrumentId = 'phq-9' | 'gad-7';

/** One item of a mapped instrument. @internal */
export interface MappedItem {
  readonly id: string;
  readonly loinc: string;
  /** `frequency` items take the LOINC 0-3 answers; `difficulty` is the functional question. */
  readonly kind: 'frequency' | 'difficulty';
  readonly countsTowardTotal: boolean;
  readonly allowed: readonly number[];
}

/** What the mapping knows of one instrument. @internal */
export interface MappedInstrument {
  readonly id: FhirInstrumentId;
  readonly name: string;
  readonly instrument: DeepReadonly<Instrument>;
  readonly panel: string;
  readonly total: string;
  readonly items: readonly MappedItem[];
}

function mapInstrument(
  id: FhirInstrumentId,
  name: string,
  instrument: DeepReadonly<Instrument>,
  panel: string,
  total: string,
): MappedInstrument {
  return {
    id,
    name,
    instrument,
    panel,
    total,
    items: instrument.items.map((item) => ({
      id: item.id,
      // Every built-in PHQ-9 / GAD-7 item has its LOINC code; the tests check it.
      loinc: item.loinc ?? '',
      kind: item.id === 'difficulty' ? 'difficulty' : 'frequency',
      countsTowardTotal: item.countsTowardTotal,
      allowed: item.options.map((option) => option.value),
    })),
  };
}

/**
 * The PHQ-9 and GAD-7 with their LOINC panel, total and item codes. Panel and total codes are
 * never interchanged (invariant 15): the panel names the questionnaire, the total names the score.
 * @see IPT reference 9 and 11, invariant 15 ([USCORE], [PACIO], [MII], [FHIRQ-TS])
 * @internal
 */
export const mappedInstruments: Readonly<Record<FhirInstrumentId, MappedInstrument>> = deepFreeze({
  'phq-9': mapInstrument('phq-9', 'PHQ-9', phq9, '44249-1', '44261-6'),
  'gad-7': mapInstrument('gad-7', 'GAD-7', gad7, '69737-5', '70274-6'),
});

/** Tells whether a value names an instrument the mapping knows. @internal */
export function isFhirInstrumentId(value: unknown): value is FhirInstrumentId {
  return value === 'phq-9' || value === 'gad-7';
}

/** A LOINC answer code with its value and label. @internal */
export interface FrequencyAnswer {
  readonly value: number;
  readonly label: string;
  readonly loinc: string;
}

/**
 * The LOINC answers of the 0-3 frequency scale. LA6568-5 and LA6571-9 were seen in a published
 * Questionnaire; LA6569-3 and LA6570-1 are UNCONFIRMED in the reference.
 * @see IPT reference 9 ([LFORMS-EX])
 * @internal
 */
export const frequencyAnswers: readonly FrequencyAnswer[] = deepFreeze(
  frequencyOptions.map((option) => ({
    value: option.value,
    label: option.label,
    loinc: option.loinc ?? '',
  })),
);

/** An iptkit-coded answer to the functional question. @internal */
export interface DifficultyAnswer {
  readonly value: number;
  readonly label: string;
  readonly code: string;
}

/** The functional question's answers, coded in iptkit's own system (kebab-case of the label). @internal */
export const difficultyAnswers: readonly DifficultyAnswer[] = deepFreeze(
  difficultyOptions.map((option) => ({
    value: option.value,
    label: option.label,
    code: option.label.toLowerCase().replace(/\s+/g, '-'),
  })),
);
