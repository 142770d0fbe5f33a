import * as fc from 'fast-check';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import type { Phase } from '../protocol/phases.js';
import {
  Cadence,
  ProtocolComponent,
  type Protocol,
  type ProtocolInput,
} from '../protocol/protocol-schema.js';
import { defineProtocol, protocols, type CatalogProtocolId } from '../protocol/protocols.js';
import { SourceKey } from '../sources/sources.js';
import {
  changed,
  copyOf,
  invalid,
  mutated,
  optionsOf,
  sizeOption,
  textArbitrary,
  type InvalidValue,
  type Mutation,
} from './basics.js';

const catalogIds = Object.keys(protocols) as CatalogProtocolId[];

/**
 * The id of a built-in protocol (`ipt`, `ipt-brief`, `ipc`, `ipt-a`, `group-ipt`, `ipt-m`,
 * `ipsrt`, `ipt-stuart-robertson`).
 * @returns The arbitrary.
 * @see IPT reference 1 and 6
 * @category Testing
 */
export function catalogProtocolIdArbitrary(): fc.Arbitrary<CatalogProtocolId> {
  return fc.constantFrom(...catalogIds);
}

/**
 * Options of {@link protocolInputArbitrary} and {@link protocolArbitrary}.
 * @category Testing
 */
export interface ProtocolOptions {
  /**
   * The largest shortest-course length (`sessions.min`) a custom protocol may have (default 24,
   * from 1 to 200). Small values give short courses.
   */
  readonly maxSessions?: number;
}

const sourceList = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SourceKey.options) },
    { weight: 1, arbitrary: textArbitrary({ maxLength: 300 }) },
  ),
  { minLength: 1, maxLength: 3 },
);

/** Provenance fields: sources, sometimes marked unconfirmed with a note. */
const provenance = fc
  .record(
    { sources: sourceList, unconfirmed: fc.boolean(), note: textArbitrary({ maxLength: 500 }) },
    { requiredKeys: ['sources'] },
  )
  .map((drawn) => drawn);

const kebabId = fc
  .array(fc.constantFrom('clinic', 'brief', 'short', 'group', 'teen', 'ward', 'v2', 'a', 'b'), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => ['custom', ...parts].join('-'));

function phasePlan(
  id: Phase,
  source: { sources: string[]; unconfirmed?: boolean; note?: string },
  maxSessions?: number,
): ProtocolInput['phases'][number] {
  return { id, label: id, ...(maxSessions === undefined ? {} : { maxSessions }), ...source };
}

/**
 * A custom protocol as a caller writes it (`ProtocolInput`), consistent by construction: session
 * range not inverted, phases `initial`, `middle`, optionally `maintenance`, then `termination`,
 * the initial phase and the termination notice fitting in the shortest course, distinct problem
 * areas with labels only for included ones, foci within the areas, a default cadence among the
 * allowed ones, and so on. Every value passes `defineProtocol`.
 * @param options - How long courses may be.
 * @returns The arbitrary.
 * @see IPT reference 1, 2 and 6
 * @category Testing
 */
export function protocolInputArbitrary(options: ProtocolOptions = {}): fc.Arbitrary<ProtocolInput> {
  const maxMin = sizeOption(optionsOf<ProtocolOptions>(options).maxSessions, 24, 1, 200);
  const text = (maxLength: number) => textArbitrary({ maxLength });
  return fc
    .integer({ min: 1, max: maxMin })
    .chain((min) =>
      fc
        .option(fc.integer({ min: 1, max: Math.max(1, min - 1) }), { nil: undefined })
        .map((initialMax) =>
          initialMax !== undefined && initialMax < min ? initialMax : undefined,
        )
        .chain((initialMax) => {
          // The ending must be raised at least `least` sessions before the last one: it has to fit
          // in the shortest course after the initial phase.
          const mostNotice = min - (initialMax ?? 1);
          return fc.record({
            min: fc.constant(min),
            initialMax: fc.constant(initialMax),
            maxExtra: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
            notice:
              mostNotice >= 1
                ? fc.option(
                    fc.record({
                      least: fc.integer({ min: 1, max: mostNotice }),
                      extra: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
                    }),
                    { nil: undefined },
                  )
                : fc.constant(undefined),
          });
        }),
    )
    .chain((dose) =>
      fc
        .record({
          id: kebabId,
          name: text(200),
          version: fc.constantFrom('1.0.0', '0.1.0', '2026-03'),
          description: text(2000),
          population: text(300),
          format: fc.constantFrom('individual' as const, 'group' as const),
          sources: sourceList,
          minutes: fc.option(
            fc.record({
              least: fc.option(fc.integer({ min: 20, max: 60 }), { nil: undefined }),
              extra: fc.integer({ min: 0, max: 40 }),
            }),
            { nil: undefined },
          ),
          allowed: fc.shuffledSubarray([...Cadence.options], { minLength: 1 }),
          defaultPick: fc.nat(),
          contract: fc.constantFrom('fixed' as const, 'flexible' as const),
          maintenance: fc.boolean(),
          areas: fc.shuffledSubarray([...ProblemArea.options], { minLength: 1 }),
          labelMask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          label: text(120),
          griefRequiresDeath: fc.boolean(),
          fociPick: fc.nat(),
          preliminary: fc.option(
            fc.record({
              kind: fc.constantFrom('pre-group' as const, 'engagement' as const),
              min: fc.integer({ min: 0, max: 3 }),
              extra: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
            }),
            { nil: undefined },
          ),
          parents: fc.option(
            fc.uniqueArray(
              fc.constantFrom(
                'first-session' as const,
                'middle-phase' as const,
                'final-session' as const,
              ),
              { minLength: 1 },
            ),
            { nil: undefined },
          ),
          components: fc.subarray([...ProtocolComponent.options]),
          followOn: fc.option(
            fc.shuffledSubarray(['continuation' as const, 'maintenance' as const], {
              minLength: 1,
            }),
            { nil: undefined },
          ),
          requiresRemission: fc.option(fc.boolean(), { nil: undefined }),
          source: provenance,
        })
        .map((knobs): ProtocolInput => {
          const { min, initialMax, maxExtra, notice } = dose;
          const areas = knobs.areas;
          const labels: Partial<Record<ProblemArea, string>> = {};
          areas.forEach((area, index) => {
            if (knobs.labelMask[index] === true) labels[area] = knobs.label;
          });
          const source = knobs.source;
          return {
            id: knobs.id,
            name: knobs.name,
            version: knobs.version,
            description: knobs.description,
            population: knobs.population,
            format: knobs.format,
            sources: knobs.sources,
            sessions: {
              min,
              ...(maxExtra === undefined ? {} : { max: Math.min(1000, min + maxExtra) }),
              ...source,
            },
            ...(knobs.minutes === undefined
              ? {}
              : {
                  sessionMinutes: {
                    ...(knobs.minutes.least === undefined ? {} : { min: knobs.minutes.least }),
                    max: (knobs.minutes.least ?? 30) + knobs.minutes.extra,
                    ...source,
                  },
                }),
            cadence: {
              default: knobs.allowed[knobs.defaultPick % knobs.allowed.length] ?? 'weekly',
              allowed: knobs.allowed,
              ...source,
            },
            contract: { kind: knobs.contract, ...source },
            phases: [
              phasePlan('initial', source, initialMax),
              phasePlan('middle', source),
              ...(knobs.maintenance ? [phasePlan('maintenance', source)] : []),
              phasePlan('termination', source),
            ],
            ...(notice === undefined
              ? {}
              : {
                  termination: {
                    minSessionsBeforeEnd: notice.least,
                    ...(notice.extra === undefined
                      ? {}
                      : { maxSessionsBeforeEnd: notice.least + notice.extra }),
                    ...source,
                  },
                }),
            problemAreas: {
              areas,
              labels,
              griefRequiresDeath: knobs.griefRequiresDeath,
              ...source,
            },
            foci: { max: 1 + (knobs.fociPick % areas.length), ...source },
            ...(knobs.preliminary === undefined
              ? {}
              : {
                  preliminarySessions: {
                    kind: knobs.preliminary.kind,
                    min: knobs.preliminary.min,
                    ...(knobs.preliminary.extra === undefined
                      ? {}
                      : { max: knobs.preliminary.min + knobs.preliminary.extra }),
                    ...source,
                  },
                }),
            ...(knobs.parents === undefined
              ? {}
              : {
                  participants: knobs.parents.map((at, index) => ({
                    who: 'parent-or-caregiver' as const,
                    at,
                    optional: index > 0,
                    ...source,
                  })),
                }),
            components: knobs.components,
            ...(knobs.followOn === undefined
              ? {}
              : { followOn: { kinds: knobs.followOn, ...source } }),
            ...(knobs.requiresRemission === undefined
              ? {}
              : { entry: { requiresRemission: knobs.requiresRemission, ...source } }),
          };
        }),
    );
}

/**
 * Options of {@link protocolArbitrary}.
 * @category Testing
 */
export interface ProtocolChoiceOptions extends ProtocolOptions {
  /** `'catalog'` (built-in protocols only), `'custom'` (only ones from `defineProtocol`), or `'any'` (default). */
  readonly kind?: 'catalog' | 'custom' | 'any';
}

/**
 * A validated `Protocol`: a built-in one from `protocols`, or a custom one made by
 * `defineProtocol` from {@link protocolInputArbitrary}. Deeply frozen, as iptkit returns them.
 * @param options - Which kind, and course lengths of custom ones.
 * @returns The arbitrary.
 * @category Testing
 */
export function protocolArbitrary(
  options: ProtocolChoiceOptions = {},
): fc.Arbitrary<DeepReadonly<Protocol>> {
  const read = optionsOf<ProtocolChoiceOptions>(options);
  const catalog = fc.constantFrom<DeepReadonly<Protocol>>(...Object.values(protocols));
  const custom = protocolInputArbitrary(read).map((input) => {
    const defined = defineProtocol(input);
    // The input is consistent by construction; a refusal is a bug in the kit, not in the caller.
    if (!defined.ok) {
      const codes = defined.error.issues.map((found) => found.code).join(', ');
      throw new Error(`iptkit/testing: a generated protocol was refused (${codes})`);
    }
    return defined.value;
  });
  if (read.kind === 'catalog') return catalog;
  if (read.kind === 'custom') return custom;
  return fc.oneof(catalog, custom);
}

const protocolMutations: readonly Mutation<ProtocolInput>[] = [
  (input) =>
    input.sessions.min >= 2
      ? invalid(
          changed(input, ['sessions', 'max'], input.sessions.min - 1),
          'sessions-inverted',
          'range-inverted',
          ['sessions', 'max'],
        )
      : undefined,
  (input) => {
    const stray = Cadence.options.find((cadence) => !input.cadence.allowed.includes(cadence));
    return stray === undefined
      ? undefined
      : invalid(
          changed(input, ['cadence', 'default'], stray),
          'default-cadence-not-allowed',
          'cadence-not-allowed',
          ['cadence', 'default'],
        );
  },
  (input) => {
    const [first, second, ...rest] = copyOf(input.phases);
    if (first === undefined || second === undefined) return undefined;
    return invalid(
      { ...copyOf(input), phases: [second, first, ...rest] },
      'first-phase-not-initial',
      'phase-order',
      ['phases', 0, 'id'],
    );
  },
  (input) =>
    invalid(
      changed(input, ['termination'], {
        ...(input.termination ?? { sources: ['CG7'] }),
        minSessionsBeforeEnd: input.sessions.min,
      }),
      'notice-longer-than-course',
      'termination-notice-exceeds-total',
      ['termination', 'minSessionsBeforeEnd'],
    ),
  (input) => {
    const distinct = new Set(input.problemAreas.areas).size;
    return distinct < ProblemArea.options.length
      ? invalid(
          changed(input, ['foci', 'max'], distinct + 1),
          'more-foci-than-areas',
          'foci-exceed-areas',
          ['foci', 'max'],
        )
      : undefined;
  },
  (input) => {
    const areas = input.problemAreas.areas;
    const [first] = areas;
    return first === undefined || areas.length >= ProblemArea.options.length
      ? undefined
      : invalid(
          changed(input, ['problemAreas', 'areas'], [...areas, first]),
          'area-twice',
          'duplicate',
          ['problemAreas', 'areas', areas.length],
        );
  },
  (input) => {
    const absent = ProblemArea.options.find((area) => !input.problemAreas.areas.includes(area));
    return absent === undefined
      ? undefined
      : invalid(
          changed(input, ['problemAreas', 'labels', absent], 'a label'),
          'label-for-missing-area',
          'label-for-missing-area',
          ['problemAreas', 'labels', absent],
        );
  },
  (input) =>
    invalid(
      changed(input, ['phases', 0, 'maxSessions'], input.sessions.min),
      'initial-phase-as-long-as-course',
      'initial-phase-exceeds-total',
      ['phases', 0, 'maxSessions'],
    ),
  (input) =>
    invalid(changed(input, ['id'], 'Custom IPT'), 'id-not-kebab-case', 'invalid-format', ['id']),
];

/**
 * Custom protocols that `defineProtocol` refuses: a consistent one with one targeted change (an
 * inverted session range, a default cadence that is not allowed, phases out of order, a termination
 * notice as long as the course, more foci than areas, an area twice, a label for an area not
 * included, an initial phase as long as the course, an id that is not kebab-case), with the issue
 * reported.
 * @param options - As for {@link protocolInputArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidProtocolArbitrary(
  options: ProtocolOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(protocolInputArbitrary(options), protocolMutations);
}
