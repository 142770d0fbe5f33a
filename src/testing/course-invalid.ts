/**
 * Arbitraries of what the course refuses: a legal course and one illegal command, stored event
 * streams that do not replay, document envelopes that do not parse.
 * @module
 */
import * as fc from 'fast-check';
import type { CourseCommandInput } from '../course/commands.js';
import type { CourseEvent } from '../course/events.js';
import type { RuleCode } from '../course/rule-violation.js';
import type { Course } from '../course/state.js';
import type { DocumentSchemaName } from '../document/document.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { IssuePath } from '../internal/issues.js';
import type { Focus } from '../problem-area/focus.js';
import {
  addDays,
  changed,
  copyOf,
  invalid,
  mutated,
  optionsOf,
  REMOVE,
  type ExpectedIssue,
  type InvalidValue,
  type Mutation,
} from './basics.js';
import { freshKey } from './inventory.js';
import {
  courseArbitrary,
  courseEventsArbitrary,
  documentArbitrary,
  openFlags,
  personIn,
  pickFrom,
  sortedKeys,
  type CourseOptions,
  type DocumentOptions,
} from './course.js';

// ------------------------------------------------------------------------------------------------
// Invalid courses: refused commands, broken streams, broken documents
// ------------------------------------------------------------------------------------------------

/**
 * A legal course followed by one command its rules refuse.
 * @category Testing
 */
export interface RefusedCommand {
  /** The commands of the legal course (`execute` accepts them in order from `null`). */
  readonly commands: readonly CourseCommandInput[];
  /** Their events. */
  readonly events: readonly DeepReadonly<CourseEvent>[];
  /** The state they built. */
  readonly state: DeepReadonly<Course>;
  /** The command `execute(state, command)` refuses. */
  readonly command: CourseCommandInput;
  /** A short kebab-case name of what makes it illegal, such as `session-number-skipped`. */
  readonly mutation: string;
  /** The rule violation `execute` returns: its code, and its path when it has one. */
  readonly expected: ExpectedIssue & { readonly code: RuleCode };
}

type Refusal = Omit<RefusedCommand, 'commands' | 'events' | 'state'>;
type RefusalMaker = (course: DeepReadonly<Course>, pick: number) => Refusal | undefined;

function refusal(
  command: CourseCommandInput,
  mutation: string,
  code: RuleCode,
  path?: IssuePath,
): Refusal {
  return { command, mutation, expected: path === undefined ? { code } : { code, path } };
}

function latestDate(course: DeepReadonly<Course>): string {
  const dates = [
    course.startDate,
    course.lastSessionDate ?? course.startDate,
    ...course.phaseHistory.map((entry) => entry.since),
  ];
  return dates.reduce((latest, date) => (date > latest ? date : latest));
}

const refusals: readonly RefusalMaker[] = [
  (course) =>
    refusal(
      {
        type: 'start-course',
        courseId: course.courseId,
        protocol: 'ipt',
        startDate: course.startDate,
        timeLimit: { sessions: 12, cadence: 'weekly' },
      },
      'started-twice',
      'course-already-started',
      ['type'],
    ),
  (course) =>
    course.sessionCount + 2 > 1000
      ? undefined
      : refusal(
          {
            type: 'record-session',
            sessionId: freshKey(course.sessions, 's-skipped'),
            number: course.sessionCount + 2,
            date: latestDate(course),
            status: 'attended',
          },
          'session-number-skipped',
          'session-out-of-order',
          ['number'],
        ),
  (course, pick) => {
    const sessionId = pickFrom(sortedKeys(course.sessions), pick);
    return sessionId === undefined
      ? undefined
      : refusal(
          {
            type: 'record-session',
            sessionId,
            number: course.sessionCount + 1,
            date: latestDate(course),
            status: 'attended',
          },
          'session-id-reused',
          'duplicate-id',
          ['sessionId'],
        );
  },
  (course) =>
    course.sessionCount >= course.contract.timeLimit.sessions
      ? undefined
      : refusal(
          {
            type: 'record-session',
            sessionId: freshKey(course.sessions, 's-early'),
            number: course.sessionCount + 1,
            date: addDays(course.startDate, -1),
            status: 'attended',
          },
          'session-before-start',
          'date-out-of-order',
          ['date'],
        ),
  (course) =>
    course.sessionCount < course.contract.timeLimit.sessions || course.sessionCount >= 1000
      ? undefined
      : refusal(
          {
            type: 'record-session',
            sessionId: freshKey(course.sessions, 's-extra'),
            number: course.sessionCount + 1,
            date: latestDate(course),
            status: 'attended',
          },
          'session-past-time-limit',
          'session-limit-reached',
          ['number'],
        ),
  (course) =>
    refusal(
      { type: 'place-in-circle', personId: freshKey(course.inventory.people, 'p-absent'), ring: 0 },
      'place-unknown-person',
      'person-not-found',
      ['personId'],
    ),
  (course, pick) => {
    const personId = pickFrom(sortedKeys(course.inventory.people), pick);
    const person = personId === undefined ? undefined : personIn(course, personId);
    return person === undefined
      ? undefined
      : refusal(
          { type: 'add-person', person: copyOf(person) as never },
          'person-added-twice',
          'person-exists',
          ['person', 'id'],
        );
  },
  (course, pick) => {
    const personId = pickFrom(sortedKeys(course.inventory.people), pick);
    const ringCount = course.inventory.circle.ringCount;
    return personId === undefined || ringCount >= 10
      ? undefined
      : refusal(
          { type: 'place-in-circle', personId, ring: ringCount },
          'ring-outside-circle',
          'ring-out-of-range',
          ['ring'],
        );
  },
  (course) =>
    refusal(
      {
        type: 'remove-from-circle',
        personId: freshKey(course.inventory.circle.placements, 'p-unplaced'),
      },
      'unplace-unplaced-person',
      'not-in-circle',
      ['personId'],
    ),
  (course) =>
    refusal(
      { type: 'advance-phase', to: course.phase, date: latestDate(course) },
      'advance-to-current-phase',
      'phase-order',
      ['to'],
    ),
  (course) =>
    refusal(
      {
        type: 'acknowledge-risk',
        flagId: freshKey(course.riskFlags, 'm-absent:suicidalIdeation'),
        by: 'clinician-1',
        at: `${latestDate(course)}T12:00:00Z`,
        action: 'Reviewed.',
      },
      'acknowledge-unknown-flag',
      'flag-not-found',
      ['flagId'],
    ),
  (course) =>
    course.phase === 'initial'
      ? undefined
      : refusal(
          {
            type: 'choose-focus',
            focus: { area: 'interpersonal-deficits' },
            rank: 'primary',
            date: latestDate(course),
          },
          'focus-after-initial-phase',
          'focus-after-initial-phase',
          ['focus'],
        ),
  (course) => {
    const absent = (['interpersonal-deficits', 'role-transition'] as const).find(
      (area) => !course.protocol.problemAreas.areas.includes(area),
    );
    if (course.phase !== 'initial' || absent === undefined) return undefined;
    const focus: Focus =
      absent === 'role-transition'
        ? { area: absent, from: 'student', to: 'employee' }
        : { area: absent };
    return refusal(
      { type: 'choose-focus', focus, rank: 'primary', date: latestDate(course) },
      'focus-area-not-in-protocol',
      'area-not-in-protocol',
      ['focus', 'area'],
    );
  },
  (course, pick) => {
    const alive = sortedKeys(course.inventory.people).filter(
      (id) => personIn(course, id)?.vitalStatus.status === 'alive',
    );
    const personId = pickFrom(alive, pick);
    if (
      course.phase !== 'initial' ||
      personId === undefined ||
      !course.protocol.problemAreas.areas.includes('grief')
    ) {
      return undefined;
    }
    return refusal(
      {
        type: 'choose-focus',
        focus: { area: 'grief', personId: personId },
        rank: 'primary',
        date: latestDate(course),
      },
      'grief-for-living-person',
      'grief-requires-death',
      ['focus', 'personId'],
    );
  },
  (course) =>
    openFlags(course).length === 0
      ? undefined
      : refusal(
          { type: 'end-course', date: latestDate(course), outcome: 'completed' },
          'end-with-open-risk-flag',
          'risk-unacknowledged',
        ),
  (course) =>
    course.terminationRaised === null
      ? undefined
      : refusal(
          { type: 'raise-termination', date: latestDate(course) },
          'ending-raised-twice',
          'termination-already-raised',
        ),
  (course) =>
    course.contract.agreedOn === null
      ? undefined
      : refusal(
          { type: 'agree-contract', date: latestDate(course) },
          'contract-agreed-twice',
          'contract-already-agreed',
          ['type'],
        ),
];

/**
 * Options of {@link refusedCommandArbitrary}.
 * @category Testing
 */
export type RefusedCommandOptions = Omit<CourseOptions, 'ending'>;

/**
 * A legal course (never ended) and one command its rules refuse, with the expected violation: a
 * second start, a skipped or reused session number, a session before the start or past the time
 * limit, an unknown person or flag, a ring outside the circle, a phase that is not the next one, a
 * focus after the initial phase or outside the manual, grief about a living person, the end while
 * a risk flag is open, the ending raised or the contract agreed twice.
 * @param options - As for {@link courseArbitrary} (courses never end here).
 * @returns The arbitrary.
 * @see IPT reference 11
 * @category Testing
 */
export function refusedCommandArbitrary(
  options: RefusedCommandOptions = {},
): fc.Arbitrary<RefusedCommand> {
  const read = optionsOf<RefusedCommandOptions>(options);
  return fc
    .tuple(courseArbitrary({ ...read, ending: 'never' }), fc.nat(refusals.length - 1), fc.nat(1000))
    .map(([course, first, pick]) => {
      for (let offset = 0; offset < refusals.length; offset += 1) {
        const made = refusals[(first + offset) % refusals.length]?.(course.state, pick);
        if (made !== undefined) return { ...course, ...made };
      }
      // The first maker always applies to a course that has not ended.
      throw new Error('iptkit/testing: no refused command applies to the generated course');
    });
}

/**
 * An event stream that `replay` refuses, with where and why.
 * @category Testing
 */
export interface InvalidEventStream extends InvalidValue {
  /** The index of the event `replay` stops at (`null` when the stream itself is not a list). */
  readonly index: number | null;
}

type StoredEvent = Record<string, unknown> & { type: string };

function streamMutations(): readonly ((
  events: readonly StoredEvent[],
  pick: number,
) => InvalidEventStream | undefined)[] {
  const at = (
    events: readonly StoredEvent[],
    index: number,
    mutation: string,
    code: string,
    path?: IssuePath,
  ): InvalidEventStream => ({
    value: events,
    mutation,
    index,
    expected: path === undefined ? { code } : { code, path },
  });
  const indexOf = (events: readonly StoredEvent[], type: string, pick: number) => {
    const found = events.flatMap((event, index) => (event.type === type ? [index] : []));
    return pickFrom(found, pick);
  };
  return [
    (events) =>
      events.length < 2
        ? undefined
        : at(events.slice(1), 0, 'start-missing', 'course-not-started', ['type']),
    (events) => {
      const [first, ...rest] = events;
      return first === undefined
        ? undefined
        : at([first, copyOf(first), ...rest], 1, 'started-twice', 'course-already-started', [
            'type',
          ]);
    },
    (events, pick) => {
      const index = pick % events.length;
      return at(
        changed(events, [index, 'type'], 'something-happened') as StoredEvent[],
        index,
        'type-unknown',
        'invalid-discriminator',
        ['type'],
      );
    },
    (events, pick) => {
      const index = pick % events.length;
      return at(
        changed(events, [index, 'clientName'], 'x') as StoredEvent[],
        index,
        'unknown-key',
        'unrecognized-keys',
        [],
      );
    },
    (events, pick) => {
      const index = indexOf(events, 'measure-recorded', pick);
      if (index === undefined) return undefined;
      const score = (events[index] as unknown as { score: { total: number | null } }).score;
      return at(
        changed(
          events,
          [index, 'score', 'total'],
          score.total === null ? 0 : score.total + 1,
        ) as StoredEvent[],
        index,
        'score-tampered',
        'score-mismatch',
        ['score'],
      );
    },
    (events, pick) => {
      const index = indexOf(events, 'session-recorded', pick);
      if (index === undefined) return undefined;
      const number = (events[index] as unknown as { number: number }).number;
      return number >= 1000
        ? undefined
        : at(
            changed(events, [index, 'number'], number + 1) as StoredEvent[],
            index,
            'session-renumbered',
            'session-out-of-order',
            ['number'],
          );
    },
    (events, pick) => {
      const dated = events.flatMap((event, index) =>
        event.type !== 'course-started' && typeof event.date === 'string' ? [index] : [],
      );
      const index = pickFrom(dated, pick);
      return index === undefined
        ? undefined
        : at(
            changed(events, [index, 'date'], '2026-02-30') as StoredEvent[],
            index,
            'date-not-a-date',
            'invalid-format',
            ['date'],
          );
    },
    (events) => ({
      value: { events },
      mutation: 'not-a-list',
      index: null,
      expected: { code: 'invalid-type', path: [] },
    }),
  ];
}

/**
 * Stored event streams that `replay` refuses: the events of a legal course (as JSON) with one
 * targeted change: the start missing or repeated, an unknown event type or key, a tampered score, a
 * renumbered session, an impossible date, or no list at all. `index` tells which event `replay`
 * stops at; `expected` is the schema issue (in `cause.issues`) or the rule (`cause.code`, with
 * `cause.path`).
 * @param options - As for {@link courseArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidCourseEventsArbitrary(
  options: CourseOptions = {},
): fc.Arbitrary<InvalidEventStream> {
  const mutations = streamMutations();
  return fc
    .tuple(courseEventsArbitrary(options), fc.nat(mutations.length - 1), fc.nat(1000))
    .map(([events, first, pick]) => {
      for (let offset = 0; offset < mutations.length; offset += 1) {
        const made = mutations[(first + offset) % mutations.length]?.(events, pick);
        if (made !== undefined) return made;
      }
      throw new Error('iptkit/testing: no stream change applies to the generated events');
    });
}

interface Envelope {
  readonly schema: DocumentSchemaName;
  readonly version: number;
  readonly data: unknown;
}

const documentMutations: readonly Mutation<Envelope>[] = [
  (document) =>
    invalid(
      changed(document, ['schema'], 'iptkit/course-notes'),
      'schema-unknown',
      'unknown-schema',
      ['schema'],
    ),
  (document) =>
    invalid(
      changed(document, ['schema'], 'course-events'),
      'schema-without-prefix',
      'invalid-format',
      ['schema'],
    ),
  (document) =>
    invalid(
      changed(document, ['version'], 9999),
      'version-from-the-future',
      'unsupported-version',
      ['version'],
    ),
  (document) =>
    invalid(changed(document, ['version'], 0), 'version-zero', 'too-small', ['version']),
  (document) =>
    invalid(changed(document, ['data'], REMOVE), 'data-missing', 'invalid-type', ['data']),
  (document) =>
    invalid(changed(document, ['checksum'], 'x'), 'unknown-key', 'unrecognized-keys', []),
];

/**
 * Document envelopes that `parseDocument` refuses: an unknown or malformed schema name, a version
 * it does not know or cannot be, the data missing, an unknown envelope key.
 * @param options - As for {@link documentArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidDocumentArbitrary(
  options: DocumentOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(documentArbitrary(options), documentMutations);
}
