import { describe, expect, test } from 'vitest';
import { courseRules } from '../src/index.js';
import {
  createReceiver,
  examplePayloads,
  sharedSchemaLines,
  type Verdict,
} from './shared-schemas.js';

const paths = (verdict: Verdict) =>
  [...new Set(verdict.problems.map((found) => found.path))].sort();

describe('examples/shared-schemas', () => {
  const receive = createReceiver();
  const payloads = examplePayloads();

  test('a good payload passes the JSON Schema, zod and the rules', () => {
    const receipt = receive(payloads.good);
    expect(receipt.jsonSchema).toEqual({ valid: true, problems: [] });
    expect(receipt.zod).toEqual({ valid: true, problems: [] });
    expect(receipt.rules).toEqual({ valid: true, problems: [] });
  });

  test('a bad payload fails both, and both point at the same places', () => {
    const receipt = receive(payloads.bad);
    expect(receipt.jsonSchema.valid).toBe(false);
    expect(receipt.zod.valid).toBe(false);
    expect(paths(receipt.jsonSchema)).toEqual(['/data/1', '/data/1/date', '/data/1/number']);
    expect(paths(receipt.zod)).toEqual(paths(receipt.jsonSchema));
    expect(receipt.zod.problems.map((found) => found.code).sort()).toEqual([
      'invalid-format',
      'too-small',
      'unrecognized-keys',
    ]);
    expect(receipt.rules).toBeUndefined();
  });

  test('no message quotes the unknown key or its value', () => {
    const receipt = receive(payloads.bad);
    for (const found of [...receipt.jsonSchema.problems, ...receipt.zod.problems]) {
      expect(found.message).not.toMatch(/room|4B/);
    }
  });

  test('a well-formed payload that breaks a course rule passes both schemas; replay refuses it', () => {
    const receipt = receive(payloads.againstRule);
    expect(receipt.jsonSchema.valid).toBe(true);
    expect(receipt.zod.valid).toBe(true);
    expect(receipt.rules?.valid).toBe(false);
    expect(receipt.rules?.problems).toEqual([
      { path: '/data/2', code: 'session-out-of-order', message: expect.any(String) as unknown },
    ]);
    expect(courseRules['session-out-of-order'].rule).toMatch(/numbered/);
  });

  test('telling ajv the discriminator changes no verdict, only how many problems are reported', () => {
    const plain = createReceiver({ tagged: false });
    for (const text of Object.values(payloads)) {
      expect(plain(text).jsonSchema.valid).toBe(receive(text).jsonSchema.valid);
    }
    expect(plain(payloads.bad).jsonSchema.problems.length).toBeGreaterThan(
      receive(payloads.bad).jsonSchema.problems.length,
    );
  });

  test('prints each verdict', () => {
    const lines = sharedSchemaLines();
    expect(lines).toContain('Payload "againstRule":');
    expect(lines).toContain('    /data/1/number  too-small: must be at least 1');
    expect(lines).toContain('    /data/1/number  minimum: must be >= 1');
    expect(lines.filter((line) => line === '  rules        not checked')).toHaveLength(1);
  });
});
