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

/** The same for the PlanDefinition, RelatedPerson and closeness Observation shapes iptkit builds. */
describe('the test validator on PlanDefinition, RelatedPerson and Observation.focus', () => {
  const plan = {
    resourceType: 'PlanDefinition',
    status: 'active',
    relatedArtifact: [{ type: 'citation', citation: 'CG7' }],
    action: [
      { id: 'a', title: 'first' },
      {
        id: 'b',
        title: 'second',
        relatedAction: [{ actionId: 'a', relationship: 'after-end' }],
        timingTiming: { repeat: { count: 12, countMax: 16, duration: 45, durationUnit: 'min' } },
      },
    ],
  };
  const person = {
    resourceType: 'RelatedPerson',
    patient: { reference: 'Patient/p-1' },
    relationship: [{ text: 'friend' }],
  };
  const closeness = {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'Closeness ring' },
    focus: [{ reference: 'RelatedPerson/r-1' }],
    valueInteger: 0,
  };

  test('accepts valid ones', () => {
    expect(fhirProblems(plan)).toEqual([]);
    expect(fhirProblems(person)).toEqual([]);
    expect(fhirProblems(closeness)).toEqual([]);
  });

  test.each([
    ['a PlanDefinition status outside its value set', { ...plan, status: 'final' }],
    [
      'a relatedArtifact type outside its value set',
      { ...plan, relatedArtifact: [{ type: 'reference', citation: 'CG7' }] },
    ],
    [
      'a relatedAction relationship outside its value set',
      {
        ...plan,
        action: [{ id: 'b', relatedAction: [{ actionId: 'a', relationship: 'following' }] }],
      },
    ],
    [
      'a Timing duration unit outside units-of-time',
      {
        ...plan,
        action: [{ timingTiming: { repeat: { duration: 45, durationUnit: 'minutes' } } }],
      },
    ],
    ['an action timing of an unknown type', { ...plan, action: [{ timingCount: 3 }] }],
    ['a RelatedPerson without its patient', { ...person, patient: undefined }],
    ['a RelatedPerson name that is a string', { ...person, name: 'Alex' }],
    ['an Observation focus that is not a Reference', { ...closeness, focus: 'RelatedPerson/r-1' }],
    ['an Observation value that is not an integer', { ...closeness, valueInteger: 0.5 }],
  ])('rejects %s', (_, resource) => {
    expect(fhirProblems(JSON.parse(JSON.stringify(resource)))).not.toEqual([]);
  });
});
