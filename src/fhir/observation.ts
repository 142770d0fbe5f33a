import type { Observation } from '@medplum/fhirtypes';
import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { readScore, type ReadScore, type ScoreInput } from './score-input.js';
import {
  FhirDateTime,
  FhirId,
  PatientReference,
  guarded,
  parseOptions,
  referenceTo,
} from './shared.js';
import { fhirSystems } from './systems.js';

/**
 * Options of {@link toObservation}. Ids, references and times come from the caller.
 * @category FHIR
 */
export const ObservationOptions = z.strictObject({
  /** The resource id; leave it out when the server assigns ids (a transaction `POST`). */
  id: FhirId.optional(),
  /** The patient (`Patient/123`, an absolute URL to one, or a `urn:uuid:`). */
  subject: PatientReference,
  /** When the questionnaire was answered: a date or a date-time with an offset. */
  effective: FhirDateTime,
  /** The QuestionnaireResponse the total was computed from (becomes `derivedFrom`). */
  questionnaireResponse: referenceTo(['QuestionnaireResponse']).optional(),
  /** The encounter (session) the questionnaire was answered in. */
  encounter: referenceTo(['Encounter']).optional(),
});
/** @category FHIR */
export type ObservationOptions = z.input<typeof ObservationOptions>;

/** Builds the resource from a checked, complete score and options. @internal */
export function buildObservation(
  score: ReadScore & { readonly total: number },
  options: z.output<typeof ObservationOptions>,
): Observation {
  const { instrument } = score;
  const resource: Observation = {
    resourceType: 'Observation',
    ...(options.id === undefined ? {} : { id: options.id }),
    status: 'final',
    category: [
      {
        coding: [{ system: fhirSystems.observationCategory, code: 'survey', display: 'Survey' }],
      },
    ],
    code: {
      coding: [{ system: fhirSystems.loinc, code: instrument.total }],
      text: `${instrument.name} total score`,
    },
    subject: { reference: options.subject },
    effectiveDateTime: options.effective,
    valueInteger: score.total,
  };
  if (options.encounter !== undefined) resource.encounter = { reference: options.encounter };
  if (score.band !== null) {
    resource.interpretation = [
      {
        coding: [
          { system: fhirSystems.severityBand, code: score.band.id, display: score.band.label },
        ],
        text: score.band.label,
      },
    ];
  }
  if (score.missingHandling === 'prorated') {
    const count = score.missing.length;
    resource.note = [
      {
        text: `Total prorated: ${count} unanswered item${count === 1 ? '' : 's'} filled with the mean of the answered items.`,
      },
    ];
  }
  if (options.questionnaireResponse !== undefined) {
    resource.derivedFrom = [{ reference: options.questionnaireResponse }];
  }
  return resource;
}

/**
 * Turns a scored PHQ-9 or GAD-7 into a FHIR R4 Observation of its total: `code` is the LOINC
 * **score** code (44261-6 PHQ-9, 70274-6 GAD-7), never the panel code (44249-1 / 69737-5);
 * `category` is `survey`; `valueInteger` is the total; `interpretation` is the severity band
 * (iptkit's `severity-band` code system, code = band id, text = band label); `derivedFrom` points
 * to the QuestionnaireResponse when its reference is given; `effectiveDateTime` comes from the
 * options. A prorated total says so in a `note`.
 * @param score - A score from `scoreInstrument(phq9 | gad7, ...)` or `scorePhq9`, or a course's
 * `MeasureRecord`.
 * @param options - Id, subject, effective time, and the QuestionnaireResponse's reference.
 * @returns The frozen resource, or a {@link ValidationError}: `score-incomplete` when the total is
 * `null`, `unsupported-instrument` for anything but the PHQ-9 and GAD-7, bad options.
 * @see IPT reference 9 and 11, invariant 15 ([USCORE], [MII], [PACIO], [CLINOSIM])
 * @category FHIR
 */
export function toObservation(
  score: ScoreInput,
  options: ObservationOptions,
): Result<DeepReadonly<Observation>, ValidationError> {
  return guarded(() => {
    const issues: Issue[] = [];
    const read = readScore(score, issues);
    if (read?.total === null) {
      issues.push(
        issue(
          'score-incomplete',
          read.totalPath,
          'has no total (items are missing): an incomplete score cannot be an Observation',
        ),
      );
    }
    const parsed = parseOptions(ObservationOptions, options);
    if (!parsed.ok) issues.push(...parsed.error.issues);
    if (read === undefined || read.total === null || !parsed.ok) {
      return err(validationError(issues));
    }
    return ok(buildObservation({ ...read, total: read.total }, parsed.value));
  });
}
