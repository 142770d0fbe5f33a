/**
 * Fuzzing `fromQuestionnaireResponse` of `iptkit/fhir` (33,000 inputs in CI, see budget.ts): any
 * resource with any options, and QuestionnaireResponses that iptkit wrote (PHQ-9 and GAD-7) with
 * one mutation. Nothing throws; results are well formed; inputs are unchanged; whatever is read
 * back holds only item ids of the instrument with answers 0-3 (Kroenke et al. 2001, Spitzer et
 * al. 2006; IPT reference 7.1-7.2).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromQuestionnaireResponse, toQuestionnaireResponse } from '../../src/fhir/index.js';
import { gad7 } from '../../src/measures/gad7.js';
import { scoreInstrument } from '../../src/measures/instrument.js';
import { scorePhq9 } from '../../src/measures/phq9.js';
import { asJson, oneMutation, type Json } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { anyInput, call, check, expectResult, fuzz } from './support.js';

const writeOptions = { subject: 'Patient/p-1', authored: '2026-03-02' };

/** QuestionnaireResponses iptkit writes: PHQ-9 (with the functional question) and GAD-7. */
function written(): Json[] {
  const found: Json[] = [];
  for (const level of [0, 1, 2, 3]) {
    const phq = scorePhq9({
      item1: level,
      item2: 1,
      item3: 2,
      item4: 0,
      item5: 3,
      item6: 1,
      item7: 0,
      item8: 2,
      item9: level % 2,
      difficulty: level,
    });
    const gad = scoreInstrument(
      gad7,
      Object.fromEntries(gad7.items.map((item, index) => [item.id, (index + level) % 4])),
    );
    for (const score of [phq, gad]) {
      if (!score.ok) throw new Error('sample answers did not score');
      const resource = toQuestionnaireResponse(score.value, writeOptions);
      if (!resource.ok) throw new Error('sample did not map');
      found.push(asJson(resource.value));
    }
  }
  return found;
}

const readOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        instrument: fc.oneof(fc.constantFrom('phq-9', 'gad-7'), anyInput(1)),
        linkIds: fc.oneof(
          fc.dictionary(fc.string(), fc.constantFrom('item1', 'item9', 'difficulty', 'x')),
          anyInput(2),
        ),
        limits: fc.record({ maxDepth: fc.integer({ min: 1, max: 6 }) }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyInput(2) },
);

/** Fails unless what was read holds item ids with answers 0-3. */
function expectSoundAnswers(result: unknown): void {
  expectResult(result);
  const shaped = result as { ok: boolean; value?: { responses: Record<string, unknown> } };
  if (!shaped.ok || shaped.value === undefined) return;
  for (const [item, answer] of Object.entries(shaped.value.responses)) {
    check(/^(item[1-9]|difficulty)$/.test(item), 'an item id');
    check(typeof answer === 'number' && Number.isInteger(answer), 'a whole answer');
    check(answer >= 0 && answer <= 3, 'an answer of 0-3');
  }
}

describe('fromQuestionnaireResponse never throws', () => {
  const samples = written();

  it('reads back what iptkit wrote (so that the mutations start from valid resources)', () => {
    for (const resource of samples) expect(fromQuestionnaireResponse(resource).ok).toBe(true);
  });

  const anyCount = runs('fhir', 'read-anything');
  it(
    'on any resource with any options',
    () => {
      const resource = fc.oneof(
        anyInput(3),
        fc.record(
          {
            resourceType: fc.constant('QuestionnaireResponse'),
            item: anyInput(3),
            meta: anyInput(2),
          },
          { requiredKeys: ['resourceType'] },
        ),
      );
      fuzz(
        'fhir/read-anything',
        fc.property(resource, readOptions, (given, options) => {
          expectSoundAnswers(
            call([given, options], () => fromQuestionnaireResponse(given, options as never)),
          );
        }),
        anyCount,
      );
    },
    timeoutFor(anyCount, 80),
  );

  const mutatedCount = runs('fhir', 'read-mutated');
  it(
    'on resources iptkit wrote, with one mutation',
    () => {
      fuzz(
        'fhir/read-mutated',
        fc.property(
          fc.nat(samples.length - 1),
          fc.nat(),
          fc.nat(),
          readOptions,
          (which, pick, choice, options) => {
            const { value } = oneMutation(samples[which]!, pick, choice);
            expectSoundAnswers(
              call([value, options], () => fromQuestionnaireResponse(value, options as never)),
            );
          },
        ),
        mutatedCount,
      );
    },
    timeoutFor(mutatedCount, 1000),
  );
});
