import { beforeAll, describe, expect, test } from 'vitest';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import { scoreInstrument, type Score } from '../measures/instrument.js';
import { scorePhq9 } from '../measures/phq9.js';
import { syntheticCohort } from '../testing/synthetic-cohort.js';
import { toObservation } from './index.js';

const options = {
  id: 'obs-1',
  subject: 'Patient/p-1',
  effective: '2026-03-02T10:00:00+01:00',
  questionnaireResponse: 'QuestionnaireResponse/qr-1',
} as const;

function phq9(answers: Record<string, number>, missing?: 'incomplete' | 'prorate'): Score {
  const result = scorePhq9(
    answers,
    missing === undefined
      ? {}
      : {
          missing:
            missing === 'incomplete' ? { kind: 'incomplete' } : { kind: 'prorate', maxMissing: 2 },
        },
  );
  if (!result.ok) throw new Error('scoring failed');
  return result.value;
}

const moderate = {
  item1: 2,
  item2: 2,
  item3: 1,
  item4: 2,
  item5: 1,
  item6: 1,
  item7: 1,
  item8: 0,
  item9: 1,
};

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toObservation', () => {
  test('[USCORE] [PACIO] a PHQ-9 total is a valid survey Observation on 44261-6 with valueInteger, derivedFrom and the band', () => {
    const result = toObservation(phq9(moderate), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const resource = result.value;
    expect(fhirProblems(resource)).toEqual([]);
    expect(resource.status).toBe('final');
    expect(resource.category).toEqual([
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'survey',
            display: 'Survey',
          },
        ],
      },
    ]);
    expect(resource.code.coding).toEqual([{ system: 'http://loinc.org', code: '44261-6' }]);
    expect(resource.valueInteger).toBe(11);
    expect(resource.effectiveDateTime).toBe(options.effective);
    expect(resource.subject).toEqual({ reference: 'Patient/p-1' });
    expect(resource.derivedFrom).toEqual([{ reference: 'QuestionnaireResponse/qr-1' }]);
    expect(resource.interpretation).toEqual([
      {
        coding: [
          {
            system: 'https://iptkit.dev/fhir/CodeSystem/severity-band',
            code: 'moderate',
            display: 'moderate',
          },
        ],
        text: 'moderate',
      },
    ]);
  });

  test('[MII] [GROVE] a GAD-7 total is on 70274-6, never on the panel code 69737-5 (invariant 15)', () => {
    const scored = scoreInstrument(gad7, {
      item1: 3,
      item2: 3,
      item3: 3,
      item4: 2,
      item5: 2,
      item6: 2,
      item7: 1,
    });
    if (!scored.ok) throw new Error('scoring failed');
    const result = toObservation(scored.value, options);
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.code.coding?.[0]?.code).toBe('70274-6');
    expect(result.value.valueInteger).toBe(16);
    expect(result.value.interpretation?.[0]?.text).toBe('severe');
    const text = JSON.stringify(result.value);
    expect(text).not.toContain('69737-5');
    expect(text).not.toContain('44249-1');
  });

  test('[MII] [CLINOSIM] the PHQ-9 Observation never carries the panel code 44249-1', () => {
    const result = toObservation(phq9(moderate), options);
    if (!result.ok) throw new Error('rejected');
    expect(JSON.stringify(result.value)).not.toContain('44249-1');
  });

  test('without a QuestionnaireResponse reference there is no derivedFrom; an encounter is kept', () => {
    const result = toObservation(phq9(moderate), {
      id: 'obs-2',
      subject: 'Patient/p-1',
      effective: '2026-03-02',
      encounter: 'Encounter/session-3',
    });
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.derivedFrom).toBeUndefined();
    expect(result.value.encounter).toEqual({ reference: 'Encounter/session-3' });
  });

  test('[USCORE] urn:uuid and absolute references (a transaction Bundle, another server) are valid', () => {
    const result = toObservation(phq9(moderate), {
      subject: 'https://fhir.example.org/r4/Patient/p-1/_history/2',
      effective: '2026-03-02',
      questionnaireResponse: 'urn:uuid:5b0d6f0e-2d8c-4a61-a0f4-3f7d8a2c1e55',
    });
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.id).toBeUndefined();
  });

  test('a prorated total says so in a note', () => {
    const { item8: _item8, ...answers } = moderate;
    const result = toObservation(phq9(answers, 'prorate'), options);
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.note?.[0]?.text).toMatch(/prorated: 1 unanswered item /);
  });

  test('rejects an incomplete score (total null) with an issue at the total', () => {
    const { item8: _item8, ...answers } = moderate;
    const result = toObservation(phq9(answers, 'incomplete'), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      expect.objectContaining({ code: 'score-incomplete', path: ['score', 'total'] }),
    ]);
  });

  test('rejects a HAM-D score (not a PHQ-9 or GAD-7)', () => {
    const answers = Object.fromEntries(hamd17.items.map((item) => [item.id, 1]));
    const scored = scoreInstrument(hamd17, answers);
    if (!scored.ok) throw new Error('scoring failed');
    const result = toObservation(scored.value, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual(['unsupported-instrument']);
  });

  test('[KROENKE01] rejects a score whose total is not the sum of its answers (invariant 10)', () => {
    const scored = phq9(moderate);
    const tampered = { ...scored, total: 20 };
    const result = toObservation(tampered, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual(['total-mismatch']);
  });

  test('a course MeasureRecord maps with its stored score; an incomplete record is refused at score.score.total', () => {
    const [course] = syntheticCohort({ seed: 11, size: 1 });
    for (const record of Object.values(course!.state.measures)) {
      const result = toObservation(record, options);
      if (!result.ok) throw new Error('rejected');
      expect(fhirProblems(result.value)).toEqual([]);
      expect(result.value.valueInteger).toBe(record.score.total);
      expect(result.value.interpretation?.[0]?.coding?.[0]?.code).toBe(record.score.band?.id);
    }
    const record = Object.values(course!.state.measures)[0]!;
    const incomplete = {
      ...record,
      score: { ...record.score, total: null, band: null, missingHandling: 'incomplete' as const },
    };
    const result = toObservation(incomplete, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues[0]?.path).toEqual(['score', 'score', 'total']);
  });

  test('refuses bad options (reference of the wrong type, effective time without offset)', () => {
    const result = toObservation(phq9(moderate), {
      ...options,
      questionnaireResponse: 'Observation/1',
      effective: '2026-03-02T10:00',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.path.join('.')).sort()).toEqual([
      'options.effective',
      'options.questionnaireResponse',
    ]);
  });
});
