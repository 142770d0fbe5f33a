import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { sensitivityOf } from '../internal/sensitive.js';
import {
  InventoryEntry,
  InventoryEntryPatch,
  isDeceased,
  Person,
  Relationship,
  RelationshipKind,
} from './person.js';

const alivePerson = {
  id: 'p-partner',
  label: 'Alex',
  relationship: 'partner',
  vitalStatus: { status: 'alive' },
  period: 'current',
} as const;

const fullEntry = {
  id: 'p-mother',
  label: 'Mum',
  relationship: 'parent',
  relationshipNote: 'lived with her until 18',
  vitalStatus: { status: 'deceased', diedOn: '2025-11-03' },
  period: 'past',
  interactions: { frequency: 'daily', content: 'phone calls about the household' },
  expectations: [
    { holder: 'client', text: 'that she would listen', met: 'partly' },
    { holder: 'other', text: 'that I would visit every Sunday', met: 'no' },
  ],
  satisfying: ['she was warm'],
  unsatisfying: ['she criticised my partner'],
  changesWanted: ['to have said goodbye'],
  support: { level: 'a-lot', confiding: true, note: 'the one I told everything' },
  communicationNotes: 'we avoided hard topics',
  aroundOnset: { changed: true, note: 'she died three weeks before the low mood began' },
  linkToEpisode: 'contributed',
} as const;

function issuesOf(schema: z.ZodType, input: unknown): readonly Issue[] {
  const result = safeParseWith(schema, input);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.error.issues;
}

/** Every string leaf of a schema with its path (`[]` marks an array element). */
function stringLeaves(schema: z.ZodType, path: string[] = []): [string, z.ZodType][] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
        stringLeaves(child, [...path, key]),
      );
    case 'optional':
    case 'nullable':
      return stringLeaves(def.innerType as z.ZodType, path);
    case 'array':
      return stringLeaves(def.element as z.ZodType, [...path, '[]']);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => stringLeaves(option, path));
    case 'string':
      return [[path.join('.'), schema]];
    default:
      return [];
  }
}

describe('Person [ALPF, ISIPT]', () => {
  it.each([
    ['a living current partner', alivePerson],
    [
      'a deceased parent with the date of death',
      {
        ...alivePerson,
        id: 'p1',
        relationship: 'parent',
        vitalStatus: { status: 'deceased', diedOn: '2024-02-29' },
        period: 'past',
      },
    ],
    [
      'a deceased person whose date is not known',
      { ...alivePerson, vitalStatus: { status: 'deceased' }, period: 'past' },
    ],
    [
      'a past co-worker with a note',
      { ...alivePerson, relationship: 'co-worker', relationshipNote: 'old team', period: 'past' },
    ],
  ])('%s parses unchanged and frozen', (_name, input) => {
    const result = safeParseWith(Person, input);
    expect(result).toEqual({ ok: true, value: input });
    if (result.ok) expect(Object.isFrozen(result.value.vitalStatus)).toBe(true);
  });

  it('the reference list of important people (family, partners, friends, co-workers) has kinds [ALPF, ISIPT]', () => {
    for (const kind of ['parent', 'sibling', 'partner', 'friend', 'co-worker']) {
      expect(RelationshipKind.options).toContain(kind);
    }
  });

  it('trims the label', () => {
    expect(safeParseWith(Person, { ...alivePerson, label: '  Alex\n' })).toEqual({
      ok: true,
      value: alivePerson,
    });
  });

  it.each([
    ['blank label', { ...alivePerson, label: '   ' }, ['label'], 'too-small'],
    ['label over 120 characters', { ...alivePerson, label: 'x'.repeat(121) }, ['label'], 'too-big'],
    ['missing period', { ...alivePerson, period: undefined }, ['period'], 'invalid-value'],
    [
      'unknown relationship',
      { ...alivePerson, relationship: 'pet' },
      ['relationship'],
      'invalid-value',
    ],
    [
      'impossible date of death',
      { ...alivePerson, vitalStatus: { status: 'deceased', diedOn: '2026-02-30' } },
      ['vitalStatus', 'diedOn'],
      'invalid-format',
    ],
    [
      'unknown vital status',
      { ...alivePerson, vitalStatus: { status: 'missing' } },
      ['vitalStatus', 'status'],
      'invalid-discriminator',
    ],
    [
      'a living person with a date of death',
      { ...alivePerson, vitalStatus: { status: 'alive', diedOn: '2020-01-01' } },
      ['vitalStatus'],
      'unrecognized-keys',
    ],
    ['a name as id', { ...alivePerson, id: 'Alex Smith' }, ['id'], 'invalid-format'],
  ])('%s is rejected at its path with its code', (_name, input, path, code) => {
    const issues = issuesOf(Person, input);
    expect(issues.map((found) => [found.code, found.path])).toEqual([[code, path]]);
  });

  it('messages never quote the label or the bad id', () => {
    const issues = issuesOf(Person, {
      ...alivePerson,
      id: 'ZZSECRET id',
      label: 'ZZSECRET'.repeat(20),
      ZZSECRETkey: 1,
    });
    expect(issues.length).toBe(3);
    for (const found of issues) expect(JSON.stringify(found)).not.toContain('ZZSECRET');
  });

  it('isDeceased reads the vital status [ISIPT, invariant 5]', () => {
    expect(isDeceased(alivePerson)).toBe(false);
    expect(isDeceased(fullEntry)).toBe(true);
  });
});

describe('InventoryEntry: the relationship fields of reference 3.1', () => {
  it('a full entry with every field parses unchanged', () => {
    expect(safeParseWith(InventoryEntry, fullEntry)).toEqual({ ok: true, value: fullEntry });
  });

  it('an entry with only the person fields is valid (every relationship field is optional)', () => {
    expect(safeParseWith(InventoryEntry, alivePerson)).toEqual({ ok: true, value: alivePerson });
    expect(safeParseWith(Relationship, {})).toEqual({ ok: true, value: {} });
  });

  it('an entry is a Person plus the Relationship fields, nothing else', () => {
    const personKeys = Object.keys(Person.shape);
    const relationshipKeys = Object.keys(Relationship.shape);
    expect(Object.keys(InventoryEntry.shape).sort()).toEqual(
      [...personKeys, ...relationshipKeys].sort(),
    );
    expect(relationshipKeys.sort()).toEqual(
      [
        'interactions',
        'expectations',
        'satisfying',
        'unsatisfying',
        'changesWanted',
        'support',
        'communicationNotes',
        'aroundOnset',
        'linkToEpisode',
      ].sort(),
    );
  });

  it.each([
    [
      'expectation without whether it is met [ALPF]',
      { ...alivePerson, expectations: [{ holder: 'client', text: 'help' }] },
      ['expectations', 0, 'met'],
      'invalid-value',
    ],
    [
      'expectation held by a third party',
      { ...alivePerson, expectations: [{ holder: 'boss', text: 'help', met: 'no' }] },
      ['expectations', 0, 'holder'],
      'invalid-value',
    ],
    [
      'an empty satisfying aspect',
      { ...alivePerson, satisfying: ['fine', ' '] },
      ['satisfying', 1],
      'too-small',
    ],
    [
      'an unknown contact frequency',
      { ...alivePerson, interactions: { frequency: 'hourly' } },
      ['interactions', 'frequency'],
      'invalid-value',
    ],
    [
      'confiding as text',
      { ...alivePerson, support: { confiding: 'yes' } },
      ['support', 'confiding'],
      'invalid-type',
    ],
    [
      'onset change without whether it changed',
      { ...alivePerson, aroundOnset: { note: 'moved out' } },
      ['aroundOnset', 'changed'],
      'invalid-type',
    ],
    [
      'a causal claim instead of a linkage',
      { ...alivePerson, linkToEpisode: 'caused' },
      ['linkToEpisode'],
      'invalid-value',
    ],
    [
      'more than 50 changes wanted',
      { ...alivePerson, changesWanted: Array.from({ length: 51 }, () => 'more time') },
      ['changesWanted'],
      'too-big',
    ],
  ])('%s is rejected at its path', (_name, input, path, code) => {
    const issues = issuesOf(InventoryEntry, input);
    expect(issues.map((found) => [found.code, found.path])).toEqual([[code, path]]);
  });

  it('free text is trimmed everywhere', () => {
    const result = safeParseWith(InventoryEntry, {
      ...alivePerson,
      satisfying: ['  kind '],
      support: { note: '\tlistens\n' },
    });
    expect(result.ok && result.value.satisfying).toEqual(['kind']);
    expect(result.ok && result.value.support?.note).toBe('listens');
  });
});

describe('sensitive marks for de-identification', () => {
  const idFields = new Set(['id']);

  it.each([
    ['Person', Person],
    ['InventoryEntry', InventoryEntry],
    ['Relationship', Relationship],
    ['InventoryEntryPatch', InventoryEntryPatch],
  ] as const)('%s: every text field but the id is marked, the label as a name', (_name, schema) => {
    const leaves = stringLeaves(schema);
    expect(leaves.length).toBeGreaterThan(0);
    for (const [path, leaf] of leaves) {
      if (idFields.has(path) || path.endsWith('diedOn')) {
        expect(sensitivityOf(leaf), path).toBeUndefined();
        continue;
      }
      expect(sensitivityOf(leaf), path).toBe(path === 'label' ? 'name' : 'free-text');
    }
  });

  it('the marks are found through optional and array wrappers', () => {
    expect(sensitivityOf(InventoryEntry.shape.satisfying)).toBe('free-text');
    expect(sensitivityOf(InventoryEntry.shape.relationshipNote)).toBe('free-text');
    expect(sensitivityOf(InventoryEntry.shape.label)).toBe('name');
    expect(sensitivityOf(InventoryEntry.shape.id)).toBeUndefined();
  });
});

describe('InventoryEntryPatch', () => {
  it('accepts any subset of fields and null for optional ones', () => {
    expect(safeParseWith(InventoryEntryPatch, {}).ok).toBe(true);
    expect(safeParseWith(InventoryEntryPatch, { support: null, label: 'Al' }).ok).toBe(true);
  });

  it('rejects changing the id and clearing a required field', () => {
    expect(issuesOf(InventoryEntryPatch, { id: 'p2' }).map((found) => found.code)).toEqual([
      'unrecognized-keys',
    ]);
    expect(issuesOf(InventoryEntryPatch, { label: null }).map((found) => found.path)).toEqual([
      ['label'],
    ]);
    expect(issuesOf(InventoryEntryPatch, { period: null }).map((found) => found.path)).toEqual([
      ['period'],
    ]);
  });
});
