import { produce } from 'immer';
import { match } from 'ts-pattern';
import { deepFreeze } from '../internal/deep-freeze.js';
import type { Course, CourseState } from './state.js';
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

/** Inserts after every element whose date is not later, so equal dates keep arrival order. */
function insertByDate<TItem extends { readonly date: string }>(list: TItem[], item: TItem): void {
  let index = list.length;
  while (index > 0 && (list[index - 1]?.date ?? '') > item.date) index -= 1;
  list.splice(index, 0, item);
}

/**
 * Applies one (already admitted) event to a course in place. The same recipe runs on a private
 * object during {@link replay} and on an immer draft in {@link evolve}. It never throws: a
 * reference it cannot resolve is skipped (the rules refuse such events before they get here).
 * @internal
 */
export function applyEvent(course: Course, event: CourseEvent): void {
  match(event)
    .with({ type: 'course-started' }, () => undefined)
    .with({ type: 'session-recorded' }, ({ type, recordedAt, ...session }) => {
      course.sessions[session.sessionId] = { ...session, phase: course.phase };
      course.sessionCount = session.number;
      course.lastSessionDate = session.date;
    })
    .with({ type: 'person-added' }, { type: 'person-updated' }, ({ person }) => {
      course.inventory.people[person.id] = person;
    })
    .with({ type: 'person-removed' }, ({ personId }) => {
      Reflect.deleteProperty(course.inventory.people, personId);
      Reflect.deleteProperty(course.inventory.circle.placements, personId);
    })
    .with({ type: 'person-placed' }, ({ personId, ring }) => {
      course.inventory.circle.placements[personId] = ring;
    })
    .with({ type: 'person-unplaced' }, ({ personId }) => {
      Reflect.deleteProperty(course.inventory.circle.placements, personId);
    })
    .with({ type: 'life-event-recorded' }, ({ event: lifeEvent }) => {
      insertByDate(course.timeline.events, lifeEvent);
    })
    .with({ type: 'mood-recorded' }, ({ rating }) => {
      insertByDate(course.timeline.moods, rating);
    })
    .with({ type: 'measure-recorded' }, ({ type, recordedAt, ...record }) => {
      course.measures[record.measureId] = record;
      for (const [flag, raised] of Object.entries(record.score.flags)) {
        if (!raised) continue;
        const id = `${record.measureId}:${flag}`;
        course.riskFlags[id] = {
          id,
          measureId: record.measureId,
          flag,
          raisedOn: record.date,
          acknowledged: null,
        };
      }
    })
    .with({ type: 'focus-chosen' }, ({ focus, rank, date }) => {
      course.foci[rank] = focus;
      if (rank === 'primary') course.formulation = null;
      if (focus.area === 'role-dispute') {
        course.disputeStages.push({
          personId: focus.personId,
          stage: focus.stage,
          date,
        });
      }
    })
    .with({ type: 'formulation-shared' }, ({ date, accepted, summary }) => {
      course.formulation = { date, accepted, ...(summary === undefined ? {} : { summary }) };
    })
    .with({ type: 'contract-agreed' }, ({ date, goals }) => {
      course.contract.agreedOn = date;
      course.contract.goals = goals ?? [];
    })
    .with({ type: 'dispute-stage-assessed' }, ({ personId, stage, date }) => {
      course.disputeStages.push({ personId, stage, date });
      for (const rank of ['primary', 'secondary'] as const) {
        const focus = course.foci[rank];
        if (focus?.area === 'role-dispute' && focus.personId === personId) {
          course.foci[rank] = { ...focus, stage };
        }
      }
    })
    .with({ type: 'communication-analysis-recorded' }, ({ analysisId, analysis }) => {
      course.communicationAnalyses[analysisId] = analysis;
    })
    .with({ type: 'phase-advanced' }, ({ to, date }) => {
      course.phase = to;
      course.phaseHistory.push({ phase: to, since: date });
    })
    .with({ type: 'contract-renegotiated' }, ({ date, timeLimit, reason }) => {
      course.contract.renegotiations.push({
        date,
        from: course.contract.timeLimit,
        to: timeLimit,
        ...(reason === undefined ? {} : { reason }),
      });
      course.contract.timeLimit = timeLimit;
    })
    .with({ type: 'termination-raised' }, ({ date, afterSession }) => {
      course.terminationRaised = { date, afterSession };
    })
    .with({ type: 'risk-acknowledged' }, ({ flagId, by, at, action }) => {
      const flag = course.riskFlags[flagId];
      if (flag !== undefined) flag.acknowledged = { by, at, action };
    })
    .with({ type: 'course-ended' }, ({ date, outcome }) => {
      course.outcome = { date, outcome };
    })
    .exhaustive();
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
    return event.type === 'course-started'
      ? deepFreeze(startedState(structuredClone(event)))
      : null;
  }
  if (event.type === 'course-started') return state;
  return produce(state as Course, (draft) => {
    applyEvent(draft, structuredClone(event));
  });
}
