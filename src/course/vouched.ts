import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Course } from './state.js';

/*
 * Courses iptkit has checked itself: the deeply frozen states that `replay`, `execute` (from a
 * state it had checked) and the course checks of `parseDocument` and the analysis functions hand
 * out. A course is frozen all the way down before it is put here, so it can never change and stays
 * as valid as it was; the analysis functions then take it without checking it again (a cohort of
 * replayed courses is not validated twice). Held weakly: nothing here keeps a course alive.
 *
 * A copy is not the same object and is checked in full. So is a course from another copy of
 * iptkit loaded side by side (the ESM and CommonJS builds each have their own set).
 */
const vouched = new WeakSet();

/**
 * Records a deeply frozen course that iptkit has checked (schema, rules and invariants).
 * @param course - The course, frozen all the way down.
 * @returns The same course.
 * @internal
 */
export function vouchForCourse<TCourse extends DeepReadonly<Course>>(course: TCourse): TCourse {
  vouched.add(course);
  return course;
}

/**
 * Whether a value is a course iptkit has checked and frozen itself.
 * @param value - Anything.
 * @returns `true` only for a course recorded by {@link vouchForCourse}.
 * @internal
 */
export function isVouchedCourse(value: unknown): value is DeepReadonly<Course> {
  return typeof value === 'object' && value !== null && vouched.has(value);
}
