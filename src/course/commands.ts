import * as z from 'zod';
import { CommunicationAnalysis } from '../communication/analysis.js';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import { ActorId, AnalysisId, CourseId, MeasureId, PersonId, SessionId } from '../internal/ids.js';
import { sensitiveText } from '../internal/sensitive.js';
import { RingIndex } from '../inventory/circle.js';
import { InventoryEntry, InventoryEntryPatch } from '../inventory/person.js';
import { LifeEvent, MoodRating, MoodScale } from '../inventory/timeline.js';
import { MissingPolicy } from '../measures/instrument.js';
import { Focus } from '../problem-area/focus.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import { Phase } from '../protocol/phases.js';
import { Cadence, Protocol } from '../protocol/protocol-schema.js';
import { Technique } from '../technique/techniques.js';

/**
 * The ids of the built-in protocols, as a schema.
 * @category Course
 */
export const CatalogProtocolIdSchema = z.enum([
  'ipt',
  'ipt-brief',
  'ipc',
  'ipt-a',
  'group-ipt',
  'ipt-m',
  'ipsrt',
  'ipt-stuart-robertson',
]);

/**
 * The instruments a course can record, by id (the built-ins).
 * @category Course
 */
export const CourseInstrumentId = z.enum(['phq-9', 'gad-7', 'hamd-17']);
/** @category Course */
export type CourseInstrumentId = z.infer<typeof CourseInstrumentId>;

/**
 * The time limit of a course: how many sessions, how often.
 * @see IPT reference 11, invariant 1 ([ISIPT], [CG7])
 * @category Course
 */
export const TimeLimit = z.strictObject({
  sessions: z.int().min(1).max(1000),
  cadence: Cadence,
});
/** @category Course */
export type TimeLimit = z.infer<typeof TimeLimit>;

/**
 * How a session went.
 * @category Course
 */
export const SessionStatus = z.enum(['attended', 'missed', 'cancelled']);
/** @category Course */
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * How a course ended.
 * @see IPT reference 1.4 and 11, invariant 7 ([CG7], [OUP-TERM])
 * @category Course
 */
export const CourseOutcome = z.enum([
  'completed',
  'dropped-out',
  'referred-on',
  'continuation-agreed',
  'maintenance-agreed',
]);
/** @category Course */
export type CourseOutcome = z.infer<typeof CourseOutcome>;

/**
 * The fields every command and event may carry: when it was recorded (an audit time-stamp from
 * the caller; iptkit never reads the clock).
 */
const meta = { recordedAt: IsoDateTime.optional() };

const uniqueTechniques = z
  .array(Technique)
  .max(Technique.options.length)
  .refine((list) => new Set(list).size === list.length, {
    message: 'lists a technique twice',
    params: { code: 'duplicate' },
  });

/** The parts shared by a command and the event it is decided into. */
export const shapes = {
  session: {
    sessionId: SessionId,
    number: z.int().min(1).max(1000),
    date: IsoDate,
    status: SessionStatus,
    techniques: uniqueTechniques.optional(),
    minutes: z.int().min(1).max(600).optional(),
    /** Who joined besides the client (IPT-A's parent or caregiver). */
    withParentOrCaregiver: z.boolean().optional(),
  },
  place: { personId: PersonId, ring: RingIndex },
  chooseFocus: { focus: Focus, rank: z.enum(['primary', 'secondary']), date: IsoDate },
  formulation: {
    date: IsoDate,
    /** Whether the client explicitly agreed to the formulation and focus. */
    accepted: z.boolean(),
    summary: sensitiveText('free-text', 4000).optional(),
  },
  contract: {
    date: IsoDate,
    goals: z.array(sensitiveText('free-text', 1000)).max(20).optional(),
  },
  disputeStage: { personId: PersonId, stage: DisputeStage, date: IsoDate },
  analysis: { analysisId: AnalysisId, analysis: CommunicationAnalysis },
  acknowledge: {
    flagId: z.string().min(1).max(200),
    by: ActorId,
    at: IsoDateTime,
    /** What was done about it (free text: the clinician's own words). */
    action: sensitiveText('free-text', 2000),
  },
  end: { date: IsoDate, outcome: CourseOutcome },
} as const;

/**
 * Starts a course: the client, the protocol (a built-in id or a full custom protocol), the start
 * date, and the time limit agreed at the start.
 * @category Course
 */
export const StartCourse = z.strictObject({
  type: z.literal('start-course'),
  courseId: CourseId,
  protocol: z.union([CatalogProtocolIdSchema, Protocol]),
  startDate: IsoDate,
  timeLimit: TimeLimit,
  /** The mood scale of the timeline (default 0-10, higher is better). */
  moodScale: MoodScale.optional(),
  /** Rings of the closeness circle (default 3). */
  ringCount: z.int().min(1).max(10).optional(),
  ...meta,
});

const command = <TType extends string, TShape extends z.ZodRawShape>(type: TType, shape: TShape) =>
  z.strictObject({ type: z.literal(type), ...shape, ...meta });

/** @category Course */
export const RecordSession = command('record-session', shapes.session);
/** @category Course */
export const AddPerson = command('add-person', { person: InventoryEntry });
/** @category Course */
export const UpdatePerson = command('update-person', {
  personId: PersonId,
  changes: InventoryEntryPatch,
});
/** @category Course */
export const RemovePerson = command('remove-person', { personId: PersonId });
/** Places a person in the closeness circle, or moves them to another ring. @category Course */
export const PlaceInCircle = command('place-in-circle', shapes.place);
/** @category Course */
export const RemoveFromCircle = command('remove-from-circle', { personId: PersonId });
/** @category Course */
export const RecordLifeEvent = command('record-life-event', { event: LifeEvent });
/** @category Course */
export const RecordMood = command('record-mood', { rating: MoodRating });
/**
 * Records one administration of a built-in instrument; the decided event carries the score.
 * @category Course
 */
export const RecordMeasure = command('record-measure', {
  measureId: MeasureId,
  date: IsoDate,
  instrument: CourseInstrumentId,
  responses: z.record(z.string().max(64), z.union([z.number(), z.null()])),
  missing: MissingPolicy.optional(),
  bandSet: z.string().max(64).optional(),
  sessionId: SessionId.optional(),
});
/** @category Course */
export const ChooseFocus = command('choose-focus', shapes.chooseFocus);
/** @category Course */
export const ShareFormulation = command('share-formulation', shapes.formulation);
/** @category Course */
export const AgreeContract = command('agree-contract', shapes.contract);
/** @category Course */
export const AssessDisputeStage = command('assess-dispute-stage', shapes.disputeStage);
/** @category Course */
export const RecordCommunicationAnalysis = command(
  'record-communication-analysis',
  shapes.analysis,
);
/** @category Course */
export const AdvancePhase = command('advance-phase', { to: Phase, date: IsoDate });
/** @category Course */
export const RenegotiateContract = command('renegotiate-contract', {
  date: IsoDate,
  timeLimit: TimeLimit,
  reason: sensitiveText('free-text', 1000).optional(),
});
/** @category Course */
export const RaiseTermination = command('raise-termination', { date: IsoDate });
/** @category Course */
export const AcknowledgeRisk = command('acknowledge-risk', shapes.acknowledge);
/** @category Course */
export const EndCourse = command('end-course', shapes.end);

/**
 * Everything a caller can ask of a course, discriminated by `type`.
 * @see ../shared/DESIGN.md section 3
 * @category Course
 */
export const CourseCommand = z.discriminatedUnion('type', [
  StartCourse,
  RecordSession,
  AddPerson,
  UpdatePerson,
  RemovePerson,
  PlaceInCircle,
  RemoveFromCircle,
  RecordLifeEvent,
  RecordMood,
  RecordMeasure,
  ChooseFocus,
  ShareFormulation,
  AgreeContract,
  AssessDisputeStage,
  RecordCommunicationAnalysis,
  AdvancePhase,
  RenegotiateContract,
  RaiseTermination,
  AcknowledgeRisk,
  EndCourse,
]);
/** @category Course */
export type CourseCommand = z.infer<typeof CourseCommand>;
/** What callers write: a command before validation (same shape; nothing is defaulted). @category Course */
export type CourseCommandInput = z.input<typeof CourseCommand>;
