import * as z from 'zod';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import { CourseId, MeasureId, PersonId, SessionId } from '../internal/ids.js';
import { sensitiveText } from '../internal/sensitive.js';
import { InventoryEntry } from '../inventory/person.js';
import { LifeEvent, MoodRating, MoodScale } from '../inventory/timeline.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import { ItemId, MissingPolicy } from '../measures/instrument.js';
import { phq9 } from '../measures/phq9.js';
import { Phase } from '../protocol/phases.js';
import { Protocol } from '../protocol/protocol-schema.js';
import { CourseInstrumentId, shapes, TimeLimit } from './commands.js';

const meta = { recordedAt: IsoDateTime.optional() };

const event = <TType extends string, TShape extends z.ZodRawShape>(type: TType, shape: TShape) =>
  z.strictObject({ type: z.literal(type), ...shape, ...meta });

/**
 * A score as stored in a `measure-recorded` event and in the course state.
 * @category Course
 */
export const StoredScore = z.strictObject({
  total: z.int().nullable(),
  band: z
    .strictObject({
      id: z.string().max(64),
      label: z.string().max(300),
      min: z.int(),
      max: z.int(),
      bandSet: z.string().max(64),
    })
    .nullable(),
  flags: z.record(ItemId, z.boolean()),
  missing: z.array(ItemId).max(200),
  missingHandling: z.enum(['none', 'prorated', 'incomplete']),
});
/** @category Course */
export type StoredScore = z.infer<typeof StoredScore>;

/**
 * The course was started with this protocol (embedded whole, so the stream stands on its own),
 * start date and time limit.
 * @category Course
 */
export const CourseStarted = event('course-started', {
  courseId: CourseId,
  protocol: Protocol,
  startDate: IsoDate,
  timeLimit: TimeLimit,
  moodScale: MoodScale,
  ringCount: z.int().min(1).max(10),
});
/** @category Course */
export const SessionRecorded = event('session-recorded', shapes.session);
/** @category Course */
export const PersonAdded = event('person-added', { person: InventoryEntry });
/** The person's entry after the change, whole. @category Course */
export const PersonUpdated = event('person-updated', { person: InventoryEntry });
/** @category Course */
export const PersonRemoved = event('person-removed', { personId: PersonId });
/** @category Course */
export const PersonPlaced = event('person-placed', shapes.place);
/** @category Course */
export const PersonUnplaced = event('person-unplaced', { personId: PersonId });
/** @category Course */
export const LifeEventRecorded = event('life-event-recorded', { event: LifeEvent });
/** @category Course */
export const MoodRecorded = event('mood-recorded', { rating: MoodRating });
/**
 * The keys stored answers can have: the item ids of the built-in course instruments (PHQ-9,
 * GAD-7, HAM-D). Any other key is refused by the schema, so an issue never shows it (a key is
 * the writer's text and could be anything, a name included); replay would refuse it anyway, as
 * the answers would not score.
 * @category Course
 */
export const CourseItemId = z
  .string()
  .regex(
    new RegExp(
      `^(?:${[...new Set([phq9, gad7, hamd17].flatMap((one) => one.items.map((item) => item.id)))].join('|')})$`,
    ),
    { error: 'must be an item of a built-in instrument' },
  );

/**
 * A measure was recorded: the validated answers and their score. A PHQ-9 whose item 9 is above 0
 * opens a risk flag on the course (`<measureId>:suicidalIdeation`) until it is acknowledged.
 * @category Course
 */
export const MeasureRecorded = event('measure-recorded', {
  measureId: MeasureId,
  date: IsoDate,
  instrument: CourseInstrumentId,
  instrumentVersion: z.string().min(1).max(40),
  responses: z.record(CourseItemId, z.int()),
  missing: MissingPolicy.optional(),
  bandSet: z.string().max(64).optional(),
  score: StoredScore,
  sessionId: SessionId.optional(),
});
/** @category Course */
export const FocusChosen = event('focus-chosen', shapes.chooseFocus);
/** @category Course */
export const FormulationShared = event('formulation-shared', shapes.formulation);
/** @category Course */
export const ContractAgreed = event('contract-agreed', shapes.contract);
/** @category Course */
export const DisputeStageAssessed = event('dispute-stage-assessed', shapes.disputeStage);
/** @category Course */
export const CommunicationAnalysisRecorded = event(
  'communication-analysis-recorded',
  shapes.analysis,
);
/** @category Course */
export const PhaseAdvanced = event('phase-advanced', { from: Phase, to: Phase, date: IsoDate });
/** @category Course */
export const ContractRenegotiated = event('contract-renegotiated', {
  date: IsoDate,
  timeLimit: TimeLimit,
  reason: sensitiveText('free-text', 1000).optional(),
});
/** The ending was raised after `afterSession` sessions had been recorded. @category Course */
export const TerminationRaised = event('termination-raised', {
  date: IsoDate,
  afterSession: z.int().min(0).max(1000),
});
/** @category Course */
export const RiskAcknowledged = event('risk-acknowledged', shapes.acknowledge);
/** @category Course */
export const CourseEnded = event('course-ended', shapes.end);

/**
 * Everything that can happen to a course, discriminated by `type`: the only way its state changes.
 * @category Course
 */
export const CourseEvent = z.discriminatedUnion('type', [
  CourseStarted,
  SessionRecorded,
  PersonAdded,
  PersonUpdated,
  PersonRemoved,
  PersonPlaced,
  PersonUnplaced,
  LifeEventRecorded,
  MoodRecorded,
  MeasureRecorded,
  FocusChosen,
  FormulationShared,
  ContractAgreed,
  DisputeStageAssessed,
  CommunicationAnalysisRecorded,
  PhaseAdvanced,
  ContractRenegotiated,
  TerminationRaised,
  RiskAcknowledged,
  CourseEnded,
]);
/** @category Course */
export type CourseEvent = z.infer<typeof CourseEvent>;
/** @category Course */
export type CourseEventType = CourseEvent['type'];
