/**
 * The cross-field consistency check of a course snapshot: everything the rules of the course
 * (rules.ts, applied by `decide` and `replay`) guarantee about a state, checked on a state that
 * arrived as data (a stored `iptkit/course-snapshot`) rather than through events. A state replay
 * can produce has no issue here; a state it could never produce has at least one.
 *
 * The checks and their codes (every path is from the course; record keys that are not id-shaped
 * are shown as `[key]`; messages quote nothing of the course):
 *
 * Sessions and the time limit (IPT reference 11.1, DESIGN 3 "sessions numbered and dated in order"):
 * - `id-mismatch`: a session, person, measure or risk flag is stored under a key other than its id
 *   (`sessions.<key>.sessionId`, `inventory.people.<key>.id`, `measures.<key>.measureId`,
 *   `riskFlags.<key>.id`).
 * - `session-number-invalid`: the session numbers are not 1 to the number of sessions held, each
 *   once (`sessions.<key>.number`).
 * - `session-count-mismatch`: `sessionCount` is not the number of sessions held.
 * - `date-before-start`: a session, measure, formulation, contract agreement, renegotiation,
 *   dispute-stage assessment, raised ending or ending is dated before the course started.
 * - `date-out-of-order`: a session dated before the session numbered before it, a phase starting
 *   before the phase before it, or the ending dated before the last session.
 * - `last-session-date-mismatch`: `lastSessionDate` is not the date of the last session.
 * - `session-phase-mismatch`: a session is filed under a phase that was not in force on its date,
 *   or under an earlier phase than a session before it.
 * - `session-limit-exceeded`: more sessions than the agreed time limit (`sessionCount`).
 * - `contract-outside-protocol`, `cadence-not-allowed`: the time limit (or one a renegotiation
 *   changed from or to) is outside the protocol's session range or cadences.
 * - `renegotiation-mismatch`: a renegotiation does not start from the limit the one before it set,
 *   or the last one does not end at the current limit.
 * - `goals-without-contract`: treatment goals are stored but the contract was never agreed.
 *
 * Phases (11.2):
 * - `phase-order`: the phase history does not follow the protocol's phases from the first.
 * - `phase-start-mismatch`: the initial phase does not start on the start date.
 * - `phase-mismatch`: `phase` is not the last phase of the history.
 * - `focus-required`: past the initial phase, or with a formulation shared or a contract agreed,
 *   without a primary focus.
 * - `formulation-required`: past the initial phase without a formulation the client accepted.
 *
 * Foci, people and dispute stages (11.4-11.6, 11.8, 11.9):
 * - `primary-focus-required`: a secondary focus without a primary one.
 * - `too-many-foci`: a secondary focus under a protocol that allows one.
 * - `focus-already-chosen`: the primary and secondary foci are about the same problem.
 * - `area-not-in-protocol`, `grief-requires-death`: a focus the protocol's manual does not allow,
 *   or a grief focus about a death whose person is not marked deceased.
 * - `person-not-found`: a focus, dispute-stage assessment, circle placement, life event or
 *   communication analysis names a person who is not in the inventory.
 * - `invalid-dispute-stage`: a role-dispute focus without a known stage.
 * - `dispute-stage-mismatch`: a role-dispute focus whose stage is not the last one assessed for
 *   its other party.
 * - `ring-out-of-range`: a circle placement outside the circle's rings.
 *
 * The ending (11.7):
 * - `termination-not-raised`: sessions held past the point where the ending had to be raised,
 *   and it was not.
 * - `termination-raised-late`: the ending is recorded as raised fewer sessions before the last
 *   one than the protocol's notice.
 * - `termination-session-mismatch`: the ending is recorded as raised after more sessions than
 *   were held.
 *
 * Measures and risk (7.1, 11.10, 11.11):
 * - `session-not-found`: a measure names a session that is not recorded.
 * - `invalid-responses`: a measure's stored answers cannot be scored.
 * - `score-mismatch`: a measure's stored score (or instrument version) is not what its answers
 *   score to (the check replay makes of every stored measure: `storedScoreMatches`).
 * - `risk-flag-missing`: a measure raised a flag and the course has no risk flag for it.
 * - `risk-flag-mismatch`: a risk flag's id or date is not the one its measure gives it.
 * - `measure-not-found`: a risk flag names a measure that is not recorded.
 * - `risk-flag-not-raised`: a risk flag for a flag its measure did not raise.
 * - `risk-unacknowledged`: an ended course with a risk flag still open.
 *
 * - `unreadable-input`: the course could not be read at all (a value the schema would refuse).
 * @module
 */
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { ID_PATTERN } from '../internal/ids.js';
import { issue, type Issue, type IssuePath } from '../internal/issues.js';
import { checkFocusForProtocol, type Focus } from '../problem-area/focus.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import type { Protocol } from '../protocol/protocol-schema.js';
import type { TimeLimit } from './commands.js';
import { checkTimeLimit, sameFocusTarget } from './rules.js';
import { sameScore, scoreStored, storedScoreMatches } from './scoring.js';
import type { Course, CourseSession, MeasureRecord } from './state.js';

type ReadCourse = DeepReadonly<Course>;
type Found = Issue[];

const NEEDS_FOCUS = 'needs a primary focus';
const NO_PERSON = 'no person with this id is in the inventory';

/** The dispute stages there are (a constant list, read once). */
const STAGES: readonly string[] = DisputeStage.options;

/** A record key as it may stand in a path: itself when id-shaped, else `[key]`. */
function keyOf(key: string): string {
  return ID_PATTERN.test(key) ? key : '[key]';
}

function has(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

function beforeStart(path: IssuePath): Issue {
  return issue('date-before-start', path, 'is before the start of the course');
}

/** Reports the first way a time limit breaks the protocol (the rule `start-course` applies). */
function timeLimitIssue(
  protocol: DeepReadonly<Protocol>,
  limit: DeepReadonly<TimeLimit>,
  at: IssuePath,
  found: Found,
): void {
  const verdict = checkTimeLimit(protocol, limit);
  if (verdict === undefined) return;
  // The rule's path is relative to a command (`timeLimit.<field>`): keep the field.
  const field = verdict.path?.[verdict.path.length - 1];
  found.push(issue(verdict.code, field === undefined ? at : [...at, field], verdict.message));
}

function sameLimit(left: DeepReadonly<TimeLimit>, right: DeepReadonly<TimeLimit>): boolean {
  return left.sessions === right.sessions && left.cadence === right.cadence;
}

/** The position of a phase in the history, or -1 (histories hold at most ten entries). */
function historyIndex(course: ReadCourse, phase: string): number {
  const history = course.phaseHistory;
  for (let index = 0; index < history.length; index += 1) {
    if (history[index]?.phase === phase) return index;
  }
  return -1;
}

/**
 * Sessions: stored under their ids, numbered 1..n once each, `sessionCount` and `lastSessionDate`
 * agreeing, dated in order from the start, each filed under the phase in force on its date.
 * @see IPT reference 11.1 ([ISIPT], [CG7])
 */
function checkSessions(course: ReadCourse, found: Found): void {
  const sessions = course.sessions;
  const keys = Object.keys(sessions);
  const held = keys.length;
  // A counting array: the key of session number n at n (no sorting).
  const keyAt: (string | undefined)[] = new Array<string | undefined>(held + 1);
  const sessionAt: (DeepReadonly<CourseSession> | undefined)[] = new Array<
    DeepReadonly<CourseSession> | undefined
  >(held + 1);
  let numbered = true;
  for (const key of keys) {
    const session = sessions[key as keyof typeof sessions];
    if (session === undefined) continue;
    if (session.sessionId !== key) {
      found.push(issue('id-mismatch', ['sessions', keyOf(key), 'sessionId'], 'must equal its key'));
    }
    const number = session.number;
    if (number >= 1 && number <= held && keyAt[number] === undefined) {
      keyAt[number] = key;
      sessionAt[number] = session;
    } else {
      numbered = false;
      found.push(
        issue(
          'session-number-invalid',
          ['sessions', keyOf(key), 'number'],
          `must be from 1 to ${held}, each number once`,
        ),
      );
    }
  }
  if (course.sessionCount !== held) {
    found.push(
      issue('session-count-mismatch', ['sessionCount'], `must be ${held}, the sessions held`),
    );
  }
  if (course.sessionCount > course.contract.timeLimit.sessions) {
    found.push(
      issue(
        'session-limit-exceeded',
        ['sessionCount'],
        `exceeds the time limit of ${course.contract.timeLimit.sessions} sessions`,
      ),
    );
  }
  if (!numbered) return;
  const history = course.phaseHistory;
  let previousDate = '';
  let previousPhase = 0;
  let lastDate: string | null = null;
  for (let number = 1; number <= held; number += 1) {
    const key = keyAt[number];
    const session = sessionAt[number];
    if (key === undefined || session === undefined) return;
    const date = session.date;
    if (date < course.startDate) {
      found.push(beforeStart(['sessions', keyOf(key), 'date']));
    } else if (date < previousDate) {
      found.push(
        issue(
          'date-out-of-order',
          ['sessions', keyOf(key), 'date'],
          'is before the previous session',
        ),
      );
    }
    const phase = historyIndex(course, session.phase);
    const since = history[phase]?.since;
    const until = history[phase + 1]?.since;
    if (
      phase < previousPhase ||
      since === undefined ||
      date < since ||
      (until !== undefined && date > until)
    ) {
      found.push(
        issue(
          'session-phase-mismatch',
          ['sessions', keyOf(key), 'phase'],
          'is not the phase in force on its date',
        ),
      );
    } else {
      previousPhase = phase;
    }
    previousDate = date;
    lastDate = date;
  }
  if (lastDate !== course.lastSessionDate) {
    found.push(
      issue(
        'last-session-date-mismatch',
        ['lastSessionDate'],
        'must be the date of the last session (null without one)',
      ),
    );
  }
}

/**
 * The contract: the time limit within the protocol, renegotiations chained from the first limit to
 * the current one, an agreement only with a primary focus, goals only with an agreement.
 * @see IPT reference 11.1 ([ISIPT], [CG7])
 */
function checkContract(course: ReadCourse, found: Found): void {
  const contract = course.contract;
  const protocol = course.protocol;
  timeLimitIssue(protocol, contract.timeLimit, ['contract', 'timeLimit'], found);
  const changes = contract.renegotiations;
  const last = changes.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const change = changes[index];
    if (change === undefined) continue;
    if (change.date < course.startDate)
      found.push(beforeStart(['contract', 'renegotiations', index, 'date']));
    const previous = changes[index - 1];
    if (previous === undefined) {
      timeLimitIssue(protocol, change.from, ['contract', 'renegotiations', index, 'from'], found);
    } else if (!sameLimit(previous.to, change.from)) {
      found.push(
        issue(
          'renegotiation-mismatch',
          ['contract', 'renegotiations', index, 'from'],
          'must be the limit the previous renegotiation set',
        ),
      );
    }
    if (index < last) {
      timeLimitIssue(protocol, change.to, ['contract', 'renegotiations', index, 'to'], found);
    } else if (!sameLimit(change.to, contract.timeLimit)) {
      found.push(
        issue(
          'renegotiation-mismatch',
          ['contract', 'renegotiations', index, 'to'],
          'must be the current time limit',
        ),
      );
    }
  }
  if (contract.agreedOn !== null) {
    if (contract.agreedOn < course.startDate) found.push(beforeStart(['contract', 'agreedOn']));
    if (course.foci.primary === null) {
      found.push(issue('focus-required', ['contract', 'agreedOn'], NEEDS_FOCUS));
    }
  } else if (contract.goals.length > 0) {
    found.push(issue('goals-without-contract', ['contract', 'goals'], 'needs an agreed contract'));
  }
}

/**
 * Phases: the history follows the protocol's order from the initial phase on the start date, its
 * dates never go back, it ends at `phase`, and past the initial phase there is a primary focus
 * and an accepted formulation.
 * @see IPT reference 11.2 ([ALPF])
 */
function checkPhases(course: ReadCourse, found: Found): void {
  const plans = course.protocol.phases;
  const history = course.phaseHistory;
  for (let index = 0; index < history.length; index += 1) {
    const entry = history[index];
    if (entry === undefined) continue;
    if (entry.phase !== plans[index]?.id) {
      found.push(
        issue(
          'phase-order',
          ['phaseHistory', index, 'phase'],
          "must follow the protocol's phases in order",
        ),
      );
    }
    const previous = history[index - 1];
    if (previous === undefined) {
      if (entry.since !== course.startDate) {
        found.push(
          issue(
            'phase-start-mismatch',
            ['phaseHistory', index, 'since'],
            'must be the start date of the course',
          ),
        );
      }
    } else if (entry.since < previous.since) {
      found.push(
        issue(
          'date-out-of-order',
          ['phaseHistory', index, 'since'],
          'is before the previous phase',
        ),
      );
    }
  }
  if (history[history.length - 1]?.phase !== course.phase) {
    found.push(issue('phase-mismatch', ['phase'], 'must be the last phase of the phase history'));
  }
  const formulation = course.formulation;
  if (formulation !== null) {
    if (formulation.date < course.startDate) found.push(beforeStart(['formulation', 'date']));
    if (course.foci.primary === null) {
      found.push(issue('focus-required', ['formulation'], NEEDS_FOCUS));
    }
  }
  if (course.phase !== 'initial') {
    if (course.foci.primary === null) {
      found.push(issue('focus-required', ['foci', 'primary'], NEEDS_FOCUS));
    }
    if (formulation?.accepted !== true) {
      found.push(
        issue(
          'formulation-required',
          formulation === null ? ['formulation'] : ['formulation', 'accepted'],
          'past the initial phase it must be accepted',
        ),
      );
    }
  }
}

/** The stage last assessed for a person, or `undefined` (the list is in the order recorded). */
function lastStageOf(course: ReadCourse, personId: string): string | undefined {
  const stages = course.disputeStages;
  for (let index = stages.length - 1; index >= 0; index -= 1) {
    const entry = stages[index];
    if (entry?.personId === personId) return entry.stage;
  }
  return undefined;
}

/**
 * One focus: allowed by the protocol's manual, naming inventory people, a grief focus about a
 * death naming a person marked deceased, a role dispute with a stage that is the last assessed.
 * @see IPT reference 11.4-11.6 ([ISIPT], [ACF], [CITC-G], [MEMPHIS-RD])
 */
function checkFocus(
  course: ReadCourse,
  focus: DeepReadonly<Focus>,
  rank: 'primary' | 'secondary',
  found: Found,
): void {
  for (const problem of checkFocusForProtocol(course.protocol, focus)) {
    found.push(issue(problem.code, ['foci', rank, ...problem.path], problem.message));
  }
  const people = course.inventory.people;
  if (focus.area === 'grief' || focus.area === 'role-dispute') {
    const personId = focus.personId;
    if (personId !== undefined && !has(people, personId)) {
      found.push(issue('person-not-found', ['foci', rank, 'personId'], NO_PERSON));
    } else if (
      focus.area === 'grief' &&
      focus.loss !== 'other' &&
      (personId === undefined || people[personId]?.vitalStatus.status !== 'deceased')
    ) {
      found.push(
        issue(
          'grief-requires-death',
          ['foci', rank, 'personId'],
          'must name an inventory person marked deceased',
        ),
      );
    }
  }
  if (focus.area === 'role-dispute') {
    if (!STAGES.includes(focus.stage)) {
      found.push(
        issue('invalid-dispute-stage', ['foci', rank, 'stage'], 'a role dispute must have a stage'),
      );
    } else if (lastStageOf(course, focus.personId) !== focus.stage) {
      found.push(
        issue(
          'dispute-stage-mismatch',
          ['foci', rank, 'stage'],
          'must be the stage last assessed for this person',
        ),
      );
    }
  }
}

/**
 * The foci: a secondary only with a primary and where the protocol allows two, about another
 * problem than the primary; each focus checked; dispute-stage assessments about inventory people.
 * @see IPT reference 11.3-11.6 ([MARK06], [ISIPT], [ACF], [MEMPHIS-RD])
 */
function checkFoci(course: ReadCourse, found: Found): void {
  const { primary, secondary } = course.foci;
  if (secondary !== null) {
    if (primary === null) {
      found.push(issue('primary-focus-required', ['foci', 'secondary'], NEEDS_FOCUS));
    } else if (sameFocusTarget(primary, secondary)) {
      found.push(
        issue(
          'focus-already-chosen',
          ['foci', 'secondary'],
          'is the same problem as the primary focus',
        ),
      );
    }
    if (course.protocol.foci.max < 2) {
      found.push(issue('too-many-foci', ['foci', 'secondary'], 'this protocol allows one focus'));
    }
  }
  if (primary !== null) checkFocus(course, primary, 'primary', found);
  if (secondary !== null) checkFocus(course, secondary, 'secondary', found);
  const people = course.inventory.people;
  const stages = course.disputeStages;
  for (let index = 0; index < stages.length; index += 1) {
    const entry = stages[index];
    if (entry === undefined) continue;
    if (!has(people, entry.personId)) {
      found.push(issue('person-not-found', ['disputeStages', index, 'personId'], NO_PERSON));
    }
    if (entry.date < course.startDate) found.push(beforeStart(['disputeStages', index, 'date']));
  }
}

/**
 * The inventory and what refers to it: people under their ids, placements of inventory people in
 * existing rings, life events and communication analyses about inventory people.
 * @see IPT reference 11.8-11.9 ([ALPF], [PP-CC])
 */
function checkPeople(course: ReadCourse, found: Found): void {
  const people = course.inventory.people;
  for (const key of Object.keys(people)) {
    if (people[key as keyof typeof people]?.id !== key) {
      found.push(
        issue('id-mismatch', ['inventory', 'people', keyOf(key), 'id'], 'must equal its key'),
      );
    }
  }
  const circle = course.inventory.circle;
  const placements = circle.placements;
  for (const key of Object.keys(placements)) {
    if (!has(people, key)) {
      found.push(
        issue('person-not-found', ['inventory', 'circle', 'placements', keyOf(key)], NO_PERSON),
      );
    }
    const ring = placements[key as keyof typeof placements];
    if (ring === undefined || !Number.isInteger(ring) || ring < 0 || ring >= circle.ringCount) {
      found.push(
        issue(
          'ring-out-of-range',
          ['inventory', 'circle', 'placements', keyOf(key)],
          `must be a ring from 0 to ${circle.ringCount - 1}`,
        ),
      );
    }
  }
  const events = course.timeline.events;
  for (let index = 0; index < events.length; index += 1) {
    const personId = events[index]?.personId;
    if (personId !== undefined && !has(people, personId)) {
      found.push(issue('person-not-found', ['timeline', 'events', index, 'personId'], NO_PERSON));
    }
  }
  const analyses = course.communicationAnalyses;
  for (const key of Object.keys(analyses)) {
    const analysis = analyses[key as keyof typeof analyses];
    if (analysis !== undefined && !has(people, analysis.personId)) {
      found.push(
        issue('person-not-found', ['communicationAnalyses', keyOf(key), 'personId'], NO_PERSON),
      );
    }
  }
}

/**
 * The ending: raised in time (at least the protocol's notice before the last session), never
 * after more sessions than were held, and an ended course dated after its last session.
 * @see IPT reference 11.7 ([CG7])
 */
function checkTermination(course: ReadCourse, found: Found): void {
  const notice = course.protocol.termination?.minSessionsBeforeEnd;
  const limit = course.contract.timeLimit.sessions;
  const raised = course.terminationRaised;
  if (raised === null) {
    if (notice !== undefined && course.sessionCount > limit - notice) {
      found.push(
        issue(
          'termination-not-raised',
          ['terminationRaised'],
          `must be raised ${notice} sessions before the last one`,
        ),
      );
    }
  } else {
    if (raised.date < course.startDate) found.push(beforeStart(['terminationRaised', 'date']));
    if (raised.afterSession > course.sessionCount) {
      found.push(
        issue(
          'termination-session-mismatch',
          ['terminationRaised', 'afterSession'],
          'exceeds the sessions held',
        ),
      );
    }
    if (notice !== undefined && raised.afterSession > limit - notice) {
      found.push(
        issue(
          'termination-raised-late',
          ['terminationRaised', 'afterSession'],
          `must be at least ${notice} sessions before the last one`,
        ),
      );
    }
  }
  const outcome = course.outcome;
  if (outcome !== null) {
    if (outcome.date < course.startDate) found.push(beforeStart(['outcome', 'date']));
    if (course.lastSessionDate !== null && outcome.date < course.lastSessionDate) {
      found.push(issue('date-out-of-order', ['outcome', 'date'], 'is before the last session'));
    }
  }
}

/**
 * Which part of a measure whose stored score failed the check is wrong: answers that cannot be
 * scored, the instrument version, or the score itself (the last when nothing narrower shows).
 */
function scoreIssues(measure: DeepReadonly<MeasureRecord>, key: string, found: Found): void {
  const before = found.length;
  const rescored = scoreStored(
    measure.instrument,
    measure.responses,
    measure.missing,
    measure.bandSet,
  );
  if (!rescored.ok) {
    found.push(
      issue('invalid-responses', ['measures', keyOf(key), 'responses'], 'cannot be scored'),
    );
    return;
  }
  if (rescored.value.instrumentVersion !== measure.instrumentVersion) {
    found.push(
      issue(
        'score-mismatch',
        ['measures', keyOf(key), 'instrumentVersion'],
        'is not the version that scores the answers',
      ),
    );
  }
  if (found.length === before || !sameScore(rescored.value.score, measure.score)) {
    found.push(
      issue('score-mismatch', ['measures', keyOf(key), 'score'], 'is not the score of the answers'),
    );
  }
}

/**
 * Measures: under their ids, dated from the start, about recorded sessions, their stored score the
 * score of their answers (the check replay makes), and a risk flag for every flag they raised.
 * @see IPT reference 7.1, 11.10 and 11.11 ([KROENKE01], [CALC])
 */
function checkMeasures(course: ReadCourse, found: Found): void {
  const measures = course.measures;
  const riskFlags = course.riskFlags;
  for (const key of Object.keys(measures)) {
    const measure = measures[key as keyof typeof measures];
    if (measure === undefined) continue;
    if (measure.measureId !== key) {
      found.push(issue('id-mismatch', ['measures', keyOf(key), 'measureId'], 'must equal its key'));
    }
    if (measure.date < course.startDate) found.push(beforeStart(['measures', keyOf(key), 'date']));
    if (measure.sessionId !== undefined && !has(course.sessions, measure.sessionId)) {
      found.push(
        issue(
          'session-not-found',
          ['measures', keyOf(key), 'sessionId'],
          'no session with this id',
        ),
      );
    }
    // The check replay makes of every stored measure; only a failure is looked at more closely.
    if (!storedScoreMatches(measure)) scoreIssues(measure, key, found);
    const flags = measure.score.flags;
    for (const flag of Object.keys(flags)) {
      if (flags[flag] === true && !has(riskFlags, `${measure.measureId}:${flag}`)) {
        found.push(
          issue(
            'risk-flag-missing',
            ['measures', keyOf(key), 'score', 'flags', keyOf(flag)],
            'has no risk flag',
          ),
        );
      }
    }
  }
}

/**
 * Risk flags: each under its id, which is `<measureId>:<flag>`, for a flag its measure raised, dated
 * on the measure's date; none open once the course has ended.
 * @see IPT reference 7.1 and 11.10 ([CALC])
 */
function checkRiskFlags(course: ReadCourse, found: Found): void {
  const riskFlags = course.riskFlags;
  const measures = course.measures;
  const ended = course.outcome !== null;
  for (const key of Object.keys(riskFlags)) {
    const flag = riskFlags[key];
    if (flag === undefined) continue;
    if (flag.id !== key) {
      found.push(issue('id-mismatch', ['riskFlags', keyOf(key), 'id'], 'must equal its key'));
    } else if (flag.id !== `${flag.measureId}:${flag.flag}`) {
      found.push(
        issue('risk-flag-mismatch', ['riskFlags', keyOf(key), 'id'], 'must be <measureId>:<flag>'),
      );
    }
    const measure = has(measures, flag.measureId) ? measures[flag.measureId] : undefined;
    if (measure === undefined) {
      found.push(
        issue(
          'measure-not-found',
          ['riskFlags', keyOf(key), 'measureId'],
          'no measure with this id',
        ),
      );
    } else {
      const raised = measure.score.flags;
      if (!has(raised, flag.flag) || raised[flag.flag] !== true) {
        found.push(
          issue(
            'risk-flag-not-raised',
            ['riskFlags', keyOf(key), 'flag'],
            'the measure did not raise this flag',
          ),
        );
      }
      if (flag.raisedOn !== measure.date) {
        found.push(
          issue(
            'risk-flag-mismatch',
            ['riskFlags', keyOf(key), 'raisedOn'],
            'must be the date of the measure',
          ),
        );
      }
    }
    if (ended && flag.acknowledged === null) {
      found.push(
        issue(
          'risk-unacknowledged',
          ['riskFlags', keyOf(key), 'acknowledged'],
          'must be acknowledged before the course ends',
        ),
      );
    }
  }
}

/**
 * Every invariant a course state breaks: the facts the rules of the course guarantee about any
 * state that commands (or a replayed event stream) can build, checked across fields of a course
 * that already passed the {@link Course} schema (a stored snapshot, say). Cheap enough to run on
 * every line of a cohort file: single passes, no sorting, no schema. Never throws.
 * @param course - A course that passed the {@link Course} schema.
 * @returns The broken invariants (empty when the course is consistent), each with a stable code
 *   (listed in this module's documentation) and the path of the offending field. Messages quote
 *   nothing of the course.
 * @see IPT reference 11 and DESIGN section 3
 * @internal
 */
export function courseInvariantIssues(course: DeepReadonly<Course>): Issue[] {
  const found: Issue[] = [];
  try {
    checkSessions(course, found);
    checkContract(course, found);
    checkPhases(course, found);
    checkFoci(course, found);
    checkPeople(course, found);
    checkTermination(course, found);
    checkMeasures(course, found);
    checkRiskFlags(course, found);
  } catch {
    return [issue('unreadable-input', [], 'the course could not be read')];
  }
  return found;
}
