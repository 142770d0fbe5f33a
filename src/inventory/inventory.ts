/**
 * The interpersonal inventory and its operations.
 *
 * Errors: every fallible operation here (and in `circle.ts` and `timeline.ts`) returns
 * `Result<T, ValidationError>`. Schema problems keep the codes of the kernel (`invalid-type`,
 * `too-big`, `unrecognized-keys`, ...); rule problems have their own stable kebab-case codes
 * (`person-exists`, `person-not-found`, `dangling-person`, `already-placed`, `not-placed`,
 * `ring-out-of-range`, ...). Paths of operations start with the name of the argument at fault
 * (`['entry', 'label']`, `['personId']`, `['patch', 'support', 'note']`); paths of schemas start
 * at the value. Messages never contain names, labels, free text or unknown keys.
 * @module
 */
import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { PersonId } from '../internal/ids.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { Circle, createCircle, type CircleOptions } from './circle.js';
import {
  compareIds,
  fail,
  frozenCopy,
  idKeyedRecord,
  ownValue,
  parseAt,
} from '../internal/model.js';
import {
  InventoryEntry,
  InventoryEntryPatch,
  type InventoryEntryInput,
  type InventoryEntryPatchInput,
  type RelationshipKind,
  type RelationshipPeriod,
} from './person.js';

/**
 * A client's interpersonal inventory: the important people, each with their relationship entry,
 * keyed by person id, and the closeness circle placing some of them. Every circle placement must
 * name a person in `people` (code `dangling-person`), and each entry's `id` must equal its key
 * (code `id-mismatch`).
 * @see IPT reference 3.1 - 3.2 and 11, invariants 8-9 ([ALPF], [ISIPT], [PP-CC])
 * @category Inventory
 */
export const Inventory = z
  .strictObject({
    people: idKeyedRecord(PersonId, InventoryEntry),
    circle: Circle,
  })
  .superRefine((inventory, context) => {
    // Cross-field rules only run on a value whose parts are all valid.
    if (context.issues.length > 0) return;
    for (const [key, entry] of Object.entries(inventory.people)) {
      if (entry.id !== key) {
        context.addIssue({
          code: 'custom',
          path: ['people', key, 'id'],
          message: 'must equal the key the entry is stored under',
          params: { code: 'id-mismatch' },
        });
      }
    }
    for (const personId of Object.keys(inventory.circle.placements)) {
      if (!Object.hasOwn(inventory.people, personId)) {
        context.addIssue({
          code: 'custom',
          path: ['circle', 'placements', personId],
          message: 'places a person who is not in the inventory',
          params: { code: 'dangling-person' },
        });
      }
    }
  });
/** @category Inventory */
export type Inventory = z.infer<typeof Inventory>;

/**
 * Options of {@link emptyInventory}.
 * @category Inventory
 */
export type InventoryOptions = CircleOptions;

/**
 * Creates an inventory with no people and an empty circle.
 * @param options - The circle's ring count (default 3).
 * @returns The empty inventory, frozen, or issues at `['options', 'ringCount']`.
 * @example
 * ```ts
 * const start = emptyInventory();
 * if (start.ok) addPerson(start.value, { id: 'p1', label: 'Sam', relationship: 'friend', vitalStatus: { status: 'alive' }, period: 'current' });
 * ```
 * @see IPT reference 3.2 ([CAREPATRON])
 * @category Inventory
 */
export function emptyInventory(
  options: InventoryOptions = {},
): Result<DeepReadonly<Inventory>, ValidationError> {
  const circle = createCircle(options);
  if (!circle.ok) return circle;
  return ok(frozenCopy<Inventory>({ people: {}, circle: circle.value }));
}

/**
 * Adds a person with their relationship entry.
 * Errors: schema issues at `['entry', ...]`; `person-exists` at `['entry', 'id']`.
 * @param inventory - The inventory (not changed).
 * @param entry - The new entry (validated; text is trimmed).
 * @returns A new frozen inventory with the person.
 * @see IPT reference 3.1 ([ALPF], [ISIPT])
 * @category Inventory
 */
export function addPerson(
  inventory: DeepReadonly<Inventory>,
  entry: InventoryEntryInput,
): Result<DeepReadonly<Inventory>, ValidationError> {
  const parsed = parseAt(InventoryEntry, entry, ['entry']);
  if (!parsed.ok) return parsed;
  const id = parsed.value.id;
  if (Object.hasOwn(inventory.people, id)) {
    return fail(
      'person-exists',
      ['entry', 'id'],
      'a person with this id is already in the inventory',
    );
  }
  return ok(withPeople(inventory, { ...inventory.people, [id]: parsed.value }));
}

/**
 * Changes some fields of a person's entry. Given fields replace the stored ones (nested objects
 * and lists whole); `null` clears an optional field; the id cannot change.
 * Errors: `invalid-format` or `person-not-found` at `['personId']`; schema issues at
 * `['patch', ...]`.
 * @param inventory - The inventory (not changed).
 * @param personId - The person to change.
 * @param patch - The fields to change (see {@link InventoryEntryPatch}).
 * @returns A new frozen inventory.
 * @example
 * ```ts
 * updatePerson(inventory, personId, { vitalStatus: { status: 'deceased', diedOn: '2026-01-10' }, period: 'past' });
 * updatePerson(inventory, personId, { support: null }); // forget the support notes
 * ```
 * @category Inventory
 */
export function updatePerson(
  inventory: DeepReadonly<Inventory>,
  personId: PersonId,
  patch: InventoryEntryPatchInput,
): Result<DeepReadonly<Inventory>, ValidationError> {
  const found = findEntry(inventory, personId);
  if (!found.ok) return found;
  const parsedPatch = parseAt(InventoryEntryPatch, patch, ['patch']);
  if (!parsedPatch.ok) return parsedPatch;
  const merged: Record<string, unknown> = { ...found.value };
  for (const [key, value] of Object.entries(parsedPatch.value) as [string, unknown][]) {
    if (value === null) Reflect.deleteProperty(merged, key);
    else if (value !== undefined) merged[key] = value;
  }
  // Re-validated as a whole, with paths reported against the patch that caused them.
  const entry = parseAt(InventoryEntry, merged, ['patch']);
  if (!entry.ok) return entry;
  return ok(withPeople(inventory, { ...inventory.people, [found.value.id]: entry.value }));
}

/**
 * Removes a person from the inventory and, if placed, from the circle, so nothing refers to them.
 * (Records outside the inventory, such as a timeline or a focus, are the caller's to update.)
 * Errors: `invalid-format` or `person-not-found` at `['personId']`.
 * @param inventory - The inventory (not changed).
 * @param personId - The person to remove.
 * @returns A new frozen inventory without the person.
 * @category Inventory
 */
export function removePerson(
  inventory: DeepReadonly<Inventory>,
  personId: PersonId,
): Result<DeepReadonly<Inventory>, ValidationError> {
  const found = findEntry(inventory, personId);
  if (!found.ok) return found;
  const id = found.value.id;
  const people: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(inventory.people)) if (key !== id) people[key] = entry;
  const placements: Record<string, number> = {};
  for (const [key, ring] of Object.entries(inventory.circle.placements)) {
    if (key !== id) placements[key] = ring;
  }
  return ok(
    frozenCopy({
      people,
      circle: { ringCount: inventory.circle.ringCount, placements },
    }) as DeepReadonly<Inventory>,
  );
}

/**
 * Looks a person up by id (own entries only: an id such as `constructor` is safe).
 * @param inventory - The inventory.
 * @param personId - The id.
 * @returns The entry, or `undefined` if there is none.
 * @category Inventory
 */
export function getPerson(
  inventory: DeepReadonly<Inventory>,
  personId: PersonId,
): DeepReadonly<InventoryEntry> | undefined {
  return ownValue(inventory.people, personId);
}

/**
 * Tells whether the inventory has a person with this id.
 * @param inventory - The inventory.
 * @param personId - The id.
 * @returns `true` if the person is in the inventory.
 * @category Inventory
 */
export function hasPerson(inventory: DeepReadonly<Inventory>, personId: PersonId): boolean {
  return Object.hasOwn(inventory.people, personId);
}

/**
 * Which people {@link listPeople} returns: every given condition must hold.
 * @category Inventory
 */
export interface PeopleFilter {
  /** Current or past relationships only. */
  readonly period?: RelationshipPeriod;
  /** Living or deceased people only. */
  readonly status?: 'alive' | 'deceased';
  /** One kind of relationship only. */
  readonly relationship?: RelationshipKind;
  /** Only people placed in the circle (`true`) or not placed (`false`). */
  readonly placed?: boolean;
}

/**
 * Lists the people in the inventory, sorted by id (UTF-16 code-unit order), optionally filtered.
 * @param inventory - The inventory.
 * @param filter - Conditions that must all hold (none: everyone).
 * @returns The matching entries, frozen.
 * @example
 * ```ts
 * listPeople(inventory, { status: 'deceased' }); // candidates for a grief focus
 * ```
 * @category Inventory
 */
export function listPeople(
  inventory: DeepReadonly<Inventory>,
  filter: PeopleFilter = {},
): readonly DeepReadonly<InventoryEntry>[] {
  const matches = Object.keys(inventory.people)
    .sort(compareIds)
    .flatMap((id) => {
      const entry = ownValue(inventory.people, id);
      return entry === undefined ? [] : [entry];
    })
    .filter(
      (entry) =>
        (filter.period === undefined || entry.period === filter.period) &&
        (filter.status === undefined || entry.vitalStatus.status === filter.status) &&
        (filter.relationship === undefined || entry.relationship === filter.relationship) &&
        (filter.placed === undefined ||
          Object.hasOwn(inventory.circle.placements, entry.id) === filter.placed),
    );
  return Object.freeze(matches);
}

/**
 * Applies a circle operation to the inventory's circle, keeping the inventory consistent: the
 * new circle may only place people who are in the inventory.
 * Errors: whatever `change` returns; `dangling-person` at `['circle', 'placements', id]`.
 * @param inventory - The inventory (not changed).
 * @param change - A circle operation, such as `(circle) => placeInCircle(circle, id, 0)`.
 * @returns A new frozen inventory with the changed circle.
 * @example
 * ```ts
 * const next = updateCircle(inventory, (circle) => placeInCircle(circle, personId, 0));
 * ```
 * @see IPT reference 3.2 ([PP-CC])
 * @category Inventory
 */
export function updateCircle(
  inventory: DeepReadonly<Inventory>,
  change: (circle: DeepReadonly<Circle>) => Result<DeepReadonly<Circle>, ValidationError>,
): Result<DeepReadonly<Inventory>, ValidationError> {
  const changed = change(inventory.circle);
  if (!changed.ok) return changed;
  const circle = parseAt(Circle, changed.value, ['circle']);
  if (!circle.ok) return circle;
  const dangling: Issue[] = Object.keys(circle.value.placements)
    .filter((id) => !Object.hasOwn(inventory.people, id))
    .sort(compareIds)
    .map((id) =>
      issue(
        'dangling-person',
        ['circle', 'placements', id],
        'places a person who is not in the inventory',
      ),
    );
  if (dangling.length > 0) return err(validationError(dangling));
  return ok(frozenCopy<Inventory>({ people: inventory.people, circle: circle.value }));
}

function findEntry(
  inventory: DeepReadonly<Inventory>,
  personId: unknown,
): Result<DeepReadonly<InventoryEntry>, ValidationError> {
  const id = parseAt(PersonId, personId, ['personId']);
  if (!id.ok) return id;
  const entry = ownValue(inventory.people, id.value);
  if (entry === undefined) {
    return fail('person-not-found', ['personId'], 'no person with this id is in the inventory');
  }
  return ok(entry);
}

function withPeople(
  inventory: DeepReadonly<Inventory>,
  people: Readonly<Record<string, unknown>>,
): DeepReadonly<Inventory> {
  return frozenCopy({ people, circle: inventory.circle }) as DeepReadonly<Inventory>;
}
