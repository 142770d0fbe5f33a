import type { Flag } from '@medplum/fhirtypes';
import * as z from 'zod';
import type { RiskFlag } from '../course/state.js';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Phq9Score } from '../measures/phq9.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import {
  FhirId,
  PatientReference,
  guarded,
  isRecord,
  own,
  parseOptions,
  referenceTo,
} from './shared.js';
import { fhirSystems } from './systems.js';

/**
 * Options of {@link toRiskFlag}. Ids and references come from the caller.
 * @category FHIR
 */
export const RiskFlagOptions = z.strictObject({
  /**
   * The resource id; leave it out when the server assigns ids (a course flag id such as
   * `phq-3:suicidalIdeation` is not a FHIR id).
   */
  id: FhirId.optional(),
  /** The patient (`Patient/123`, an absolute URL to one, or a `urn:uuid:`). */
  subject: PatientReference,
  /**
   * The records behind the flag, usually the PHQ-9's QuestionnaireResponse and Observation; each
   * becomes a `flag-detail` extension.
   */
  detail: z
    .array(referenceTo(['QuestionnaireResponse', 'Observation']))
    .max(10)
    .optional(),
  /** The encounter (session) in which the flag was raised. */
  encounter: referenceTo(['Encounter']).optional(),
  /** The day the flag was raised: required for a PHQ-9 score, ignored for a course flag. */
  raisedOn: IsoDate.optional(),
});
/** @category FHIR */
export type RiskFlagOptions = z.input<typeof RiskFlagOptions>;

/**
 * What {@link toRiskFlag} accepts: a course's risk flag, or a PHQ-9 score whose
 * `flags.suicidalIdeation` is true.
 * @category FHIR
 */
export type RiskFlagInput = DeepReadonly<RiskFlag> | Phq9Score;

/** What the mapping reads of a course risk flag. */
const FlagShape = z.object({
  flag: z.string(),
  raisedOn: IsoDate,
  acknowledged: z.object({ at: IsoDateTime }).nullable(),
});

/** The text of the flag's code. */
export const RISK_FLAG_TEXT = 'PHQ-9 item 9 above 0';

/**
 * Turns a course's PHQ-9 item-9 risk flag into a FHIR R4 Flag: `status` is `active` while the flag
 * is open and `inactive` once it has been acknowledged; `period` runs from the day it was raised to
 * the acknowledgement time. `category` is HL7 `clinical` ("flags related to the subject's clinical
 * data": the flag comes from a screening answer; `safety` is for safety precautions, which the
 * flag does not itself say). `code` has the text "PHQ-9 item 9 above 0" and iptkit's `risk-flag`
 * code `phq-9-item-9-above-0`. The QuestionnaireResponse and Observation behind it, when their
 * references are given, become core `flag-detail` extensions. Who acknowledged it and what was
 * done stay out (the action is the clinician's free text).
 * @param flag - A risk flag of the course (`course.riskFlags[id]` or one of `openRiskFlags`), or a
 * `Phq9Score` whose `flags.suicidalIdeation` is true (then `options.raisedOn` is required and the
 * Flag is `active`).
 * @param options - Id, subject, the references of the records behind the flag, and `raisedOn`
 * for a score.
 * @returns The frozen Flag, or a {@link ValidationError} (not a PHQ-9 item-9 flag, bad options).
 * @see IPT reference 7.1 and 11, invariant 10 ([CALC], [KROENKE01])
 * @category FHIR
 */
export function toRiskFlag(
  flag: RiskFlagInput,
  options: RiskFlagOptions,
): Result<DeepReadonly<Flag>, ValidationError> {
  return guarded(() => {
    const issues: Issue[] = [];
    const parsed = parseOptions(RiskFlagOptions, options);
    if (!parsed.ok) issues.push(...parsed.error.issues);
    const read = readFlag(flag, parsed.ok ? parsed.value.raisedOn : undefined, issues);
    if (read === undefined || !parsed.ok || issues.length > 0) return err(validationError(issues));

    const { acknowledged, raisedOn } = read;
    const resource: Flag = {
      resourceType: 'Flag',
      ...(parsed.value.id === undefined ? {} : { id: parsed.value.id }),
      status: acknowledged === null ? 'active' : 'inactive',
      category: [
        { coding: [{ system: fhirSystems.flagCategory, code: 'clinical', display: 'Clinical' }] },
      ],
      code: {
        coding: [
          { system: fhirSystems.riskFlag, code: 'phq-9-item-9-above-0', display: RISK_FLAG_TEXT },
        ],
        text: RISK_FLAG_TEXT,
      },
      subject: { reference: parsed.value.subject },
      period:
        acknowledged === null ? { start: raisedOn } : { start: raisedOn, end: acknowledged.at },
    };
    const detail = parsed.value.detail ?? [];
    if (detail.length > 0) {
      resource.extension = detail.map((reference) => ({
        url: fhirSystems.flagDetail,
        valueReference: { reference },
      }));
    }
    if (parsed.value.encounter !== undefined) {
      resource.encounter = { reference: parsed.value.encounter };
    }
    return ok(resource);
  });
}

/** Reads a course flag, or a PHQ-9 score with its item-9 flag raised on `raisedOn`. */
function readFlag(
  input: unknown,
  raisedOn: string | undefined,
  issues: Issue[],
): { raisedOn: string; acknowledged: { at: string } | null } | undefined {
  const instrument = isRecord(input) ? own(input, 'instrument') : undefined;
  if (isRecord(input) && isRecord(instrument)) {
    const flags = own(input, 'flags');
    if (own(instrument, 'id') !== 'phq-9') {
      issues.push(
        issue('unsupported-instrument', ['flag', 'instrument', 'id'], 'must be the PHQ-9'),
      );
    } else if (!isRecord(flags) || own(flags, 'suicidalIdeation') !== true) {
      issues.push(
        issue(
          'no-risk-flag',
          ['flag', 'flags', 'suicidalIdeation'],
          'is not raised (item 9 is 0): there is no flag to send',
        ),
      );
    }
    if (raisedOn === undefined) {
      issues.push(
        issue('raised-on-required', ['options', 'raisedOn'], 'is required to send a score’s flag'),
      );
      return undefined;
    }
    return { raisedOn, acknowledged: null };
  }
  const read = FlagShape.safeParse(input, { reportInput: false });
  if (!read.success) {
    issues.push(...issuesFromZod(read.error, ['flag']));
    return undefined;
  }
  if (read.data.flag !== 'suicidalIdeation') {
    issues.push(
      issue(
        'unsupported-flag',
        ['flag', 'flag'],
        'must be the PHQ-9 item-9 flag (suicidalIdeation)',
      ),
    );
  }
  return read.data;
}
