import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { PersonId } from '../internal/ids.js';
import type { ValidationError } from '../internal/issues.js';
import { ok, type Result } from '../internal/result.js';
import {
  compareIds,
  fail,
  frozenCopy,
  idKeyedRecord,
  ownValue,
  parseAt,
} from '../internal/model.js';

/**
 * Number of rings a circle has unless the caller asks for another number. Worksheets show three
 * to four rings around the client; three-ring Inner / Middle / Outer semantics are common in
 * relationship tools. Stuart & Robertson's "Interpersonal Circle" ring count is UNCONFIRMED.
 * @see IPT reference 3.2 ([CAREPATRON], [SCRS])
 * @category Circle
 */
export const DEFAULT_RING_COUNT = 3;

/** The most rings a circle may have. */
const MAX_RING_COUNT = 10;

/**
 * A ring index: 0 is the innermost ring, the closest people; higher is further out.
 * @see IPT reference 3.2 and 11, invariant 9 ([PP-CC])
 * @category Circle
 */
export const RingIndex = z
  .int()
  .min(0)
  .max(MAX_RING_COUNT - 1);
/** @category Circle */
export type RingIndex = z.infer<typeof RingIndex>;

/**
 * A closeness circle: the client at the centre (implicit, never placed), `ringCount` ordered rings
 * around them, and where each person is placed, keyed by person id, so a person is in at most one
 * ring. Ring 0 is the innermost (closest). A placement outside `0..ringCount-1` is rejected with
 * code `ring-out-of-range`.
 * @example
 * ```ts
 * const circle = { ringCount: 3, placements: { 'p-partner': 0, 'p-boss': 2 } };
 * ```
 * @see IPT reference 3.2 and 11, invariant 9 ([PP-CC], [CEBC], [CAREPATRON], [SCRS]; the
 * Stuart & Robertson ring count is UNCONFIRMED)
 * @category Circle
 */
export const Circle = z
  .strictObject({
    /** How many rings, 1-10 ({@link DEFAULT_RING_COUNT} by default). */
    ringCount: z.int().min(1).max(MAX_RING_COUNT),
    /** The ring of each placed person. */
    placements: idKeyedRecord(PersonId, RingIndex),
  })
  .superRefine((circle, context) => {
    // Cross-field rules only run on a value whose parts are all valid.
    if (context.issues.length > 0) return;
    for (const [personId, ring] of Object.entries(circle.placements)) {
      if (ring >= circle.ringCount) {
        context.addIssue({
          code: 'custom',
          path: ['placements', personId],
          message: `must be a ring from 0 to ${circle.ringCount - 1}`,
          params: { code: 'ring-out-of-range' },
        });
      }
    }
  });
/** @category Circle */
export type Circle = z.infer<typeof Circle>;

/**
 * Options of {@link createCircle}.
 * @category Circle
 */
export interface CircleOptions {
  /** How many rings (1-10); {@link DEFAULT_RING_COUNT} when absent. */
  readonly ringCount?: number;
}

const CircleOptionsSchema = z.strictObject({ ringCount: Circle.shape.ringCount.optional() });

/**
 * Creates an empty closeness circle.
 * @param options - The number of rings (default 3).
 * @returns The empty circle, frozen, or `invalid-type` / `too-small` / `too-big` issues at
 * `['options', 'ringCount']`.
 * @example
 * ```ts
 * const circle = createCircle({ ringCount: 4 });
 * ```
 * @see IPT reference 3.2 ([CAREPATRON]: 3 to 4 rings; Stuart & Robertson ring count UNCONFIRMED)
 * @category Circle
 */
export function createCircle(
  options: CircleOptions = {},
): Result<DeepReadonly<Circle>, ValidationError> {
  const parsed = parseAt(CircleOptionsSchema, options, ['options']);
  if (!parsed.ok) return parsed;
  return ok(
    frozenCopy({ ringCount: parsed.value.ringCount ?? DEFAULT_RING_COUNT, placements: {} }),
  );
}

function checkPersonId(personId: unknown): Result<PersonId, ValidationError> {
  return parseAt(PersonId, personId, ['personId']);
}

function checkRing(circle: DeepReadonly<Circle>, ring: unknown): Result<number, ValidationError> {
  if (typeof ring !== 'number' || !Number.isInteger(ring) || ring < 0 || ring >= circle.ringCount) {
    return fail('ring-out-of-range', ['ring'], `must be a ring from 0 to ${circle.ringCount - 1}`);
  }
  return ok(ring);
}

function withPlacement(
  circle: DeepReadonly<Circle>,
  personId: PersonId,
  ring: number | undefined,
): DeepReadonly<Circle> {
  const placements: Record<string, number> = {};
  for (const [id, placed] of Object.entries(circle.placements)) {
    if (id !== personId) placements[id] = placed;
  }
  if (ring !== undefined) placements[personId] = ring;
  return frozenCopy<Circle>({ ringCount: circle.ringCount, placements });
}

/**
 * Places a person who is not yet in the circle in a ring.
 * Errors (a {@link ValidationError} with one issue): `already-placed` at `['personId']` (use
 * {@link moveInCircle}), `ring-out-of-range` at `['ring']`, `invalid-format` at `['personId']`.
 * @param circle - The circle (not changed).
 * @param personId - The person to place.
 * @param ring - The ring, 0 = innermost = closest.
 * @returns A new frozen circle with the person placed.
 * @example
 * ```ts
 * const next = placeInCircle(circle, personId, 0); // closest ring
 * ```
 * @see IPT reference 3.2 ([PP-CC])
 * @category Circle
 */
export function placeInCircle(
  circle: DeepReadonly<Circle>,
  personId: PersonId,
  ring: number,
): Result<DeepReadonly<Circle>, ValidationError> {
  const id = checkPersonId(personId);
  if (!id.ok) return id;
  if (ownValue(circle.placements, id.value) !== undefined) {
    return fail('already-placed', ['personId'], 'is already in the circle; use moveInCircle');
  }
  const target = checkRing(circle, ring);
  if (!target.ok) return target;
  return ok(withPlacement(circle, id.value, target.value));
}

/**
 * Moves a person who is in the circle to another ring (moving to the same ring changes nothing).
 * Errors: `not-placed` at `['personId']`, `ring-out-of-range` at `['ring']`, `invalid-format` at
 * `['personId']`.
 * @param circle - The circle (not changed).
 * @param personId - The person to move.
 * @param ring - The new ring, 0 = innermost.
 * @returns A new frozen circle.
 * @see IPT reference 3.2 ([PP-CC])
 * @category Circle
 */
export function moveInCircle(
  circle: DeepReadonly<Circle>,
  personId: PersonId,
  ring: number,
): Result<DeepReadonly<Circle>, ValidationError> {
  const id = checkPersonId(personId);
  if (!id.ok) return id;
  if (ownValue(circle.placements, id.value) === undefined) {
    return fail('not-placed', ['personId'], 'is not in the circle; use placeInCircle');
  }
  const target = checkRing(circle, ring);
  if (!target.ok) return target;
  return ok(withPlacement(circle, id.value, target.value));
}

/**
 * Takes a person out of the circle.
 * Errors: `not-placed` at `['personId']`, `invalid-format` at `['personId']`.
 * @param circle - The circle (not changed).
 * @param personId - The person to take out.
 * @returns A new frozen circle without the person.
 * @category Circle
 */
export function removeFromCircle(
  circle: DeepReadonly<Circle>,
  personId: PersonId,
): Result<DeepReadonly<Circle>, ValidationError> {
  const id = checkPersonId(personId);
  if (!id.ok) return id;
  if (ownValue(circle.placements, id.value) === undefined) {
    return fail('not-placed', ['personId'], 'is not in the circle');
  }
  return ok(withPlacement(circle, id.value, undefined));
}

/**
 * The ring a person is in.
 * @param circle - The circle.
 * @param personId - The person.
 * @returns The ring index (0 = innermost), or `undefined` if the person is not placed.
 * @category Circle
 */
export function ringOf(circle: DeepReadonly<Circle>, personId: PersonId): number | undefined {
  return ownValue(circle.placements, personId);
}

/**
 * The people placed in one ring, sorted by id.
 * @param circle - The circle.
 * @param ring - The ring index.
 * @returns The ids (empty for an empty or non-existent ring), frozen.
 * @category Circle
 */
export function peopleInRing(circle: DeepReadonly<Circle>, ring: number): readonly PersonId[] {
  return Object.freeze(
    (Object.keys(circle.placements) as PersonId[])
      .filter((id) => circle.placements[id] === ring)
      .sort(compareIds),
  );
}

/**
 * A person placed in both circles, in a different ring. `rings` is how many rings they moved
 * (always positive).
 * @category Circle
 */
export interface RingMove {
  readonly personId: PersonId;
  readonly from: number;
  readonly to: number;
  readonly rings: number;
}

/**
 * A person placed in only one of the two circles, with their ring there.
 * @category Circle
 */
export interface RingPlacement {
  readonly personId: PersonId;
  readonly ring: number;
}

/**
 * What changed between two circles (see {@link compareCircles}). Every list is sorted by person
 * id (UTF-16 code-unit order).
 * @category Circle
 */
export interface CircleComparison {
  /** People in a lower-numbered (closer) ring after than before. */
  readonly movedInward: readonly RingMove[];
  /** People in a higher-numbered (further) ring after than before. */
  readonly movedOutward: readonly RingMove[];
  /** People placed after but not before. */
  readonly added: readonly RingPlacement[];
  /** People placed before but not after. */
  readonly dropped: readonly RingPlacement[];
  /** People in the same ring in both. */
  readonly unchanged: readonly PersonId[];
  /** Ring counts of the two circles. */
  readonly ringCount: { readonly before: number; readonly after: number };
  /** How many people each ring holds, one number per ring of each circle (index = ring). */
  readonly countsPerRing: { readonly before: readonly number[]; readonly after: readonly number[] };
}

function countsPerRing(circle: DeepReadonly<Circle>): number[] {
  const counts = Array.from({ length: circle.ringCount }, () => 0);
  for (const ring of Object.values(circle.placements)) {
    if (ring < counts.length) counts[ring] = (counts[ring] ?? 0) + 1;
  }
  return counts;
}

/**
 * Compares two closeness circles of the same client, typically at the start and at the end of
 * treatment: who moved inward (closer) or outward and by how many rings, who was added, who
 * dropped out, who stayed, and how many people each ring holds.
 *
 * Rings are compared by index. When the circles have different ring counts the comparison still
 * works by index (ring 2 of a 3-ring circle and ring 2 of a 5-ring one count as the same ring),
 * and each `countsPerRing` array has its own circle's length; rescaling is left to the caller.
 * Swapping the arguments swaps `movedInward` with `movedOutward` (with `from`/`to` swapped),
 * `added` with `dropped` and the two `countsPerRing` arrays; `compareCircles(a, a)` reports no
 * change.
 * @param before - The earlier circle.
 * @param after - The later circle.
 * @returns The comparison, deeply frozen.
 * @example
 * ```ts
 * const change = compareCircles(atStart, atEnd);
 * change.movedInward; // [{ personId: 'p-sister', from: 2, to: 1, rings: 1 }]
 * ```
 * @see IPT reference 3.2 and 11, invariant 9 ([PP-CC]: 0 = innermost; [CEBC])
 * @category Circle
 */
export function compareCircles(
  before: DeepReadonly<Circle>,
  after: DeepReadonly<Circle>,
): DeepReadonly<CircleComparison> {
  const movedInward: RingMove[] = [];
  const movedOutward: RingMove[] = [];
  const added: RingPlacement[] = [];
  const dropped: RingPlacement[] = [];
  const unchanged: PersonId[] = [];
  const ids = new Set([...Object.keys(before.placements), ...Object.keys(after.placements)]);
  for (const id of [...ids].sort(compareIds) as PersonId[]) {
    const from = ownValue(before.placements, id);
    const to = ownValue(after.placements, id);
    if (from === undefined && to !== undefined) added.push({ personId: id, ring: to });
    else if (from !== undefined && to === undefined) dropped.push({ personId: id, ring: from });
    else if (from !== undefined && to !== undefined) {
      if (to < from) movedInward.push({ personId: id, from, to, rings: from - to });
      else if (to > from) movedOutward.push({ personId: id, from, to, rings: to - from });
      else unchanged.push(id);
    }
  }
  return frozenCopy({
    movedInward,
    movedOutward,
    added,
    dropped,
    unchanged,
    ringCount: { before: before.ringCount, after: after.ringCount },
    countsPerRing: { before: countsPerRing(before), after: countsPerRing(after) },
  });
}
