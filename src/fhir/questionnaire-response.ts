import type { Coding, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { readScore, type ReadScore, type ScoreInput } from './score-input.js';
import {
  Canonical,
  FhirDateTime,
  FhirId,
  PatientReference,
  guarded,
  parseOptions,
  referenceTo,
} from './shared.js';
import { difficultyAnswers, fhirSystems, frequencyAnswers, type MappedItem } from './systems.js';

/**
 * Options of {@link toQuestionnaireResponse}. Ids, references and times come from the caller.
 * @category FHIR
 */
export const QuestionnaireResponseOptions = z.strictObject({
  /** The resource id; leave it out when the server assigns ids (a transaction `POST`). */
  id: FhirId.optional(),
  /** The patient (`Patient/123`, an absolute URL to one, or a `urn:uuid:`). */
  subject: PatientReference,
  /** When the answers were given: a date or a date-time with an offset. */
  authored: FhirDateTime,
  /** The canonical URL of the Questionnaire answered (for example your server's copy). */
  questionnaire: Canonical.optional(),
  /** The encounter (session) the questionnaire was answered in. */
  encounter: referenceTo(['Encounter']).optional(),
});
/** @category FHIR */
export type QuestionnaireResponseOptions = z.input<typeof QuestionnaireResponseOptions>;

function ordinal(value: number) {
  return [{ url: fhirSystems.ordinalValue, valueDecimal: value }];
}

/** The coded answer of one item. */
function answerCoding(item: MappedItem, value: number): Coding {
  if (item.kind === 'frequency') {
    const answer = frequencyAnswers.find((candidate) => candidate.value === value);
    return {
      system: fhirSystems.loinc,
      code: answer?.loinc ?? '',
      display: answer?.label ?? '',
      extension: ordinal(value),
    };
  }
  const answer = difficultyAnswers.find((candidate) => candidate.value === value);
  return {
    system: fhirSystems.functionalDifficulty,
    code: answer?.code ?? '',
    display: answer?.label ?? '',
    extension: ordinal(value),
  };
}

/** Builds the resource from a checked score and options. @internal */
export function buildQuestionnaireResponse(
  score: ReadScore,
  options: z.output<typeof QuestionnaireResponseOptions>,
): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = [];
  for (const item of score.instrument.items) {
    const value = score.responses[item.id];
    if (value === undefined) continue;
    items.push({ linkId: item.loinc, answer: [{ valueCoding: answerCoding(item, value) }] });
  }
  const resource: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    ...(options.id === undefined ? {} : { id: options.id }),
    meta: {
      tag: [
        // No display: the reference gives LOINC's display name for 44249-1 only.
        { system: fhirSystems.loinc, code: score.instrument.panel },
      ],
    },
    status: 'completed',
    subject: { reference: options.subject },
    authored: options.authored,
  };
  if (options.questionnaire !== undefined) resource.questionnaire = options.questionnaire;
  if (options.encounter !== undefined) resource.encounter = { reference: options.encounter };
  if (items.length > 0) resource.item = items;
  return resource;
}

/**
 * Turns a scored PHQ-9 or GAD-7 into a FHIR R4 QuestionnaireResponse. Each answered item is one
 * `item` whose `linkId` is the item's LOINC code (PHQ-9 44250-9 ... 44260-8; GAD-7 69725-0 ...
 * 69736-7; the functional question 69722-7); unanswered items are left out. Answers are
 * `valueCoding`s with the LOINC answer codes of the 0-3 scale (LA6568-5 "Not at all",
 * LA6569-3 "Several days", LA6570-1 "More than half the days", LA6571-9 "Nearly every day"), each
 * carrying its value in the `ordinalValue` extension. The reference has seen LA6568-5 and
 * LA6571-9 in a published Questionnaire but marks **LA6569-3 and LA6570-1 UNCONFIRMED**: check
 * them against LOINC before relying on them. The functional question has no LOINC answer codes in
 * the reference, so its answers use iptkit's `functional-difficulty` code system (with
 * `ordinalValue` too).
 *
 * The panel code (44249-1 PHQ-9, 69737-5 GAD-7) is a LOINC `meta.tag`; `questionnaire` is set only
 * when the caller gives a canonical URL. The total is not in the response: it goes on the
 * Observation ({@link toObservation}). GAD-7 item codes come from a single source and are marked
 * UNCONFIRMED in the reference ([FHIRQ-TS]).
 * @param score - A score from `scoreInstrument(phq9 | gad7, ...)` or `scorePhq9`, or a course's
 * `MeasureRecord`.
 * @param options - Id, subject, authored time and optional questionnaire canonical.
 * @returns The frozen resource, or a {@link ValidationError} (another instrument, answers the
 * instrument does not allow, bad options).
 * @example
 * ```ts
 * const score = scorePhq9({ item1: 1, item2: 2, item3: 0, item4: 1, item5: 0, item6: 1, item7: 0, item8: 0, item9: 0 });
 * if (score.ok) {
 *   const qr = toQuestionnaireResponse(score.value, {
 *     id: 'phq9-2026-03-02', subject: 'Patient/123', authored: '2026-03-02T10:00:00+01:00',
 *   });
 * }
 * ```
 * @see IPT reference 9 ([USCORE], [LFORMS-EX], [PACIO], [PHQ-DD], [FHIRQ-TS])
 * @category FHIR
 */
export function toQuestionnaireResponse(
  score: ScoreInput,
  options: QuestionnaireResponseOptions,
): Result<DeepReadonly<QuestionnaireResponse>, ValidationError> {
  return guarded(() => {
    const issues: Issue[] = [];
    const read = readScore(score, issues);
    const parsed = parseOptions(QuestionnaireResponseOptions, options);
    if (!parsed.ok) issues.push(...parsed.error.issues);
    if (read === undefined || !parsed.ok) return err(validationError(issues));
    return ok(buildQuestionnaireResponse(read, parsed.value));
  });
}
