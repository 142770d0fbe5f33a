import { beforeAll, describe, expect, test } from 'vitest';
import {
  MARKER,
  executeAll,
  session,
  startIpt,
  started,
} from '../../test/support/course-arbitraries.js';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Protocol } from '../protocol/protocol-schema.js';
import { defineProtocol, protocols } from '../protocol/protocols.js';
import { sources } from '../sources/sources.js';
import { toCarePlan, toPlanDefinition } from './index.js';

const PHASE = 'https://iptkit.dev/fhir/CodeSystem/ipt-phase';
const AREA = 'https://iptkit.dev/fhir/CodeSystem/problem-area';

/** The PlanDefinition of a protocol, failing the test when it is refused. */
function planOf(protocol: DeepReadonly<Protocol>, options: Parameters<typeof toPlanDefinition>[1]) {
  const result = toPlanDefinition(protocol, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
  return result.value;
}

/** A custom protocol: standard IPT, 14 weekly sessions by a clinic's own rule. */
function clinicProtocol(): DeepReadonly<Protocol> {
  const defined = defineProtocol({
    ...structuredClone(protocols.ipt),
    id: 'clinic-ipt',
    name: 'Clinic IPT',
    version: '2026.1',
    sources: ['Clinic SOP 2026', 'CG7'],
    sessions: { min: 14, max: 14, sources: ['Clinic SOP 2026'] },
  });
  if (!defined.ok) throw new Error('the custom protocol was refused');
  return defined.value;
}

beforeAll(() => {
  loadFhirDefinitions();
});

describe('toPlanDefinition', () => {
  test.each(Object.keys(protocols))(
    'catalog protocol %s gives a valid R4 PlanDefinition, with and without citations',
    (id) => {
      const protocol = protocols[id as keyof typeof protocols];
      for (const options of [{}, { citations: sources }, { status: 'draft' as const }]) {
        expect(fhirProblems(planOf(protocol, options))).toEqual([]);
      }
    },
  );

  test('[ISIPT] [CG7] [MARK06] standard IPT: canonical URL and version, 12-16 weekly sessions of 45-50 minutes, three phases in order', () => {
    const plan = planOf(protocols.ipt, { citations: sources, date: '2026-03-02' });
    expect(plan).toMatchObject({
      resourceType: 'PlanDefinition',
      id: 'ipt',
      url: 'https://iptkit.dev/fhir/PlanDefinition/ipt',
      version: '1.0.0',
      name: 'Ipt',
      title: 'Interpersonal Psychotherapy (acute)',
      status: 'active',
      date: '2026-03-02',
      description: protocols.ipt.description,
      usage: 'Adults with depression (individual format)',
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type',
            code: 'clinical-protocol',
          },
        ],
      },
    });
    const actions = plan.action ?? [];
    expect(actions.map((action) => action.id)).toEqual([
      'sessions',
      'phase-initial',
      'phase-middle',
      'phase-termination',
    ]);
    const [sessions, initial, middle, termination] = actions;
    // 12-16 weekly sessions of 45-50 minutes [ISIPT] [CG7]
    expect(sessions?.timingTiming).toEqual({
      repeat: {
        count: 12,
        countMax: 16,
        duration: 45,
        durationMax: 50,
        durationUnit: 'min',
        frequency: 1,
        period: 1,
        periodUnit: 'wk',
      },
    });
    expect(sessions?.description).toBe(
      '12-16 sessions, weekly (also allowed: twice weekly), 45-50 minutes each.',
    );
    expect(sessions?.code).toEqual([{ text: 'Interpersonal psychotherapy session' }]);
    expect(sessions?.documentation?.map((artifact) => artifact.label)).toEqual(['ISIPT', 'CG7']);
    // The initial phase should not exceed 3 sessions [MARK06]
    expect(initial?.code?.[0]?.coding).toEqual([
      { system: PHASE, code: 'initial', display: 'Initial phase' },
    ]);
    expect(initial?.description).toBe('Up to 3 sessions.');
    expect(initial?.relatedAction).toBeUndefined();
    expect(middle?.relatedAction).toEqual([
      { actionId: 'phase-initial', relationship: 'after-end' },
    ]);
    expect(middle?.description).toBeUndefined();
    // The ending is raised at least 2-4 sessions before the last one [CG7]
    expect(termination?.description).toBe(
      'Raise the ending at least 2-4 sessions before the last one.',
    );
    expect(termination?.relatedAction).toEqual([
      { actionId: 'phase-middle', relationship: 'after-end' },
    ]);
    expect(termination?.documentation?.map((artifact) => artifact.label)).toEqual(['ALPF', 'CG7']);
  });

  test("[ISIPT] [CG7] the protocol's sources are citations, with the catalog's text when given", () => {
    const cited = planOf(protocols.ipt, { citations: sources });
    expect(cited.relatedArtifact).toEqual(
      protocols.ipt.sources.map((key) => ({
        type: 'citation',
        label: key,
        citation: sources[key as keyof typeof sources].citation,
      })),
    );
    expect(cited.relatedArtifact?.[1]?.citation).toContain('Comprehensive Guide');
    const bare = planOf(protocols.ipt, {});
    expect(bare.relatedArtifact).toEqual(
      protocols.ipt.sources.map((key) => ({ type: 'citation', citation: key })),
    );
  });

  test('[ISIPT] [ALPF] one goal per problem area of the manual, addressing the area in its own words', () => {
    const plan = planOf(protocols.ipt, {});
    expect(plan.goal?.map((goal) => goal.addresses?.[0]?.coding?.[0]?.code)).toEqual([
      'grief',
      'role-dispute',
      'role-transition',
      'interpersonal-deficits',
    ]);
    expect(plan.goal?.[0]?.addresses?.[0]).toEqual({
      coding: [{ system: AREA, code: 'grief', display: 'Grief' }],
      text: 'grief',
    });
    expect(plan.goal?.[0]?.description.text).toMatch(/mourning/i);
    // WHO group IPT names deficits "loneliness" [MHPSS-2]
    const group = planOf(protocols['group-ipt'], {});
    const deficits = group.goal?.find(
      (goal) => goal.addresses?.[0]?.coding?.[0]?.code === 'interpersonal-deficits',
    );
    expect(deficits?.addresses?.[0]?.text).toMatch(/loneliness/i);
    // Stuart & Robertson: three problem areas, no deficits [ACF]
    const stuart = planOf(protocols['ipt-stuart-robertson'], {});
    expect(stuart.goal).toHaveLength(3);
  });

  test('[MHPSS-1] [NEPAL] group IPT: 8 group sessions after at least one individual pre-group session', () => {
    const plan = planOf(protocols['group-ipt'], {});
    const [preliminary, sessions, initial] = plan.action ?? [];
    expect(preliminary).toMatchObject({
      id: 'preliminary',
      title: 'Pre-group sessions',
      requiredBehavior: 'must',
      description: 'At least 1 session before the acute course. Unconfirmed: sessions.',
    });
    // No maximum: R4 Timing cannot say "at least once", so there is no timing.
    expect(preliminary?.timingTiming).toBeUndefined();
    expect(sessions?.timingTiming?.repeat).toEqual({
      count: 8,
      frequency: 1,
      period: 1,
      periodUnit: 'wk',
    });
    expect(initial?.relatedAction).toEqual([
      { actionId: 'preliminary', relationship: 'after-end' },
    ]);
    expect(plan.usage).toMatch(/\(group format\)$/);
  });

  test('[IPTB] brief IPT: an optional engagement session (could), 8 sessions', () => {
    const plan = planOf(protocols['ipt-brief'], {});
    expect(plan.action?.[0]).toMatchObject({
      id: 'preliminary',
      title: 'Engagement sessions',
      requiredBehavior: 'could',
      description: 'Up to 1 session before the acute course.',
    });
    expect(plan.action?.[1]?.timingTiming?.repeat?.count).toBe(8);
    expect(plan.action?.[1]?.timingTiming?.repeat?.countMax).toBeUndefined();
  });

  test('[IPTM] maintenance IPT has no maximum: no count, monthly, said in words', () => {
    const plan = planOf(protocols['ipt-m'], {});
    const sessions = plan.action?.find((action) => action.id === 'sessions');
    expect(sessions?.timingTiming?.repeat).toEqual({ frequency: 1, period: 1, periodUnit: 'mo' });
    expect(sessions?.description).toMatch(/^At least 1 session, monthly/);
  });

  test('[ALPF-IPC] IPC sessions last up to 30 minutes: no duration, said in words', () => {
    const plan = planOf(protocols.ipc, {});
    const sessions = plan.action?.find((action) => action.id === 'sessions');
    expect(sessions?.timingTiming?.repeat?.duration).toBeUndefined();
    expect(sessions?.timingTiming?.repeat).toMatchObject({ count: 1, countMax: 6 });
    expect(sessions?.description).toBe(
      '1-6 sessions, weekly, up to 30 minutes each. Unconfirmed: cadence.',
    );
  });

  test('a custom protocol under its own canonical base; its own citation goes as it is', () => {
    const plan = planOf(clinicProtocol(), {
      canonicalBase: 'https://fhir.clinic.example/r4/',
      id: 'clinic-ipt-2026',
      citations: sources,
    });
    expect(fhirProblems(plan)).toEqual([]);
    expect(plan).toMatchObject({
      id: 'clinic-ipt-2026',
      url: 'https://fhir.clinic.example/r4/PlanDefinition/clinic-ipt',
      version: '2026.1',
      name: 'ClinicIpt',
      title: 'Clinic IPT',
    });
    expect(plan.relatedArtifact).toEqual([
      { type: 'citation', citation: 'Clinic SOP 2026' },
      { type: 'citation', label: 'CG7', citation: sources.CG7.citation },
    ]);
    expect(plan.action?.[0]?.timingTiming?.repeat).toMatchObject({ count: 14 });
    expect(plan.action?.[0]?.timingTiming?.repeat?.countMax).toBeUndefined();
  });

  test('toCarePlan points at the PlanDefinition through instantiatesCanonical', () => {
    const plan = planOf(protocols.ipt, {});
    const canonical = `${plan.url ?? ''}|${plan.version ?? ''}`;
    const course = started(executeAll([startIpt(), session(1)]));
    const result = toCarePlan(course, {
      idPrefix: 'c-1',
      subject: 'Patient/p-1',
      instantiatesCanonical: canonical,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error.issues));
    expect(result.value.carePlan.instantiatesCanonical).toEqual([
      'https://iptkit.dev/fhir/PlanDefinition/ipt|1.0.0',
    ]);
    expect(fhirProblems(result.value.carePlan)).toEqual([]);
    const without = toCarePlan(course, { idPrefix: 'c-1', subject: 'Patient/p-1' });
    expect(without.ok && without.value.carePlan.instantiatesCanonical).toBeUndefined();
    const bad = toCarePlan(course, {
      idPrefix: 'c-1',
      subject: 'Patient/p-1',
      instantiatesCanonical: 'PlanDefinition/ipt',
    });
    expect(!bad.ok && bad.error.issues.map((found) => found.path.join('.'))).toEqual([
      'options.instantiatesCanonical',
    ]);
  });

  test('the same protocol and options give the same resource; it is frozen and the protocol unchanged', () => {
    const protocol = structuredClone(protocols['ipt-a']) as unknown as DeepReadonly<Protocol>;
    const before = structuredClone(protocol);
    const first = planOf(protocol, { citations: sources });
    expect(planOf(protocol, { citations: sources })).toEqual(first);
    expect(protocol).toEqual(before);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.action?.[0]?.timingTiming)).toBe(true);
  });

  test('refuses what is not a protocol, and bad options, with paths and without quoting', () => {
    const notProtocols: unknown[] = [null, 42, MARKER, [], {}, { ...protocols.ipt, id: MARKER }];
    for (const value of notProtocols) {
      const result = toPlanDefinition(value as never);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(MARKER);
    }
    const options = {
      id: 'has:colon',
      canonicalBase: `ftp://${MARKER}`,
      status: 'final',
      date: '2026-13-01',
      extra: MARKER,
    };
    const result = toPlanDefinition(protocols.ipt, options as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => [found.code, found.path.join('.')])).toEqual(
      expect.arrayContaining([
        ['invalid-format', 'options.id'],
        ['invalid-format', 'options.canonicalBase'],
        ['invalid-value', 'options.status'],
        ['unrecognized-keys', 'options'],
      ]),
    );
    expect(result.error.issues.some((found) => found.path.join('.') === 'options.date')).toBe(true);
    expect(JSON.stringify(result.error)).not.toContain(MARKER);
    const notAnObject = toPlanDefinition(protocols.ipt, 'options' as never);
    expect(!notAnObject.ok && notAnObject.error.issues[0]?.code).toBe('invalid-type');
  });

  test('refuses a protocol whose ranges, phases or areas contradict themselves', () => {
    const ipt = structuredClone(protocols.ipt) as unknown as Record<string, unknown>;
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { ...ipt, sessions: { min: 16, max: 12, sources: ['CG7'] } },
        'range-inverted',
        'protocol.sessions.max',
      ],
      [
        { ...ipt, sessionMinutes: { min: 50, max: 45, sources: ['CG7'] } },
        'range-inverted',
        'protocol.sessionMinutes.max',
      ],
      [
        {
          ...ipt,
          termination: { minSessionsBeforeEnd: 4, maxSessionsBeforeEnd: 2, sources: ['CG7'] },
        },
        'range-inverted',
        'protocol.termination.maxSessionsBeforeEnd',
      ],
      [
        {
          ...ipt,
          phases: [
            { id: 'initial', label: 'initial', sources: ['ALPF'] },
            { id: 'middle', label: 'middle', sources: ['ALPF'] },
            { id: 'middle', label: 'middle again', sources: ['ALPF'] },
            { id: 'termination', label: 'termination', sources: ['ALPF'] },
          ],
        },
        'duplicate',
        'protocol.phases.2.id',
      ],
      [
        {
          ...ipt,
          phases: [
            { id: 'middle', label: 'middle', sources: ['ALPF'] },
            { id: 'initial', label: 'initial', sources: ['ALPF'] },
            { id: 'termination', label: 'termination', sources: ['ALPF'] },
          ],
        },
        'phase-order',
        'protocol.phases.0.id',
      ],
      [
        {
          ...ipt,
          problemAreas: {
            areas: ['grief', 'grief'],
            labels: {},
            griefRequiresDeath: true,
            sources: ['ISIPT'],
          },
        },
        'duplicate',
        'protocol.problemAreas.areas.1',
      ],
      [
        {
          ...ipt,
          phases: [
            { id: 'initial', label: 'initial', sources: ['ALPF'] },
            { id: 'maintenance', label: 'maintenance', sources: ['IPTM'] },
            { id: 'termination', label: 'termination', sources: ['ALPF'] },
          ],
        },
        'missing-phase',
        'protocol.phases',
      ],
      [
        {
          ...ipt,
          phases: [
            { id: 'initial', label: 'initial', sources: ['ALPF'] },
            { id: 'maintenance', label: 'maintenance', sources: ['IPTM'] },
            { id: 'middle', label: 'middle', sources: ['ALPF'] },
            { id: 'termination', label: 'termination', sources: ['ALPF'] },
          ],
        },
        'phase-order',
        'protocol.phases.1.id',
      ],
      [
        { ...ipt, cadence: { default: 'monthly', allowed: ['weekly'], sources: ['CG7'] } },
        'cadence-not-allowed',
        'protocol.cadence.default',
      ],
      [
        { ...ipt, sessions: { min: 0, max: 12, sources: ['CG7'] } },
        'too-small',
        'protocol.sessions.min',
      ],
      [{ ...ipt, sources: [] }, 'too-small', 'protocol.sources'],
    ];
    for (const [protocol, code, path] of cases) {
      const result = toPlanDefinition(protocol as never);
      expect(result.ok, path).toBe(false);
      if (result.ok) continue;
      expect(
        result.error.issues.map((found) => [found.code, found.path.join('.')]),
        path,
      ).toContainEqual([code, path]);
    }
  });
});
