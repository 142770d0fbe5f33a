import { describe, expectTypeOf, test } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import {
  compareCircles,
  placeInCircle,
  type Circle,
  type CircleComparison,
  type RingMove,
} from './circle.js';
import {
  addPerson,
  getPerson,
  listPeople,
  removePerson,
  updatePerson,
  type Inventory,
} from './inventory.js';
import type {
  InventoryEntry,
  InventoryEntryPatch,
  Person,
  RelationshipPeriod,
  VitalStatus,
} from './person.js';
import {
  eventsNearMoodChanges,
  type LifeEvent,
  type MoodChange,
  type Timeline,
} from './timeline.js';

declare const inventory: DeepReadonly<Inventory>;
declare const circle: DeepReadonly<Circle>;
declare const timeline: DeepReadonly<Timeline>;
declare const personId: PersonId;

describe('inventory types', () => {
  test('an entry is a Person plus the relationship fields', () => {
    expectTypeOf<InventoryEntry>().toExtend<Person>();
    expectTypeOf<InventoryEntry['id']>().toEqualTypeOf<PersonId>();
    expectTypeOf<InventoryEntry['period']>().toEqualTypeOf<RelationshipPeriod>();
    expectTypeOf<RelationshipPeriod>().toEqualTypeOf<'current' | 'past'>();
  });

  test('vital status narrows by status', () => {
    const narrow = (status: VitalStatus) => {
      if (status.status === 'deceased') {
        expectTypeOf(status.diedOn).toEqualTypeOf<string | undefined>();
      } else {
        expectTypeOf(status).toEqualTypeOf<{ status: 'alive' }>();
      }
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<VitalStatus>();
  });

  test('people and placements are keyed by PersonId', () => {
    expectTypeOf(inventory.people).toEqualTypeOf<DeepReadonly<Record<PersonId, InventoryEntry>>>();
    expectTypeOf(circle.placements).toEqualTypeOf<DeepReadonly<Record<PersonId, number>>>();
  });

  test('operations take and return frozen values in a Result', () => {
    expectTypeOf(addPerson).returns.toEqualTypeOf<
      Result<DeepReadonly<Inventory>, ValidationError>
    >();
    expectTypeOf(removePerson).returns.toEqualTypeOf<
      Result<DeepReadonly<Inventory>, ValidationError>
    >();
    expectTypeOf(placeInCircle).returns.toEqualTypeOf<
      Result<DeepReadonly<Circle>, ValidationError>
    >();
    expectTypeOf(getPerson).returns.toEqualTypeOf<DeepReadonly<InventoryEntry> | undefined>();
    expectTypeOf(listPeople).returns.toEqualTypeOf<readonly DeepReadonly<InventoryEntry>[]>();
    expectTypeOf(compareCircles).returns.toEqualTypeOf<DeepReadonly<CircleComparison>>();
    expectTypeOf(eventsNearMoodChanges).returns.toEqualTypeOf<
      Result<readonly DeepReadonly<MoodChange>[], ValidationError>
    >();
  });

  test('a plain string is not a person id', () => {
    // @ts-expect-error -- ids are branded
    getPerson(inventory, 'p1');
    // @ts-expect-error -- ids are branded
    placeInCircle(circle, 'p1', 0);
    expectTypeOf(getPerson(inventory, personId)).toEqualTypeOf<
      DeepReadonly<InventoryEntry> | undefined
    >();
  });

  test('the id cannot be patched', () => {
    expectTypeOf<InventoryEntryPatch>().not.toHaveProperty('id');
    // @ts-expect-error -- changing the id is not a patch
    updatePerson(inventory, personId, { id: personId });
    expectTypeOf<InventoryEntryPatch['support']>().toExtend<object | null | undefined>();
  });

  test('returned values are readonly', () => {
    const entry = getPerson(inventory, personId);
    if (entry !== undefined) {
      // @ts-expect-error -- entries are readonly
      entry.label = 'changed';
      const satisfying = entry.satisfying ?? [];
      // @ts-expect-error -- nested lists are readonly
      satisfying[0] = 'more';
    }
    const change = compareCircles(circle, circle);
    expectTypeOf(change.movedInward).toEqualTypeOf<readonly DeepReadonly<RingMove>[]>();
    // @ts-expect-error -- the comparison is readonly
    change.added[0] = { personId, ring: 0 };
    // @ts-expect-error -- timelines are readonly
    timeline.events.length = 0;
    expectTypeOf(timeline.events[0]).toEqualTypeOf<DeepReadonly<LifeEvent> | undefined>();
  });
});
