import { acceptorOf } from '../internal/acceptor.js';
import { deepFreeze, freezeTree } from '../internal/deep-freeze.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { checkLimits, resolveLimits, type InputLimits } from '../internal/limits.js';
import { plainCopy, plainCopyLimits, prototypeIsStandard } from '../internal/plain-copy.js';
import { err, ok, type Result } from '../internal/result.js';
import * as z from 'zod';
import { CourseEvent, CourseStarted } from './events.js';
import { applyEvent, startedState } from './evolve.js';
import { rememberedProtocol } from './protocol-memo.js';
import type { RuleViolation } from './rule-violation.js';
import { admitEvent } from './rules.js';
import type { Course, CourseState } from './state.js';
import { vouchForCourse } from './vouched.js';

/**
 * Why a stored event stream could not be replayed: which event (its index; `null` when the stream
 * itself is not a list), its type when known, and the cause: schema issues or the rule it breaks.
 * @category Course
 */
export interface ReplayError {
  readonly kind: 'replay';
  readonly index: number | null;
  readonly eventType?: string;
  readonly cause: ValidationError | RuleViolation;
}

/**
 * Options of {@link replay}.
 * @category Course
 */
export interface ReplayOptions {
  /**
   * The longest stream accepted (default 1,000,000 events); a longer one fails with `too-big`.
   * When given, it also replaces `limits.maxEvents`.
   */
  readonly maxEvents?: number;
  /**
   * Size limits checked before any event is validated (see `checkLimits`); the defaults
   * (`defaultLimits`) apply to any limit not given. A stream over them fails with `limit-*`
   * issues: at `index` null for the stream as a whole (`limit-events`, `limit-total-nodes`), else
   * at the first event that breaks one, with paths inside that event.
   */
  readonly limits?: Partial<InputLimits>;
}

/** The caller's `maxEvents` when it is a whole positive number (options may be anything). */
function givenMaxEvents(options: unknown): number | undefined {
  let limit: unknown;
  try {
    limit = (options as ReplayOptions | null | undefined)?.maxEvents;
  } catch {
    limit = undefined;
  }
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : undefined;
}

/** The limits of a replay: the caller's, with the legacy `maxEvents` option put in. */
function replayLimits(options: unknown, maxEvents: number | undefined): InputLimits {
  let given: unknown;
  try {
    given = (options as ReplayOptions | null | undefined)?.limits;
  } catch {
    given = undefined;
  }
  const resolved = resolveLimits(given as Partial<InputLimits> | undefined);
  return maxEvents === undefined ? resolved : { ...resolved, maxEvents };
}

/**
 * A replay failure from size-limit issues: at the event the first issue is in (paths made
 * relative to it, as schema issues are), or at `null` for the stream as a whole.
 */
function limitFailure(found: readonly Issue[]): Result<never, ReplayError> {
  const first = found[0]?.path[0];
  if (typeof first !== 'number') return failure(null, validationError(found));
  const inEvent = found
    .filter((one) => one.path[0] === first)
    .map((one) => issue(one.code, one.path.slice(1), one.message));
  return failure(first, validationError(inEvent));
}

function failure(
  index: number | null,
  cause: ValidationError | RuleViolation,
  eventType?: string,
): Result<never, ReplayError> {
  return err(
    deepFreeze({
      kind: 'replay' as const,
      index,
      ...(eventType === undefined ? {} : { eventType }),
      cause,
    }),
  );
}

/** `course-started` with its protocol left to {@link rememberedProtocol}; every other key as is. */
const CourseStartedWithoutProtocol = CourseStarted.extend({ protocol: z.unknown() });
// Only for events the caller parsed itself with JSON.parse (see ReplayShortcuts.owned).
const acceptStartedWithoutProtocol = acceptorOf(CourseStartedWithoutProtocol, { json: true });
const acceptEvent = acceptorOf(CourseEvent, { json: true });

/** Replay recomputes what events store (scores) and refuses a stored value that disagrees. */
const VERIFY_DERIVED = Object.freeze({ verifyDerived: true });

type ParsedEvent = { success: true; data: CourseEvent } | { success: false; error: z.ZodError };

/**
 * A stored event the caller owns (parsed with `JSON.parse`), used as it is when the schema would give it back unchanged (see
 * internal/acceptor.ts); a `course-started` event whose protocol equals one validated before (see
 * protocol-memo.ts) has its other keys checked that way and gets the remembered protocol.
 * `undefined` when the acceptor cannot vouch for the event (it may still be valid).
 */
function acceptedEvent(raw: unknown, prototypeChecked: boolean): CourseEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const candidate = raw as { type?: unknown; protocol?: unknown };
  if (candidate.type === 'course-started') {
    const protocol = rememberedProtocol(candidate.protocol, true, prototypeChecked);
    if (protocol !== undefined && acceptStartedWithoutProtocol(raw)) {
      return { ...raw, protocol } as CourseEvent;
    }
    return undefined;
  }
  return acceptEvent(raw) ? (raw as CourseEvent) : undefined;
}

/**
 * Validates one stored event: `CourseEvent.safeParse`, except that a `course-started` event whose
 * protocol equals one validated before skips validating the protocol again (see
 * protocol-memo.ts). Its other keys still go through the event's own schema, and any failure is
 * reported by the full schema, so the verdict and the issues are those of `CourseEvent`.
 */
function parseEvent(raw: unknown): ParsedEvent {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const candidate = raw as { type?: unknown; protocol?: unknown };
    if (candidate.type === 'course-started') {
      const protocol = rememberedProtocol(candidate.protocol);
      if (protocol !== undefined) {
        const rest = CourseStartedWithoutProtocol.safeParse(raw);
        if (rest.success) {
          return { success: true, data: { ...rest.data, protocol } as CourseEvent };
        }
      }
    }
  }
  return CourseEvent.safeParse(raw);
}

/**
 * Ways a caller inside iptkit may spare {@link replay} work it has already done or does not need.
 * @internal
 */
export interface ReplayShortcuts {
  /**
   * The caller has checked the size limits on the stream already (as part of a larger input), so
   * the walk is not repeated.
   */
  readonly limitsChecked?: boolean;
  /**
   * The caller owns the events: it parsed them itself with `JSON.parse` and drops them
   * afterwards. Events the schema would return unchanged are then used without a copy (see
   * internal/acceptor.ts), and the course may share objects with them.
   */
  readonly owned?: boolean;
  /**
   * Only the fast path: every event must be vouched for by the acceptor (a `course-started` event
   * with its protocol from the memo of protocols). The first event that is not, and any failure
   * at all, gives `undefined`, leaving the caller to replay the stream the ordinary way (which then
   * finds the verdict and the issues). Implies `owned`.
   */
  readonly acceptedOnly?: boolean;
  /**
   * The caller has just found `Object.prototype` standard (`prototypeIsStandard`), and only
   * iptkit's code runs until the replay ends: the memo of protocols does not check it again.
   */
  readonly prototypeChecked?: boolean;
}

/**
 * {@link replay} without the final freeze, for callers inside iptkit that only read the course
 * and then drop it (the NDJSON summary): freezing is a walk over the whole state that such a
 * caller does not need. Same validation, same rules, same errors, with the {@link ReplayShortcuts}
 * the caller asks for.
 * @internal
 */
export function replayUnfrozen(
  events: unknown,
  options?: ReplayOptions,
  shortcuts?: ReplayShortcuts & { readonly acceptedOnly?: false },
): Result<Course | null, ReplayError>;
export function replayUnfrozen(
  events: unknown,
  options: ReplayOptions | undefined,
  shortcuts: ReplayShortcuts,
): Result<Course | null, ReplayError> | undefined;
export function replayUnfrozen(
  events: unknown,
  options: ReplayOptions = {},
  shortcuts: ReplayShortcuts = {},
): Result<Course | null, ReplayError> | undefined {
  const acceptedOnly = shortcuts.acceptedOnly === true;
  const prototypeChecked = shortcuts.prototypeChecked === true;
  const owned = acceptedOnly || shortcuts.owned === true;
  let list: readonly unknown[];
  try {
    if (!Array.isArray(events)) {
      return failure(
        null,
        validationError([issue('invalid-type', [], 'expected a list of events')]),
      );
    }
    list = events;
  } catch {
    // A revoked proxy: even asking whether it is a list throws.
    return failure(
      null,
      validationError([issue('unreadable-input', [], 'the input could not be read')]),
    );
  }
  const given = givenMaxEvents(options);
  const maxEvents = given ?? 1_000_000;
  let length: number;
  try {
    length = list.length;
  } catch {
    return failure(
      null,
      validationError([issue('unreadable-input', [], 'the input could not be read')]),
    );
  }
  if (length > maxEvents) {
    return failure(
      null,
      validationError([issue('too-big', [], `must have at most ${maxEvents} events`)]),
    );
  }
  if (shortcuts.limitsChecked !== true) {
    const tooBig = checkLimits(list, replayLimits(options, given), { eventStreamAt: [] });
    if (tooBig.length > 0) return limitFailure(tooBig);
  }
  let course: Course | null = null;
  for (let index = 0; index < length; index += 1) {
    // Everything read from the event (its fields, zod's lazily built error) may throw on hostile
    // input such as a revoked proxy: it all happens inside the try.
    try {
      const raw: unknown = list[index];
      const vouched = owned ? acceptedEvent(raw, prototypeChecked) : undefined;
      let event: CourseEvent;
      if (vouched !== undefined) event = vouched;
      else if (acceptedOnly) return undefined;
      else {
        const parsed = parseEvent(raw);
        if (!parsed.success) {
          const rawType =
            typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
          const known = CourseEvent.options.some((option) => option.shape.type.value === rawType);
          return failure(
            index,
            validationError(issuesFromZod(parsed.error)),
            known ? (rawType as string) : undefined,
          );
        }
        event = parsed.data;
      }
      const verdict = admitEvent(course, event, VERIFY_DERIVED);
      if (verdict !== undefined)
        return acceptedOnly ? undefined : failure(index, verdict, event.type);
      if (course === null) {
        if (event.type === 'course-started') course = startedState(event);
      } else {
        applyEvent(course, event);
      }
    } catch {
      if (acceptedOnly) return undefined;
      return failure(
        index,
        validationError([issue('unreadable-input', [], 'the event could not be read')]),
      );
    }
  }
  return ok(course);
}

/**
 * Rebuilds a course from its stored events: validates each event against its schema, checks it
 * against the rules given the state so far (recomputing stored scores), and folds it in. Stops at
 * the first bad event and says which one and why. The state is built privately and frozen once at
 * the end, so replay is linear in the number of events. Before any of that, the stream is checked
 * against size limits, so a pathological one fails at once. A stream of plain data (as read from
 * JSON) is copied first, each value read once through its own enumerable keys, and its events are
 * checked by a fast test derived from the schemas, with the same verdict; objects the course takes
 * from such a stream keep the key order they were stored in (the schema's order otherwise; key
 * order is not data). The course never shares objects with the stream, which is left unchanged
 * and unfrozen. Never throws.
 * @param events - The stored stream (untrusted), oldest first.
 * @param options - Limits.
 * @returns The state (`null` for an empty stream), or a {@link ReplayError}.
 * @category Course
 */
export function replay(
  events: unknown,
  options: ReplayOptions = {},
): Result<CourseState, ReplayError> {
  // The options are read once, so that both ways below see the same ones.
  const settled = settledOptions(options);
  const result = acceptedReplay(events, settled) ?? replayUnfrozen(events, settled);
  if (!result.ok) return result;
  return ok(result.value === null ? null : vouchForCourse(freezeTree(result.value)));
}

/** The options of a JavaScript caller, read once: a whole positive `maxEvents`, every limit. */
interface SettledOptions {
  readonly maxEvents?: number;
  readonly limits: InputLimits;
}

function settledOptions(options: unknown): SettledOptions {
  const maxEvents = givenMaxEvents(options);
  const limits = replayLimits(options, undefined);
  return maxEvents === undefined ? { limits } : { maxEvents, limits };
}

/**
 * The fast way through {@link replay}: a plain copy of the stream (each value read once; none for
 * a stream that is not plain data), the size limits checked on that copy, and every event of the
 * copy vouched for by the acceptor instead of zod (see internal/acceptor.ts), the rules applied as
 * always. The course is built from the copy, so it shares nothing with the caller's objects.
 * `undefined` whenever that does not give a course, leaving the verdict and the issues to the
 * ordinary way, which reads the stream again from the start.
 */
function acceptedReplay(
  events: unknown,
  options: SettledOptions,
): Result<Course | null, ReplayError> | undefined {
  try {
    if (!Array.isArray(events)) return undefined;
    const { maxEvents } = options;
    const limits = replayLimits(options, maxEvents);
    // A stream over the event limits is refused by the ordinary way before any event is read.
    const length = events.length;
    if (length > limits.maxEvents || length > (maxEvents ?? 1_000_000)) return undefined;
    // The stream itself is bounded by the event limits above; any other list is checked below.
    const copy = plainCopy(
      events,
      plainCopyLimits(limits, Math.max(limits.maxArrayLength, length)),
    );
    // A stream whose length changed while it was read (a Proxy) is left to the ordinary way.
    if (!Array.isArray(copy) || copy.length !== length) return undefined;
    if (checkLimits(copy, limits, { eventStreamAt: [] }).length > 0) return undefined;
    // Checked after the copy (reading the caller's values may run the caller's getters): only
    // iptkit's code runs from here to the end of this replay.
    if (!prototypeIsStandard()) return undefined;
    const result = replayUnfrozen(
      copy,
      {},
      { limitsChecked: true, acceptedOnly: true, prototypeChecked: true },
    );
    return result?.ok === true ? result : undefined;
  } catch {
    return undefined;
  }
}
