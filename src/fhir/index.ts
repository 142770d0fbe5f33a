/**
 * iptkit's FHIR R4 mapping (entry `iptkit/fhir`): PHQ-9 / GAD-7 answers as QuestionnaireResponse
 * and back, totals as Observations, the item-9 risk flag as a Flag, a course as CarePlan,
 * EpisodeOfCare, Encounters, Conditions and Goals, a protocol as a PlanDefinition, and the
 * inventory's people as RelatedPersons with their closeness rings as Observations. Pure functions:
 * no I/O, no clock.
 * @packageDocumentation
 */
export { toQuestionnaireResponse, QuestionnaireResponseOptions } from './questionnaire-response.js';
export { toObservation, ObservationOptions } from './observation.js';
export { toRiskFlag, RiskFlagOptions, type RiskFlagInput } from './flag.js';
export { toCarePlan, CarePlanOptions, type CarePlanResources } from './care-plan.js';
export { toPlanDefinition, PlanDefinitionOptions } from './plan-definition.js';
export {
  toRelatedPersons,
  RelatedPersonOptions,
  type RelatedPersonResources,
} from './related-person.js';
export {
  fromQuestionnaireResponse,
  FromQuestionnaireResponseOptions,
  type ReadQuestionnaireResponse,
} from './read-questionnaire-response.js';
export type { ScoreInput } from './score-input.js';
export { fhirSystems, type FhirInstrumentId } from './systems.js';
export type { Result, Ok, Err } from '../internal/result.js';
export type { Issue, IssuePath, ValidationError } from '../internal/issues.js';
