import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import { safeParseWith } from '../internal/parse.js';
import {
  Circle,
  compareCircles,
  moveInCircle,
  peopleInRing,
  placeInCircle,
  removeFromCircle,
} from './circle.js';
import { addPerson, emptyInventory, Inventory, removePerson, updateCircle } from './inventory.js';

/** A small pool, so that operations collide; includes names of Object.prototype members. */
const idPool = ['a', 'b', 'c', 'd', '10', '9', 'constructor', 'toString'] as const;
const personId = fc.constantFrom(...idPool).map((id) => id as PersonId);

const circle = fc.integer({ min: 1, max: 10 }).chain((ringCount) =>
  fc
    .dictionary(fc.constantFrom(...idPool), fc.integer({ min: 0, max: ringCount - 1 }), {
      maxKeys: idPool.length,
    })
    .map((placements) => {
      const parsed = safeParseWith(Circle, { ringCount, placements });
      if (!parsed.ok) throw new Error('generator produced an invalid circle');
      return parsed.value;
    }),
);

type Operation =
  | { op: 'add'; id: PersonId }
  | { op: 'remove'; id: PersonId }
  | { op: 'place'; id: PersonId; ring: number }
  | { op: 'move'; id: PersonId; ring: number }
  | { op: 'unplace'; id: PersonId };

const ring = fc.integer({ min: -1, max: 4 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), id: personId }),
  fc.record({ op: fc.constant('remove' as const), id: personId }),
  fc.record({ op: fc.constant('place' as const), id: personId, ring }),
  fc.record({ op: fc.constant('move' as const), id: personId, ring }),
  fc.record({ op: fc.constant('unplace' as const), id: personId }),
);

function apply(inventory: DeepReadonly<Inventory>, step: Operation) {
  switch (step.op) {
    case 'add':
      return addPerson(inventory, {
        id: step.id,
        label: 'someone',
        relationship: 'friend',
        vitalStatus: { status: 'alive' },
        period: 'current',
      });
    case 'remove':
      return removePerson(inventory, step.id);
    case 'place':
      return updateCircle(inventory, (current) => placeInCircle(current, step.id, step.ring));
    case 'move':
      return updateCircle(inventory, (current) => moveInCircle(current, step.id, step.ring));
    case 'unplace':
      return updateCircle(inventory, (current) => removeFromCircle(current, step.id));
  }
}

describe('circle operations on an inventory (properties)', () => {
  test.prop([fc.integer({ min: 1, max: 4 }), fc.array(operation, { maxLength: 40 })])(
    'any sequence keeps each person in at most one ring, never references a removed person, and matches a simple model',
    (ringCount, steps) => {
      const start = emptyInventory({ ringCount });
      if (!start.ok) throw new Error('unreachable');
      let inventory = start.value;
      const people = new Set<string>();
      const model = new Map<string, number>();
      const removed = new Set<string>();
      for (const step of steps) {
        const snapshot = structuredClone(inventory);
        const result = apply(inventory, step);
        expect(inventory).toEqual(snapshot);

        const known = people.has(step.id);
        const placed = model.has(step.id);
        const ringValid = 'ring' in step && step.ring >= 0 && step.ring < ringCount;
        const expectOk =
          step.op === 'add'
            ? !known
            : step.op === 'remove'
              ? known
              : step.op === 'place'
                ? known && !placed && ringValid
                : step.op === 'move'
                  ? placed && ringValid
                  : placed;
        expect(result.ok, JSON.stringify(step)).toBe(expectOk);
        if (!result.ok) {
          // A place/move of someone not in the inventory is refused one way or another.
          for (const found of result.error.issues) expect(found.code).toMatch(/^[a-z-]+$/);
          continue;
        }
        inventory = result.value;
        if (step.op === 'add') {
          people.add(step.id);
          removed.delete(step.id);
        }
        if (step.op === 'remove') {
          people.delete(step.id);
          model.delete(step.id);
          removed.add(step.id);
        }
        if (step.op === 'place' || step.op === 'move') model.set(step.id, step.ring);
        if (step.op === 'unplace') model.delete(step.id);

        expect(safeParseWith(Inventory, inventory).ok).toBe(true);
        expect(Object.keys(inventory.people).sort()).toEqual([...people].sort());
        expect(inventory.circle.placements).toEqual(Object.fromEntries(model));
        const placedIds = Object.keys(inventory.circle.placements);
        for (const id of placedIds) {
          expect(Object.hasOwn(inventory.people, id)).toBe(true);
          expect(removed.has(id)).toBe(false);
        }
        const perRing = Array.from({ length: ringCount }, (_, index) =>
          peopleInRing(inventory.circle, index),
        ).flat();
        expect(perRing.length).toBe(placedIds.length);
        expect(new Set(perRing).size).toBe(perRing.length);
        expect(Object.isFrozen(inventory.circle.placements)).toBe(true);
      }
    },
  );
});

describe('compareCircles (properties)', () => {
  test.prop([circle])('compareCircles(a, a) reports no change', (a) => {
    const change = compareCircles(a, a);
    expect(change.movedInward).toEqual([]);
    expect(change.movedOutward).toEqual([]);
    expect(change.added).toEqual([]);
    expect(change.dropped).toEqual([]);
    expect([...change.unchanged].sort()).toEqual(Object.keys(a.placements).sort());
    expect(change.countsPerRing.before).toEqual(change.countsPerRing.after);
  });

  test.prop([circle, circle])(
    'is antisymmetric: swapping before and after swaps inward/outward and added/dropped',
    (a, b) => {
      const forward = compareCircles(a, b);
      const backward = compareCircles(b, a);
      const flip = (moves: typeof forward.movedInward) =>
        moves.map((move) => ({ ...move, from: move.to, to: move.from }));
      expect(backward.movedInward).toEqual(flip(forward.movedOutward));
      expect(backward.movedOutward).toEqual(flip(forward.movedInward));
      expect(backward.added).toEqual(forward.dropped);
      expect(backward.dropped).toEqual(forward.added);
      expect(backward.unchanged).toEqual(forward.unchanged);
      expect(backward.countsPerRing).toEqual({
        before: forward.countsPerRing.after,
        after: forward.countsPerRing.before,
      });
      expect(backward.ringCount).toEqual({
        before: forward.ringCount.after,
        after: forward.ringCount.before,
      });
    },
  );

  test.prop([circle, circle])(
    'accounts for every person exactly once, with consistent rings and counts',
    (a, b) => {
      const change = compareCircles(a, b);
      const ids = [
        ...change.movedInward.map((move) => move.personId),
        ...change.movedOutward.map((move) => move.personId),
        ...change.added.map((placement) => placement.personId),
        ...change.dropped.map((placement) => placement.personId),
        ...change.unchanged,
      ];
      const union = new Set([...Object.keys(a.placements), ...Object.keys(b.placements)]);
      expect(ids.length).toBe(union.size);
      expect(new Set(ids)).toEqual(union);
      for (const move of change.movedInward) {
        expect(move.to).toBeLessThan(move.from);
        expect(move.rings).toBe(move.from - move.to);
        expect(a.placements[move.personId]).toBe(move.from);
        expect(b.placements[move.personId]).toBe(move.to);
      }
      for (const move of change.movedOutward) {
        expect(move.to).toBeGreaterThan(move.from);
        expect(move.rings).toBe(move.to - move.from);
      }
      expect(change.countsPerRing.before).toHaveLength(a.ringCount);
      expect(change.countsPerRing.after).toHaveLength(b.ringCount);
      const total = (counts: readonly number[]) => counts.reduce((sum, count) => sum + count, 0);
      expect(total(change.countsPerRing.before)).toBe(Object.keys(a.placements).length);
      expect(total(change.countsPerRing.after)).toBe(Object.keys(b.placements).length);
      const sorted = (list: readonly string[]) => [...list].sort((x, y) => (x < y ? -1 : 1));
      const addedIds = change.added.map((placement) => placement.personId);
      expect(addedIds).toEqual(sorted(addedIds));
      expect(change.unchanged).toEqual(sorted(change.unchanged));
    },
  );

  test.prop([circle, circle])('never mutates its arguments', (a, b) => {
    const unfrozenA = structuredClone(a);
    const unfrozenB = structuredClone(b);
    compareCircles(unfrozenA, unfrozenB);
    expect(unfrozenA).toEqual(a);
    expect(unfrozenB).toEqual(b);
    expect(isNothingFrozen(unfrozenA)).toBe(true);
    expect(isNothingFrozen(unfrozenB)).toBe(true);
  });

  test.prop([circle])('every circle round-trips through its schema', (a) => {
    expect(safeParseWith(Circle, JSON.parse(JSON.stringify(a)))).toEqual({ ok: true, value: a });
  });
});

/** True when no object reachable from the value is frozen (a structuredClone copy is like that). */
function isNothingFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return !Object.isFrozen(root) && Object.values(root).every(isNothingFrozen);
}
