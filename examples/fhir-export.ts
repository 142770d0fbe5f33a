/**
 * A FHIR export: the PHQ-9 and GAD-7 answers of a course as QuestionnaireResponses, their totals
 * as Observations derived from them, and each PHQ-9 item-9 risk flag as a Flag pointing at both,
 * all in one transaction Bundle ready to `POST` to a FHIR R4 server. iptkit builds the resources;
 * the ids, the patient reference and the sending are the app's.
 *
 * Run it with `npx tsx examples/fhir-export.ts` (it prints the Bundle as JSON).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import {
  execute,
  measuresInOrder,
  type Course,
  type CourseCommandInput,
  type CourseState,
  type DeepReadonly,
  type Issue,
} from '../src/index.js';
import { toObservation, toQuestionnaireResponse, toRiskFlag } from '../src/fhir/index.js';

/** Options of {@link exportCourse}. */
export interface ExportOptions {
  /** The patient: `Patient/123`, an absolute URL to one, or the `urn:uuid:` of a Patient entry. */
  readonly subject: string;
  /** Makes the `urn:uuid:` of each new entry (random by default; a test passes its own). */
  readonly newId?: () => string;
}

/** Why a measure could not be exported: its id and the mapping's issues. */
export interface Skipped {
  readonly measureId: string;
  readonly issues: readonly Issue[];
}

/**
 * Builds the transaction Bundle of a course's questionnaires, scores and risk flags. Measures the
 * FHIR mapping does not cover (HAM-D-17) or cannot send (an incomplete total) are skipped and
 * listed, never guessed.
 * @param course - The course.
 * @param options - Subject and id maker.
 * @returns The Bundle and what was skipped.
 */
export function exportCourse(
  course: DeepReadonly<Course>,
  options: ExportOptions,
): { readonly bundle: Bundle; readonly skipped: readonly Skipped[] } {
  const newId = options.newId ?? (() => randomUUID());
  const entries: BundleEntry[] = [];
  const skipped: Skipped[] = [];
  const add = (fullUrl: string, resource: Resource) => {
    entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
  };

  for (const measure of measuresInOrder(course)) {
    const qrUrl = `urn:uuid:${newId()}`;
    const observationUrl = `urn:uuid:${newId()}`;
    const qr = toQuestionnaireResponse(measure, {
      subject: options.subject,
      authored: measure.date,
    });
    const observation = toObservation(measure, {
      subject: options.subject,
      effective: measure.date,
      questionnaireResponse: qrUrl, // the Observation is `derivedFrom` the answers
    });
    if (!qr.ok || !observation.ok) {
      const issues = [qr, observation].flatMap((result) => (result.ok ? [] : result.error.issues));
      skipped.push({ measureId: measure.measureId, issues });
      continue;
    }
    add(qrUrl, structuredClone(qr.value) as Resource);
    add(observationUrl, structuredClone(observation.value) as Resource);

    // Item 9 above 0 raised a flag in the course: `active` while open, `inactive` once a
    // clinician acknowledged it.
    for (const flag of Object.values(course.riskFlags)) {
      if (flag.measureId !== measure.measureId) continue;
      const built = toRiskFlag(flag, { subject: options.subject, detail: [qrUrl, observationUrl] });
      if (built.ok) add(`urn:uuid:${newId()}`, structuredClone(built.value) as Resource);
      else skipped.push({ measureId: measure.measureId, issues: built.error.issues });
    }
  }
  return { bundle: { resourceType: 'Bundle', type: 'transaction', entry: entries }, skipped };
}

/** A short course with a PHQ-9 whose item 9 is above 0, a GAD-7, and a later PHQ-9. */
export function exampleCourse(options: { readonly acknowledge: boolean }): DeepReadonly<Course> {
  const answers = (values: readonly number[]) =>
    Object.fromEntries(values.map((value, index) => [`item${index + 1}`, value]));
  const commands: CourseCommandInput[] = [
    {
      type: 'start-course',
      courseId: 'course-fhir',
      protocol: 'ipt',
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
    { type: 'record-session', sessionId: 's-1', number: 1, date: '2026-03-02', status: 'attended' },
    {
      type: 'record-measure',
      measureId: 'phq-1',
      date: '2026-03-02',
      instrument: 'phq-9',
      responses: { ...answers([2, 2, 1, 2, 1, 1, 1, 0, 1]), difficulty: 2 },
      sessionId: 's-1',
    },
    {
      type: 'record-measure',
      measureId: 'gad-1',
      date: '2026-03-02',
      instrument: 'gad-7',
      responses: answers([1, 2, 1, 1, 0, 2, 1]),
      sessionId: 's-1',
    },
    ...(options.acknowledge
      ? [
          {
            type: 'acknowledge-risk',
            flagId: 'phq-1:suicidalIdeation',
            by: 'clinician-3',
            at: '2026-03-02T11:00:00+01:00',
            action: 'Risk assessed; safety plan agreed.',
          } as const,
        ]
      : []),
    { type: 'record-session', sessionId: 's-2', number: 2, date: '2026-03-09', status: 'attended' },
    {
      type: 'record-measure',
      measureId: 'phq-2',
      date: '2026-03-30',
      instrument: 'phq-9',
      responses: answers([1, 1, 1, 1, 0, 1, 0, 0, 0]),
    },
  ];
  let state: CourseState = null;
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`the example course was refused: ${result.error.code}`);
    state = result.value.state;
  }
  if (state === null) throw new Error('the example course did not start');
  return state;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { bundle, skipped } = exportCourse(exampleCourse({ acknowledge: false }), {
    subject: 'Patient/123',
  });
  console.log(JSON.stringify(bundle, null, 2));
  for (const { measureId, issues } of skipped) {
    console.error(`skipped ${measureId}: ${issues.map((found) => found.code).join(', ')}`);
  }
}
