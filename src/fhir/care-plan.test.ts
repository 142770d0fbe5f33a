import { beforeAll, describe, expect, test } from 'vitest';
import {
  MARKER,
  addPerson,
  executeAll,
  session,
  startIpt,
  started,
  week,
  type Command,
} from '../../test/support/course-arbitraries.js';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import type { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { syntheticCohort } from '../testing/synthetic-cohort.js';
import { toCarePlan, type CarePlanResources } from './index.js';

const options = { idPrefix: 'c-1', subject: 'Patient/p-1' } as const;

/** Every resource of a care-plan result, in one list. */
function all(resources: DeepReadonly<CarePlanResources>) {
  return [
    resources.carePlan,
    resources.episodeOfCare,
    ...resources.encounters,
    ...resources.conditions,
    ...resources.goals,
  ];
}

/** An ongoing course: a role dispute (primary) and grief (secondary), one missed and one cancelled session. */
function ongoingCourse(extra: Command[] = []): DeepReadonly<Course> {
  return started(
    executeAll([
      startIpt(),
      addPerson('p-partner', 'alive'),
      addPerson('p-mother', 'deceased'),
      session(1, { minutes: 50 }),
      session(2, { status: 'missed' }),
      {
        type: 'choose-focus',
        focus: { area: 'role-dispute', personId: 'p-partner', stage: 'impasse' },
        rank: 'primary',
        date: week(2),
      },
      {
        type: 'choose-focus',
        focus: { area: 'grief', personId: 'p-mother' },
        rank: 'secondary',
        date: week(2),
      },
      { type: 'share-formulation', date: week(2), accepted: true, summary: `${MARKER} summary` },
      { type: 'agree-contract', date: week(2), goals: [`${MARKER} goal`] },
      session(3, { status: 'cancelled' }),
      session(4),
      { type: 'advance-phase', to: 'middle', date: week(4) },
      ...extra,
    ]),
  );
}

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toCarePlan', () => {
  test('[ISIPT] [USCORE] every resource built from 40 synthetic courses is valid R4', () => {
    const cohort = syntheticCohort({ seed: 2026, size: 40 });
    for (const [index, course] of cohort.entries()) {
      const result = toCarePlan(course.state, { idPrefix: `c${index}`, subject: 'Patient/p-1' });
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      for (const resource of all(result.value)) {
        expect(fhirProblems(resource), `${resource.resourceType} ${resource.id ?? ''}`).toEqual([]);
      }
      expect(result.value.encounters).toHaveLength(Object.keys(course.state.sessions).length);
      const completed = course.state.outcome?.outcome === 'completed';
      expect(result.value.carePlan.status).toBe(completed ? 'completed' : 'revoked');
      expect(result.value.episodeOfCare.status).toBe('finished');
    }
  });

  test('an ongoing course: episode active, plan active in the middle phase, one encounter per session', () => {
    const result = toCarePlan(ongoingCourse(), options);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { carePlan, episodeOfCare, encounters, conditions, goals } = result.value;
    for (const resource of all(result.value)) expect(fhirProblems(resource)).toEqual([]);

    expect(episodeOfCare).toMatchObject({
      id: 'c-1-episode',
      status: 'active',
      patient: { reference: 'Patient/p-1' },
      period: { start: '2026-03-02' },
      diagnosis: [
        { condition: { reference: 'Condition/c-1-focus-primary' }, rank: 1 },
        { condition: { reference: 'Condition/c-1-focus-secondary' }, rank: 2 },
      ],
    });
    expect(episodeOfCare.period?.end).toBeUndefined();

    expect(carePlan).toMatchObject({
      id: 'c-1-careplan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p-1' },
      addresses: [
        { reference: 'Condition/c-1-focus-primary' },
        { reference: 'Condition/c-1-focus-secondary' },
      ],
      goal: [{ reference: 'Goal/c-1-goal-primary' }, { reference: 'Goal/c-1-goal-secondary' }],
      supportingInfo: [{ reference: 'EpisodeOfCare/c-1-episode' }],
    });
    expect(carePlan.extension).toEqual([
      {
        url: 'https://iptkit.dev/fhir/StructureDefinition/ipt-phase',
        valueCoding: {
          system: 'https://iptkit.dev/fhir/CodeSystem/ipt-phase',
          code: 'middle',
          display: 'Middle phase',
        },
      },
    ]);
    const activity = carePlan.activity?.[0];
    expect(activity?.detail?.status).toBe('in-progress');
    expect(activity?.detail?.scheduledTiming?.repeat).toEqual({
      count: 12,
      frequency: 1,
      period: 1,
      periodUnit: 'wk',
    });
    expect(activity?.outcomeReference?.map((reference) => reference.reference)).toEqual([
      'Encounter/c-1-session-1',
      'Encounter/c-1-session-2',
      'Encounter/c-1-session-3',
      'Encounter/c-1-session-4',
    ]);

    expect(encounters.map((encounter) => encounter.status)).toEqual([
      'finished',
      'cancelled',
      'cancelled',
      'finished',
    ]);
    expect(conditions).toHaveLength(2);
    expect(goals).toHaveLength(2);
  });

  test('a missed session and a cancelled one are both "cancelled" in R4, told apart by the session-status extension', () => {
    const result = toCarePlan(ongoingCourse(), options);
    if (!result.ok) throw new Error('rejected');
    const statusOf = (index: number) =>
      result.value.encounters[index]?.extension?.find(
        (extension) =>
          extension.url === 'https://iptkit.dev/fhir/StructureDefinition/session-status',
      )?.valueCoding?.code;
    expect([0, 1, 2, 3].map(statusOf)).toEqual(['attended', 'missed', 'cancelled', 'attended']);
    const first = result.value.encounters[0]!;
    expect(first.episodeOfCare).toEqual([{ reference: 'EpisodeOfCare/c-1-episode' }]);
    expect(first.length).toEqual({
      value: 50,
      unit: 'min',
      system: 'http://unitsofmeasure.org',
      code: 'min',
    });
    expect(first.class).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: 'AMB',
      display: 'ambulatory',
    });
    expect(first.period).toEqual({ start: '2026-03-02' });
  });

  test('[ISIPT] [MEMPHIS-RD] each focus is a health-concern Condition with an iptkit problem-area code; a role dispute carries its stage', () => {
    const result = toCarePlan(ongoingCourse(), options);
    if (!result.ok) throw new Error('rejected');
    const [dispute, grief] = result.value.conditions;
    expect(dispute?.category).toEqual([
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category',
            code: 'health-concern',
            display: 'Health Concern',
          },
        ],
      },
    ]);
    expect(dispute?.code?.coding).toEqual([
      {
        system: 'https://iptkit.dev/fhir/CodeSystem/problem-area',
        code: 'role-dispute',
        display: 'Role dispute',
      },
    ]);
    expect(dispute?.code?.text).toBe('role dispute');
    expect(dispute?.stage?.[0]?.summary?.coding?.[0]).toMatchObject({
      system: 'https://iptkit.dev/fhir/CodeSystem/dispute-stage',
      code: 'impasse',
    });
    expect(grief?.code?.coding?.[0]?.code).toBe('grief');
    expect(grief?.stage).toBeUndefined();
    const [goal] = result.value.goals;
    expect(goal).toMatchObject({
      lifecycleStatus: 'active',
      addresses: [{ reference: 'Condition/c-1-focus-primary' }],
      subject: { reference: 'Patient/p-1' },
    });
    expect(goal?.description.coding?.[0]?.code).toBe('role-dispute');
  });

  test('de-identified: no person labels, notes, formulation, contract goals or person ids reach FHIR', () => {
    const result = toCarePlan(ongoingCourse(), options);
    if (!result.ok) throw new Error('rejected');
    const text = JSON.stringify(result.value);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('p-partner');
    expect(text).not.toContain('p-mother');
    expect(text).not.toContain('RelatedPerson');
  });

  test('a drop-out: plan revoked, goals cancelled, activity stopped, episode finished on the end date', () => {
    const course = ongoingCourse([{ type: 'end-course', date: week(5), outcome: 'dropped-out' }]);
    const result = toCarePlan(course, { ...options, encounterClass: 'virtual' });
    if (!result.ok) throw new Error('rejected');
    for (const resource of all(result.value)) expect(fhirProblems(resource)).toEqual([]);
    expect(result.value.carePlan.status).toBe('revoked');
    expect(result.value.carePlan.activity?.[0]?.detail?.status).toBe('stopped');
    expect(result.value.goals.map((goal) => goal.lifecycleStatus)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(result.value.episodeOfCare.status).toBe('finished');
    expect(result.value.episodeOfCare.period).toEqual({ start: '2026-03-02', end: week(5) });
    expect(result.value.encounters[0]?.class.code).toBe('VR');
  });

  test('a course without sessions or a focus yet still gives valid resources (no empty lists)', () => {
    const course = started(
      executeAll([startIpt({ timeLimit: { sessions: 16, cadence: 'twice-weekly' } })]),
    );
    const result = toCarePlan(course, options);
    if (!result.ok) throw new Error('rejected');
    for (const resource of all(result.value)) expect(fhirProblems(resource)).toEqual([]);
    expect(result.value.encounters).toEqual([]);
    expect(result.value.conditions).toEqual([]);
    expect(result.value.carePlan.addresses).toBeUndefined();
    expect(result.value.carePlan.activity?.[0]?.detail?.status).toBe('not-started');
    expect(result.value.carePlan.activity?.[0]?.detail?.scheduledTiming?.repeat).toMatchObject({
      count: 16,
      frequency: 2,
      periodUnit: 'wk',
    });
  });

  test('returns frozen resources and leaves the course unchanged', () => {
    const course = ongoingCourse();
    const before = structuredClone(course);
    const result = toCarePlan(course, options);
    if (!result.ok) throw new Error('rejected');
    expect(course).toEqual(before);
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.value.encounters)).toBe(true);
    expect(Object.isFrozen(result.value.carePlan.activity?.[0]?.detail)).toBe(true);
  });

  test('refuses something that is not a course, and bad options, with paths and without quoting', () => {
    const course = { ...ongoingCourse(), startDate: MARKER } as unknown as Course;
    const result = toCarePlan(course, { idPrefix: 'has space', subject: 'Group/g-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((found) => found.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['course.startDate', 'options.idPrefix', 'options.subject']),
    );
    expect(JSON.stringify(result.error)).not.toContain(MARKER);
    const empty = toCarePlan(null as unknown as Course, options);
    expect(empty.ok).toBe(false);
  });
});
