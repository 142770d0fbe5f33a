import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import * as z from 'zod';
import { describe, expect } from 'vitest';
import {
  convertToJsonSchema,
  portablePattern,
  trimmedPattern,
  trimmedWhitespacePattern,
  untrimmedLengthPattern,
} from './convert.js';

/** How ajv (and JSON Schema) runs a pattern: ECMAScript, Unicode mode, unanchored search. */
const matches = (pattern: string, text: string) => new RegExp(pattern, 'u').test(text);

/** Characters trim removes, characters it keeps that look like whitespace, and letters. */
const character = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u180e',
  '\u200b',
  '\u001c',
  '\u0085',
  'a',
  'b',
  '.',
);
const text = fc.array(character, { maxLength: 12 }).map((characters) => characters.join(''));

describe('trimmed strings', () => {
  test('the whitespace class is exactly what String.prototype.trim removes (every BMP character)', () => {
    const whitespace = new RegExp(`^${trimmedWhitespacePattern}$`, 'u');
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      expect(whitespace.test(char), `U+${code.toString(16)}`).toBe(char.trim() === '');
    }
  });

  test.prop([text, fc.integer({ min: 0, max: 4 }), fc.option(fc.integer({ min: 0, max: 6 }))])(
    'the input pattern accepts exactly the strings whose trimmed length is within the limits',
    (value, min, maybeMax) => {
      const max = maybeMax ?? undefined;
      const trimmed = value.trim().length;
      const expected = trimmed >= min && (max === undefined || trimmed <= max);
      expect(matches(untrimmedLengthPattern(min, max), value)).toBe(expected);
    },
  );

  test.prop([text, fc.integer({ min: 0, max: 1 })])(
    'the output pattern accepts exactly the strings trim leaves unchanged',
    (value, min) => {
      const expected = value === value.trim() && value.length >= min;
      expect(matches(trimmedPattern(min), value)).toBe(expected);
    },
  );

  test.prop([text, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 3, max: 8 })])(
    'zod and the generated input and output schemas agree on a trimmed string',
    (value, min, max) => {
      const schema = z.string().trim().min(min).max(max);
      const input = convertToJsonSchema(schema, 'input').schema;
      const output = convertToJsonSchema(schema, 'output').schema;
      expect(input.minLength).toBeUndefined();
      expect(input.maxLength).toBeUndefined();
      expect(output).toMatchObject({ minLength: min, maxLength: max });
      const parsed = schema.safeParse(value);
      expect(matches(input.pattern ?? '', value)).toBe(parsed.success);
      if (parsed.success) expect(matches(output.pattern ?? '', parsed.data)).toBe(true);
    },
  );

  test('a long text padded with whitespace is within the limit for zod and the input schema', () => {
    const schema = z.string().trim().min(1).max(5);
    const pattern = convertToJsonSchema(schema, 'input').schema.pattern ?? '';
    const padded = `${' '.repeat(50)}abcde\n`;
    expect(schema.safeParse(padded).success).toBe(true);
    expect(matches(pattern, padded)).toBe(true);
    expect(matches(pattern, `${' '.repeat(50)}abcdef`)).toBe(false);
  });

  test('metadata on a trimmed string (the sensitive mark) is kept', () => {
    const schema = z.string().trim().min(1).max(9).meta({ sensitive: 'name' });
    expect(convertToJsonSchema(schema, 'input').schema.sensitive).toBe('name');
    expect(convertToJsonSchema(schema, 'output').schema.sensitive).toBe('name');
  });

  test('a string that is not trimmed keeps zod’s own keywords', () => {
    expect(convertToJsonSchema(z.string().min(1).max(5), 'input').schema).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 5,
    });
  });
});

describe('pipes', () => {
  const record = z
    .record(z.string(), z.unknown())
    .superRefine(() => undefined)
    .pipe(z.record(z.string().regex(/^[a-z]+$/), z.int()));

  test('a pipe whose first stage changes nothing is described by both stages on input', () => {
    const { schema } = convertToJsonSchema(record, 'input');
    expect(schema).toEqual(convertToJsonSchema(record, 'output').schema);
    expect(schema).toMatchObject({
      propertyNames: { pattern: '^[a-z]+$' },
      additionalProperties: { type: 'integer' },
    });
  });

  test('a first stage that says more than "an object" is kept beside the second', () => {
    const piped = z
      .string()
      .max(10)
      .pipe(z.string().regex(/^[0-9]+$/));
    expect(convertToJsonSchema(piped, 'input').schema).toEqual({
      allOf: [
        { type: 'string', maxLength: 10 },
        { type: 'string', pattern: '^[0-9]+$' },
      ],
    });
  });

  test('a pipe after a transform is left to zod (its input is the first stage)', () => {
    const piped = z
      .string()
      .transform((value) => value.length)
      .pipe(z.int());
    expect(convertToJsonSchema(piped, 'input').schema).toEqual({ type: 'string' });
  });
});

describe('what JSON Schema cannot say', () => {
  test('a transform or a date never makes generation fail; the place is reported', () => {
    const schema = z.strictObject({
      at: z.date(),
      length: z.string().transform((value) => value.length),
    });
    const output = convertToJsonSchema(schema, 'output');
    expect(output.unrepresentable).toEqual(['/properties/at', '/properties/length']);
    expect(output.schema.properties).toEqual({ at: {}, length: {} });
    expect(convertToJsonSchema(schema, 'input').unrepresentable).toEqual(['/properties/at']);
  });
});

describe('portable patterns', () => {
  test.each([
    ['^\\d{4}$', '^[0-9]{4}$'],
    ['[\\d.]+', '[0-9.]+'],
    ['\\D', '[^0-9]'],
    ['[^\\D]', '[^\\D]'],
    ['\\\\d', '\\\\d'],
    ['a\\.b', 'a\\.b'],
    ['[\\]\\d]', '[\\]0-9]'],
  ])('%s becomes %s', (source, expected) => {
    expect(portablePattern(source)).toBe(expected);
  });

  const datePattern = (z.toJSONSchema(z.iso.date()) as { pattern: string }).pattern;
  test.prop([fc.oneof(fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/), fc.string())])(
    'a date pattern means the same in ECMAScript before and after',
    (value) => {
      expect(matches(portablePattern(datePattern), value)).toBe(matches(datePattern, value));
    },
  );
});
