import { describe, expect, it } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import type { Result } from '../internal/result.js';
import { createCircle, moveInCircle, placeInCircle, removeFromCircle } from './circle.js';
import {
  addPerson,
  emptyInventory,
  getPerson,
  hasPerson,
  Inventory,
  listPeople,
  removePerson,
  updateCircle,
  updatePerson,
} from './inventory.js';
import type { InventoryEntryInput } from './person.js';

const id = (value: string) => value as PersonId;

function value<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): TValue {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

function issues<TValue>(result: Result<TValue, { issues: readonly Issue[] }>): readonly Issue[] {
  if (result.ok) throw new Error('expected a failure');
  return result.error.issues;
}

const codesAndPaths = (found: readonly Issue[]) => found.map((item) => [item.code, item.path]);

function person(
  personId: string,
  overrides: Partial<InventoryEntryInput> = {},
): InventoryEntryInput {
  return {
    id: personId,
    label: `Label of ${personId}`,
    relationship: 'friend',
    vitalStatus: { status: 'alive' },
    period: 'current',
    ...overrides,
  };
}

function inventoryWith(...ids: string[]): DeepReadonly<Inventory> {
  let current = value(emptyInventory());
  for (const personId of ids) current = value(addPerson(current, person(personId)));
  return current;
}

function isDeeplyFrozen(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return true;
  return Object.isFrozen(root) && Object.values(root).every(isDeeplyFrozen);
}

describe('emptyInventory', () => {
  it('has no people and a circle of 3 rings by default [CAREPATRON, SCRS]', () => {
    expect(value(emptyInventory())).toEqual({
      people: {},
      circle: { ringCount: 3, placements: {} },
    });
  });

  it('takes another ring count, such as the 4 rings some worksheets show [CAREPATRON]', () => {
    expect(value(emptyInventory({ ringCount: 4 })).circle.ringCount).toBe(4);
  });

  it.each([0, 11, 2.5, Number.NaN])('rejects %d rings at ["options", "ringCount"]', (ringCount) => {
    expect(issues(emptyInventory({ ringCount })).map((found) => found.path)).toEqual([
      ['options', 'ringCount'],
    ]);
  });

  it('is deeply frozen and passes the Inventory schema', () => {
    const empty = value(emptyInventory());
    expect(isDeeplyFrozen(empty)).toBe(true);
    expect(safeParseWith(Inventory, empty)).toEqual({ ok: true, value: empty });
  });
});

describe('addPerson [ALPF, ISIPT]', () => {
  it('adds the validated, trimmed entry under its id', () => {
    const next = value(addPerson(value(emptyInventory()), person('p1', { label: '  Sam ' })));
    expect(next.people).toEqual({ p1: { ...person('p1'), label: 'Sam' } });
    expect(isDeeplyFrozen(next)).toBe(true);
  });

  it('keeps current and past people, living and deceased [ALPF, ISIPT]', () => {
    const next = value(
      addPerson(
        inventoryWith('p1'),
        person('p2', { vitalStatus: { status: 'deceased', diedOn: '2025-11-03' }, period: 'past' }),
      ),
    );
    expect(listPeople(next).map((entry) => [entry.id, entry.period])).toEqual([
      ['p1', 'current'],
      ['p2', 'past'],
    ]);
  });

  it('fails with person-exists at ["entry", "id"] and does not quote the label', () => {
    const found = issues(addPerson(inventoryWith('p1'), person('p1', { label: 'ZZSECRET Sam' })));
    expect(codesAndPaths(found)).toEqual([['person-exists', ['entry', 'id']]]);
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('reports schema problems under ["entry", ...]', () => {
    const found = issues(
      addPerson(inventoryWith(), {
        ...person('p1'),
        label: '',
        ZZSECRET: 'x',
      } as InventoryEntryInput),
    );
    expect(codesAndPaths(found).sort()).toEqual(
      [
        ['too-small', ['entry', 'label']],
        ['unrecognized-keys', ['entry']],
      ].sort(),
    );
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('never changes its arguments, not even their frozenness', () => {
    const before = inventoryWith('p1');
    const entry = person('p2', { satisfying: ['kind'] });
    const entryCopy = structuredClone(entry);
    addPerson(before, entry);
    expect(entry).toEqual(entryCopy);
    expect(Object.isFrozen(entry)).toBe(false);
    expect(Object.keys(before.people)).toEqual(['p1']);
  });

  it('shares unchanged entries with the previous inventory (structural sharing)', () => {
    const before = inventoryWith('p1');
    const after = value(addPerson(before, person('p2')));
    expect(after.people[id('p1')]).toBe(before.people[id('p1')]);
  });
});

describe('ids that are also names of Object.prototype members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s works as a person id',
    (personId) => {
      const empty = value(emptyInventory());
      expect(getPerson(empty, id(personId))).toBeUndefined();
      expect(hasPerson(empty, id(personId))).toBe(false);
      expect(codesAndPaths(issues(removePerson(empty, id(personId))))).toEqual([
        ['person-not-found', ['personId']],
      ]);
      const added = value(addPerson(empty, person(personId)));
      expect(getPerson(added, id(personId))?.id).toBe(personId);
      const placed = value(updateCircle(added, (circle) => placeInCircle(circle, id(personId), 1)));
      expect(safeParseWith(Inventory, JSON.parse(JSON.stringify(placed)))).toEqual({
        ok: true,
        value: placed,
      });
      expect(value(removePerson(placed, id(personId)))).toEqual(value(emptyInventory()));
    },
  );
});

describe('updatePerson', () => {
  const base = value(
    addPerson(
      value(emptyInventory()),
      person('p1', { support: { level: 'some' }, satisfying: ['a', 'b'], relationshipNote: 'x' }),
    ),
  );

  it('replaces the given fields and keeps the others', () => {
    const next = value(updatePerson(base, id('p1'), { label: 'Samuel', satisfying: ['c'] }));
    expect(getPerson(next, id('p1'))).toEqual({
      ...getPerson(base, id('p1')),
      label: 'Samuel',
      satisfying: ['c'],
    });
  });

  it('records a death: status deceased with the date, relationship now past [ISIPT, invariant 5]', () => {
    const next = value(
      updatePerson(base, id('p1'), {
        vitalStatus: { status: 'deceased', diedOn: '2026-01-10' },
        period: 'past',
      }),
    );
    expect(listPeople(next, { status: 'deceased' }).map((entry) => entry.id)).toEqual(['p1']);
    expect(getPerson(next, id('p1'))?.vitalStatus).toEqual({
      status: 'deceased',
      diedOn: '2026-01-10',
    });
  });

  it('null clears an optional field', () => {
    const next = value(updatePerson(base, id('p1'), { support: null, relationshipNote: null }));
    const entry = getPerson(next, id('p1'));
    expect(entry).not.toHaveProperty('support');
    expect(entry).not.toHaveProperty('relationshipNote');
    expect(entry?.satisfying).toEqual(['a', 'b']);
  });

  it('an empty patch gives an equal inventory', () => {
    expect(value(updatePerson(base, id('p1'), {}))).toEqual(base);
  });

  it.each([
    ['person-not-found', 'p9', {}, [['person-not-found', ['personId']]]],
    ['a malformed id', 'Jane Doe', {}, [['invalid-format', ['personId']]]],
    ['changing the id', 'p1', { id: 'p2' }, [['unrecognized-keys', ['patch']]]],
    ['clearing a required field', 'p1', { label: null }, [['invalid-type', ['patch', 'label']]]],
    [
      'a bad nested value',
      'p1',
      { support: { level: 'lots' } },
      [['invalid-value', ['patch', 'support', 'level']]],
    ],
  ])('fails for %s', (_name, personId, patch, expected) => {
    expect(codesAndPaths(issues(updatePerson(base, id(personId), patch as never)))).toEqual(
      expected,
    );
  });

  it('never changes the inventory or the patch', () => {
    const before = structuredClone(base);
    const patch = { satisfying: ['new'] };
    updatePerson(base, id('p1'), patch);
    expect(base).toEqual(before);
    expect(patch).toEqual({ satisfying: ['new'] });
    expect(Object.isFrozen(patch)).toBe(false);
  });
});

describe('removePerson', () => {
  it('removes the person and their circle placement, leaving no dangling reference', () => {
    const placed = value(
      updateCircle(inventoryWith('p1', 'p2'), (circle) => placeInCircle(circle, id('p1'), 0)),
    );
    const next = value(removePerson(placed, id('p1')));
    expect(Object.keys(next.people)).toEqual(['p2']);
    expect(next.circle).toEqual({ ringCount: 3, placements: {} });
    expect(safeParseWith(Inventory, next).ok).toBe(true);
  });

  it('keeps other placements and the ring count', () => {
    let current = value(
      updateCircle(inventoryWith('p1', 'p2'), (circle) => placeInCircle(circle, id('p1'), 0)),
    );
    current = value(updateCircle(current, (circle) => placeInCircle(circle, id('p2'), 2)));
    expect(value(removePerson(current, id('p1'))).circle).toEqual({
      ringCount: 3,
      placements: { p2: 2 },
    });
  });

  it('fails with person-not-found at ["personId"]', () => {
    expect(codesAndPaths(issues(removePerson(inventoryWith('p1'), id('p2'))))).toEqual([
      ['person-not-found', ['personId']],
    ]);
  });
});

describe('listPeople', () => {
  const inventory = (() => {
    let current = inventoryWith('b', 'a', '10', '9');
    current = value(updatePerson(current, id('a'), { period: 'past', relationship: 'parent' }));
    current = value(
      updatePerson(current, id('9'), { vitalStatus: { status: 'deceased' }, period: 'past' }),
    );
    return value(updateCircle(current, (circle) => placeInCircle(circle, id('b'), 0)));
  })();

  it('lists everyone sorted by id in code-unit order (not insertion or numeric order)', () => {
    expect(listPeople(inventory).map((entry) => entry.id)).toEqual(['10', '9', 'a', 'b']);
  });

  it.each([
    [{ period: 'past' }, ['9', 'a']],
    [{ period: 'current' }, ['10', 'b']],
    [{ status: 'deceased' }, ['9']],
    [{ status: 'alive' }, ['10', 'a', 'b']],
    [{ relationship: 'parent' }, ['a']],
    [{ placed: true }, ['b']],
    [{ placed: false }, ['10', '9', 'a']],
    [{ period: 'past', status: 'alive' }, ['a']],
  ] as const)('filters by %j', (filter, expected) => {
    expect(listPeople(inventory, filter).map((entry) => entry.id)).toEqual(expected);
  });

  it('returns a frozen list', () => {
    expect(Object.isFrozen(listPeople(inventory))).toBe(true);
  });
});

describe('updateCircle: the closeness circle of the inventory [PP-CC]', () => {
  it('applies place, move and remove', () => {
    let current = inventoryWith('p1');
    current = value(updateCircle(current, (circle) => placeInCircle(circle, id('p1'), 2)));
    expect(current.circle.placements).toEqual({ p1: 2 });
    current = value(updateCircle(current, (circle) => moveInCircle(circle, id('p1'), 0)));
    expect(current.circle.placements).toEqual({ p1: 0 });
    current = value(updateCircle(current, (circle) => removeFromCircle(circle, id('p1'))));
    expect(current.circle.placements).toEqual({});
  });

  it('refuses to place someone who is not in the inventory (dangling-person)', () => {
    const found = issues(
      updateCircle(inventoryWith('p1'), (circle) => placeInCircle(circle, id('ghost'), 0)),
    );
    expect(codesAndPaths(found)).toEqual([['dangling-person', ['circle', 'placements', 'ghost']]]);
  });

  it('passes the circle operation error through', () => {
    const found = issues(
      updateCircle(inventoryWith('p1'), (circle) => placeInCircle(circle, id('p1'), 3)),
    );
    expect(codesAndPaths(found)).toEqual([['ring-out-of-range', ['ring']]]);
  });

  it('validates a circle the change builds by hand', () => {
    const found = issues(
      updateCircle(inventoryWith('p1'), () => ({
        ok: true,
        value: { ringCount: 2, placements: { p1: 5 } } as never,
      })),
    );
    expect(codesAndPaths(found)).toEqual([['ring-out-of-range', ['circle', 'placements', 'p1']]]);
  });

  it('can replace the circle with a fresh one of another size', () => {
    const next = value(updateCircle(inventoryWith('p1'), () => createCircle({ ringCount: 5 })));
    expect(next.circle).toEqual({ ringCount: 5, placements: {} });
  });
});

describe('Inventory schema', () => {
  const valid = {
    people: { p1: person('p1'), p2: person('p2') },
    circle: { ringCount: 3, placements: { p1: 0 } },
  };

  it('round-trips a valid inventory', () => {
    expect(safeParseWith(Inventory, valid)).toEqual({ ok: true, value: valid });
  });

  it('rejects a placement of someone not in people (dangling-person)', () => {
    const found = issues(
      safeParseWith(Inventory, { ...valid, circle: { ringCount: 3, placements: { p3: 1 } } }),
    );
    expect(codesAndPaths(found)).toEqual([['dangling-person', ['circle', 'placements', 'p3']]]);
  });

  it('rejects an entry stored under another id (id-mismatch)', () => {
    const found = issues(safeParseWith(Inventory, { ...valid, people: { p1: person('p2') } }));
    expect(codesAndPaths(found)).toEqual([['id-mismatch', ['people', 'p1', 'id']]]);
  });

  it('reports keys that are not ids by count and position, never quoting them', () => {
    const found = issues(
      safeParseWith(Inventory, {
        people: { p1: person('p1'), 'ZZSECRET Jane Doe': person('p2'), 'ZZSECRET Bob': {} },
        circle: { ringCount: 3, placements: {} },
      }),
    );
    expect(codesAndPaths(found)).toEqual([['invalid-key', ['people']]]);
    expect(found[0]!.message).toContain('2 keys');
    expect(found[0]!.message).toContain('positions 2, 3');
    expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('reports problems inside entries with id-only paths', () => {
    const found = issues(
      safeParseWith(Inventory, {
        ...valid,
        people: { ...valid.people, p2: { ...person('p2'), label: 7 } },
      }),
    );
    expect(codesAndPaths(found)).toEqual([['invalid-type', ['people', 'p2', 'label']]]);
  });
});
