import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { PersonId } from '../internal/ids.js';
import { safeParseWith } from '../internal/parse.js';
import { addPerson, emptyInventory, Inventory, updateCircle, updatePerson } from './inventory.js';
import { placeInCircle } from './circle.js';
import { InventoryEntry, Person, RelationshipKind } from './person.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MARKER = 'ZZSECRET';

const personId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/);

/** Stored text: already trimmed, non-empty, within `max`; sometimes carrying the marker. */
const text = (max: number) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: Math.min(max, 40) }),
      fc.string({ maxLength: 20 }).map((rest) => `${MARKER} ${rest}`),
    )
    .map((value) => value.trim().slice(0, max).trim())
    .filter((value) => value.length > 0);

const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((value) => value.toISOString().slice(0, 10));

const entry = fc.record(
  {
    id: personId,
    label: text(120),
    relationship: fc.constantFrom(...RelationshipKind.options),
    relationshipNote: text(300),
    vitalStatus: fc.oneof(
      fc.constant({ status: 'alive' as const }),
      fc.record(
        { status: fc.constant('deceased' as const), diedOn: date },
        { requiredKeys: ['status'] },
      ),
    ),
    period: fc.constantFrom('current' as const, 'past' as const),
    interactions: fc.record(
      {
        frequency: fc.constantFrom(
          'daily',
          'several-times-a-week',
          'weekly',
          'monthly',
          'less-than-monthly',
          'no-contact',
        ),
        content: text(2000),
      },
      { requiredKeys: [] },
    ),
    expectations: fc.array(
      fc.record({
        holder: fc.constantFrom('client' as const, 'other' as const),
        text: text(1000),
        met: fc.constantFrom('yes' as const, 'partly' as const, 'no' as const, 'unknown' as const),
      }),
      { maxLength: 3 },
    ),
    satisfying: fc.array(text(1000), { maxLength: 3 }),
    unsatisfying: fc.array(text(1000), { maxLength: 3 }),
    changesWanted: fc.array(text(1000), { maxLength: 3 }),
    support: fc.record(
      {
        level: fc.constantFrom('none' as const, 'some' as const, 'a-lot' as const),
        confiding: fc.boolean(),
        note: text(1000),
      },
      { requiredKeys: [] },
    ),
    communicationNotes: text(2000),
    aroundOnset: fc.record(
      { changed: fc.boolean(), note: text(1000) },
      { requiredKeys: ['changed'] },
    ),
    linkToEpisode: fc.constantFrom('contributed', 'resulted', 'both', 'unclear'),
  },
  { requiredKeys: ['id', 'label', 'relationship', 'vitalStatus', 'period'] },
);

/** An inventory built through the operations from a list of entries and placements. */
const inventory = fc
  .tuple(
    fc.uniqueArray(entry, { selector: (value) => value.id, maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 6 }),
  )
  .map(([entries, rings]) => {
    const start = emptyInventory();
    if (!start.ok) throw new Error('unreachable');
    let current = start.value;
    entries.forEach((item, index) => {
      const added = addPerson(current, item);
      if (!added.ok) throw new Error('generator produced an invalid entry');
      current = added.value;
      const ring = rings[index];
      if (ring !== undefined) {
        const placed = updateCircle(current, (circle) =>
          placeInCircle(circle, item.id as PersonId, ring),
        );
        if (!placed.ok) throw new Error('unreachable');
        current = placed.value;
      }
    });
    return current;
  });

function isDeeplyFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return Object.isFrozen(root) && Object.values(root).every(isDeeplyFrozen);
}

describe('inventory models (properties)', () => {
  test.prop([entry])('every entry round-trips through InventoryEntry', (input) => {
    const parsed = safeParseWith(InventoryEntry, input);
    expect(parsed).toEqual({ ok: true, value: input });
    const again = safeParseWith(InventoryEntry, JSON.parse(JSON.stringify(input)));
    expect(again).toEqual(parsed);
  });

  test.prop([entry])('the person part of every entry round-trips through Person', (input) => {
    const { id, label, relationship, relationshipNote, vitalStatus, period } = input;
    const person = { id, label, relationship, relationshipNote, vitalStatus, period };
    if (relationshipNote === undefined) delete person.relationshipNote;
    expect(safeParseWith(Person, person)).toEqual({ ok: true, value: person });
  });

  test.prop([inventory])('every inventory round-trips through Inventory as JSON', (value) => {
    expect(isDeeplyFrozen(value)).toBe(true);
    expect(safeParseWith(Inventory, JSON.parse(JSON.stringify(value)))).toEqual({
      ok: true,
      value,
    });
  });

  test.prop([fc.anything()])(
    'safeParseWith(Inventory | InventoryEntry, anything) never throws and gives kebab-case codes',
    (input) => {
      for (const schema of [Inventory, InventoryEntry]) {
        const result = safeParseWith(schema, input);
        if (result.ok) continue;
        for (const found of result.error.issues) {
          expect(found.code).toMatch(KEBAB_CASE);
          expect(found.code).not.toBe('unreadable-input');
        }
      }
    },
  );

  test.prop([
    inventory,
    fc.string({ maxLength: 10 }).map((rest) => `${MARKER} ${rest}`),
    fc.anything(),
  ])(
    'bad input never puts a label, free text or unknown key into a message or path',
    (value, secretKey, junk) => {
      const people = { ...value.people } as Record<string, unknown>;
      const broken = {
        people: {
          ...people,
          ...Object.fromEntries(
            Object.entries(people).map(([key, item]) => [
              key,
              { ...(item as object), [secretKey]: junk, label: `${MARKER}${'x'.repeat(130)}` },
            ]),
          ),
        },
        circle: { ...value.circle, [secretKey]: 1 },
        [secretKey]: junk,
      };
      const withBadKey = { ...broken, people: { ...broken.people, [secretKey]: junk } };
      for (const input of [broken, withBadKey]) {
        const result = safeParseWith(Inventory, input);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        for (const found of result.error.issues) {
          expect(found.message).not.toContain(MARKER);
          expect(JSON.stringify(found.path)).not.toContain(MARKER);
        }
      }
    },
  );

  test.prop([inventory, entry])('addPerson never mutates its arguments', (value, item) => {
    const unfrozenInventory = structuredClone(value);
    const unfrozenEntry = structuredClone(item);
    const result = addPerson(unfrozenInventory, unfrozenEntry);
    expect(unfrozenInventory).toEqual(value);
    expect(unfrozenEntry).toEqual(item);
    expect(isNothingFrozen(unfrozenInventory)).toBe(true);
    expect(isNothingFrozen(unfrozenEntry)).toBe(true);
    if (result.ok) expect(isDeeplyFrozen(result.value)).toBe(true);
    else expect(result.error.issues.map((found) => found.code)).toEqual(['person-exists']);
  });

  test.prop([inventory, entry])(
    'updatePerson with any valid patch never mutates its arguments and leaves others untouched',
    (value, item) => {
      const [target] = Object.keys(value.people);
      if (target === undefined) return;
      const { id: _ignored, ...patch } = item;
      const unfrozen = structuredClone(value);
      const patchCopy = structuredClone(patch);
      const result = updatePerson(unfrozen, target as PersonId, patch);
      expect(unfrozen).toEqual(value);
      expect(isNothingFrozen(unfrozen)).toBe(true);
      expect(patch).toEqual(patchCopy);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(isDeeplyFrozen(result.value)).toBe(true);
      for (const key of Object.keys(value.people)) {
        if (key !== target)
          expect(result.value.people[key as PersonId]).toEqual(value.people[key as PersonId]);
      }
      expect(result.value.people[target as PersonId]).toMatchObject({ ...patch, id: target });
    },
  );
});

/** True when no object reachable from the value is frozen (a structuredClone copy is like that). */
function isNothingFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return !Object.isFrozen(root) && Object.values(root).every(isNothingFrozen);
}
