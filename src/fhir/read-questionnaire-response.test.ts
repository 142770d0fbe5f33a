import { describe, expect, test } from 'vitest';
import { MARKER } from '../../test/support/course-arbitraries.js';
import { scorePhq9 } from '../measures/phq9.js';
import { fromQuestionnaireResponse, toQuestionnaireResponse } from './index.js';

const LOINC = 'http://loinc.org';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const PHQ9_ITEMS = [
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
const GAD7_ITEMS = ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-6', '69736-7'];
const ANSWERS = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const VALUES = [1, 0, 2, 3, 1, 0, 2, 1, 1];
const EXPECTED = Object.fromEntries(VALUES.map((value, index) => [`item${index + 1}`, value]));

type Json = Record<string, unknown>;

function qr(items: Json[], extra: Json = {}): Json {
  return { resourceType: 'QuestionnaireResponse', status: 'completed', item: items, ...extra };
}

function loincAnswer(value: number): Json {
  return { valueCoding: { system: LOINC, code: ANSWERS[value], display: 'x' } };
}

function phq9Items(linkId: (code: string, index: number) => string, answer = loincAnswer): Json[] {
  return PHQ9_ITEMS.map((code, index) => ({
    linkId: linkId(code, index),
    answer: [answer(VALUES[index]!)],
  }));
}

/** The issues of a failed read (fails the test if it succeeded). */
function issuesOf(result: ReturnType<typeof fromQuestionnaireResponse>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  expect(JSON.stringify(result.error)).not.toContain(MARKER);
  return result.error.issues.map((found) => ({ code: found.code, path: found.path.join('.') }));
}

describe('fromQuestionnaireResponse: shapes from other systems', () => {
  test('[LFORMS-EX] [PACIO] bare LOINC item link ids with LOINC answer codes, PHQ-9 detected from the item codes', () => {
    const result = fromQuestionnaireResponse(qr(phq9Items((code) => code)));
    expect(result).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
    if (result.ok) expect(scorePhq9(result.value.responses).ok).toBe(true);
  });

  test('[LFORMS-EX] link ids with a leading slash ("/44250-9") and panel paths ("/44249-1/44250-9")', () => {
    const slash = fromQuestionnaireResponse(qr(phq9Items((code) => `/${code}`)));
    expect(slash).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
    const path = fromQuestionnaireResponse(qr(phq9Items((code) => `/44249-1/${code}`)));
    expect(path).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
  });

  test('local link ids through options.linkIds (instrument from options)', () => {
    const linkIds = Object.fromEntries(
      PHQ9_ITEMS.map((_, index) => [`q${index + 1}`, `item${index + 1}`]),
    );
    const result = fromQuestionnaireResponse(qr(phq9Items((_, index) => `q${index + 1}`)), {
      instrument: 'phq-9',
      linkIds,
    });
    expect(result).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
  });

  test('local link ids with the instrument detected from the panel tag or the questionnaire canonical', () => {
    const linkIds = Object.fromEntries(
      PHQ9_ITEMS.map((_, index) => [`q${index + 1}`, `item${index + 1}`]),
    );
    const items = phq9Items((_, index) => `q${index + 1}`);
    const tagged = fromQuestionnaireResponse(
      qr(items, { meta: { tag: [{ system: LOINC, code: '44249-1' }] } }),
      { linkIds },
    );
    expect(tagged.ok && tagged.value.instrument).toBe('phq-9');
    const canonical = fromQuestionnaireResponse(
      qr(items, { questionnaire: 'http://loinc.org/q/44249-1|2.74' }),
      { linkIds },
    );
    expect(canonical.ok && canonical.value.instrument).toBe('phq-9');
  });

  test('answers as valueInteger (0-3)', () => {
    const result = fromQuestionnaireResponse(
      qr(
        phq9Items(
          (code) => code,
          (value) => ({ valueInteger: value }),
        ),
      ),
    );
    expect(result).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
  });

  test('answers as codings of any system with an ordinalValue extension (valueDecimal)', () => {
    const result = fromQuestionnaireResponse(
      qr(
        phq9Items(
          (code) => code,
          (value) => ({
            valueCoding: {
              system: 'urn:oid:1.2.3.4',
              code: `answer-${value}`,
              extension: [{ url: ORDINAL, valueDecimal: value }],
            },
          }),
        ),
      ),
    );
    expect(result).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
  });

  test('nested items: a panel group with item.item, and items under an answer (answer.item)', () => {
    const [first, ...rest] = phq9Items((code) => code);
    const group = { linkId: '/44249-1', text: 'PHQ-9', item: rest };
    const parent = { linkId: 'screening', answer: [{ valueBoolean: true, item: [first] }] };
    const result = fromQuestionnaireResponse(qr([parent, group]));
    expect(result).toEqual({ ok: true, value: { instrument: 'phq-9', responses: EXPECTED } });
  });

  test('[MII] [FHIRQ-TS] a GAD-7 with its difficulty item; total-score items are skipped', () => {
    const items: Json[] = GAD7_ITEMS.map((code, index) => ({
      linkId: code,
      answer: [loincAnswer(index % 4)],
    }));
    items.push({ linkId: '69722-7', answer: [{ valueInteger: 1 }] });
    items.push({ linkId: '70274-6', answer: [{ valueInteger: 12 }] });
    const result = fromQuestionnaireResponse(qr(items));
    expect(result).toEqual({
      ok: true,
      value: {
        instrument: 'gad-7',
        responses: {
          item1: 0,
          item2: 1,
          item3: 2,
          item4: 3,
          item5: 0,
          item6: 1,
          item7: 2,
          difficulty: 1,
        },
      },
    });
  });

  test('a combined PHQ-9 + GAD-7 form: ambiguous without options.instrument, each readable with it', () => {
    const phq = {
      linkId: '/44249-1',
      item: [...phq9Items((code) => code), { linkId: '69722-7', answer: [{ valueInteger: 2 }] }],
    };
    const gad = {
      linkId: '/69737-5',
      item: [
        ...GAD7_ITEMS.map((code) => ({ linkId: code, answer: [loincAnswer(3)] })),
        { linkId: '69722-7', answer: [{ valueInteger: 0 }] },
      ],
    };
    const resource = qr([phq, gad]);
    expect(issuesOf(fromQuestionnaireResponse(resource))).toEqual([
      { code: 'instrument-ambiguous', path: '' },
    ]);
    const asPhq = fromQuestionnaireResponse(resource, { instrument: 'phq-9' });
    expect(asPhq.ok && asPhq.value.responses).toEqual({ ...EXPECTED, difficulty: 2 });
    const asGad = fromQuestionnaireResponse(resource, { instrument: 'gad-7' });
    expect(asGad.ok && asGad.value.responses.difficulty).toBe(0);
    expect(asGad.ok && asGad.value.responses.item7).toBe(3);
  });

  test('options.answerCodes vouches for other codings (such as the difficulty item’s own LOINC answers)', () => {
    const items = [
      ...phq9Items((code) => code),
      { linkId: '69722-7', answer: [{ valueCoding: { system: LOINC, code: 'LA-example-2' } }] },
    ];
    expect(issuesOf(fromQuestionnaireResponse(qr(items)))).toEqual([
      { code: 'unknown-answer-code', path: 'item.9.answer.0.valueCoding' },
    ]);
    const result = fromQuestionnaireResponse(qr(items), {
      answerCodes: [{ system: LOINC, code: 'LA-example-2', value: 2 }],
    });
    expect(result.ok && result.value.responses.difficulty).toBe(2);
  });

  test('round trip of iptkit’s own QuestionnaireResponse, unanswered items left out', () => {
    const scored = scorePhq9({ item1: 3, item2: 0, item9: 2 }, { missing: { kind: 'incomplete' } });
    if (!scored.ok) throw new Error('scoring failed');
    const resource = toQuestionnaireResponse(scored.value, {
      id: 'qr-1',
      subject: 'Patient/p-1',
      authored: '2026-03-02',
    });
    if (!resource.ok) throw new Error('rejected');
    const result = fromQuestionnaireResponse(resource.value);
    expect(result).toEqual({
      ok: true,
      value: { instrument: 'phq-9', responses: { item1: 3, item2: 0, item9: 2 } },
    });
  });
});

describe('fromQuestionnaireResponse: bad shapes give issues with paths, never a guess', () => {
  test('not an object, not a QuestionnaireResponse', () => {
    expect(issuesOf(fromQuestionnaireResponse(null))).toEqual([{ code: 'invalid-type', path: '' }]);
    expect(issuesOf(fromQuestionnaireResponse([]))).toEqual([{ code: 'invalid-type', path: '' }]);
    expect(issuesOf(fromQuestionnaireResponse({ resourceType: 'Observation' }))).toEqual([
      { code: 'invalid-resource-type', path: 'resourceType' },
    ]);
  });

  test('an answer that is none of the readable forms is an issue at its path', () => {
    const items = phq9Items((code) => code);
    items[0] = { linkId: PHQ9_ITEMS[0], answer: [{ valueString: `${MARKER} often` }] };
    items[1] = {
      linkId: PHQ9_ITEMS[1],
      answer: [{ valueCoding: { system: LOINC, code: MARKER } }],
    };
    items[2] = { linkId: PHQ9_ITEMS[2], answer: [{ valueInteger: 4 }] };
    items[3] = { linkId: PHQ9_ITEMS[3], answer: [{ valueCoding: { code: 'LA6568-5' } }] };
    items[4] = {
      linkId: PHQ9_ITEMS[4],
      answer: [
        {
          valueCoding: {
            system: LOINC,
            code: 'LA6571-9',
            extension: [{ url: ORDINAL, valueDecimal: 1 }],
          },
        },
      ],
    };
    items[5] = { linkId: PHQ9_ITEMS[5], answer: [{ valueInteger: 1 }, { valueInteger: 2 }] };
    items[6] = { linkId: PHQ9_ITEMS[6], answer: [{}] };
    items[7] = {
      linkId: PHQ9_ITEMS[7],
      answer: [{ valueCoding: { extension: [{ url: ORDINAL, valueDecimal: 1.5 }] } }],
    };
    items[8] = { linkId: PHQ9_ITEMS[8], answer: [{ valueInteger: '1' }] };
    expect(issuesOf(fromQuestionnaireResponse(qr(items)))).toEqual([
      { code: 'unsupported-answer-type', path: 'item.0.answer.0' },
      { code: 'unknown-answer-code', path: 'item.1.answer.0.valueCoding' },
      { code: 'answer-out-of-range', path: 'item.2.answer.0' },
      { code: 'unknown-answer-code', path: 'item.3.answer.0.valueCoding' },
      { code: 'conflicting-answer', path: 'item.4.answer.0.valueCoding' },
      { code: 'multiple-answers', path: 'item.5.answer' },
      { code: 'missing-answer-value', path: 'item.6.answer.0' },
      {
        code: 'invalid-ordinal-value',
        path: 'item.7.answer.0.valueCoding.extension.0.valueDecimal',
      },
      { code: 'invalid-type', path: 'item.8.answer.0.valueInteger' },
    ]);
  });

  test('a frequency answer code on the functional question is not read as a difficulty', () => {
    const items = [...phq9Items((code) => code), { linkId: '69722-7', answer: [loincAnswer(1)] }];
    expect(issuesOf(fromQuestionnaireResponse(qr(items)))).toEqual([
      { code: 'unknown-answer-code', path: 'item.9.answer.0.valueCoding' },
    ]);
  });

  test('duplicate items, malformed items and lists', () => {
    const items: unknown[] = [
      ...phq9Items((code) => code),
      { linkId: '/44250-9', answer: [loincAnswer(0)] },
    ];
    items.push(
      'not an item',
      { answer: [] },
      { linkId: 'x', item: {} },
      { linkId: PHQ9_ITEMS[0], answer: {} },
    );
    expect(issuesOf(fromQuestionnaireResponse(qr(items as Json[])))).toEqual([
      { code: 'invalid-type', path: 'item.10' },
      { code: 'invalid-link-id', path: 'item.11.linkId' },
      { code: 'invalid-type', path: 'item.12.item' },
      { code: 'invalid-type', path: 'item.13.answer' },
      { code: 'duplicate-item', path: 'item.9.linkId' },
      { code: 'duplicate-item', path: 'item.13.linkId' },
    ]);
    expect(issuesOf(fromQuestionnaireResponse(qr({} as unknown as Json[])))).toEqual([
      { code: 'invalid-type', path: 'item' },
      { code: 'instrument-unknown', path: '' },
    ]);
  });

  test('an instrument that cannot be told, or has none of its items', () => {
    expect(
      issuesOf(fromQuestionnaireResponse(qr([{ linkId: 'q1', answer: [{ valueInteger: 1 }] }]))),
    ).toEqual([{ code: 'instrument-unknown', path: '' }]);
    expect(
      issuesOf(fromQuestionnaireResponse(qr(phq9Items((code) => code)), { instrument: 'gad-7' })),
    ).toEqual([{ code: 'no-items', path: 'item' }]);
  });

  test('bad options, and link ids mapped to items the instrument does not have', () => {
    expect(
      issuesOf(
        fromQuestionnaireResponse(qr([]), {
          instrument: 'hamd-17' as 'phq-9',
          linkIds: { q1: 'not an item id' },
        }),
      ).map((found) => found.path),
    ).toEqual(expect.arrayContaining(['options.instrument', 'options.linkIds.q1']));
    expect(
      issuesOf(
        fromQuestionnaireResponse(qr(phq9Items((code) => code)), {
          linkIds: { [MARKER]: 'item10' },
        }),
      ),
    ).toEqual([{ code: 'unknown-item', path: 'options.linkIds' }]);
  });
});
