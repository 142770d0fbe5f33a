/*
 * The one gate through which the analysis functions let a course in from outside: every course a
 * caller hands to `summarizeCohort`, a cohort accumulator, `toLongFormat`, `toLongRows` or
 * `toWideFormat` is checked here first, and every list of courses is read through
 * `forEachCourseInput`, which turns a value that is not a list, or a list that fails while it is
 * read, into issues instead of an exception.
 */
import { courseInvariantIssues } from '../course/invariants.js';
import { acceptedCourse } from '../course/accepted-course.js';
import { Course } from '../course/state.js';
import { isVouchedCourse, vouchForCourse } from '../course/vouched.js';
import { freezeTree, type DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  validationError,
  type Issue,
  type IssuePath,
  type ValidationError,
} from '../internal/issues.js';
import { defaultLimits } from '../internal/limits.js';
import { safeParseWith } from '../internal/parse.js';
import {
  plainCopy,
  plainCopyLimits,
  prototypeIsStandard,
  type PlainCopyLimits,
} from '../internal/plain-copy.js';
import { err, ok, type Result } from '../internal/result.js';

/**
 * Checks that a value from outside is a started course, as the `Course` schema describes it
 * (with the default size limits), and returns a deeply frozen copy of it, or every problem found
 * with its path inside the course (messages and paths never quote the value's text). Never throws.
 * Every analysis entry that takes courses calls it, so it is the one place to make the check
 * faster or stricter.
 * @param value - Anything.
 * @returns The course, frozen, or the problems found.
 * @internal
 */
export function checkCourseInput(value: unknown): Result<DeepReadonly<Course>, ValidationError> {
  // A course iptkit checked and froze itself (replay, execute, an earlier check) is taken as it is.
  if (isVouchedCourse(value)) return ok(value);
  let accepted: Course | undefined;
  try {
    accepted = acceptedCopy(value);
  } catch {
    accepted = undefined;
  }
  if (accepted !== undefined) return withInvariants(accepted);
  const parsed = safeParseWith(Course, value);
  return parsed.ok ? withInvariants(parsed.value) : parsed;
}

/**
 * The fast way through {@link checkCourseInput}: a plain copy of the value (each part read once;
 * none for a value that is not plain data or is over the default size limits, which
 * `safeParseWith` would refuse), its protocol through the memo of validated protocols, and the
 * rest through the acceptor, which says yes only when the `Course` schema would give back the
 * copy as it is. `undefined` whenever it cannot vouch for the course: the schema then decides.
 */
function acceptedCopy(value: unknown): Course | undefined {
  const copy = plainCopy(value, COPY_LIMITS);
  // Checked after the copy, since reading the caller's values may run the caller's getters; from
  // here on only iptkit's code runs, so the memo of protocols need not check it again.
  if (copy === undefined || !prototypeIsStandard()) return undefined;
  return acceptedCourse(copy, true);
}

const COPY_LIMITS: PlainCopyLimits = plainCopyLimits(defaultLimits);

/**
 * A course that passed the schema, checked against the invariants that the rules keep (see
 * course/invariants.ts), frozen and remembered as checked; or the broken invariants.
 */
function withInvariants(
  course: Course | DeepReadonly<Course>,
): Result<DeepReadonly<Course>, ValidationError> {
  const broken = courseInvariantIssues(course);
  if (broken.length > 0) return err(validationError(broken));
  return ok(vouchForCourse(freezeTree(course as Course)));
}

/** Issues rooted under a path (such as `['options', 'outcome']`). @internal */
export function reRooted(prefix: IssuePath, found: readonly Issue[]): ValidationError {
  return validationError(
    found.map((one) => issue(one.code, [...prefix, ...one.path], one.message)),
  );
}

/**
 * Reads a list of courses from outside one entry at a time, never throwing on the list itself:
 * each entry goes to `visit` with its position (from 0); a value that is not an iterable object
 * (a string included: it is not a list of courses) gives a `not-iterable` issue at `[name]`, and
 * an iterable that throws, or breaks the iterator protocol, while it is read gives an
 * `unreadable-input` issue at `[name]` (before the first entry) or `[name, position]` (the entry
 * that could not be read), and reading stops there. Either goes to `unreadable`, once at most.
 * Whatever `visit` or `unreadable` throw (a caller's callback) is passed on, after the iterator
 * is closed as a `for...of` loop would close it.
 * @param courses - The value given as the list.
 * @param name - The name of the argument, the first key of every path reported.
 * @param visit - Called with each entry and its position.
 * @param unreadable - Called when the list cannot be read (to its end).
 * @internal
 */
export function forEachCourseInput(
  courses: unknown,
  name: string,
  visit: (value: unknown, index: number) => void,
  unreadable: (error: ValidationError) => void,
): void {
  const fail = (code: string, path: IssuePath, message: string) => {
    unreadable(validationError([issue(code, path, message)]));
  };
  let iterator: Iterator<unknown> | undefined;
  let problem: 'not-iterable' | 'unreadable' | undefined;
  try {
    if ((typeof courses === 'object' && courses !== null) || typeof courses === 'function') {
      const method = (courses as Partial<Iterable<unknown>>)[Symbol.iterator];
      if (typeof method === 'function') {
        const made: unknown = method.call(courses);
        if (typeof made === 'object' && made !== null) iterator = made as Iterator<unknown>;
        else problem = 'unreadable';
      } else {
        problem = 'not-iterable';
      }
    } else {
      problem = 'not-iterable';
    }
  } catch {
    problem = 'unreadable';
  }
  if (problem === 'not-iterable' || iterator === undefined) {
    if (problem === 'not-iterable') {
      fail('not-iterable', [name], 'expected a list (an iterable) of courses');
    } else {
      fail('unreadable-input', [name], 'the list of courses could not be read');
    }
    return;
  }
  for (let index = 0; ; index += 1) {
    let value: unknown;
    let broken = false;
    try {
      const step: unknown = iterator.next();
      if (typeof step !== 'object' || step === null) broken = true;
      else {
        // Read as `for...of` reads them: `done` by truthiness, then `value`.
        const result = step as { done?: unknown; value?: unknown };
        if (result.done) return;
        value = result.value;
      }
    } catch {
      broken = true;
    }
    if (broken) {
      fail('unreadable-input', [name, index], 'the list of courses could not be read past here');
      return;
    }
    try {
      visit(value, index);
    } catch (error) {
      close(iterator);
      throw error;
    }
  }
}

/** Closes an iterator left early (`return`), ignoring whatever that does wrong. */
function close(iterator: Iterator<unknown>): void {
  try {
    iterator.return?.();
  } catch {
    // The caller's exception is the one that matters; a failing `return` adds nothing to it.
  }
}
