import type { Flag, Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, test } from 'vitest';
import { fhirProblems, loadFhirDefinitions } from '../test/support/fhir-validator.js';
import { exampleCourse, exportCourse } from './fhir-export.js';

/** Deterministic `urn:uuid:` values for the test. */
function counter(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
  };
}

function resources<TResource>(bundle: { entry?: { resource?: unknown }[] }, type: string) {
  return (bundle.entry ?? [])
    .map((entry) => entry.resource as { resourceType: string })
    .filter((resource) => resource.resourceType === type) as TResource[];
}

describe('examples/fhir-export', () => {
  beforeAll(() => {
    loadFhirDefinitions();
  }, 60_000);

  const open = exportCourse(exampleCourse({ acknowledge: false }), {
    subject: 'Patient/123',
    newId: counter(),
  });

  test('one QuestionnaireResponse and one Observation per PHQ-9 and GAD-7, one Flag for item 9', () => {
    expect(open.skipped).toEqual([]);
    expect(open.bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(open.bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual([
      'QuestionnaireResponse',
      'Observation',
      'Flag',
      'QuestionnaireResponse',
      'Observation',
      'QuestionnaireResponse',
      'Observation',
    ]);
    for (const entry of open.bundle.entry ?? []) {
      expect(entry.request).toEqual({ method: 'POST', url: entry.resource?.resourceType });
      expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    }
  });

  test('every resource and the Bundle are valid FHIR R4', () => {
    expect(fhirProblems(open.bundle)).toEqual([]);
    for (const entry of open.bundle.entry ?? []) expect(fhirProblems(entry.resource)).toEqual([]);
  });

  test('totals sit on the LOINC score codes, derived from their answers (44261-6, 70274-6) [MII]', () => {
    const [qr] = resources<QuestionnaireResponse>(open.bundle, 'QuestionnaireResponse');
    const observations = resources<Observation>(open.bundle, 'Observation');
    expect(qr?.meta?.tag?.[0]?.code).toBe('44249-1');
    expect(observations.map((found) => found.code.coding?.[0]?.code)).toEqual([
      '44261-6',
      '70274-6',
      '44261-6',
    ]);
    // PHQ-9 2+2+1+2+1+1+1+0+1 = 11, moderate; GAD-7 1+2+1+1+0+2+1 = 8, mild [KROENKE01]
    expect(observations.map((found) => found.valueInteger)).toEqual([11, 8, 5]);
    expect(observations[0]?.interpretation?.[0]?.text).toBe('moderate');
    const urls = (open.bundle.entry ?? []).map((entry) => entry.fullUrl);
    expect(observations[0]?.derivedFrom).toEqual([{ reference: urls[0] }]);
    expect(observations[1]?.derivedFrom).toEqual([{ reference: urls[3] }]);
  });

  test('the flag is active while open and inactive once acknowledged, pointing at its records [CALC]', () => {
    const [flag] = resources<Flag>(open.bundle, 'Flag');
    expect(flag?.status).toBe('active');
    expect(flag?.code.text).toBe('PHQ-9 item 9 above 0');
    const urls = (open.bundle.entry ?? []).map((entry) => entry.fullUrl);
    expect(flag?.extension?.map((extension) => extension.valueReference?.reference)).toEqual([
      urls[0],
      urls[1],
    ]);

    const acknowledged = exportCourse(exampleCourse({ acknowledge: true }), {
      subject: 'Patient/123',
      newId: counter(),
    });
    const [closed] = resources<Flag>(acknowledged.bundle, 'Flag');
    expect(closed?.status).toBe('inactive');
    expect(closed?.period).toEqual({ start: '2026-03-02', end: '2026-03-02T11:00:00+01:00' });
    expect(fhirProblems(closed)).toEqual([]);
  });

  test('no name or free text leaves iptkit: the acknowledgement text is not in the Bundle', () => {
    const acknowledged = exportCourse(exampleCourse({ acknowledge: true }), {
      subject: 'Patient/123',
      newId: counter(),
    });
    const text = JSON.stringify(acknowledged.bundle);
    expect(text).not.toContain('safety plan');
    expect(text).not.toContain('clinician-3');
  });

  test('a bad subject is reported for each measure, not guessed', () => {
    const result = exportCourse(exampleCourse({ acknowledge: false }), {
      subject: 'Practitioner/1',
      newId: counter(),
    });
    expect(result.bundle.entry).toEqual([]);
    expect(result.skipped.map((found) => found.measureId)).toEqual(['phq-1', 'gad-1', 'phq-2']);
    expect(result.skipped[0]?.issues[0]?.path).toEqual(['options', 'subject']);
  });
});
