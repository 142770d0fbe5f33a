import type {
  PlanDefinition,
  PlanDefinitionAction,
  PlanDefinitionGoal,
  RelatedArtifact,
  TimingRepeat,
} from '@medplum/fhirtypes';
import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issuesFromZod, validationError, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { problemAreas } from '../problem-area/problem-areas.js';
import { Protocol } from '../protocol/protocol-schema.js';
import { areaCoding, cadenceTiming, phaseDisplay } from './care-plan.js';
import { FhirDateTime, FhirId, guarded, parseOptions } from './shared.js';
import { fhirSystems } from './systems.js';

/**
 * Options of {@link toPlanDefinition}. Every one is optional.
 * @category FHIR
 */
export const PlanDefinitionOptions = z.strictObject({
  /** The resource id; the protocol id (kebab-case, always a valid FHIR id) when left out. */
  id: FhirId.optional(),
  /**
   * The base of the canonical URL, `url` being `<canonicalBase>/PlanDefinition/<protocol id>`: an
   * http(s) URL without `|`, `#`, `?` or spaces (trailing slashes are dropped). iptkit's own base
   * (`fhirSystems.canonicalBase`) when left out, which suits the catalog protocols; give your own
   * for your own protocols, since a canonical URL must name one definition only.
   */
  canonicalBase: z
    .string()
    .max(1000)
    .regex(/^https?:\/\/[^\s/|#?][^\s|#?]*$/, {
      error: 'must be an http(s) URL without spaces, "|", "#" or "?"',
    })
    .optional(),
  /** `PlanDefinition.status`: `active` when left out. */
  status: z.enum(['draft', 'active', 'retired', 'unknown']).optional(),
  /** `PlanDefinition.date` (when the definition was last changed); iptkit reads no clock. */
  date: FhirDateTime.optional(),
  /**
   * Citations of source keys: pass `sources` from `iptkit` so that a catalog key such as `CG7`
   * becomes a full citation labelled `CG7`. A reference it does not hold (a custom protocol's own
   * citation) is sent as it is. Left out, every reference is sent as it is (the catalog is not
   * bundled into `iptkit/fhir`, to keep it small).
   */
  citations: z
    .record(z.string(), z.object({ citation: z.string().trim().min(1).max(2000) }))
    .optional(),
});
/** @category FHIR */
export type PlanDefinitionOptions = z.input<typeof PlanDefinitionOptions>;

type Options = z.output<typeof PlanDefinitionOptions>;

/**
 * Turns a protocol (a catalog one such as `protocols.ipt`, or a custom one from `defineProtocol`)
 * into a FHIR R4 PlanDefinition of type `clinical-protocol`:
 * - `url` `<canonicalBase>/PlanDefinition/<protocol id>`, `version` the protocol's version, `name`
 *   the id in PascalCase (`IptBrief`), `title` its name, `description` its description, `usage`
 *   its population and format, `status` `active` unless the options say otherwise, `date` if given;
 * - `relatedArtifact`: the protocol's sources, one `citation` each (full text with
 *   `options.citations`);
 * - `goal`: one per problem area of the manual, in its order, whose `addresses` is the area in
 *   iptkit's `problem-area` code system (text: the manual's label, such as WHO's "loneliness") and
 *   whose `description` is the area's goals from iptkit's catalog;
 * - `action`: first the sessions before the acute course, if the manual has any (`preliminary`,
 *   `requiredBehavior` `could` when there may be none); then `sessions`, the acute sessions, whose
 *   `timingTiming.repeat` holds the session range (`count` = minimum, `countMax` = maximum), the
 *   default cadence (`frequency` per `period` `periodUnit`) and the session length (`duration`,
 *   `durationMax`, `durationUnit` `min`); then one action per phase, in the manual's order, coded
 *   in iptkit's `ipt-phase` code system, each after the end of the one before (`relatedAction`
 *   `after-end`), with its session limit and (termination) the notice rule in `description`.
 *   R4 `Timing` has no "at least n times" and no "up to n minutes": a manual with no maximum
 *   (maintenance) gets no `count`, and a session length with no minimum no `duration`; the
 *   action's `description` says it in words, with the other allowed cadences and what the sources
 *   mark unconfirmed. Each action and goal cites its own sources in `documentation`.
 *
 * Left out: participants (IPT-A's parents), components, foci limits, follow-on contracts, entry
 * conditions, and the provenance notes.
 * @param protocol - A protocol; untrusted input is fine: it is validated first against the
 * `Protocol` schema (shape and consistency, as `defineProtocol` does), with issues at
 * `['protocol', ...]`.
 * @param options - Id, canonical base, status, date and citations (all optional).
 * @returns The frozen PlanDefinition, or a {@link ValidationError} (not a valid protocol, bad
 * options).
 * @example
 * ```ts
 * import { protocols, sources } from 'iptkit';
 * import { toCarePlan, toPlanDefinition } from 'iptkit/fhir';
 *
 * const plan = toPlanDefinition(protocols.ipt, { citations: sources });
 * if (plan.ok) {
 *   const canonical = `${plan.value.url}|${plan.value.version}`; // ...PlanDefinition/ipt|1.0.0
 *   toCarePlan(course, { idPrefix: 'c-1', subject: 'Patient/1', instantiatesCanonical: canonical });
 * }
 * ```
 * @see DESIGN section 4; IPT reference 1, 2 and 11 ([ISIPT], [CG7], [MARK06])
 * @category FHIR
 */
export function toPlanDefinition(
  protocol: DeepReadonly<Protocol>,
  options: PlanDefinitionOptions = {},
): Result<DeepReadonly<PlanDefinition>, ValidationError> {
  return guarded(() => {
    const parsed = Protocol.safeParse(protocol, { reportInput: false });
    const parsedOptions = parseOptions(PlanDefinitionOptions, options);
    if (!parsed.success || !parsedOptions.ok) {
      return err(
        validationError([
          ...(parsed.success ? [] : issuesFromZod(parsed.error, ['protocol'])),
          ...(parsedOptions.ok ? [] : parsedOptions.error.issues),
        ]),
      );
    }
    return ok(build(parsed.data, parsedOptions.value));
  });
}

/** `12-16`, `8`, `at least 12`, `up to 30` (a minimum of 0 is no minimum), then the noun. */
function range(min: number | undefined, max: number | undefined, noun: string): string {
  const low = min === 0 ? undefined : min;
  const words =
    max === undefined
      ? low === undefined
        ? 'any number of'
        : `at least ${low}`
      : low === undefined
        ? `up to ${max}`
        : low === max
          ? `${max}`
          : `${low}-${max}`;
  return `${words} ${noun}${(max ?? low) === 1 && (low ?? max) === 1 ? '' : 's'}`;
}

function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** ` Unconfirmed: a, b.` for the parts whose sources mark them unconfirmed. */
function unconfirmedNote(parts: readonly [string, { unconfirmed?: boolean } | undefined][]) {
  const named = parts.filter(([, part]) => part?.unconfirmed === true).map(([name]) => name);
  return named.length === 0 ? '' : ` Unconfirmed: ${named.join(', ')}.`;
}

function build(protocol: Protocol, options: Options): PlanDefinition {
  const cite = (refs: readonly string[]): RelatedArtifact[] =>
    [...new Set(refs)].map((ref) => {
      const known =
        options.citations !== undefined && Object.hasOwn(options.citations, ref)
          ? options.citations[ref]
          : undefined;
      return known === undefined
        ? { type: 'citation', citation: ref }
        : { type: 'citation', label: ref, citation: known.citation };
    });
  const { sessions, sessionMinutes: minutes, cadence, termination } = protocol;
  const actions: PlanDefinitionAction[] = [];

  const preliminary = protocol.preliminarySessions;
  if (preliminary !== undefined) {
    const { min, max } = preliminary;
    actions.push({
      id: 'preliminary',
      title: preliminary.kind === 'pre-group' ? 'Pre-group sessions' : 'Engagement sessions',
      description: `${sentence(range(min, max, 'session'))} before the acute course.${unconfirmedNote([['sessions', preliminary]])}`,
      documentation: cite(preliminary.sources),
      requiredBehavior: min === 0 ? 'could' : 'must',
      ...(min > 0 && max !== undefined
        ? { timingTiming: { repeat: { count: min, ...(max > min ? { countMax: max } : {}) } } }
        : {}),
    });
  }

  const repeat: TimingRepeat = {};
  if (sessions.max !== undefined) {
    repeat.count = sessions.min;
    if (sessions.max > sessions.min) repeat.countMax = sessions.max;
  }
  if (minutes?.min !== undefined) {
    repeat.duration = minutes.min;
    if (minutes.max > minutes.min) repeat.durationMax = minutes.max;
    repeat.durationUnit = 'min';
  }
  Object.assign(repeat, cadenceTiming[cadence.default]);
  const words = (id: string) => id.replace(/-/g, ' ');
  const others = cadence.allowed.filter((allowed) => allowed !== cadence.default).map(words);
  actions.push({
    id: 'sessions',
    title: 'Interpersonal psychotherapy sessions',
    description:
      `${sentence(range(sessions.min, sessions.max, 'session'))}, ${words(cadence.default)}` +
      (others.length > 0 ? ` (also allowed: ${others.join(', ')})` : '') +
      (minutes === undefined ? '' : `, ${range(minutes.min, minutes.max, 'minute')} each`) +
      '.' +
      unconfirmedNote([
        ['session count', sessions],
        ['cadence', cadence],
        ['session length', minutes],
      ]),
    code: [{ text: 'Interpersonal psychotherapy session' }],
    documentation: cite([
      ...sessions.sources,
      ...cadence.sources,
      ...(minutes === undefined ? [] : minutes.sources),
    ]),
    timingTiming: { repeat },
  });

  let previous = preliminary === undefined ? undefined : 'preliminary';
  for (const phase of protocol.phases) {
    const id = `phase-${phase.id}`;
    const notice = phase.id === 'termination' ? termination : undefined;
    const description =
      (phase.maxSessions === undefined
        ? ''
        : ` ${sentence(range(undefined, phase.maxSessions, 'session'))}.`) +
      unconfirmedNote([['phase plan', phase]]) +
      (notice === undefined
        ? ''
        : ` Raise the ending at least ${range(notice.minSessionsBeforeEnd, notice.maxSessionsBeforeEnd, 'session').replace(/^at least /, '')} before the last one.${unconfirmedNote([['notice', notice]])}`);
    actions.push({
      id,
      title: phase.label,
      ...(description === '' ? {} : { description: description.trim() }),
      code: [
        {
          coding: [{ system: fhirSystems.phase, code: phase.id, display: phaseDisplay[phase.id] }],
        },
      ],
      documentation: cite([...phase.sources, ...(notice === undefined ? [] : notice.sources)]),
      ...(previous === undefined
        ? {}
        : { relatedAction: [{ actionId: previous, relationship: 'after-end' as const }] }),
    });
    previous = id;
  }

  const goals: PlanDefinitionGoal[] = protocol.problemAreas.areas.map((area) => ({
    description: { text: problemAreas[area].goals.map((goal) => goal.text).join(' ') },
    addresses: [
      {
        coding: [areaCoding(area)],
        text: protocol.problemAreas.labels[area] ?? problemAreas[area].label,
      },
    ],
    documentation: cite(protocol.problemAreas.sources),
  }));

  const base = (options.canonicalBase ?? fhirSystems.canonicalBase).replace(/\/+$/, '');
  return {
    resourceType: 'PlanDefinition',
    id: options.id ?? protocol.id,
    url: `${base}/PlanDefinition/${protocol.id}`,
    version: protocol.version,
    name: protocol.id.split('-').map(sentence).join(''),
    title: protocol.name,
    type: {
      coding: [
        {
          system: fhirSystems.planDefinitionType,
          code: 'clinical-protocol',
          display: 'Clinical Protocol',
        },
      ],
    },
    status: options.status ?? 'active',
    ...(options.date === undefined ? {} : { date: options.date }),
    description: protocol.description,
    usage: `${protocol.population} (${protocol.format} format)`,
    relatedArtifact: cite(protocol.sources),
    goal: goals,
    action: actions,
  };
}
