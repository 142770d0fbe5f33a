import { clonePlain } from '../internal/clone.js';
import { match } from 'ts-pattern';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { safeParseWith } from '../internal/parse.js';
import type { Issue } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { updatePerson } from '../inventory/inventory.js';
import { protocols } from '../protocol/protocols.js';
import type { CourseCommand, CourseInstrumentId } from './commands.js';
import { CourseCommand as CourseCommandSchema } from './commands.js';
import type { CourseEvent } from './events.js';
import { evolve } from './evolve.js';
import { violation, type CourseWarning, type RuleViolation } from './rule-violation.js';
import { admitEvent, adviseOn } from './rules.js';
import { courseInstruments, scoreStored } from './scoring.js';
import { isVouchedCourse, vouchForCourse } from './vouched.js';
import type { Course, CourseState } from './state.js';

/**
 * What {@link decideWithWarnings} returns: the events and any advisory findings.
 * @category Course
 */
export interface Decision {
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly warnings: readonly CourseWarning[];
}

/**
 * What {@link execute} returns: the new state, the events that made it, and advisory findings.
 * @category Course
 */
export interface Execution extends Decision {
  readonly state: CourseState;
}

const defaultMoodScale = { min: 0, max: 10, higherIsBetter: true, label: '0-10' };

function looksLikeState(state: unknown): state is CourseState {
  if (state === null) return true;
  if (typeof state !== 'object') return false;
  const candidate = state as Partial<Record<keyof Course, unknown>>;
  return (
    typeof candidate.courseId === 'string' &&
    // The two fields an event copies from the state (phase-advanced's `from`, termination-raised's
    // `afterSession`) must be plain values: an object there would be shared with, and frozen in,
    // the events returned.
    typeof candidate.phase === 'string' &&
    typeof candidate.sessionCount === 'number' &&
    typeof candidate.protocol === 'object' &&
    typeof candidate.contract === 'object' &&
    typeof candidate.sessions === 'object' &&
    typeof candidate.inventory === 'object'
  );
}

type Translation = Result<CourseEvent[], RuleViolation>;
type EventOf<TType extends CourseEvent['type']> = Extract<CourseEvent, { type: TType }>;

/** One event as a translation. */
function one(event: CourseEvent): Translation {
  return ok([event]);
}

/** Turns a valid command into the events it would record (before the rules look at them). */
function translate(state: DeepReadonly<Course> | null, command: CourseCommand): Translation {
  const { recordedAt } = command;
  const stamp = recordedAt === undefined ? {} : { recordedAt };
  return match(command)
    .with({ type: 'start-course' }, (start): Translation => {
      const protocol =
        typeof start.protocol === 'string'
          ? (clonePlain(protocols[start.protocol]) as EventOf<'course-started'>['protocol'])
          : start.protocol;
      return one({
        type: 'course-started',
        courseId: start.courseId,
        protocol,
        startDate: start.startDate,
        timeLimit: start.timeLimit,
        moodScale: start.moodScale ?? defaultMoodScale,
        ringCount: start.ringCount ?? 3,
        ...stamp,
      });
    })
    .with({ type: 'record-session' }, ({ type, ...rest }) =>
      one({ type: 'session-recorded', ...rest }),
    )
    .with({ type: 'add-person' }, ({ type, ...rest }) => one({ type: 'person-added', ...rest }))
    .with({ type: 'update-person' }, ({ personId, changes }): Translation => {
      if (state === null) return ok([]);
      const updated = updatePerson(state.inventory, personId, changes);
      if (!updated.ok) {
        const notFound = updated.error.issues.some((found) => found.code === 'person-not-found');
        return err(
          notFound
            ? violation('person-not-found', 'no person with this id is in the inventory', [
                'personId',
              ])
            : violation(
                'invalid-command',
                'the changes do not make a valid entry',
                ['changes'],
                // updatePerson reports against its `patch` argument; the command calls it `changes`.
                updated.error.issues.map((found) => ({
                  ...found,
                  path:
                    found.path[0] === 'patch' ? ['changes', ...found.path.slice(1)] : found.path,
                })),
              ),
        );
      }
      const person = updated.value.people[personId];
      if (person === undefined)
        return err(
          violation('person-not-found', 'no person with this id is in the inventory', ['personId']),
        );
      return one({
        type: 'person-updated',
        person: clonePlain(person) as EventOf<'person-updated'>['person'],
        ...stamp,
      });
    })
    .with({ type: 'remove-person' }, ({ type, ...rest }) =>
      one({ type: 'person-removed', ...rest }),
    )
    .with({ type: 'place-in-circle' }, ({ type, ...rest }) =>
      one({ type: 'person-placed', ...rest }),
    )
    .with({ type: 'remove-from-circle' }, ({ type, ...rest }) =>
      one({ type: 'person-unplaced', ...rest }),
    )
    .with({ type: 'record-life-event' }, ({ type, ...rest }) =>
      one({ type: 'life-event-recorded', ...rest }),
    )
    .with({ type: 'record-mood' }, ({ type, ...rest }) => one({ type: 'mood-recorded', ...rest }))
    .with({ type: 'record-measure' }, (measure): Translation => {
      const scored = scoreStored(
        measure.instrument,
        measure.responses,
        measure.missing,
        measure.bandSet,
      );
      if (!scored.ok) {
        return err(
          violation(
            'invalid-responses',
            'the answers cannot be scored',
            ['responses'],
            scored.error.issues.map((found) => ({ ...found, path: ['responses', ...found.path] })),
          ),
        );
      }
      return one({
        type: 'measure-recorded',
        measureId: measure.measureId,
        date: measure.date,
        instrument: measure.instrument,
        instrumentVersion: scored.value.instrumentVersion,
        responses: { ...scored.value.responses },
        ...(measure.missing === undefined ? {} : { missing: measure.missing }),
        ...(measure.bandSet === undefined ? {} : { bandSet: measure.bandSet }),
        score: scored.value.score,
        ...(measure.sessionId === undefined ? {} : { sessionId: measure.sessionId }),
        ...stamp,
      });
    })
    .with({ type: 'choose-focus' }, ({ type, ...rest }) => one({ type: 'focus-chosen', ...rest }))
    .with({ type: 'share-formulation' }, ({ type, ...rest }) =>
      one({ type: 'formulation-shared', ...rest }),
    )
    .with({ type: 'agree-contract' }, ({ type, ...rest }) =>
      one({ type: 'contract-agreed', ...rest }),
    )
    .with({ type: 'assess-dispute-stage' }, ({ type, ...rest }) =>
      one({ type: 'dispute-stage-assessed', ...rest }),
    )
    .with({ type: 'record-communication-analysis' }, ({ type, ...rest }) =>
      one({ type: 'communication-analysis-recorded', ...rest }),
    )
    .with({ type: 'advance-phase' }, ({ to, date }) =>
      one({ type: 'phase-advanced', from: state?.phase ?? 'initial', to, date, ...stamp }),
    )
    .with({ type: 'renegotiate-contract' }, ({ type, ...rest }) =>
      one({ type: 'contract-renegotiated', ...rest }),
    )
    .with({ type: 'raise-termination' }, ({ date }) =>
      one({ type: 'termination-raised', date, afterSession: state?.sessionCount ?? 0, ...stamp }),
    )
    .with({ type: 'acknowledge-risk' }, ({ type, ...rest }) =>
      one({ type: 'risk-acknowledged', ...rest }),
    )
    .with({ type: 'end-course' }, ({ type, ...rest }) => one({ type: 'course-ended', ...rest }))
    .exhaustive();
}

/**
 * The answers of `record-measure` are keyed by the caller; a key that is not an item of the
 * instrument named (or of any built-in one, when no valid instrument is named) is the caller's
 * text, which may be a name: an issue path shows it as `[key]`, like any key the schema does not
 * know (the issue itself still says what is wrong).
 */
function maskUnknownAnswerKeys(command: unknown, issues: readonly Issue[]): readonly Issue[] {
  let instrument: unknown;
  try {
    if ((command as { type?: unknown } | null)?.type !== 'record-measure') return issues;
    instrument = (command as { instrument?: unknown }).instrument;
  } catch {
    return issues;
  }
  const known =
    typeof instrument === 'string' && Object.hasOwn(courseInstruments, instrument)
      ? [courseInstruments[instrument as CourseInstrumentId]]
      : Object.values(courseInstruments);
  const isItem = (key: string | number) =>
    known.some((definition) => definition.items.some((item) => item.id === key));
  return issues.map((found) => {
    const [first, key, ...rest] = found.path;
    if (first !== 'responses' || key === undefined || typeof key === 'number' || isItem(key)) {
      return found;
    }
    return { ...found, path: [first, '[key]', ...rest] };
  });
}

/**
 * Decides a command and also returns the advisory findings (warnings) about it.
 * @param state - The current state (`null` before the course starts).
 * @param command - Untrusted command data.
 * @returns The events and warnings, or the {@link RuleViolation} that refuses the command.
 * @category Course
 */
export function decideWithWarnings(
  state: CourseState,
  command: unknown,
): Result<Decision, RuleViolation> {
  try {
    if (!looksLikeState(state)) {
      return err(violation('invalid-state', 'the state is not a course state built by iptkit'));
    }
    const parsed = safeParseWith(CourseCommandSchema, command);
    if (!parsed.ok) {
      return err(
        violation(
          'invalid-command',
          'the command is not valid',
          [],
          maskUnknownAnswerKeys(command, parsed.error.issues),
        ),
      );
    }
    if (state === null && parsed.value.type !== 'start-course') {
      return err(violation('course-not-started', 'start the course first', ['type']));
    }
    if (state !== null && state.outcome !== null) {
      return err(violation('course-ended', 'the course has ended', ['type']));
    }
    const translated = translate(state, parsed.value as CourseCommand);
    if (!translated.ok) return translated;
    const events = deepFreeze(translated.value);
    const warnings: CourseWarning[] = [];
    for (const event of events) {
      const verdict = admitEvent(state, event, { verifyDerived: false });
      if (verdict !== undefined) return err(verdict);
      warnings.push(...adviseOn(state, event));
    }
    return ok(Object.freeze({ events, warnings: deepFreeze(warnings) }));
  } catch {
    return err(violation('invalid-state', 'the state or command could not be read'));
  }
}

/**
 * Decides what a command means for a course: the events to record, or the rule that refuses it.
 * Pure: the state and command are not changed, and nothing is recorded until the caller stores
 * the events (and applies them with {@link evolve}). Never throws.
 * @param state - The current state (`null` before the course starts).
 * @param command - Untrusted command data (validated here).
 * @returns The events, or a {@link RuleViolation} with a stable code and the rule's reference.
 * @example
 * ```ts
 * const decided = decide(null, { type: 'start-course', courseId: 'c-1', protocol: 'ipt', startDate: '2026-03-02', timeLimit: { sessions: 12, cadence: 'weekly' } });
 * ```
 * @category Course
 */
export function decide(
  state: CourseState,
  command: unknown,
): Result<readonly DeepReadonly<CourseEvent>[], RuleViolation> {
  const decision = decideWithWarnings(state, command);
  return decision.ok ? ok(decision.value.events) : decision;
}

/**
 * Decides a command and applies its events: the usual way an app moves a course forward.
 * A refused command leaves nothing changed (the caller keeps the same state object).
 * @param state - The current state (`null` before the course starts).
 * @param command - Untrusted command data.
 * @returns The new state, the events to store, and warnings; or the {@link RuleViolation}.
 * @category Course
 */
export function execute(state: CourseState, command: unknown): Result<Execution, RuleViolation> {
  const decision = decideWithWarnings(state, command);
  if (!decision.ok) return decision;
  let next = state;
  try {
    for (const event of decision.value.events) next = evolve(next, event as CourseEvent);
  } catch {
    return err(violation('invalid-state', 'the state is not a course state built by iptkit'));
  }
  // A course built by the rules from a course iptkit checked is as valid as that one was.
  if (next !== null && next !== state && (state === null || isVouchedCourse(state))) {
    vouchForCourse(next);
  }
  return ok(Object.freeze({ ...decision.value, state: next }));
}
