import { describe, expect, test } from 'vitest';
import { fhirProblems } from '../../test/support/fhir-validator.js';

/** The checks the FHIR tests rely on catch what they should (so a passing test means something). */
describe('the test validator (Medplum validateResource plus bindings, extensions and JSON rules)', () => {
  const encounter = {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  };

  test('accepts a valid resource', () => {
    expect(fhirProblems(encounter)).toEqual([]);
  });

  test.each([
    ['a missing required element', { ...encounter, class: undefined }],
    ['an unknown element', { ...encounter, noShow: true }],
    ['a status outside its required value set', { ...encounter, status: 'no-show' }],
    ['a bad dateTime', { ...encounter, period: { start: '2026-13-01' } }],
    ['an id FHIR does not allow', { ...encounter, id: 'a:b' }],
    ['an empty array', { ...encounter, episodeOfCare: [] }],
    [
      'a relative reference to the wrong type',
      { ...encounter, subject: { reference: 'Observation/1' } },
    ],
    [
      'a core extension with the wrong value type',
      {
        ...encounter,
        type: [
          {
            coding: [
              {
                code: 'x',
                extension: [
                  { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueString: '1' },
                ],
              },
            ],
          },
        ],
      },
    ],
    [
      'an invariant (qrs-1: answer and item on one item)',
      {
        resourceType: 'QuestionnaireResponse',
        status: 'completed',
        item: [{ linkId: 'a', answer: [{ valueInteger: 1 }], item: [{ linkId: 'b' }] }],
      },
    ],
  ])('rejects %s', (_, resource) => {
    expect(fhirProblems(JSON.parse(JSON.stringify(resource)))).not.toEqual([]);
  });
});
