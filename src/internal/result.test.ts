import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, isErr, isOk, ok } from './result.js';
import type { Result } from './result.js';

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

describe('ok', () => {
  it('wraps a value as { ok: true, value } with no other keys', () => {
    const result = ok(42);
    expect(result).toEqual({ ok: true, value: 42 });
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
  });

  it('keeps the very value it was given, without copying it', () => {
    const value = { name: 'x', items: [1, 2] };
    expect(ok(value).value).toBe(value);
  });

  it('keeps an undefined value as an own property', () => {
    const result = ok(undefined);
    expect(result.ok).toBe(true);
    expect(Object.hasOwn(result, 'value')).toBe(true);
    expect(result.value).toBeUndefined();
  });

  it('returns a frozen result whose fields cannot be reassigned', () => {
    const result = ok('value');
    expect(Object.isFrozen(result)).toBe(true);
    expect(() => {
      assignIn(result, 'ok', false);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(result, 'value', 'other');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(result, 'error', 'added');
    }).toThrow(TypeError);
    expect(result).toEqual({ ok: true, value: 'value' });
  });

  it('returns a new result object on every call', () => {
    expect(ok(1)).not.toBe(ok(1));
  });
});

describe('err', () => {
  it('wraps an error as { ok: false, error } with no other keys', () => {
    const error = { kind: 'validation', issues: [] };
    const result = err(error);
    expect(result).toEqual({ ok: false, error });
    expect(result.error).toBe(error);
    expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
  });

  it('returns a frozen result whose fields cannot be reassigned', () => {
    const result = err('boom');
    expect(Object.isFrozen(result)).toBe(true);
    expect(() => {
      assignIn(result, 'ok', true);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(result, 'error', 'other');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(result, 'value', 'added');
    }).toThrow(TypeError);
    expect(result).toEqual({ ok: false, error: 'boom' });
  });
});

describe('isOk and isErr', () => {
  const success: Result<number, string> = ok(1);
  const failure: Result<number, string> = err('no');

  it('isOk is true for a success and false for a failure', () => {
    expect(isOk(success)).toBe(true);
    expect(isOk(failure)).toBe(false);
  });

  it('isErr is true for a failure and false for a success', () => {
    expect(isErr(failure)).toBe(true);
    expect(isErr(success)).toBe(false);
  });

  it('reads the ok flag of hand-built results too', () => {
    const handBuilt: Result<string, string> = { ok: false, error: 'e' };
    expect(isOk(handBuilt)).toBe(false);
    expect(isErr(handBuilt)).toBe(true);
  });

  it('are exact opposites and preserve the wrapped payload for any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const success2: Result<unknown, unknown> = ok(value);
        const failure2: Result<unknown, unknown> = err(value);
        expect(isOk(success2)).toBe(true);
        expect(isErr(success2)).toBe(false);
        expect(isOk(failure2)).toBe(false);
        expect(isErr(failure2)).toBe(true);
        expect(Object.is(ok(value).value, value)).toBe(true);
        expect(Object.is(err(value).error, value)).toBe(true);
      }),
    );
  });
});
