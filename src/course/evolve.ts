import { insertionIndex } from '../inventory/timeline.js';
import { clonePlain } from '../internal/clone.js';
import { produce } from 'immer';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { Phase } from '../protocol/phases.js';
import type { Course, CourseSession, CourseState, MeasureRecord } from './state.js';
import type { CourseEvent } from './events.js';

type Started = Extract<CourseEvent, { type: 'course-started' }>;

/** The state a `course-started` event establishes (a fresh, private object). */
export function startedState(event: Started): Course {
  return {
    courseId: event.courseId,
    protocol: event.protocol,
    startDate: event.startDate,
    phase: 'initial',
    phaseHistory: [{ phase: 'initial', since: event.startDate }],
    contract: { timeLimit: event.timeLimit, agreedOn: null, goals: [], renegotiations: [] },
    sessions: {},
    sessionCount: 0,
    lastSessionDate: null,
    inventory: { people: {}, circle: { ringCount: event.ringCount, placements: {} } },
    timeline: { moodScale: event.moodScale, events: [], moods: [] },
    measures: {},
    foci: { primary: null, secondary: null },
    disputeStages: [],
    formulation: null,
    terminationRaised: null,
    riskFlags: {},
    communicationAnalyses: {},
    outcome: null,
  };
}

type SessionEvent = Extract<CourseEvent, { type: 'session-recorded' }>;
type MeasureEvent = Extract<CourseEvent, { type: 'measure-recorded' }>;

/**
 * `true` when `TCopied` names every field of `TRecord`. {@link SessionCopied} and
 * {@link MeasureCopied} only compile while it holds: a field added to the session or measure
 * schemas must be copied by {@link sessionOf} or {@link measureOf} too.
 * @internal
 */
export type CopiesEveryField<TRecord, TCopied extends keyof TRecord> = [
  Exclude<keyof TRecord, TCopied>,
] extends [never]
  ? true
  : false;
/** @internal */
export type MustHold<TCondition extends true> = TCondition;
/** @internal */
export type SessionCopied = MustHold<
  CopiesEveryField<
    CourseSession,
    | 'sessionId'
    | 'number'
    | 'date'
    | 'status'
    | 'techniques'
    | 'minutes'
    | 'withParentOrCaregiver'
    | 'phase'
  >
>;
/** @internal */
export type MeasureCopied = MustHold<
  CopiesEveryField<
    MeasureRecord,
    | 'measureId'
    | 'date'
    | 'instrument'
    | 'instrumentVersion'
    | 'responses'
    | 'missing'
    | 'bandSet'
    | 'score'
    | 'sessionId'
  >
>;

/**
 * The session a `session-recorded` event files, in the phase in force: the event's fields in the
 * schema's order (as `decide` writes them and a parsed snapshot has them), built as a literal because replay does this for
 * every session and a copy key by key costs several times more.
 */
function sessionOf(event: SessionEvent, phase: Phase): CourseSession {
  const session: { -readonly [TKey in keyof CourseSession]?: CourseSession[TKey] } = {
    sessionId: event.sessionId,
    number: event.number,
    date: event.date,
    status: event.status,
  };
  if (event.techniques !== undefined) session.techniques = event.techniques;
  if (event.minutes !== undefined) session.minutes = event.minutes;
  if (event.withParentOrCaregiver !== undefined) {
    session.withParentOrCaregiver = event.withParentOrCaregiver;
  }
  // Last, where the schema (and so a parsed snapshot) has it.
  session.phase = phase;
  return session as CourseSession;
}

/** The measure a `measure-recorded` event files (see {@link sessionOf}). */
function measureOf(event: MeasureEvent): MeasureRecord {
  const record: { -readonly [TKey in keyof MeasureRecord]?: MeasureRecord[TKey] } = {
    measureId: event.measureId,
    date: event.date,
    instrument: event.instrument,
    instrumentVersion: event.instrumentVersion,
    responses: event.responses,
  };
  if (event.missing !== undefined) record.missing = event.missing;
  if (event.bandSet !== undefined) record.bandSet = event.bandSet;
  record.score = event.score;
  if (event.sessionId !== undefined) record.sessionId = event.sessionId;
  return record as MeasureRecord;
}

/** Inserts after every element whose date is not later, so equal dates keep arrival order. */
function insertByDate<TItem extends { readonly date: string }>(list: TItem[], item: TItem): void {
  list.splice(insertionIndex(list, item.date), 0, item);
}

/**
 * Applies one (already admitted) event to a course in place. The same recipe runs on a private
 * object during {@link replay} and on an immer draft in {@link evolve}. It never throws: a
 * reference it cannot resolve is skipped (the rules refuse such events before they get here).
 * @internal
 */
export function applyEvent(course: Course, event: CourseEvent): void {
  // A switch rather than ts-pattern's match: this is replay's inner loop, and building a matcher
  // per event cost as much as validating the event. `satisfies never` keeps it exhaustive.
  switch (event.type) {
    case 'course-started':
      return;
    case 'session-recorded': {
      const session = sessionOf(event, course.phase);
      course.sessions[session.sessionId] = session;
      course.sessionCount = session.number;
      course.lastSessionDate = session.date;
      return;
    }
    case 'person-added':
    case 'person-updated':
      course.inventory.people[event.person.id] = event.person;
      return;
    case 'person-removed':
      Reflect.deleteProperty(course.inventory.people, event.personId);
      Reflect.deleteProperty(course.inventory.circle.placements, event.personId);
      return;
    case 'person-placed':
      course.inventory.circle.placements[event.personId] = event.ring;
      return;
    case 'person-unplaced':
      Reflect.deleteProperty(course.inventory.circle.placements, event.personId);
      return;
    case 'life-event-recorded':
      insertByDate(course.timeline.events, event.event);
      return;
    case 'mood-recorded':
      insertByDate(course.timeline.moods, event.rating);
      return;
    case 'measure-recorded': {
      const record = measureOf(event);
      course.measures[record.measureId] = record;
      const flags = record.score.flags;
      for (const flag in flags) {
        if (!Object.hasOwn(flags, flag) || flags[flag] !== true) continue;
        const id = `${record.measureId}:${flag}`;
        course.riskFlags[id] = {
          id,
          measureId: record.measureId,
          flag,
          raisedOn: record.date,
          acknowledged: null,
        };
      }
      return;
    }
    case 'focus-chosen': {
      const { focus, rank, date } = event;
      course.foci[rank] = focus;
      if (rank === 'primary') course.formulation = null;
      if (focus.area === 'role-dispute') {
        course.disputeStages.push({ personId: focus.personId, stage: focus.stage, date });
      }
      return;
    }
    case 'formulation-shared': {
      const { date, accepted, summary } = event;
      course.formulation = { date, accepted, ...(summary === undefined ? {} : { summary }) };
      return;
    }
    case 'contract-agreed':
      course.contract.agreedOn = event.date;
      course.contract.goals = event.goals ?? [];
      return;
    case 'dispute-stage-assessed': {
      const { personId, stage, date } = event;
      course.disputeStages.push({ personId, stage, date });
      for (const rank of ['primary', 'secondary'] as const) {
        const focus = course.foci[rank];
        if (focus?.area === 'role-dispute' && focus.personId === personId) {
          course.foci[rank] = { ...focus, stage };
        }
      }
      return;
    }
    case 'communication-analysis-recorded':
      course.communicationAnalyses[event.analysisId] = event.analysis;
      return;
    case 'phase-advanced':
      course.phase = event.to;
      course.phaseHistory.push({ phase: event.to, since: event.date });
      return;
    case 'contract-renegotiated': {
      const { date, timeLimit, reason } = event;
      course.contract.renegotiations.push({
        date,
        from: course.contract.timeLimit,
        to: timeLimit,
        ...(reason === undefined ? {} : { reason }),
      });
      course.contract.timeLimit = timeLimit;
      return;
    }
    case 'termination-raised':
      course.terminationRaised = { date: event.date, afterSession: event.afterSession };
      return;
    case 'risk-acknowledged': {
      const flag = Object.hasOwn(course.riskFlags, event.flagId)
        ? course.riskFlags[event.flagId]
        : undefined;
      if (flag !== undefined)
        flag.acknowledged = { by: event.by, at: event.at, action: event.action };
      return;
    }
    case 'course-ended':
      course.outcome = { date: event.date, outcome: event.outcome };
      return;
    default:
      event satisfies never;
  }
}

/**
 * Applies one event to a course state and returns the new state. Total and pure: it trusts the
 * event (events are decided, or checked by {@link replay}); an event that cannot apply (anything
 * but `course-started` before the start, or a second start) leaves the state as it is. The input
 * state is never changed; the result is deeply frozen and shares what the event did not touch.
 * @param state - The current state (`null` before the course starts).
 * @param event - A decided event.
 * @returns The next state.
 * @category Course
 */
export function evolve(state: CourseState, event: CourseEvent): CourseState {
  if (state === null) {
    return event.type === 'course-started' ? deepFreeze(startedState(clonePlain(event))) : null;
  }
  if (event.type === 'course-started') return state;
  // immer freezes the whole result, including the parts it shares with the base; a state that is
  // not frozen did not come from iptkit (say, a JSON.parse of a snapshot), so it is copied first
  // and the caller's objects are never frozen or changed.
  const base = Object.isFrozen(state) ? (state as Course) : clonePlain(state as Course);
  return produce(base, (draft) => {
    applyEvent(draft, clonePlain(event));
  });
}
