import * as z from 'zod';
import { AnalysisId, ActorId, CourseId, MeasureId, PersonId, SessionId } from '../internal/ids.js';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { sensitiveText } from '../internal/sensitive.js';
import { CommunicationAnalysis } from '../communication/analysis.js';
import { idKeyedRecord } from '../internal/model.js';
import { Inventory } from '../inventory/inventory.js';
import { Timeline } from '../inventory/timeline.js';
import { MissingPolicy, ItemId } from '../measures/instrument.js';
import { Focus } from '../problem-area/focus.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import { Phase } from '../protocol/phases.js';
import { Protocol } from '../protocol/protocol-schema.js';
import { CourseInstrumentId, CourseOutcome, TimeLimit, shapes } from './commands.js';
import { CourseItemId, StoredScore } from './events.js';

/**
 * One session of a course, with the phase it fell in.
 * @category Course
 */
export const CourseSession = z.strictObject({
  ...shapes.session,
  phase: Phase,
});
/** @category Course */
export type CourseSession = z.infer<typeof CourseSession>;

/**
 * A recorded measure with its score.
 * @category Course
 */
export const MeasureRecord = z.strictObject({
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
export type MeasureRecord = z.infer<typeof MeasureRecord>;

/**
 * A risk flag raised by a measure (PHQ-9 item 9 above 0) and, once handled, who acknowledged it,
 * when, and what was done.
 * @see IPT reference 7.1 and 11, invariant 10 ([CALC])
 * @category Course
 */
export const RiskFlag = z.strictObject({
  id: z.string().min(1).max(200),
  measureId: MeasureId,
  flag: ItemId,
  raisedOn: IsoDate,
  acknowledged: z
    .strictObject({ by: ActorId, at: IsoDateTime, action: sensitiveText('free-text', 2000) })
    .nullable(),
});
/** @category Course */
export type RiskFlag = z.infer<typeof RiskFlag>;

/**
 * A started course of IPT: everything its events have established. Collections are keyed by id.
 * `sessionCount` and `lastSessionDate` summarise `sessions` for the rules.
 * @category Course
 */
export const Course = z.strictObject({
  courseId: CourseId,
  protocol: Protocol,
  startDate: IsoDate,
  phase: Phase,
  phaseHistory: z
    .array(z.strictObject({ phase: Phase, since: IsoDate }))
    .min(1)
    .max(10),
  contract: z.strictObject({
    timeLimit: TimeLimit,
    agreedOn: IsoDate.nullable(),
    goals: z.array(sensitiveText('free-text', 1000)).max(20),
    renegotiations: z
      .array(
        z.strictObject({
          date: IsoDate,
          from: TimeLimit,
          to: TimeLimit,
          reason: sensitiveText('free-text', 1000).optional(),
        }),
      )
      .max(1000),
  }),
  sessions: idKeyedRecord(SessionId, CourseSession),
  sessionCount: z.int().min(0).max(1000),
  lastSessionDate: IsoDate.nullable(),
  inventory: Inventory,
  timeline: Timeline,
  measures: idKeyedRecord(MeasureId, MeasureRecord),
  foci: z.strictObject({ primary: Focus.nullable(), secondary: Focus.nullable() }),
  disputeStages: z
    .array(z.strictObject({ personId: PersonId, stage: DisputeStage, date: IsoDate }))
    .max(1000),
  formulation: z
    .strictObject({
      date: IsoDate,
      accepted: z.boolean(),
      summary: sensitiveText('free-text', 4000).optional(),
    })
    .nullable(),
  terminationRaised: z.strictObject({ date: IsoDate, afterSession: z.int().min(0) }).nullable(),
  riskFlags: z.record(z.string().max(200), RiskFlag),
  communicationAnalyses: idKeyedRecord(AnalysisId, CommunicationAnalysis),
  outcome: z.strictObject({ date: IsoDate, outcome: CourseOutcome }).nullable(),
});
/** @category Course */
export type Course = z.infer<typeof Course>;

/**
 * The state of a course: `null` before it starts, then a {@link Course}.
 * @category Course
 */
export const CourseState = Course.nullable();
/** @category Course */
export type CourseState = DeepReadonly<Course> | null;

/**
 * The risk flags still waiting for acknowledgement.
 * @param course - The course.
 * @returns The open flags, oldest first.
 * @category Course
 */
export function openRiskFlags(course: DeepReadonly<Course>): readonly DeepReadonly<RiskFlag>[] {
  const open = Object.values(course.riskFlags)
    .filter((flag) => flag.acknowledged === null)
    .sort((left, right) =>
      left.raisedOn === right.raisedOn
        ? left.id < right.id
          ? -1
          : 1
        : left.raisedOn < right.raisedOn
          ? -1
          : 1,
    );
  return Object.freeze(open);
}

/**
 * The sessions of a course in number order.
 * @param course - The course.
 * @returns Its sessions, first to last.
 * @category Course
 */
export function sessionsInOrder(
  course: DeepReadonly<Course>,
): readonly DeepReadonly<CourseSession>[] {
  return Object.freeze(
    Object.values(course.sessions).sort((left, right) => left.number - right.number),
  );
}

/**
 * The measures of a course in date order. Measures of the same date keep the order of the course's
 * `measures` record, which is the order they were recorded in unless their ids look like whole
 * numbers (JavaScript lists such keys first, in numeric order): give same-day measures ids that
 * sort the way you want, or distinct dates.
 * @param course - The course.
 * @param instrument - Only this instrument, if given.
 * @returns The measures.
 * @category Course
 */
export function measuresInOrder(
  course: DeepReadonly<Course>,
  instrument?: CourseInstrumentId,
): readonly DeepReadonly<MeasureRecord>[] {
  const ordered = Object.values(course.measures)
    .filter((record) => instrument === undefined || record.instrument === instrument)
    .map((record, index) => ({ record, index }))
    .sort((left, right) =>
      left.record.date === right.record.date
        ? left.index - right.index
        : left.record.date < right.record.date
          ? -1
          : 1,
    )
    .map(({ record }) => record);
  return Object.freeze(ordered);
}
