import { beforeAll, describe, expect, test } from 'vitest';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import { MARKER } from '../../test/support/course-arbitraries.js';
import { deepFreeze } from '../internal/deep-freeze.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import { scoreInstrument, type Score } from '../measures/instrument.js';
import { scorePhq9, type Phq9Score } from '../measures/phq9.js';
import { syntheticCohort } from '../testing/synthetic-cohort.js';
import { toQuestionnaireResponse } from './index.js';

const PHQ9_ITEM_CODES = [
  '44250-9',
  '44255-8',
  '44259-0',
  '44254-1',
  '44251-7',
  '44258-2',
  '44252-5',
  '44253-3',
  '44260-8',
];
const GAD7_ITEM_CODES = [
  '69725-0',
  '68509-9',
  '69733-4',
  '69734-2',
  '69735-9',
  '69689-6',
  '69736-7',
];
const ANSWER_CODES = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

const options = {
  id: 'qr-1',
  subject: 'Patient/p-1',
  authored: '2026-03-02T10:00:00+01:00',
} as const;

function phq9Score(answers: Record<string, number>): Phq9Score {
  const result = scorePhq9(answers);
  if (!result.ok) throw new Error('scoring failed');
  return result.value;
}

function gad7Score(answers: Record<string, number>): Score {
  const result = scoreInstrument(gad7, answers);
  if (!result.ok) throw new Error('scoring failed');
  return result.value;
}

const phq9Answers = {
  item1: 0,
  item2: 1,
  item3: 2,
  item4: 3,
  item5: 0,
  item6: 1,
  item7: 2,
  item8: 3,
  item9: 1,
  difficulty: 2,
};

interface Item {
  linkId: string;
  answer?: {
    valueCoding?: {
      system?: string;
      code?: string;
      extension?: { url: string; valueDecimal?: number }[];
    };
  }[];
}

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toQuestionnaireResponse', () => {
  test('[USCORE] [PACIO] a PHQ-9 becomes a valid R4 QuestionnaireResponse with LOINC item codes as link ids and the 44249-1 panel tag', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const resource = result.value;
    expect(fhirProblems(resource)).toEqual([]);
    expect(resource.resourceType).toBe('QuestionnaireResponse');
    expect(resource.id).toBe('qr-1');
    expect(resource.status).toBe('completed');
    expect(resource.subject).toEqual({ reference: 'Patient/p-1' });
    expect(resource.authored).toBe(options.authored);
    expect(resource.meta?.tag).toEqual([{ system: 'http://loinc.org', code: '44249-1' }]);
    expect(resource.questionnaire).toBeUndefined();
    const linkIds = (resource.item ?? []).map((item) => item.linkId);
    expect(linkIds).toEqual([...PHQ9_ITEM_CODES, '69722-7']);
  });

  test('[LFORMS-EX] answers 0-3 are LOINC answer codings LA6568-5, LA6569-3, LA6570-1, LA6571-9 with an ordinalValue', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), options);
    if (!result.ok) throw new Error('rejected');
    const items = result.value.item as readonly Item[];
    items.slice(0, 9).forEach((item, index) => {
      const value = Object.values(phq9Answers)[index]!;
      expect(item.answer).toHaveLength(1);
      const coding = item.answer![0]!.valueCoding!;
      expect(coding.system).toBe('http://loinc.org');
      expect(coding.code).toBe(ANSWER_CODES[value]);
      expect(coding.extension).toEqual([{ url: ORDINAL, valueDecimal: value }]);
    });
  });

  test('[PHQ-FORM] the functional question (69722-7) is coded in iptkit’s own system, never with a frequency code', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), options);
    if (!result.ok) throw new Error('rejected');
    const difficulty = (result.value.item as readonly Item[]).find(
      (item) => item.linkId === '69722-7',
    );
    const coding = difficulty?.answer?.[0]?.valueCoding;
    expect(coding?.system).toBe('https://iptkit.dev/fhir/CodeSystem/functional-difficulty');
    expect(coding?.code).toBe('very-difficult');
    expect(coding?.extension).toEqual([{ url: ORDINAL, valueDecimal: 2 }]);
  });

  test('[MII] [FHIRQ-TS] a GAD-7 carries the 69737-5 panel tag and its seven item codes', () => {
    const result = toQuestionnaireResponse(
      gad7Score({ item1: 3, item2: 2, item3: 1, item4: 0, item5: 1, item6: 2, item7: 3 }),
      { ...options, questionnaire: 'http://loinc.org/q/69737-5', encounter: 'Encounter/e-1' },
    );
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.meta?.tag?.[0]?.code).toBe('69737-5');
    expect(result.value.questionnaire).toBe('http://loinc.org/q/69737-5');
    expect(result.value.encounter).toEqual({ reference: 'Encounter/e-1' });
    expect((result.value.item ?? []).map((item) => item.linkId)).toEqual(GAD7_ITEM_CODES);
  });

  test('[USCORE] the total never appears in the response (it goes on the Observation)', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), options);
    if (!result.ok) throw new Error('rejected');
    const text = JSON.stringify(result.value);
    expect(text).not.toContain('44261-6');
    expect(text).not.toContain('"valueInteger"');
  });

  test('an incomplete score leaves the unanswered items out and is still valid', () => {
    const scored = scorePhq9({ item1: 1, item2: 1, item9: 0 }, { missing: { kind: 'incomplete' } });
    if (!scored.ok) throw new Error('scoring failed');
    const result = toQuestionnaireResponse(scored.value, options);
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect((result.value.item ?? []).map((item) => item.linkId)).toEqual([
      '44250-9',
      '44255-8',
      '44260-8',
    ]);
  });

  test('a course MeasureRecord (synthetic cohort) maps like a score', () => {
    const [course] = syntheticCohort({ seed: 7, size: 1 });
    const records = Object.values(course!.state.measures);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const result = toQuestionnaireResponse(record, options);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(fhirProblems(result.value)).toEqual([]);
      expect(result.value.item).toHaveLength(9);
    }
  });

  test('returns a frozen resource and does not change its input', () => {
    const score = deepFreeze(structuredClone(phq9Score(phq9Answers)));
    const before = structuredClone(score);
    const result = toQuestionnaireResponse(score, options);
    if (!result.ok) throw new Error('rejected');
    expect(score).toEqual(before);
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.value.item?.[0]?.answer?.[0]?.valueCoding)).toBe(true);
  });

  test('refuses an instrument other than the PHQ-9 and GAD-7', () => {
    const answers = Object.fromEntries(hamd17.items.map((item) => [item.id, 0]));
    const scored = scoreInstrument(hamd17, answers);
    if (!scored.ok) throw new Error('scoring failed');
    const result = toQuestionnaireResponse(scored.value, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      expect.objectContaining({
        code: 'unsupported-instrument',
        path: ['score', 'instrument', 'id'],
      }),
    ]);
  });

  test('refuses answers the instrument does not allow and unknown answer keys, without quoting them', () => {
    const score = { ...phq9Score(phq9Answers) };
    const tampered = {
      ...score,
      responses: { ...score.responses, item3: 7, [MARKER]: 1 },
      total: 12,
    } as unknown as Score;
    const result = toQuestionnaireResponse(tampered, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const codes = result.error.issues.map((found) => found.code);
    expect(codes).toContain('invalid-answer');
    expect(codes).toContain('unknown-items');
    expect(JSON.stringify(result.error)).not.toContain(MARKER);
  });

  test('refuses bad options with paths under options', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), {
      id: 'has:colon',
      subject: 'Observation/1',
      authored: '2026-03-02T10:00:00',
      questionnaire: 'not a url',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((found) => found.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'options.id',
        'options.subject',
        'options.authored',
        'options.questionnaire',
      ]),
    );
  });

  test('accepts a urn:uuid subject, a date-only authored time and no id (server-assigned)', () => {
    const result = toQuestionnaireResponse(phq9Score(phq9Answers), {
      subject: 'urn:uuid:6a1f1a4e-1c3b-4b8a-9a55-0f3c2f1e9b21',
      authored: '2026-03-02',
    });
    if (!result.ok) throw new Error('rejected');
    expect(fhirProblems(result.value)).toEqual([]);
    expect(result.value.id).toBeUndefined();
  });
});
