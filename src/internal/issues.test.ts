import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { KEBAB_CASE, issue, issuesFromZod, validationError } from './issues.js';
import type { Issue } from './issues.js';

/** Runs a schema and converts its failure; fails the test if the input unexpectedly passes. */
function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be rejected');
  return issuesFromZod(parsed.error);
}

const SECRET_NAME = 'Alice Smith';
const SECRET_TEXT = 'secret-name';

describe('issuesFromZod maps every zod issue kind to a kebab-case code', () => {
  it('invalid_type -> invalid-type naming the expected type, at the field path', () => {
    expect(issuesOf(z.object({ name: z.string() }), { name: 42 })).toEqual([
      { code: 'invalid-type', path: ['name'], message: 'expected string' },
    ]);
  });

  it('invalid_type at the root has an empty path', () => {
    expect(issuesOf(z.object({}), 'text')).toEqual([
      { code: 'invalid-type', path: [], message: 'expected object' },
    ]);
  });

  it.each([
    [z.string().min(3), 'ab', 'must have at least 3 characters'],
    [z.array(z.number()).min(2), [1], 'must have at least 2 items'],
    [z.set(z.number()).min(2), new Set([1]), 'must have at least 2 items'],
    [z.number().min(1), 0, 'must be at least 1'],
    [z.number().positive(), 0, 'must be greater than 0'],
    [z.bigint().min(5n), 1n, 'must be at least 5'],
  ] as const)('too_small -> too-small with a bound message (%#)', (schema, input, message) => {
    expect(issuesOf(schema, input)).toEqual([{ code: 'too-small', path: [], message }]);
  });

  it.each([
    [z.string().max(3), 'abcd', 'must have at most 3 characters'],
    [z.array(z.number()).max(2), [1, 2, 3], 'must have at most 2 items'],
    [z.number().max(10), 11, 'must be at most 10'],
    [z.number().lt(10), 10, 'must be less than 10'],
    [z.bigint().max(5n), 7n, 'must be at most 5'],
  ] as const)('too_big -> too-big with a bound message (%#)', (schema, input, message) => {
    expect(issuesOf(schema, input)).toEqual([{ code: 'too-big', path: [], message }]);
  });

  it.each([
    [z.email(), 'must be a valid email'],
    [z.iso.date(), 'must be a valid date'],
    [z.iso.datetime(), 'must be a valid datetime'],
    [z.uuid(), 'must be a valid uuid'],
  ] as const)('invalid_format -> invalid-format naming the format (%#)', (schema, message) => {
    expect(issuesOf(z.object({ field: schema }), { field: SECRET_TEXT })).toEqual([
      { code: 'invalid-format', path: ['field'], message },
    ]);
  });

  it('invalid_format from a regex -> invalid-format quoting the schema pattern, not the input', () => {
    expect(issuesOf(z.object({ code: z.string().regex(/^\d+$/) }), { code: SECRET_TEXT })).toEqual([
      {
        code: 'invalid-format',
        path: ['code'],
        message: 'does not have the required form (/^\\d+$/)',
      },
    ]);
  });

  it.each([
    [z.string().min(1), '', 'must have at least 1 character'],
    [z.string().max(1), 'ab', 'must have at most 1 character'],
    [z.array(z.number()).min(1), [], 'must have at least 1 item'],
    [z.array(z.number()).max(1), [1, 2], 'must have at most 1 item'],
  ] as const)('uses the singular noun for a size bound of one (%#)', (schema, input, message) => {
    const [found] = issuesOf(schema, input);
    expect(found!.message).toBe(message);
  });

  it('not_multiple_of -> not-multiple-of naming the divisor', () => {
    expect(issuesOf(z.number().multipleOf(5), 7)).toEqual([
      { code: 'not-multiple-of', path: [], message: 'must be a multiple of 5' },
    ]);
  });

  it('unrecognized_keys -> unrecognized-keys at the object, counting the keys', () => {
    const schema = z.strictObject({ nested: z.strictObject({ a: z.string() }) });
    expect(issuesOf(schema, { nested: { a: 'x', [SECRET_NAME]: 1 } })).toEqual([
      {
        code: 'unrecognized-keys',
        path: ['nested'],
        message: 'has 1 key that the schema does not know',
      },
    ]);
    expect(issuesOf(schema, { nested: { a: 'x', one: 1, two: 2 } })).toEqual([
      {
        code: 'unrecognized-keys',
        path: ['nested'],
        message: 'has 2 keys that the schema does not know',
      },
    ]);
  });

  it('invalid_union with a discriminator -> invalid-discriminator at the discriminator, listing options', () => {
    const schema = z.object({
      focus: z.discriminatedUnion('type', [
        z.object({ type: z.literal('grief') }),
        z.object({ type: z.literal('role-dispute') }),
      ]),
    });
    const expected = [
      {
        code: 'invalid-discriminator',
        path: ['focus', 'type'],
        message: 'must be one of "grief", "role-dispute"',
      },
    ];
    expect(issuesOf(schema, { focus: { type: SECRET_TEXT } })).toEqual(expected);
    expect(issuesOf(schema, { focus: {} })).toEqual(expected);
  });

  it('invalid_union with a discriminator appends the discriminator when the path lacks it', () => {
    const error = new z.ZodError([
      {
        code: 'invalid_union',
        errors: [],
        discriminator: 'type',
        path: ['focus'],
        message: 'zod text',
      },
    ]);
    expect(issuesFromZod(error)).toEqual([
      {
        code: 'invalid-discriminator',
        path: ['focus', 'type'],
        message: 'does not name a known variant',
      },
    ]);
  });

  it('invalid_union without a discriminator -> invalid-union', () => {
    expect(issuesOf(z.object({ v: z.union([z.string(), z.number()]) }), { v: true })).toEqual([
      { code: 'invalid-union', path: ['v'], message: 'does not match any allowed form' },
    ]);
  });

  it('invalid_key -> invalid-key, with a key that could be a name masked as [key] in the path', () => {
    expect(issuesOf(z.record(z.string().max(3), z.number()), { [SECRET_NAME]: 1 })).toEqual([
      { code: 'invalid-key', path: ['[key]'], message: 'has a record key that is not allowed' },
    ]);
  });

  it('keeps id-shaped record keys in the path', () => {
    expect(issuesOf(z.record(z.string(), z.number()), { 'person-1': 'x' })).toEqual([
      { code: 'invalid-type', path: ['person-1'], message: 'expected number' },
    ]);
  });

  it('invalid_key of a map with object keys -> invalid-key at the map', () => {
    const schema = z.map(z.object({ a: z.string() }), z.number());
    expect(issuesOf(schema, new Map([[{ a: 1 }, 1]]))).toEqual([
      { code: 'invalid-key', path: [], message: 'has a map key that is not allowed' },
    ]);
  });

  it('invalid_element of a map with object keys -> invalid-element at the map', () => {
    const schema = z.map(z.object({ a: z.string() }), z.number());
    expect(issuesOf(schema, new Map([[{ a: 'x' }, SECRET_TEXT]]))).toEqual([
      { code: 'invalid-element', path: [], message: 'has a map element that is not allowed' },
    ]);
  });

  it('invalid_value -> invalid-value listing the allowed values from the schema', () => {
    expect(issuesOf(z.enum(['grief', 'impasse']), SECRET_TEXT)).toEqual([
      { code: 'invalid-value', path: [], message: 'must be one of "grief", "impasse"' },
    ]);
    expect(issuesOf(z.literal(3), 4)).toEqual([
      { code: 'invalid-value', path: [], message: 'must be one of 3' },
    ]);
  });

  it('symbol keys in a path become the text [symbol]', () => {
    const issues = issuesOf(z.record(z.string(), z.number()), { [Symbol('hidden')]: 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('invalid-key');
    expect(issues[0]!.path).toEqual(['[symbol]']);
  });
});

describe('issuesFromZod custom issues', () => {
  it('keeps a kebab-case params.code and the schema author message', () => {
    const schema = z
      .object({ start: z.number(), end: z.number() })
      .refine((range) => range.start <= range.end, {
        error: 'must not end before it starts',
        path: ['end'],
        params: { code: 'range-reversed' },
      });
    expect(issuesOf(schema, { start: 5, end: 1 })).toEqual([
      { code: 'range-reversed', path: ['end'], message: 'must not end before it starts' },
    ]);
  });

  it.each([
    ['no params', undefined],
    ['a code with a space', { code: 'Not Kebab' }],
    ['an upper-case code', { code: 'Range-Reversed' }],
    ['a snake_case code', { code: 'range_reversed' }],
    ['a code with a trailing dash', { code: 'range-' }],
    ['a code starting with a digit', { code: '1-range' }],
    ['an empty code', { code: '' }],
    ['a numeric code', { code: 42 }],
  ])('falls back to the code invalid for %s', (_label, params) => {
    const schema = z.string().refine(() => false, params === undefined ? {} : { params });
    const issues = issuesOf(schema, SECRET_TEXT);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('invalid');
    expect(issues[0]!.path).toEqual([]);
  });
});

describe('issuesFromZod in general', () => {
  it('prepends the prefix to every path', () => {
    const error = z.object({ a: z.string(), b: z.array(z.number()) }).safeParse({
      a: 1,
      b: ['x'],
    }).error!;
    expect(issuesFromZod(error, ['protocols', 2]).map((found) => found.path)).toEqual([
      ['protocols', 2, 'a'],
      ['protocols', 2, 'b', 0],
    ]);
  });

  it('keeps every problem in zod order', () => {
    const schema = z.object({ a: z.string(), b: z.number(), c: z.boolean() });
    expect(issuesOf(schema, {}).map((found) => found.path)).toEqual([['a'], ['b'], ['c']]);
  });

  it('returns frozen issues with frozen paths', () => {
    const [found] = issuesOf(z.object({ a: z.string() }), { a: 1 });
    expect(Object.isFrozen(found)).toBe(true);
    expect(Object.isFrozen(found!.path)).toBe(true);
  });

  it('returns issues holding only code, path and message (never the input)', () => {
    const issues = issuesOf(z.object({ name: z.number() }), { name: SECRET_TEXT });
    expect(Object.keys(issues[0]!).sort()).toEqual(['code', 'message', 'path']);
  });
});

describe('issuesFromZod messages never contain input text', () => {
  const cases: [string, z.ZodType, unknown][] = [
    ['an unrecognized key', z.strictObject({ a: z.string() }), { a: 'x', [SECRET_NAME]: 1 }],
    ['a wrong type', z.object({ age: z.number() }), { age: SECRET_TEXT }],
    ['a too-long string', z.object({ id: z.string().max(3) }), { id: SECRET_TEXT }],
    ['a too-short string', z.string().min(50), SECRET_TEXT],
    ['an email format', z.email(), SECRET_TEXT],
    ['a regex format', z.string().regex(/^\d+$/), SECRET_TEXT],
    ['a prefix format', z.string().startsWith('abc'), SECRET_TEXT],
    ['an enum value', z.enum(['a', 'b']), SECRET_TEXT],
    ['a literal value', z.literal('x'), SECRET_TEXT],
    ['a union', z.union([z.number(), z.boolean()]), SECRET_TEXT],
    [
      'a discriminator',
      z.discriminatedUnion('type', [z.object({ type: z.literal('a') })]),
      { type: SECRET_TEXT },
    ],
    ['a record key', z.record(z.enum(['a']), z.number()), { a: 1, [SECRET_NAME]: 1 }],
    ['a default custom refinement', z.string().refine(() => false), SECRET_TEXT],
    [
      'a map element',
      z.map(z.object({}), z.number()),
      new Map([[{ [SECRET_NAME]: SECRET_TEXT }, SECRET_TEXT]]),
    ],
  ];

  it.each(cases)('for %s', (_label, schema, input) => {
    const issues = issuesOf(schema, input);
    expect(issues.length).toBeGreaterThan(0);
    for (const found of issues) {
      expect(found.message).not.toContain(SECRET_NAME);
      expect(found.message).not.toContain(SECRET_TEXT);
      expect(found.message).not.toContain('Alice');
      expect(found.code).toMatch(KEBAB_CASE);
    }
  });
});

describe('issue and validationError', () => {
  it('issue builds a frozen issue with a frozen copy of the path', () => {
    const path: (string | number)[] = ['a', 0];
    const built = issue('too-small', path, 'must be bigger');
    path.push('later');
    expect(built).toEqual({ code: 'too-small', path: ['a', 0], message: 'must be bigger' });
    expect(Object.isFrozen(built)).toBe(true);
    expect(Object.isFrozen(built.path)).toBe(true);
  });

  it('validationError builds a frozen validation error with a frozen copy of the issues', () => {
    const first = issue('a', [], 'm');
    const issues = [first];
    const error = validationError(issues);
    issues.push(issue('b', [], 'n'));
    expect(error).toEqual({ kind: 'validation', issues: [first] });
    expect(Object.isFrozen(error)).toBe(true);
    expect(Object.isFrozen(error.issues)).toBe(true);
  });
});

describe('KEBAB_CASE', () => {
  it.each(['invalid', 'too-small', 'a1', 'phq9-item-3', 'x-1-y'])('accepts %j', (code) => {
    expect(KEBAB_CASE.test(code)).toBe(true);
  });

  it.each(['', 'Invalid', 'too_small', 'too--small', '-a', 'a-', '1a', 'a b', 'tooSmall'])(
    'rejects %j',
    (code) => {
      expect(KEBAB_CASE.test(code)).toBe(false);
    },
  );
});

describe('issuesFromZod string-format messages', () => {
  it('describes a startsWith mismatch without the words "valid starts with"', () => {
    const [found] = issuesOf(z.string().startsWith('abc'), 'xyz');
    expect(found!.message).not.toContain('valid starts with');
  });
});
