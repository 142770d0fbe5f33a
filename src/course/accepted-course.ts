import * as z from 'zod';
import { acceptorOf } from '../internal/acceptor.js';
import { rememberedProtocol } from './protocol-memo.js';
import { Course } from './state.js';

/**
 * A course with its protocol left to the memo of validated protocols (see protocol-memo.ts);
 * every other key as the `Course` schema has it.
 * @internal
 */
export const CourseWithoutProtocol = Course.extend({ protocol: z.unknown() });

// Only for values straight from JSON.parse or plain copies of that kind (see acceptedCourse).
const acceptCourseWithoutProtocol = acceptorOf(CourseWithoutProtocol, { json: true });

/**
 * A course that parsed JSON (or a plain copy of the same kind) holds, vouched for without zod:
 * its protocol equals one validated before, and the acceptor says the `Course` schema would give
 * back every other key as it is. The course returned is the value itself with the remembered
 * protocol put in. `undefined` whenever that cannot be vouched for (the value may still be
 * valid: the schema then decides). The course's invariants are not checked here.
 * @param value - A value from the caller's own `JSON.parse`, or a plain copy.
 * @param prototypeChecked - As for {@link rememberedProtocol}.
 * @returns The course, or `undefined`.
 * @internal
 */
export function acceptedCourse(value: unknown, prototypeChecked = false): Course | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const protocol = rememberedProtocol(
    (value as { protocol?: unknown }).protocol,
    true,
    prototypeChecked,
  );
  if (protocol === undefined || !acceptCourseWithoutProtocol(value)) return undefined;
  return { ...(value as Omit<Course, 'protocol'>), protocol } as Course;
}
