import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import type { Phase } from './phases.js';
import { Cadence, type PhasePlan, type ProtocolInput } from './protocol-schema.js';
import { defineProtocol, parseProtocol, protocols } from './protocols.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const catalog = Object.values(protocols);
const allAreas: readonly ProblemArea[] = ProblemArea.options;
const allCadences: readonly Cadence[] = Cadence.options;

type Path = (string | number)[];

/** A fresh, mutable copy of a catalog protocol. */
function draftOf(base: (typeof catalog)[number]): ProtocolInput {
  return structuredClone(base) as ProtocolInput;
}

function phasePlan(id: Phase, maxSessions?: number): PhasePlan {
  const plan: PhasePlan = { id, label: id, sources: ['ALPF'] };
  if (maxSessions !== undefined) plan.maxSessions = maxSessions;
  return plan;
}

function labelsFor(areas: readonly ProblemArea[]): Partial<Record<ProblemArea, string>> {
  return Object.fromEntries(areas.map((area) => [area, `${area} label`]));
}

/** Every node reachable from a value, with its path. */
function walk(value: unknown, path: Path = []): [unknown, Path][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [unknown, Path][] = [[value, path]];
  for (const [key, child] of Object.entries(value)) {
    entries.push(...walk(child, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return entries;
}

function expectDeeplyFrozen(value: unknown): void {
  for (const [node, path] of walk(value)) {
    expect(Object.isFrozen(node), `not frozen at ${path.join('.')}`).toBe(true);
  }
}

/** Checks the shape every result of defineProtocol has, success or failure. */
function expectWellFormed(result: Result<unknown, ValidationError>): void {
  if (result.ok) {
    expectDeeplyFrozen(result.value);
    return;
  }
  expect(result.error.kind).toBe('validation');
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const found of result.error.issues) {
    expect(found.code).toMatch(KEBAB_CASE);
    expect(Array.isArray(found.path)).toBe(true);
    for (const step of found.path) expect(['string', 'number']).toContain(typeof step);
    expect(typeof found.message).toBe('string');
    expect(found.message.length).toBeGreaterThan(0);
  }
}

/**
 * The consistency rules of a protocol, written independently of the schema: the names of the
 * rules the input breaks (empty when it is consistent).
 */
function brokenRules(input: ProtocolInput): string[] {
  const broken: string[] = [];
  const isUnique = (values: readonly unknown[]) => new Set(values).size === values.length;
  const { sessions } = input;
  if (sessions.max !== undefined && sessions.max < sessions.min) broken.push('sessions range');
  const minutes = input.sessionMinutes;
  if (minutes?.min !== undefined && minutes.max < minutes.min) broken.push('minutes range');
  if (!input.cadence.allowed.includes(input.cadence.default)) broken.push('cadence default');
  if (!isUnique(input.cadence.allowed)) broken.push('cadence unique');

  const ids = input.phases.map((plan) => plan.id);
  if (ids[0] !== 'initial') broken.push('starts with initial');
  if (!ids.includes('middle')) broken.push('has middle');
  if (ids[ids.length - 1] !== 'termination') broken.push('ends with termination');
  if (!isUnique(ids)) broken.push('phases unique');
  if (ids.includes('maintenance') && ids.indexOf('maintenance') < ids.indexOf('middle')) {
    broken.push('maintenance after middle');
  }
  const initialMax = input.phases.find((plan) => plan.id === 'initial')?.maxSessions;
  if (initialMax !== undefined && initialMax >= sessions.min) broken.push('initial fits');
  for (const plan of input.phases) {
    if (plan.maxSessions !== undefined && sessions.max !== undefined) {
      if (plan.maxSessions > sessions.max) broken.push('phase fits');
    }
  }
  const notice = input.termination;
  if (notice !== undefined) {
    const { minSessionsBeforeEnd: least, maxSessionsBeforeEnd: most } = notice;
    if (most !== undefined && most < least) broken.push('notice range');
    if (least >= sessions.min) broken.push('notice fits');
    if ((initialMax ?? 0) + least > sessions.min) broken.push('plan fits');
  }

  const areas = input.problemAreas.areas;
  if (!isUnique(areas)) broken.push('areas unique');
  for (const labelled of Object.keys(input.problemAreas.labels)) {
    if (!areas.includes(labelled as ProblemArea)) broken.push('labels for included areas');
  }
  if (input.foci.max > new Set(areas).size) broken.push('foci fit');

  const preliminary = input.preliminarySessions;
  if (preliminary?.max !== undefined && preliminary.max < preliminary.min) {
    broken.push('preliminary range');
  }
  if (!isUnique(input.components)) broken.push('components unique');
  if (input.followOn && !isUnique(input.followOn.kinds)) broken.push('follow-on unique');
  return broken;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const optionalInt = (min: number, max: number) =>
  fc.option(fc.integer({ min, max }), { nil: undefined });

/** Mostly undefined, sometimes a number. */
const rarelyInt = (min: number, max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );

const phaseOrder: fc.Arbitrary<Phase[]> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .boolean()
      .map((maintenance): Phase[] =>
        maintenance
          ? ['initial', 'middle', 'maintenance', 'termination']
          : ['initial', 'middle', 'termination'],
      ),
  },
  {
    weight: 2,
    arbitrary: fc.shuffledSubarray(['initial', 'middle', 'maintenance', 'termination'] as Phase[], {
      minLength: 3,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom<Phase>('initial', 'middle', 'maintenance', 'termination'), {
      minLength: 3,
      maxLength: 4,
    }),
  },
);

const areaList: fc.Arbitrary<ProblemArea[]> = fc.oneof(
  { weight: 5, arbitrary: fc.shuffledSubarray([...allAreas], { minLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...allAreas), { minLength: 1, maxLength: allAreas.length }),
  },
);

const cadenceList: fc.Arbitrary<Cadence[]> = fc.oneof(
  { weight: 5, arbitrary: fc.shuffledSubarray([...allCadences], { minLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...allCadences), {
      minLength: 1,
      maxLength: allCadences.length,
    }),
  },
);

/**
 * Catalog protocols with their dose, phase plan, termination notice, problem areas, foci and
 * cadence varied over ranges wide enough that many variants are inconsistent, always within the
 * schema's shape (so only consistency decides acceptance).
 */
const variedProtocol: fc.Arbitrary<ProtocolInput> = fc
  .record({
    base: fc.constantFrom(...catalog),
    min: fc.integer({ min: 1, max: 20 }),
    maxDelta: optionalInt(-2, 12),
    order: phaseOrder,
    phaseMax: fc.tuple(optionalInt(1, 6), rarelyInt(1, 24), rarelyInt(1, 24), rarelyInt(1, 24)),
    notice: fc.option(
      fc.record({ least: fc.integer({ min: 1, max: 6 }), mostDelta: optionalInt(-1, 4) }),
      { nil: undefined },
    ),
    areas: areaList,
    labelMask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    strayLabels: rarelyInt(0, 15),
    fociPick: fc.nat(),
    strayFoci: rarelyInt(1, 4),
    allowed: cadenceList,
    defaultPick: fc.nat(),
    strayDefault: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...allCadences) },
    ),
  })
  .map((knobs) => {
    const draft = draftOf(knobs.base);
    draft.sessions = { min: knobs.min, sources: ['ISIPT'] };
    if (knobs.maxDelta !== undefined) draft.sessions.max = Math.max(1, knobs.min + knobs.maxDelta);
    draft.phases = knobs.order.map((id, index) => phasePlan(id, knobs.phaseMax[index]));
    if (knobs.notice === undefined) delete draft.termination;
    else {
      draft.termination = { minSessionsBeforeEnd: knobs.notice.least, sources: ['CG7'] };
      if (knobs.notice.mostDelta !== undefined) {
        draft.termination.maxSessionsBeforeEnd = Math.max(
          1,
          knobs.notice.least + knobs.notice.mostDelta,
        );
      }
    }
    const labelled =
      knobs.strayLabels === undefined
        ? knobs.areas.filter((_area, index) => knobs.labelMask[index])
        : allAreas.filter((_area, index) => ((knobs.strayLabels ?? 0) >> index) % 2 === 1);
    draft.problemAreas = { ...draft.problemAreas, areas: knobs.areas, labels: labelsFor(labelled) };
    draft.foci = {
      max: knobs.strayFoci ?? 1 + (knobs.fociPick % new Set(knobs.areas).size),
      sources: ['ISIPT'],
    };
    draft.cadence = {
      default: knobs.strayDefault ?? knobs.allowed[knobs.defaultPick % knobs.allowed.length]!,
      allowed: knobs.allowed,
      sources: ['CG7'],
    };
    return draft;
  });

/** Catalog protocols varied within the consistency rules (every value is a valid protocol). */
const consistentProtocol: fc.Arbitrary<ProtocolInput> = fc
  .integer({ min: 4, max: 30 })
  .chain((min) =>
    fc.option(fc.integer({ min: 1, max: min - 1 }), { nil: undefined }).chain((initialMax) =>
      fc.record({
        base: fc.constantFrom(...catalog),
        min: fc.constant(min),
        maxExtra: optionalInt(0, 10),
        initialMax: fc.constant(initialMax),
        notice: fc.option(
          fc.record({
            least: fc.integer({ min: 1, max: min - (initialMax ?? 1) }),
            mostExtra: optionalInt(0, 5),
          }),
          { nil: undefined },
        ),
        middleMax: optionalInt(1, min - 1),
        maintenance: fc.boolean(),
        areas: fc.shuffledSubarray([...allAreas], { minLength: 1 }),
        labelMask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fociPick: fc.nat(),
        allowed: fc.shuffledSubarray([...allCadences], { minLength: 1 }),
        defaultPick: fc.nat(),
      }),
    ),
  )
  .map((knobs) => {
    const draft = draftOf(knobs.base);
    draft.sessions = { min: knobs.min, sources: ['ISIPT'] };
    if (knobs.maxExtra !== undefined) draft.sessions.max = knobs.min + knobs.maxExtra;
    draft.phases = [
      phasePlan('initial', knobs.initialMax),
      phasePlan('middle', knobs.middleMax),
      ...(knobs.maintenance ? [phasePlan('maintenance')] : []),
      phasePlan('termination'),
    ];
    if (knobs.notice === undefined) delete draft.termination;
    else {
      draft.termination = { minSessionsBeforeEnd: knobs.notice.least, sources: ['CG7'] };
      if (knobs.notice.mostExtra !== undefined) {
        draft.termination.maxSessionsBeforeEnd = knobs.notice.least + knobs.notice.mostExtra;
      }
    }
    draft.problemAreas = {
      ...draft.problemAreas,
      areas: knobs.areas,
      labels: labelsFor(knobs.areas.filter((_area, index) => knobs.labelMask[index])),
    };
    draft.foci = { max: 1 + (knobs.fociPick % knobs.areas.length), sources: ['ISIPT'] };
    draft.cadence = {
      default: knobs.allowed[knobs.defaultPick % knobs.allowed.length]!,
      allowed: knobs.allowed,
      sources: ['CG7'],
    };
    return draft;
  });

interface Breaker {
  readonly name: string;
  readonly code: string;
  /** Breaks exactly one rule, or returns undefined when it cannot for this protocol. */
  readonly apply: (draft: ProtocolInput) => { input: unknown; path: Path } | undefined;
}

function phasesOf(draft: ProtocolInput) {
  const find = (id: Phase) => draft.phases.find((plan) => plan.id === id);
  return {
    initial: find('initial')!,
    middle: find('middle')!,
    maintenance: find('maintenance') ?? phasePlan('maintenance'),
    termination: find('termination')!,
  };
}

const breakers: readonly Breaker[] = [
  {
    name: 'sessions.max below sessions.min',
    code: 'range-inverted',
    apply: (draft) => {
      draft.sessions.max = draft.sessions.min - 1;
      return { input: draft, path: ['sessions', 'max'] };
    },
  },
  {
    name: 'session minutes inverted',
    code: 'range-inverted',
    apply: (draft) => {
      draft.sessionMinutes = { min: 50, max: 40, sources: ['CG7'] };
      return { input: draft, path: ['sessionMinutes', 'max'] };
    },
  },
  {
    name: 'cadence default outside allowed',
    code: 'cadence-not-allowed',
    apply: (draft) => {
      const outside = allCadences.find((cadence) => !draft.cadence.allowed.includes(cadence));
      if (outside === undefined) {
        draft.cadence.allowed = draft.cadence.allowed.filter((c) => c !== draft.cadence.default);
      } else draft.cadence.default = outside;
      return { input: draft, path: ['cadence', 'default'] };
    },
  },
  {
    name: 'cadence listed twice',
    code: 'duplicate',
    apply: (draft) => {
      const allowed = draft.cadence.allowed;
      if (allowed.length >= allCadences.length) return undefined;
      draft.cadence.allowed = [...allowed, allowed[0]!];
      return { input: draft, path: ['cadence', 'allowed', allowed.length] };
    },
  },
  {
    name: 'phase listed twice',
    code: 'duplicate',
    apply: (draft) => {
      const { initial, middle, termination } = phasesOf(draft);
      draft.phases = [initial, middle, { ...middle }, termination];
      return { input: draft, path: ['phases', 2, 'id'] };
    },
  },
  {
    name: 'first phase not initial',
    code: 'phase-order',
    apply: (draft) => {
      const [first, second, ...rest] = draft.phases;
      draft.phases = [second!, first!, ...rest];
      return { input: draft, path: ['phases', 0, 'id'] };
    },
  },
  {
    name: 'last phase not termination',
    code: 'phase-order',
    apply: (draft) => {
      const phases = [...draft.phases];
      const last = phases.length - 1;
      [phases[last - 1], phases[last]] = [phases[last]!, phases[last - 1]!];
      draft.phases = phases;
      return { input: draft, path: ['phases', last, 'id'] };
    },
  },
  {
    name: 'no middle phase',
    code: 'missing-phase',
    apply: (draft) => {
      const { initial, maintenance, termination } = phasesOf(draft);
      draft.phases = [initial, maintenance, termination];
      return { input: draft, path: ['phases'] };
    },
  },
  {
    name: 'maintenance before middle',
    code: 'phase-order',
    apply: (draft) => {
      const { initial, middle, maintenance, termination } = phasesOf(draft);
      draft.phases = [initial, maintenance, middle, termination];
      return { input: draft, path: ['phases', 1, 'id'] };
    },
  },
  {
    name: 'initial phase as long as the shortest course',
    code: 'initial-phase-exceeds-total',
    apply: (draft) => {
      draft.phases[0]!.maxSessions = draft.sessions.min;
      delete draft.termination;
      return { input: draft, path: ['phases', 0, 'maxSessions'] };
    },
  },
  {
    name: 'a phase longer than the longest course',
    code: 'phase-exceeds-total',
    apply: (draft) => {
      draft.sessions.max ??= draft.sessions.min;
      const middle = draft.phases.findIndex((plan) => plan.id === 'middle');
      draft.phases[middle]!.maxSessions = draft.sessions.max + 1;
      return { input: draft, path: ['phases', middle, 'maxSessions'] };
    },
  },
  {
    name: 'termination notice as long as the shortest course',
    code: 'termination-notice-exceeds-total',
    apply: (draft) => {
      draft.termination = { minSessionsBeforeEnd: draft.sessions.min, sources: ['CG7'] };
      return { input: draft, path: ['termination', 'minSessionsBeforeEnd'] };
    },
  },
  {
    name: 'termination notice inverted',
    code: 'range-inverted',
    apply: (draft) => {
      const least = Math.max(2, draft.termination?.minSessionsBeforeEnd ?? 2);
      if ((draft.phases[0]!.maxSessions ?? 0) + least > draft.sessions.min) return undefined;
      draft.termination = {
        minSessionsBeforeEnd: least,
        maxSessionsBeforeEnd: least - 1,
        sources: ['CG7'],
      };
      return { input: draft, path: ['termination', 'maxSessionsBeforeEnd'] };
    },
  },
  {
    name: 'initial phase plus notice longer than the shortest course',
    code: 'phase-plan-exceeds-total',
    apply: (draft) => {
      draft.phases[0]!.maxSessions = draft.sessions.min - 1;
      draft.termination = { minSessionsBeforeEnd: 2, sources: ['CG7'] };
      return { input: draft, path: ['termination', 'minSessionsBeforeEnd'] };
    },
  },
  {
    name: 'problem area listed twice',
    code: 'duplicate',
    apply: (draft) => {
      const areas = draft.problemAreas.areas;
      if (areas.length >= allAreas.length) return undefined;
      draft.problemAreas.areas = [...areas, areas[0]!];
      return { input: draft, path: ['problemAreas', 'areas', areas.length] };
    },
  },
  {
    name: 'label for an excluded area',
    code: 'label-for-missing-area',
    apply: (draft) => {
      const excluded = allAreas.find((area) => !draft.problemAreas.areas.includes(area));
      if (excluded === undefined) return undefined;
      draft.problemAreas.labels = { ...draft.problemAreas.labels, [excluded]: 'some label' };
      return { input: draft, path: ['problemAreas', 'labels', excluded] };
    },
  },
  {
    name: 'more foci than areas',
    code: 'foci-exceed-areas',
    apply: (draft) => {
      const areas = draft.problemAreas.areas;
      if (areas.length >= allAreas.length) return undefined;
      draft.foci.max = areas.length + 1;
      return { input: draft, path: ['foci', 'max'] };
    },
  },
  {
    name: 'unknown key',
    code: 'unrecognized-keys',
    apply: (draft) => ({ input: { ...draft, unknownExtraKey: true }, path: [] }),
  },
];

// ---------------------------------------------------------------------------------------------

describe('the arbitraries', () => {
  test('varied protocols are a mix of accepted and rejected ones', () => {
    const samples = fc.sample(variedProtocol, { numRuns: 1000, seed: 20260302 });
    const accepted = samples.filter((input) => defineProtocol(input).ok).length;
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(900);
  });

  test.prop([consistentProtocol])('consistent protocols break no rule', (input) => {
    expect(brokenRules(input)).toEqual([]);
  });
});

describe('defineProtocol on varied catalog protocols', () => {
  test.prop([variedProtocol])('accepts exactly the inputs that break no rule', (input) => {
    const result = defineProtocol(input);
    expect(result.ok, brokenRules(input).join(', ')).toBe(brokenRules(input).length === 0);
  });

  test.prop([variedProtocol])('every accepted protocol satisfies the invariants', (input) => {
    const result = defineProtocol(input);
    fc.pre(result.ok);
    const protocol = result.value;
    const { sessions } = protocol;
    if (sessions.max !== undefined) expect(sessions.max).toBeGreaterThanOrEqual(sessions.min);

    const ids = protocol.phases.map((plan) => plan.id);
    expect(ids[0]).toBe('initial');
    expect(ids).toContain('middle');
    expect(ids[ids.length - 1]).toBe('termination');
    expect(new Set(ids).size).toBe(ids.length);

    const initialMax = protocol.phases[0]!.maxSessions;
    if (initialMax !== undefined) expect(initialMax).toBeLessThan(sessions.min);
    if (protocol.termination !== undefined) {
      const { minSessionsBeforeEnd, maxSessionsBeforeEnd } = protocol.termination;
      expect(minSessionsBeforeEnd).toBeLessThan(sessions.min);
      if (maxSessionsBeforeEnd !== undefined) {
        expect(minSessionsBeforeEnd).toBeLessThanOrEqual(maxSessionsBeforeEnd);
      }
      expect((initialMax ?? 0) + minSessionsBeforeEnd).toBeLessThanOrEqual(sessions.min);
    }
    const areas = protocol.problemAreas.areas;
    expect(protocol.foci.max).toBeLessThanOrEqual(new Set(areas).size);
    expect(protocol.cadence.allowed).toContain(protocol.cadence.default);
    for (const labelled of Object.keys(protocol.problemAreas.labels)) {
      expect(areas).toContain(labelled);
    }
  });

  test.prop([variedProtocol])('never mutates or freezes its input', (input) => {
    const before = structuredClone(input);
    defineProtocol(input);
    expect(input).toStrictEqual(before);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.phases)).toBe(false);
  });
});

describe('breaking exactly one rule', () => {
  test.prop([consistentProtocol, fc.constantFrom(...breakers)])(
    'is reported with the expected code at the expected path, and nothing else',
    (input, breaker) => {
      const broken = breaker.apply(input);
      fc.pre(broken !== undefined);
      const result = defineProtocol(broken.input);
      expect(result.ok, breaker.name).toBe(false);
      if (result.ok) return;
      expect(
        result.error.issues.map(({ code, path }) => ({ code, path })),
        breaker.name,
      ).toEqual([{ code: breaker.code, path: broken.path }]);
    },
  );
});

describe('robustness', () => {
  test.prop([
    fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  ])('never throws on anything, and every issue is well formed', (input) => {
    let result: ReturnType<typeof defineProtocol> | undefined;
    expect(() => {
      result = defineProtocol(input);
    }).not.toThrow();
    expectWellFormed(result!);
  });

  const catalogPaths = catalog.flatMap((base) =>
    walk(base).flatMap(([node, path]) =>
      Object.keys(node as object).map((key) => ({
        base,
        path: [...path, Array.isArray(node) ? Number(key) : key],
      })),
    ),
  );

  /** Deletes, or replaces with a new value, the key at a path of a copy of a catalog protocol. */
  function mutateAt(
    base: (typeof catalog)[number],
    path: Path,
    change: { kind: 'delete' } | { kind: 'replace'; value: unknown },
  ): unknown {
    const copy = structuredClone(base) as unknown as Record<string | number, unknown>;
    let parent = copy;
    for (const step of path.slice(0, -1)) parent = parent[step] as typeof parent;
    const key = path[path.length - 1]!;
    if (change.kind === 'replace') parent[key] = change.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else Reflect.deleteProperty(parent, key);
    return copy;
  }

  test.prop([
    fc.constantFrom(...catalogPaths),
    fc.oneof(
      fc.constant({ kind: 'delete' as const }),
      fc.anything().map((value) => ({ kind: 'replace' as const, value })),
    ),
  ])(
    'never throws on a catalog protocol with a key deleted or replaced, and every issue is well formed',
    ({ base, path }, change) => {
      const input = mutateAt(base, path, change);
      let result: ReturnType<typeof defineProtocol> | undefined;
      expect(() => {
        result = defineProtocol(input);
      }).not.toThrow();
      expectWellFormed(result!);
    },
  );

  const marker = fc.stringMatching(/^[a-z0-9]{6,12}$/).map((suffix) => `XQZ${suffix}`);
  const placements: readonly ((draft: ProtocolInput, text: string) => unknown)[] = [
    (draft, text) => ({ ...draft, [text]: text }),
    (draft, text) => ({ ...draft, sessions: { ...draft.sessions, [text]: 1 } }),
    (draft, text) => ({ ...draft, id: text }),
    (draft, text) => ({ ...draft, name: text.repeat(40) }),
    (draft, text) => ({ ...draft, cadence: { ...draft.cadence, default: text } }),
    (draft, text) => ({ ...draft, problemAreas: { ...draft.problemAreas, areas: [text] } }),
    (draft, text) => ({
      ...draft,
      problemAreas: { ...draft.problemAreas, labels: { [text]: text } },
    }),
    (draft, text) => ({ ...draft, phases: [{ id: text, label: text, sources: [text] }] }),
    (draft, text) => ({ ...draft, sources: [text.repeat(40)] }),
  ];

  test.prop([fc.constantFrom(...catalog), fc.constantFrom(...placements), marker])(
    'messages never quote input text (keys or values)',
    (base, place, text) => {
      const input = place(draftOf(base), text);
      const result = defineProtocol(input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      for (const found of result.error.issues) expect(found.message).not.toContain(text);
      let thrown: unknown;
      try {
        parseProtocol(input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).not.toContain(text);
    },
  );
});

describe('output', () => {
  test.prop([consistentProtocol])(
    'is deeply frozen, deep-equal to the input, and a re-parse gives the same value (idempotent)',
    (input) => {
      const first = defineProtocol(input);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expectDeeplyFrozen(first.value);
      expect(first.value).toStrictEqual(input);
      const second = defineProtocol(first.value);
      expect(second.ok).toBe(true);
      if (!second.ok) return;
      expect(second.value).toStrictEqual(first.value);
      expectDeeplyFrozen(second.value);
    },
  );

  test.prop([variedProtocol])('of accepted varied protocols is frozen and idempotent', (input) => {
    const first = defineProtocol(input);
    fc.pre(first.ok);
    expectDeeplyFrozen(first.value);
    expect(parseProtocol(first.value)).toStrictEqual(first.value);
  });
});
