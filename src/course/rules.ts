import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import { checkFocusForProtocol, type Focus } from '../problem-area/focus.js';
import { nextPhase, type Phase } from '../protocol/phases.js';
import type { Protocol } from '../protocol/protocol-schema.js';
import type { CourseEvent } from './events.js';
import type { TimeLimit } from './commands.js';
import { violation, type CourseWarning, type RuleViolation } from './rule-violation.js';
import type { Course } from './state.js';
import { storedScoreMatches } from './scoring.js';

type ReadCourse = DeepReadonly<Course>;
/**
 * What a rule check answers: the violation, or `undefined` when the rule holds.
 * @category Course
 */
export type Verdict = RuleViolation | undefined;

/**
 * The agreed time limit lies in the protocol's session range and uses a cadence it allows.
 * @see IPT reference 11, invariant 1 ([ISIPT], [CG7])
 * @category Course rules
 */
export function checkTimeLimit(
  protocol: DeepReadonly<Protocol>,
  timeLimit: DeepReadonly<TimeLimit>,
): Verdict {
  const { min, max } = protocol.sessions;
  if (timeLimit.sessions < min || (max !== undefined && timeLimit.sessions > max)) {
    return violation(
      'contract-outside-protocol',
      `the number of sessions must be ${max === undefined ? `at least ${min}` : `from ${min} to ${max}`} under this protocol`,
      ['timeLimit', 'sessions'],
    );
  }
  if (!protocol.cadence.allowed.includes(timeLimit.cadence)) {
    return violation(
      'cadence-not-allowed',
      `the cadence must be one of ${protocol.cadence.allowed.join(', ')} under this protocol`,
      ['timeLimit', 'cadence'],
    );
  }
  return undefined;
}

/**
 * A dated step of the course is not dated before the course started.
 * @category Course rules
 */
export function checkNotBeforeStart(course: ReadCourse, date: string, path: string[]): Verdict {
  return date < course.startDate
    ? violation('date-out-of-order', 'must not be earlier than the start of the course', path)
    : undefined;
}

/**
 * Sessions are numbered one after another, dated in order, with unique ids, and stay within the
 * agreed time limit.
 * @see IPT reference 11, invariant 1 ([ISIPT], [CG7])
 * @category Course rules
 */
export function checkSession(
  course: ReadCourse,
  session: { readonly sessionId: string; readonly number: number; readonly date: string },
): Verdict {
  if (Object.hasOwn(course.sessions, session.sessionId)) {
    return violation('duplicate-id', 'a session with this id is already recorded', ['sessionId']);
  }
  if (session.number !== course.sessionCount + 1) {
    return violation(
      'session-out-of-order',
      `must be ${course.sessionCount + 1}, the next session number`,
      ['number'],
    );
  }
  if (session.number > course.contract.timeLimit.sessions) {
    return violation(
      'session-limit-reached',
      `the agreed time limit is ${course.contract.timeLimit.sessions} sessions; renegotiate the contract to add more`,
      ['number'],
    );
  }
  const before = checkNotBeforeStart(course, session.date, ['date']);
  if (before !== undefined) return before;
  if (course.lastSessionDate !== null && session.date < course.lastSessionDate) {
    return violation('date-out-of-order', 'must not be earlier than the previous session', [
      'date',
    ]);
  }
  const phaseSince = course.phaseHistory[course.phaseHistory.length - 1]?.since;
  if (phaseSince !== undefined && session.date < phaseSince) {
    return violation(
      'date-out-of-order',
      'must not be earlier than the start of the current phase (the session would be filed under it)',
      ['date'],
    );
  }
  return undefined;
}

/**
 * How many sessions before the last one the ending must be raised under the protocol, if it says.
 * @internal
 */
function terminationNotice(course: ReadCourse): number | undefined {
  return course.protocol.termination?.minSessionsBeforeEnd;
}

/**
 * A session may not be recorded so close to the end that the ending could no longer be raised in
 * time, unless it has been raised already.
 * @see IPT reference 1.4 and 11, invariant 7 ([CG7])
 * @category Course rules
 */
export function checkTerminationBeforeSession(course: ReadCourse, number: number): Verdict {
  const notice = terminationNotice(course);
  if (notice === undefined || course.terminationRaised !== null) return undefined;
  const last = course.contract.timeLimit.sessions;
  return last - number < notice
    ? violation(
        'termination-not-raised',
        `raise the ending first: it must be raised at least ${notice} sessions before the last one`,
        ['number'],
      )
    : undefined;
}

/**
 * The ending is raised once, and at least the protocol's minimum number of sessions before the last
 * one.
 * @see IPT reference 1.4 and 11, invariant 7 ([CG7])
 * @category Course rules
 */
export function checkRaiseTermination(course: ReadCourse): Verdict {
  if (course.terminationRaised !== null) {
    return violation('termination-already-raised', 'the ending has already been raised');
  }
  const notice = terminationNotice(course);
  const last = course.contract.timeLimit.sessions;
  if (notice !== undefined && last - course.sessionCount < notice) {
    return violation(
      'termination-raised-late',
      `too late: the ending must be raised at least ${notice} sessions before the last one; renegotiate the contract first`,
    );
  }
  return undefined;
}

/**
 * A new time limit is within the protocol and leaves room for the sessions held and for raising
 * the ending in time.
 * @see IPT reference 11, invariants 1 and 7 ([CG7])
 * @category Course rules
 */
export function checkRenegotiation(
  course: ReadCourse,
  timeLimit: DeepReadonly<TimeLimit>,
): Verdict {
  const limits = checkTimeLimit(course.protocol, timeLimit);
  if (limits !== undefined) return limits;
  const notice = terminationNotice(course) ?? 0;
  const raisedAfter = course.terminationRaised?.afterSession;
  const needed = raisedAfter === undefined ? course.sessionCount + notice : raisedAfter + notice;
  if (timeLimit.sessions < Math.max(course.sessionCount, needed)) {
    return violation(
      'renegotiation-too-short',
      `must be at least ${Math.max(course.sessionCount, needed)} sessions: the sessions held plus the termination notice`,
      ['timeLimit', 'sessions'],
    );
  }
  return undefined;
}

/**
 * Phases move forward one at a time in the protocol's order; leaving the initial phase needs a
 * primary focus and a formulation the client has accepted.
 * @see IPT reference 11, invariant 2 ([ALPF])
 * @category Course rules
 */
export function checkPhaseAdvance(course: ReadCourse, to: Phase): Verdict {
  const expected = nextPhase(course.protocol, course.phase);
  if (expected !== to) {
    return violation(
      'phase-order',
      expected === undefined
        ? 'the course is in its last phase'
        : `the next phase under this protocol is ${expected}`,
      ['to'],
    );
  }
  if (course.phase === 'initial') {
    if (course.foci.primary === null) {
      return violation(
        'focus-required',
        'choose a primary problem-area focus before the middle phase',
        ['to'],
      );
    }
    if (course.formulation?.accepted !== true) {
      return violation(
        'formulation-required',
        'the client must accept the interpersonal formulation before the middle phase',
        ['to'],
      );
    }
  }
  return undefined;
}

function personOf(course: ReadCourse, personId: string) {
  return Object.hasOwn(course.inventory.people, personId)
    ? course.inventory.people[personId as PersonId]
    : undefined;
}

/**
 * A person referred to is in the inventory.
 * @category Course rules
 */
export function checkPersonKnown(
  course: ReadCourse,
  personId: string,
  path: (string | number)[],
): Verdict {
  return personOf(course, personId) === undefined
    ? violation('person-not-found', 'no person with this id is in the inventory', path)
    : undefined;
}

/**
 * A focus is chosen in the initial phase, belongs to the protocol's manual, refers to inventory
 * people (a grief focus about a death to one marked deceased), and respects the number of foci.
 * @see IPT reference 11, invariants 3-6 ([MARK06], [ISIPT], [ACF], [CITC-G])
 * @category Course rules
 */
export function checkFocus(
  course: ReadCourse,
  focus: DeepReadonly<Focus>,
  rank: 'primary' | 'secondary',
): Verdict {
  if (course.phase !== 'initial') {
    return violation('focus-after-initial-phase', 'a focus is chosen in the initial phase', [
      'focus',
    ]);
  }
  const [manual] = checkFocusForProtocol(course.protocol, focus);
  if (manual !== undefined) {
    return violation(
      manual.code as 'area-not-in-protocol' | 'grief-requires-death',
      manual.message,
      ['focus', ...manual.path],
    );
  }
  if (focus.area === 'grief' || focus.area === 'role-dispute') {
    if (focus.personId !== undefined) {
      const unknown = checkPersonKnown(course, focus.personId, ['focus', 'personId']);
      if (unknown !== undefined) return unknown;
    }
  }
  if (focus.area === 'grief' && focus.loss !== 'other') {
    const person = focus.personId === undefined ? undefined : personOf(course, focus.personId);
    if (person?.vitalStatus.status !== 'deceased') {
      return violation(
        'grief-requires-death',
        'a grief focus about a death must name an inventory person marked deceased',
        ['focus', 'personId'],
      );
    }
  }
  if (rank === 'secondary') {
    if (course.foci.primary === null) {
      return violation('primary-focus-required', 'choose the primary focus first', ['rank']);
    }
    if (course.protocol.foci.max < 2) {
      return violation('too-many-foci', 'this protocol allows a single focus', ['rank']);
    }
  }
  const other = rank === 'primary' ? course.foci.secondary : course.foci.primary;
  if (other !== null && sameFocusTarget(other, focus)) {
    return violation(
      'focus-already-chosen',
      `this problem is already the ${rank === 'primary' ? 'secondary' : 'primary'} focus`,
      ['focus'],
    );
  }
  return undefined;
}

/**
 * Whether two foci are about the same problem: the same area and the same person (grief, role
 * dispute; a dispute's stage does not matter), the same roles (role transition), or deficits twice.
 * @category Course rules
 */
export function sameFocusTarget(left: DeepReadonly<Focus>, right: DeepReadonly<Focus>): boolean {
  if (left.area !== right.area) return false;
  if (left.area === 'grief' && right.area === 'grief') {
    return left.personId === right.personId && (left.loss ?? 'death') === (right.loss ?? 'death');
  }
  if (left.area === 'role-dispute' && right.area === 'role-dispute') {
    return left.personId === right.personId;
  }
  if (left.area === 'role-transition' && right.area === 'role-transition') {
    return left.from === right.from && left.to === right.to;
  }
  return true;
}

/**
 * A dispute stage is assessed for the other party of a role-dispute focus.
 * @see IPT reference 2.3 and 11, invariant 6 ([MEMPHIS-RD])
 * @category Course rules
 */
export function checkDisputeStage(course: ReadCourse, personId: string): Verdict {
  const isParty = [course.foci.primary, course.foci.secondary].some(
    (focus) => focus?.area === 'role-dispute' && focus.personId === personId,
  );
  return isParty
    ? undefined
    : violation(
        'not-a-dispute-focus',
        'this person is not the other party of a role-dispute focus',
        ['personId'],
      );
}

/**
 * Whether anything in the course still refers to a person.
 * @category Course rules
 */
export function checkPersonRemovable(course: ReadCourse, personId: string): Verdict {
  const inFocus = [course.foci.primary, course.foci.secondary].some(
    (focus) =>
      (focus?.area === 'grief' || focus?.area === 'role-dispute') && focus.personId === personId,
  );
  const referenced =
    inFocus ||
    course.disputeStages.some((entry) => entry.personId === personId) ||
    course.timeline.events.some((entry) => entry.personId === personId) ||
    Object.values(course.communicationAnalyses).some((entry) => entry.personId === personId);
  return referenced
    ? violation(
        'person-referenced',
        'the course still refers to this person (a focus, dispute stage, life event or analysis)',
        ['personId'],
      )
    : undefined;
}

/**
 * A person in a grief focus about a death stays marked deceased.
 * @see IPT reference 11, invariant 5 ([ISIPT])
 * @category Course rules
 */
export function checkPersonUpdate(
  course: ReadCourse,
  person: { readonly id: string; readonly vitalStatus: { readonly status: string } },
): Verdict {
  const griefOver = [course.foci.primary, course.foci.secondary].some(
    (focus) => focus?.area === 'grief' && focus.loss !== 'other' && focus.personId === person.id,
  );
  return griefOver && person.vitalStatus.status !== 'deceased'
    ? violation(
        'grief-requires-death',
        'this person is the subject of a grief focus about a death and must stay marked deceased',
        ['changes', 'vitalStatus'],
      )
    : undefined;
}

/**
 * A course does not end while a risk flag is open.
 * @see IPT reference 7.1 and 11, invariant 10 ([CALC])
 * @category Course rules
 */
export function checkNoOpenRisk(course: ReadCourse): Verdict {
  const open = Object.values(course.riskFlags).filter((flag) => flag.acknowledged === null).length;
  return open > 0
    ? violation(
        'risk-unacknowledged',
        `${open} risk flag${open === 1 ? ' is' : 's are'} still open: acknowledge ${open === 1 ? 'it' : 'them'} first`,
      )
    : undefined;
}

function need(condition: boolean, make: () => RuleViolation): Verdict {
  return condition ? undefined : make();
}

/** The most entries a course's lists hold (the snapshot schema's limits). */
const limits = { events: 1000, moods: 5000, disputeStages: 1000, renegotiations: 1000 } as const;

function within(count: number, limit: number, what: string): Verdict {
  return need(count < limit, () =>
    violation('limit-reached', `a course holds at most ${limit} ${what}`, ['type']),
  );
}

/**
 * Options of {@link admitEvent}.
 * @internal
 */
export interface AdmitOptions {
  /** Recompute derived fields (scores) and compare; off when the event was just decided. */
  readonly verifyDerived: boolean;
}

/**
 * Checks one event against the state it would follow: the rules of the course, shared by
 * {@link decide} (on the events it is about to return) and {@link replay} (on stored events).
 * @param state - The state before the event.
 * @param event - A schema-valid event.
 * @param options - Whether to verify derived fields.
 * @returns The first violation, or `undefined` when the event is admitted.
 * @internal
 */
export function admitEvent(
  state: ReadCourse | null,
  event: DeepReadonly<CourseEvent>,
  options: AdmitOptions,
): Verdict {
  if (state === null) {
    if (event.type !== 'course-started') {
      return violation('course-not-started', 'start the course first', ['type']);
    }
    return checkTimeLimit(event.protocol, event.timeLimit);
  }
  if (event.type === 'course-started') {
    return violation('course-already-started', 'the course has already been started', ['type']);
  }
  if (state.outcome !== null) {
    return violation('course-ended', 'the course has ended', ['type']);
  }
  const course = state;
  switch (event.type) {
    case 'session-recorded':
      return checkSession(course, event) ?? checkTerminationBeforeSession(course, event.number);
    case 'person-added':
      return need(personOf(course, event.person.id) === undefined, () =>
        violation('person-exists', 'a person with this id is already in the inventory', [
          'person',
          'id',
        ]),
      );
    case 'person-updated':
      return (
        checkPersonKnown(course, event.person.id, ['person', 'id']) ??
        checkPersonUpdate(course, event.person)
      );
    case 'person-removed':
      return (
        checkPersonKnown(course, event.personId, ['personId']) ??
        checkPersonRemovable(course, event.personId)
      );
    case 'person-placed':
      return (
        checkPersonKnown(course, event.personId, ['personId']) ??
        need(event.ring < course.inventory.circle.ringCount, () =>
          violation(
            'ring-out-of-range',
            `must be a ring from 0 to ${course.inventory.circle.ringCount - 1}`,
            ['ring'],
          ),
        )
      );
    case 'person-unplaced':
      return need(Object.hasOwn(course.inventory.circle.placements, event.personId), () =>
        violation('not-in-circle', 'this person is not placed in the circle', ['personId']),
      );
    case 'life-event-recorded':
      return (
        within(course.timeline.events.length, limits.events, 'life events') ??
        (event.event.personId === undefined
          ? undefined
          : checkPersonKnown(course, event.event.personId, ['event', 'personId']))
      );
    case 'mood-recorded': {
      const { min, max } = course.timeline.moodScale;
      const full = within(course.timeline.moods.length, limits.moods, 'mood ratings');
      if (full !== undefined) return full;
      return need(event.rating.value >= min && event.rating.value <= max, () =>
        violation('mood-out-of-scale', `must be a whole number from ${min} to ${max}`, [
          'rating',
          'value',
        ]),
      );
    }
    case 'measure-recorded': {
      if (Object.hasOwn(course.measures, event.measureId)) {
        return violation('duplicate-id', 'a measure with this id is already recorded', [
          'measureId',
        ]);
      }
      const early = checkNotBeforeStart(course, event.date, ['date']);
      if (early !== undefined) return early;
      if (event.sessionId !== undefined && !Object.hasOwn(course.sessions, event.sessionId)) {
        return violation('session-not-found', 'no session with this id is recorded', ['sessionId']);
      }
      if (!options.verifyDerived) return undefined;
      return need(storedScoreMatches(event), () =>
        violation('score-mismatch', 'the stored score is not the score of the stored answers', [
          'score',
        ]),
      );
    }
    case 'focus-chosen':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        (event.focus.area === 'role-dispute'
          ? within(course.disputeStages.length, limits.disputeStages, 'dispute-stage assessments')
          : undefined) ??
        checkFocus(course, event.focus, event.rank)
      );
    case 'formulation-shared':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        need(course.phase === 'initial' || event.accepted, () =>
          violation(
            'formulation-required',
            'after the initial phase a formulation can only be re-shared once the client accepts it',
            ['accepted'],
          ),
        ) ??
        need(course.foci.primary !== null, () =>
          violation('focus-required', 'choose a primary focus before sharing the formulation', [
            'type',
          ]),
        )
      );
    case 'contract-agreed':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        need(course.contract.agreedOn === null, () =>
          violation('contract-already-agreed', 'the contract is agreed; renegotiate to change it', [
            'type',
          ]),
        ) ??
        need(course.foci.primary !== null, () =>
          violation('focus-required', 'the contract names the focus: choose it first', ['type']),
        )
      );
    case 'dispute-stage-assessed':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        within(course.disputeStages.length, limits.disputeStages, 'dispute-stage assessments') ??
        checkDisputeStage(course, event.personId)
      );
    case 'communication-analysis-recorded':
      return (
        need(!Object.hasOwn(course.communicationAnalyses, event.analysisId), () =>
          violation('duplicate-id', 'an analysis with this id is already recorded', ['analysisId']),
        ) ?? checkPersonKnown(course, event.analysis.personId, ['analysis', 'personId'])
      );
    case 'phase-advanced': {
      if (event.from !== course.phase) {
        return violation('event-mismatch', 'the phase it advances from is not the current phase', [
          'from',
        ]);
      }
      const since = course.phaseHistory[course.phaseHistory.length - 1]?.since ?? course.startDate;
      if (
        event.date < since ||
        (course.lastSessionDate !== null && event.date < course.lastSessionDate)
      ) {
        return violation(
          'date-out-of-order',
          'must not be earlier than the start of the current phase or the last session',
          ['date'],
        );
      }
      return checkPhaseAdvance(course, event.to);
    }
    case 'contract-renegotiated':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        within(course.contract.renegotiations.length, limits.renegotiations, 'renegotiations') ??
        checkRenegotiation(course, event.timeLimit)
      );
    case 'termination-raised':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        need(event.afterSession === course.sessionCount, () =>
          violation('event-mismatch', 'must equal the number of sessions recorded so far', [
            'afterSession',
          ]),
        ) ??
        checkRaiseTermination(course)
      );
    case 'risk-acknowledged': {
      const flag = Object.hasOwn(course.riskFlags, event.flagId)
        ? course.riskFlags[event.flagId]
        : undefined;
      if (flag === undefined)
        return violation('flag-not-found', 'no risk flag with this id', ['flagId']);
      return need(flag.acknowledged === null, () =>
        violation('flag-already-acknowledged', 'this risk flag has already been acknowledged', [
          'flagId',
        ]),
      );
    }
    case 'course-ended':
      return (
        checkNotBeforeStart(course, event.date, ['date']) ??
        need(course.lastSessionDate === null || event.date >= course.lastSessionDate, () =>
          violation('date-out-of-order', 'must not be earlier than the last session', ['date']),
        ) ??
        checkNoOpenRisk(course)
      );
  }
}

/**
 * Advisory findings about an admitted event: things worth a look that do not break a rule.
 * @internal
 */
export function adviseOn(
  course: ReadCourse | null,
  event: DeepReadonly<CourseEvent>,
): CourseWarning[] {
  if (course === null) return [];
  const warnings: CourseWarning[] = [];
  const initialMax = course.protocol.phases.find((plan) => plan.id === 'initial')?.maxSessions;
  if (event.type === 'session-recorded' && course.phase === 'initial' && initialMax !== undefined) {
    const initialSessions =
      Object.values(course.sessions).filter((session) => session.phase === 'initial').length + 1;
    if (initialSessions > initialMax) {
      warnings.push({
        code: 'initial-phase-long',
        message: `the initial phase has run ${initialSessions} sessions; this protocol expects at most ${initialMax}`,
        reference: '11.3 [MARK06]',
      });
    }
  }
  if (
    event.type === 'phase-advanced' &&
    event.to === 'middle' &&
    course.contract.agreedOn === null
  ) {
    warnings.push({
      code: 'contract-not-agreed',
      message: 'the treatment contract (focus, goals, sessions) has not been agreed',
      reference: '1.2 [CG7] [ISIPT]',
    });
  }
  if (
    event.type === 'phase-advanced' &&
    event.to === 'termination' &&
    course.terminationRaised === null
  ) {
    warnings.push({
      code: 'ending-not-raised',
      message: 'the termination phase starts before the ending was raised with the client',
      reference: '11.7 [CG7]',
    });
  }
  if (event.type === 'measure-recorded') {
    for (const [flag, raised] of Object.entries(event.score.flags)) {
      if (raised) {
        warnings.push({
          code: 'risk-flag-opened',
          message: `risk flag ${flag} opened: it needs follow-up and stays open until acknowledged`,
          reference: '7.1 [CALC]',
        });
      }
    }
  }
  if (event.type === 'course-ended') {
    if (event.outcome === 'completed' && course.phase !== 'termination') {
      warnings.push({
        code: 'ended-outside-termination',
        message: 'the course is marked completed without reaching the termination phase',
        reference: '1.4 [CG7]',
      });
    }
    const followOn =
      event.outcome === 'continuation-agreed'
        ? 'continuation'
        : event.outcome === 'maintenance-agreed'
          ? 'maintenance'
          : undefined;
    if (followOn !== undefined && !(course.protocol.followOn?.kinds ?? []).includes(followOn)) {
      warnings.push({
        code: 'follow-on-not-in-protocol',
        message: `this protocol does not name ${followOn} as a follow-on`,
        reference: '1.4 [OUP-TERM] [CG7]',
      });
    }
  }
  return warnings;
}
