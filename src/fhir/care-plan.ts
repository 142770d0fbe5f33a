import type {
  CarePlan,
  CarePlanActivity,
  Condition,
  Encounter,
  EpisodeOfCare,
  Extension,
  Goal,
  Patient,
  Reference,
  Resource,
  TimingRepeat,
} from '@medplum/fhirtypes';
import * as z from 'zod';
import type { CourseOutcome, SessionStatus } from '../course/commands.js';
import type { Course } from '../course/state.js';
import { IsoDate } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issuesFromZod, validationError, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { ProblemArea, problemAreas } from '../problem-area/problem-areas.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import { Phase } from '../protocol/phases.js';
import type { Cadence } from '../protocol/protocol-schema.js';
import { Canonical, PatientReference, guarded, parseOptions } from './shared.js';
import { fhirSystems } from './systems.js';

/**
 * Options of {@link toCarePlan}.
 * @category FHIR
 */
export const CarePlanOptions = z.strictObject({
  /**
   * The start of every resource id (1-40 letters, digits, `-` or `.`). Ids are built from it and
   * stable parts of the course: `<prefix>-episode`, `<prefix>-careplan`, `<prefix>-session-<n>`
   * (n = session number), `<prefix>-focus-primary` / `-secondary`, `<prefix>-goal-primary` /
   * `-secondary`. Course and session ids are not used: they may hold characters FHIR ids do not.
   */
  idPrefix: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,40}$/, { error: 'must be 1-40 letters, digits, "-" or "."' }),
  /** The patient (`Patient/123`, an absolute URL to one, or a `urn:uuid:`). */
  subject: PatientReference,
  /** `Encounter.class` of the sessions: `ambulatory` (v3 AMB, the default) or `virtual` (VR). */
  encounterClass: z.enum(['ambulatory', 'virtual']).optional(),
  /**
   * The canonical URL of the PlanDefinition the plan follows, usually `<url>|<version>` of the
   * course's protocol as built by `toPlanDefinition`; becomes `CarePlan.instantiatesCanonical`.
   */
  instantiatesCanonical: Canonical.optional(),
});
/** @category FHIR */
export type CarePlanOptions = z.input<typeof CarePlanOptions>;

/**
 * The resources {@link toCarePlan} builds for one course, cross-referenced by relative references
 * (`Condition/<id>`), ready to be put into a transaction Bundle.
 * @category FHIR
 */
export interface CarePlanResources {
  readonly carePlan: CarePlan;
  readonly episodeOfCare: EpisodeOfCare;
  readonly encounters: readonly Encounter[];
  readonly conditions: readonly Condition[];
  readonly goals: readonly Goal[];
}

const areaDisplay: Readonly<Record<ProblemArea, string>> = {
  grief: 'Grief',
  'role-dispute': 'Role dispute',
  'role-transition': 'Role transition',
  'interpersonal-deficits': 'Interpersonal deficits',
};

/** Display text of each phase in the `ipt-phase` code system. @internal */
export const phaseDisplay: Readonly<Record<Phase, string>> = {
  initial: 'Initial phase',
  middle: 'Middle phase',
  maintenance: 'Maintenance phase',
  termination: 'Termination phase',
};

const stageDisplay: Readonly<Record<DisputeStage, string>> = {
  renegotiation: 'Renegotiation',
  impasse: 'Impasse',
  dissolution: 'Dissolution',
};

const sessionDisplay: Readonly<Record<SessionStatus, string>> = {
  attended: 'Attended',
  missed: 'Missed (did not attend)',
  cancelled: 'Cancelled',
};

/** How often sessions happen, as a FHIR Timing repeat. @internal */
export const cadenceTiming: Readonly<
  Record<Cadence, Pick<TimingRepeat, 'frequency' | 'period' | 'periodUnit'>>
> = {
  'twice-weekly': { frequency: 2, period: 1, periodUnit: 'wk' },
  weekly: { frequency: 1, period: 1, periodUnit: 'wk' },
  fortnightly: { frequency: 1, period: 2, periodUnit: 'wk' },
  'twice-monthly': { frequency: 2, period: 1, periodUnit: 'mo' },
  monthly: { frequency: 1, period: 1, periodUnit: 'mo' },
};

function phaseExtension(phase: Phase): Extension {
  return {
    url: fhirSystems.phaseExtension,
    valueCoding: { system: fhirSystems.phase, code: phase, display: phaseDisplay[phase] },
  };
}

function reference<TResource extends Resource>(
  resourceType: TResource['resourceType'],
  id: string,
): Reference<TResource> {
  return { reference: `${resourceType}/${id}` };
}

/**
 * What each ending makes of the plan, its goals and its sessions: a drop-out revokes the plan
 * ("terminated prior to completion") and cancels the goals; every other ending completes them.
 */
const endings: Readonly<
  Record<
    CourseOutcome,
    {
      readonly plan: CarePlan['status'];
      readonly goal: Goal['lifecycleStatus'];
      readonly activity: 'completed' | 'stopped';
    }
  >
> = {
  completed: { plan: 'completed', goal: 'completed', activity: 'completed' },
  'dropped-out': { plan: 'revoked', goal: 'cancelled', activity: 'stopped' },
  'referred-on': { plan: 'completed', goal: 'completed', activity: 'completed' },
  'continuation-agreed': { plan: 'completed', goal: 'completed', activity: 'completed' },
  'maintenance-agreed': { plan: 'completed', goal: 'completed', activity: 'completed' },
};

/** A zod enum of a record's keys. @internal */
export function keysOf<TKey extends string>(record: Readonly<Record<TKey, unknown>>) {
  return z.enum(Object.keys(record) as [TKey, ...TKey[]]);
}

/**
 * The parts of a course the mapping reads, checked so that a malformed course gives issues rather
 * than a wrong resource. (Validating the whole course would pull every course schema into this
 * entry.) Its enums are the keys of records typed by the course's own types, so they cannot drift.
 */
const CourseView = z.object({
  protocol: z.object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    version: z.string().trim().min(1).max(40),
    problemAreas: z.object({
      labels: z.partialRecord(ProblemArea, z.string().trim().min(1).max(120)),
    }),
  }),
  startDate: IsoDate,
  phase: Phase,
  contract: z.object({
    timeLimit: z.object({
      sessions: z.int().min(1).max(1000),
      cadence: keysOf(cadenceTiming),
    }),
  }),
  sessions: z.record(
    z.string(),
    z.object({
      number: z.int().min(1).max(1000),
      date: IsoDate,
      status: keysOf(sessionDisplay),
      minutes: z.int().min(1).max(600).optional(),
      phase: Phase,
    }),
  ),
  foci: z.object({
    primary: z.object({ area: ProblemArea, stage: DisputeStage.optional() }).nullable(),
    secondary: z.object({ area: ProblemArea, stage: DisputeStage.optional() }).nullable(),
  }),
  outcome: z
    .object({
      date: IsoDate,
      outcome: keysOf(endings),
    })
    .nullable(),
});
type CourseView = z.output<typeof CourseView>;

/**
 * Turns a course of IPT into FHIR R4 resources, per the iptkit FHIR mapping:
 * - `episodeOfCare`: the course (status `active` / `finished`, period, protocol name as `type`
 *   text), with the foci as `diagnosis` (rank 1 primary, 2 secondary);
 * - `encounters`: one per session, with `episodeOfCare`, the session date as `period.start`,
 *   minutes as `length`, the phase as iptkit's `ipt-phase` extension, and `status` `finished` when
 *   attended and `cancelled` when missed or cancelled. R4 `Encounter.status` has no "no-show" (that
 *   is `Appointment.status`), so the two are told apart by iptkit's `session-status` extension
 *   (`attended`, `missed`, `cancelled`), which every encounter carries;
 * - `conditions`: one per focus, category US Core `health-concern`, code from iptkit's
 *   `problem-area` code system (text: the protocol manual's label), a role dispute's stage as
 *   `stage.summary` (iptkit `dispute-stage`); no clinical or verification status (iptkit does not
 *   record one);
 * - `goals`: one per focus, `addresses` its Condition, described by the catalog's goals for the
 *   problem area; `active`, then `completed` (or `cancelled` on drop-out) when the course ends;
 * - `carePlan`: `intent` `plan`, `addresses` the Conditions, `goal` the Goals, the current phase
 *   as the `ipt-phase` extension (no standard code exists), the EpisodeOfCare in
 *   `supportingInfo`, and one activity for the contracted sessions (count and cadence as
 *   `scheduledTiming`) whose `outcomeReference`s are the Encounters. Status `active`, `completed`,
 *   or `revoked` on drop-out.
 *
 * With `options.instantiatesCanonical` the plan points at the PlanDefinition it follows (build
 * that one with `toPlanDefinition(course.protocol, ...)` and pass `<url>|<version>`).
 *
 * De-identified by design: no names, no free text. A grief or dispute focus's person,
 * role-transition role names, the formulation, contract goals and communication analyses are left
 * out. Inventory people are mapped by `toRelatedPersons` (RelatedPerson, plus an Observation per
 * closeness-circle placement; names only on request), and the protocol by `toPlanDefinition`.
 * @param course - A course (`CourseState` once started); the parts read are validated first.
 * @param options - The id prefix, the patient reference, and optionally the encounter class and
 * the PlanDefinition's canonical URL.
 * @returns The frozen resources, or a {@link ValidationError} (not a valid course, bad options).
 * @see DESIGN section 4; IPT reference 1, 2 and 11 ([ISIPT], [USCORE])
 * @category FHIR
 */
export function toCarePlan(
  course: DeepReadonly<Course>,
  options: CarePlanOptions,
): Result<DeepReadonly<CarePlanResources>, ValidationError> {
  return guarded(() => {
    const parsedCourse = CourseView.safeParse(course, { reportInput: false });
    const parsedOptions = parseOptions(CarePlanOptions, options);
    if (!parsedCourse.success || !parsedOptions.ok) {
      return err(
        validationError([
          ...(parsedCourse.success ? [] : issuesFromZod(parsedCourse.error, ['course'])),
          ...(parsedOptions.ok ? [] : parsedOptions.error.issues),
        ]),
      );
    }
    return ok(build(parsedCourse.data, parsedOptions.value));
  });
}

function build(course: CourseView, options: z.output<typeof CarePlanOptions>): CarePlanResources {
  const prefix = options.idPrefix;
  const subject: Reference<Patient> = { reference: options.subject };
  const outcome = course.outcome?.outcome;
  const period = {
    start: course.startDate,
    ...(course.outcome ? { end: course.outcome.date } : {}),
  };
  const episodeId = `${prefix}-episode`;
  const carePlanId = `${prefix}-careplan`;
  const episodeRef = reference<EpisodeOfCare>('EpisodeOfCare', episodeId);

  const encounters: Encounter[] = Object.values(course.sessions)
    .sort((left, right) => left.number - right.number)
    .map((session) => {
      const encounter: Encounter = {
        resourceType: 'Encounter',
        id: `${prefix}-session-${session.number}`,
        extension: [
          {
            url: fhirSystems.sessionStatusExtension,
            valueCoding: {
              system: fhirSystems.sessionStatus,
              code: session.status,
              display: sessionDisplay[session.status],
            },
          },
          phaseExtension(session.phase),
        ],
        status: session.status === 'attended' ? 'finished' : 'cancelled',
        class:
          options.encounterClass === 'virtual'
            ? { system: fhirSystems.actCode, code: 'VR', display: 'virtual' }
            : { system: fhirSystems.actCode, code: 'AMB', display: 'ambulatory' },
        subject,
        episodeOfCare: [episodeRef],
        period: { start: session.date },
      };
      if (session.minutes !== undefined && session.status === 'attended') {
        encounter.length = {
          value: session.minutes,
          unit: 'min',
          system: fhirSystems.ucum,
          code: 'min',
        };
      }
      return encounter;
    });

  const foci = (['primary', 'secondary'] as const).flatMap((rank) => {
    const focus = course.foci[rank];
    return focus === null ? [] : [{ rank, focus }];
  });
  const conditions: Condition[] = foci.map(({ rank, focus }) =>
    conditionOf(course, focus, rank, prefix, subject),
  );
  const goals: Goal[] = foci.map(({ rank, focus }) => ({
    resourceType: 'Goal',
    id: `${prefix}-goal-${rank}`,
    lifecycleStatus: outcome === undefined ? 'active' : endings[outcome].goal,
    description: {
      coding: [areaCoding(focus.area)],
      text: problemAreas[focus.area].goals.map((goal) => goal.text).join(' '),
    },
    subject,
    addresses: [reference<Condition>('Condition', `${prefix}-focus-${rank}`)],
  }));

  const episodeOfCare: EpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    id: episodeId,
    status: outcome === undefined ? 'active' : 'finished',
    type: [{ text: `${course.protocol.name} (${course.protocol.id} ${course.protocol.version})` }],
    patient: subject,
    period,
  };
  if (foci.length > 0) {
    episodeOfCare.diagnosis = foci.map(({ rank }, index) => ({
      condition: reference<Condition>('Condition', `${prefix}-focus-${rank}`),
      rank: index + 1,
    }));
  }

  const timeLimit = course.contract.timeLimit;
  const activity: CarePlanActivity = {
    detail: {
      status:
        outcome !== undefined
          ? endings[outcome].activity
          : encounters.length === 0
            ? 'not-started'
            : 'in-progress',
      code: { text: 'Interpersonal psychotherapy session' },
      scheduledTiming: {
        repeat: { count: timeLimit.sessions, ...cadenceTiming[timeLimit.cadence] },
      },
    },
  };
  if (encounters.length > 0) {
    activity.outcomeReference = encounters.map((encounter) =>
      reference<Encounter>('Encounter', encounter.id ?? ''),
    );
  }
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: carePlanId,
    extension: [phaseExtension(course.phase)],
    ...(options.instantiatesCanonical === undefined
      ? {}
      : { instantiatesCanonical: [options.instantiatesCanonical] }),
    status: outcome === undefined ? 'active' : endings[outcome].plan,
    intent: 'plan',
    category: [{ text: 'Interpersonal psychotherapy' }],
    title: course.protocol.name,
    subject,
    period,
    activity: [activity],
    supportingInfo: [episodeRef],
  };
  if (conditions.length > 0) {
    carePlan.addresses = conditions.map((condition) =>
      reference<Condition>('Condition', condition.id ?? ''),
    );
    carePlan.goal = goals.map((goal) => reference<Goal>('Goal', goal.id ?? ''));
  }
  return { carePlan, episodeOfCare, encounters, conditions, goals };
}

/** The `problem-area` coding of an area. @internal */
export function areaCoding(area: ProblemArea) {
  return { system: fhirSystems.problemArea, code: area, display: areaDisplay[area] };
}

function conditionOf(
  course: CourseView,
  focus: NonNullable<CourseView['foci']['primary']>,
  rank: 'primary' | 'secondary',
  prefix: string,
  subject: Reference<Patient>,
): Condition {
  const condition: Condition = {
    resourceType: 'Condition',
    id: `${prefix}-focus-${rank}`,
    category: [
      {
        coding: [
          {
            system: fhirSystems.usCoreConditionCategory,
            code: 'health-concern',
            display: 'Health Concern',
          },
        ],
      },
    ],
    code: {
      coding: [areaCoding(focus.area)],
      text: course.protocol.problemAreas.labels[focus.area] ?? problemAreas[focus.area].label,
    },
    subject,
  };
  if (focus.area === 'role-dispute' && focus.stage !== undefined) {
    condition.stage = [
      {
        summary: {
          coding: [
            {
              system: fhirSystems.disputeStage,
              code: focus.stage,
              display: stageDisplay[focus.stage],
            },
          ],
          text: `Role dispute stage: ${focus.stage}`,
        },
      },
    ];
  }
  return condition;
}
