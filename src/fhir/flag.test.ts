import { beforeAll, describe, expect, test } from 'vitest';
import {
  DAY0,
  MARKER,
  executeAll,
  recordPhq9,
  session,
  startIpt,
  started,
} from '../../test/support/course-arbitraries.js';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import { openRiskFlags, type RiskFlag } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { scorePhq9 } from '../measures/phq9.js';
import { toRiskFlag } from './index.js';

const options = { id: 'flag-1', subject: 'Patient/p-1' } as const;

/** PHQ-9 answers with items 1-9 all at `value`. */
function nine(value: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: 9 }, (_, index) => [`item${index + 1}`, value]));
}

function openFlag(): DeepReadonly<RiskFlag> {
  const course = started(executeAll([startIpt(), session(1), recordPhq9('m1', DAY0, 2)]));
  const [flag] = openRiskFlags(course);
  if (flag === undefined) throw new Error('no flag');
  return flag;
}

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toRiskFlag', () => {
  test('[CALC] an open PHQ-9 item-9 flag is an active, valid Flag coded "PHQ-9 item 9 above 0"', () => {
    const result = toRiskFlag(openFlag(), {
      ...options,
      detail: ['QuestionnaireResponse/qr-1', 'Observation/obs-1'],
      encounter: 'Encounter/s-1',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const resource = result.value;
    expect(fhirProblems(resource)).toEqual([]);
    expect(resource.status).toBe('active');
    expect(resource.category).toEqual([
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/flag-category',
            code: 'clinical',
            display: 'Clinical',
          },
        ],
      },
    ]);
    expect(resource.code.text).toBe('PHQ-9 item 9 above 0');
    expect(resource.subject).toEqual({ reference: 'Patient/p-1' });
    expect(resource.period).toEqual({ start: DAY0 });
    expect(resource.encounter).toEqual({ reference: 'Encounter/s-1' });
    expect(resource.extension).toEqual([
      {
        url: 'http://hl7.org/fhir/StructureDefinition/flag-detail',
        valueReference: { reference: 'QuestionnaireResponse/qr-1' },
      },
      {
        url: 'http://hl7.org/fhir/StructureDefinition/flag-detail',
        valueReference: { reference: 'Observation/obs-1' },
      },
    ]);
  });

  test('[CALC] once acknowledged the Flag is inactive, ends at the acknowledgement, and leaves out who and what', () => {
    const course = started(
      executeAll([
        startIpt(),
        session(1),
        recordPhq9('m1', DAY0, 1),
        {
          type: 'acknowledge-risk',
          flagId: 'm1:suicidalIdeation',
          by: 'clinician-7',
          at: `${DAY0}T15:00:00+01:00`,
          action: `${MARKER} safety plan`,
        },
      ]),
    );
    const flag = course.riskFlags['m1:suicidalIdeation']!;
    const result = toRiskFlag(flag, options);
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.status).toBe('inactive');
    expect(result.value.period).toEqual({ start: DAY0, end: `${DAY0}T15:00:00+01:00` });
    const text = JSON.stringify(result.value);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('clinician-7');
    expect(result.value.extension).toBeUndefined();
  });

  test('[CALC] a PHQ-9 score with item 9 above 0 gives an active Flag raised on options.raisedOn (no id: server-assigned)', () => {
    const scored = scorePhq9({ ...nine(0), item9: 1 });
    if (!scored.ok) throw new Error('scoring failed');
    const result = toRiskFlag(scored.value, { subject: 'Patient/p-1', raisedOn: DAY0 });
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.id).toBeUndefined();
    expect(result.value.status).toBe('active');
    expect(result.value.period).toEqual({ start: DAY0 });
  });

  test('[CALC] a PHQ-9 score without the flag, without raisedOn, or a GAD-7 score gives issues', () => {
    const calm = scorePhq9({ ...nine(1), item9: 0 });
    if (!calm.ok) throw new Error('scoring failed');
    const result = toRiskFlag(calm.value, { subject: 'Patient/p-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual([
      'no-risk-flag',
      'raised-on-required',
    ]);
    const gad = { ...calm.value, instrument: { id: 'gad-7', version: '1.0.0' } };
    const other = toRiskFlag(gad, { subject: 'Patient/p-1', raisedOn: DAY0 });
    expect(other.ok).toBe(false);
    if (!other.ok)
      expect(other.error.issues.map((found) => found.code)).toEqual(['unsupported-instrument']);
  });

  test('refuses a flag other than the PHQ-9 item-9 flag', () => {
    const flag = { ...openFlag(), flag: 'somethingElse' };
    const result = toRiskFlag(flag, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual(['unsupported-flag']);
  });

  test('refuses a malformed flag and bad options, with paths', () => {
    const result = toRiskFlag({ raisedOn: 'yesterday' } as unknown as RiskFlag, {
      id: 'phq-1:suicidalIdeation',
      subject: 'Patient/p 1',
      detail: ['Encounter/e-1'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((found) => found.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'flag.flag',
        'flag.raisedOn',
        'options.id',
        'options.subject',
        'options.detail.0',
      ]),
    );
  });
});
