import { deepFreeze, freezeTree } from '../internal/deep-freeze.js';
import { issue, issuesFromZod, validationError, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import * as z from 'zod';
import { CourseEvent, CourseStarted } from './events.js';
import { applyEvent, startedState } from './evolve.js';
import { rememberedProtocol } from './protocol-memo.js';
import type { RuleViolation } from './rule-violation.js';
import { admitEvent } from './rules.js';
import type { Course, CourseState } from './state.js';

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
  /** The longest stream accepted (default 1,000,000 events). */
  readonly maxEvents?: number;
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

type ParsedEvent = { success: true; data: CourseEvent } | { success: false; error: z.ZodError };

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
 * {@link replay} without the final freeze, for callers inside iptkit that only read the course
 * and then drop it (the NDJSON summary): freezing is a walk over the whole state that such a
 * caller does not need. Same validation, same rules, same errors.
 * @internal
 */
export function replayUnfrozen(
  events: unknown,
  options: ReplayOptions = {},
): Result<Course | null, ReplayError> {
  if (!Array.isArray(events)) {
    return failure(null, validationError([issue('invalid-type', [], 'expected a list of events')]));
  }
  // Options may come from JavaScript callers as anything; only a whole positive limit is used.
  const limit: unknown = (options as ReplayOptions | null | undefined)?.maxEvents;
  const maxEvents =
    typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : 1_000_000;
  let length: number;
  try {
    length = events.length;
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
  let course: Course | null = null;
  for (let index = 0; index < length; index += 1) {
    // Everything read from the event (its fields, zod's lazily built error) may throw on hostile
    // input such as a revoked proxy: it all happens inside the try.
    try {
      const raw: unknown = events[index];
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
      const event = parsed.data;
      const verdict = admitEvent(course, event, { verifyDerived: true });
      if (verdict !== undefined) return failure(index, verdict, event.type);
      if (course === null) {
        if (event.type === 'course-started') course = startedState(event);
      } else {
        applyEvent(course, event);
      }
    } catch {
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
 * the end, so replay is linear in the number of events. Never throws.
 * @param events - The stored stream (untrusted), oldest first.
 * @param options - Limits.
 * @returns The state (`null` for an empty stream), or a {@link ReplayError}.
 * @category Course
 */
export function replay(
  events: unknown,
  options: ReplayOptions = {},
): Result<CourseState, ReplayError> {
  const result = replayUnfrozen(events, options);
  if (!result.ok) return result;
  return ok(result.value === null ? null : freezeTree(result.value));
}
