import * as z from 'zod';

// Kept apart from the catalog in sources.ts on purpose: every sourced schema (instruments,
// protocols, communication styles) needs `Provenance`, and importing it must not pull the whole
// citation catalog into an application's bundle.

/**
 * A reference to where a value comes from: a {@link SourceKey} for iptkit's own catalogs, or, in a
 * caller's custom protocol, any short citation of the caller's choosing (1-300 characters).
 * @category Sources
 */
export const SourceRef = z.string().trim().min(1).max(300);
/** @category Sources */
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * Provenance every sourced catalog value carries: the sources it rests on and whether the project's
 * reference marks it UNCONFIRMED (not yet checked against a primary text; keep such values
 * configurable and say so where they are used).
 * @category Sources
 */
export const Provenance = z.strictObject({
  sources: z.array(SourceRef).min(1).max(20),
  unconfirmed: z.boolean().optional(),
  note: z.string().min(1).max(500).optional(),
});
/** @category Sources */
export type Provenance = z.infer<typeof Provenance>;
