/**
 * Builds realistic course event streams for the benchmarks: a standard IPT course with people,
 * a focus, sessions, PHQ-9 and GAD-7 measures and mood ratings, padded to the wanted length with
 * further measures and moods (all events valid, so replay does its full work).
 */
import {
  decide,
  execute,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
} from '../src/index.js';

function isoDay(offset: number): string {
  const date = new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function must(
  state: CourseState,
  command: CourseCommandInput,
): { state: CourseState; events: readonly CourseEvent[] } {
  const result = execute(state, command);
  if (!result.ok) throw new Error(`benchmark setup refused ${command.type}: ${result.error.code}`);
  return { state: result.value.state, events: result.value.events as readonly CourseEvent[] };
}

/**
 * A course event stream of exactly `length` events (at least 12).
 * @param length - Number of events.
 * @returns The events, oldest first, as plain JSON-like objects.
 */
export function courseStream(length: number): CourseEvent[] {
  let state: CourseState = null;
  const events: CourseEvent[] = [];
  const push = (command: CourseCommandInput) => {
    const step = must(state, command);
    state = step.state;
    events.push(...step.events);
  };
  push({
    type: 'start-course',
    courseId: 'bench-course',
    protocol: 'ipt-m',
    startDate: isoDay(0),
    timeLimit: { sessions: 1000, cadence: 'monthly' },
  });
  push({
    type: 'add-person',
    person: {
      id: 'p-1',
      label: 'Partner',
      relationship: 'partner',
      vitalStatus: { status: 'alive' },
      period: 'current',
    },
  });
  push({
    type: 'add-person',
    person: {
      id: 'p-2',
      label: 'Parent',
      relationship: 'parent',
      vitalStatus: { status: 'deceased' },
      period: 'past',
    },
  });
  push({ type: 'place-in-circle', personId: 'p-1', ring: 0 });
  push({
    type: 'choose-focus',
    focus: { area: 'role-dispute', personId: 'p-1', stage: 'impasse' },
    rank: 'primary',
    date: isoDay(0),
  });
  push({ type: 'share-formulation', date: isoDay(1), accepted: true });
  push({ type: 'agree-contract', date: isoDay(1) });
  push({ type: 'advance-phase', to: 'middle', date: isoDay(2) });

  // The rest are appended without folding them into `state` (decide only reads it), which keeps
  // building a long stream linear; every event is still one decide() accepted.
  const base = state;
  let session = 0;
  for (let index = events.length; index < length; index += 1) {
    const day = 3 + Math.floor(index / 4);
    const kind = index % 4;
    let command: CourseCommandInput;
    if (kind === 0 && session < 999 && index < 4000) {
      session += 1;
      events.push({
        type: 'session-recorded',
        sessionId: `s-${session}`,
        number: session,
        date: isoDay(day),
        status: 'attended',
        techniques: ['communication-analysis'],
      } as CourseEvent);
      continue;
    }
    if (kind === 1) {
      command = {
        type: 'record-measure',
        measureId: `m-${index}`,
        date: isoDay(day),
        instrument: 'phq-9',
        responses: {
          item1: 1,
          item2: 1,
          item3: 2,
          item4: 1,
          item5: 0,
          item6: 1,
          item7: 1,
          item8: 0,
          item9: 0,
        },
      };
    } else if (kind === 2) {
      command = {
        type: 'record-measure',
        measureId: `m-${index}`,
        date: isoDay(day),
        instrument: 'gad-7',
        responses: { item1: 1, item2: 1, item3: 2, item4: 1, item5: 0, item6: 1, item7: 1 },
      };
    } else if (index < 4000) {
      command = { type: 'record-mood', rating: { date: isoDay(day), value: 4 + (index % 5) } };
    } else {
      command = {
        type: 'record-measure',
        measureId: `m-${index}`,
        date: isoDay(day),
        instrument: 'phq-9',
        responses: {
          item1: 2,
          item2: 1,
          item3: 1,
          item4: 1,
          item5: 1,
          item6: 0,
          item7: 1,
          item8: 0,
          item9: 0,
        },
      };
    }
    const decided = decide(base, command);
    if (!decided.ok)
      throw new Error(`benchmark setup refused ${command.type}: ${decided.error.code}`);
    events.push(...(decided.value as readonly CourseEvent[]));
  }
  return JSON.parse(JSON.stringify(events.slice(0, length))) as CourseEvent[];
}
