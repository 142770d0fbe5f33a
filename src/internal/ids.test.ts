import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { CourseId, EventId, PersonId, SessionId, isIdShaped } from './ids.js';
import { safeParseWith } from './parse.js';

const ID_SCHEMAS = [
  ['PersonId', PersonId],
  ['CourseId', CourseId],
  ['SessionId', SessionId],
  ['EventId', EventId],
] as const;

const VALID = [
  '3f2b8c1e-9a4d-4e6b-8f0a-1c2d3e4f5a6b',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'a',
  '7',
  'person_1',
  'db:people:42',
  'v1.2-rc',
  'A'.repeat(128),
];

const INVALID = [
  '',
  ' ',
  'Jane Doe',
  ' abc',
  'abc ',
  'a b',
  'A'.repeat(129),
  '-abc',
  '.abc',
  ':abc',
  '_abc',
  'abc\n',
  '\nabc',
  'a/b',
  'a@b',
  'Zoë',
  'tab\there',
];

describe.each(ID_SCHEMAS)('%s', (_name, schema) => {
  it.each(VALID)('accepts %j and returns it unchanged', (value) => {
    expect(schema.safeParse(value)).toEqual({ success: true, data: value });
  });

  it.each(INVALID)('rejects %j with invalid-format at the root', (value) => {
    expect(safeParseWith(schema, value)).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        issues: [{ code: 'invalid-format', path: [], message: expect.any(String) as unknown }],
      },
    });
  });

  it.each([42, null, undefined, {}, ['a']])(
    'rejects the non-string %j with invalid-type',
    (value) => {
      const result = safeParseWith(schema, value);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues.map((found) => found.code)).toEqual(['invalid-type']);
    },
  );

  it('does not quote a rejected name in the issue message', () => {
    const result = safeParseWith(z.object({ id: schema }), { id: 'Jane Doe' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues[0]!.path).toEqual(['id']);
    expect(result.error.issues[0]!.message).not.toContain('Jane');
  });

  it('accepts every uuid and ulid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.ulid()), (id) => {
        expect(schema.safeParse(id).success).toBe(true);
      }),
    );
  });
});

describe('isIdShaped', () => {
  it.each(VALID)('is true for %j', (value) => {
    expect(isIdShaped(value)).toBe(true);
  });

  it.each(INVALID)('is false for %j', (value) => {
    expect(isIdShaped(value)).toBe(false);
  });

  it.each([42, null, undefined, {}, ['abc'], new String('abc')])(
    'is false for the non-string %j',
    (value) => {
      expect(isIdShaped(value)).toBe(false);
    },
  );

  it('agrees with PersonId on every string', () => {
    const idLike = fc.stringMatching(/^[A-Za-z0-9._:\- ]{0,130}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), idLike), (value) => {
        expect(isIdShaped(value)).toBe(PersonId.safeParse(value).success);
      }),
    );
  });

  it('is false for every string containing a space', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(isIdShaped(`${before} ${after}`)).toBe(false);
      }),
    );
  });
});
