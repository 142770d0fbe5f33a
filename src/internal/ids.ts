import * as z from 'zod';

/**
 * The shape every caller-supplied id has: 1-128 characters of letters, digits and `._:-`,
 * starting with a letter or digit. UUIDs, ULIDs and database keys fit; names and sentences do not,
 * which keeps client text out of ids (and so out of paths in error reports).
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const idString = () =>
  z.string().regex(ID_PATTERN, {
    error: 'must be 1-128 letters, digits or ._:- starting with a letter or digit',
  });

/**
 * Id of a person in a client's interpersonal inventory (caller-supplied).
 * @category Kernel
 */
export const PersonId = idString().brand<'PersonId'>();
/** @category Kernel */
export type PersonId = z.infer<typeof PersonId>;

/**
 * Id of a course of treatment (caller-supplied).
 * @category Kernel
 */
export const CourseId = idString().brand<'CourseId'>();
/** @category Kernel */
export type CourseId = z.infer<typeof CourseId>;

/**
 * Id of a session within a course (caller-supplied).
 * @category Kernel
 */
export const SessionId = idString().brand<'SessionId'>();
/** @category Kernel */
export type SessionId = z.infer<typeof SessionId>;

/**
 * Id of a stored event (caller-supplied).
 * @category Kernel
 */
export const EventId = idString().brand<'EventId'>();
/** @category Kernel */
export type EventId = z.infer<typeof EventId>;

/**
 * Id of a recorded measure (one administration of an instrument), caller-supplied.
 * @category Kernel
 */
export const MeasureId = idString().brand<'MeasureId'>();
/** @category Kernel */
export type MeasureId = z.infer<typeof MeasureId>;

/**
 * Id of a recorded communication analysis, caller-supplied.
 * @category Kernel
 */
export const AnalysisId = idString().brand<'AnalysisId'>();
/** @category Kernel */
export type AnalysisId = z.infer<typeof AnalysisId>;

/**
 * Id of the clinician or other person who did something (acknowledged a risk flag, say),
 * caller-supplied; never a name.
 * @category Kernel
 */
export const ActorId = idString().brand<'ActorId'>();
/** @category Kernel */
export type ActorId = z.infer<typeof ActorId>;

/**
 * Tells whether a string has the shape of an iptkit id (see {@link PersonId}).
 * @param value - Any value.
 * @returns `true` if it could be used as an id.
 * @category Kernel
 */
export function isIdShaped(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
