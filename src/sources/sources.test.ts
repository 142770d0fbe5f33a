import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { Provenance, SourceKey, SourceRef, isSourceKey, sources } from './sources.js';

const KEYS = Object.keys(sources);

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

function codesAndPaths(schema: typeof Provenance | typeof SourceRef, input: unknown) {
  const result = safeParseWith(schema, input);
  if (result.ok) return [];
  return result.error.issues.map((found) => ({ code: found.code, path: found.path }));
}

describe('sources catalog', () => {
  it('has the reference keys the rest of the catalogs cite', () => {
    for (const key of ['CG7', 'ISIPT', 'ALPF', 'MEMPHIS-RD', 'WHO16', 'IPTB']) {
      expect(KEYS).toContain(key);
    }
  });

  it('uses only upper-case reference tags as keys', () => {
    for (const key of KEYS) expect(key).toMatch(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/);
  });

  it('makes every key a valid SourceKey, in catalog order', () => {
    expect(SourceKey.options).toEqual(KEYS);
    for (const key of KEYS) {
      expect(SourceKey.safeParse(key)).toEqual({ success: true, data: key });
    }
  });

  it('gives every entry exactly one non-empty, trimmed citation of at most 300 characters', () => {
    for (const [key, entry] of Object.entries(sources)) {
      expect(Object.keys(entry), key).toEqual(['citation']);
      expect(typeof entry.citation, key).toBe('string');
      expect(entry.citation.length, key).toBeGreaterThan(0);
      expect(entry.citation.length, key).toBeLessThanOrEqual(300);
      expect(entry.citation.trim(), key).toBe(entry.citation);
    }
  });

  it('has no two entries with the same citation', () => {
    const citations = Object.values(sources).map((entry) => entry.citation);
    expect(new Set(citations).size).toBe(citations.length);
  });

  it('is deeply frozen: neither the catalog nor an entry can be changed', () => {
    expect(Object.isFrozen(sources)).toBe(true);
    for (const entry of Object.values(sources)) expect(Object.isFrozen(entry)).toBe(true);
    expect(() => {
      assignIn(sources, 'NEW-KEY', { citation: 'x' });
    }).toThrow(TypeError);
    expect(() => {
      assignIn(sources.CG7, 'citation', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      delete (sources as Record<string, unknown>).CG7;
    }).toThrow(TypeError);
    expect(sources.CG7.citation).toContain('Termination of Treatment');
    expect(KEYS).not.toContain('NEW-KEY');
  });
});

describe('SourceKey', () => {
  it.each(['cg7', 'CG7 ', '', 'UNKNOWN', 'toString', '__proto__'])(
    'rejects %j with invalid-value',
    (value) => {
      const result = safeParseWith(SourceKey, value);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues.map((found) => found.code)).toEqual(['invalid-value']);
    },
  );
});

describe('isSourceKey', () => {
  it('is true for every catalog key', () => {
    for (const key of KEYS) expect(isSourceKey(key)).toBe(true);
  });

  it.each([
    '',
    'cg7',
    ' CG7',
    'CG7 ',
    'UNKNOWN',
    'toString',
    'constructor',
    'hasOwnProperty',
    '__proto__',
    'valueOf',
    'citation',
  ])('is false for %j', (ref) => {
    expect(isSourceKey(ref)).toBe(false);
  });

  it('agrees with SourceKey on every string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...KEYS)), (ref) => {
        expect(isSourceKey(ref)).toBe(SourceKey.safeParse(ref).success);
      }),
    );
  });
});

describe('SourceRef', () => {
  it.each([
    ['a one-character ref', 'x'],
    ['a catalog key', 'CG7'],
    ['a free citation', 'Our clinic manual, section 4 (2025)'],
    ['a 300-character citation', 'c'.repeat(300)],
  ])('accepts %s', (_label, value) => {
    expect(SourceRef.safeParse(value)).toEqual({ success: true, data: value });
  });

  it('rejects an empty string with too-small', () => {
    expect(codesAndPaths(SourceRef, '')).toEqual([{ code: 'too-small', path: [] }]);
  });

  it('rejects a 301-character string with too-big', () => {
    expect(codesAndPaths(SourceRef, 'c'.repeat(301))).toEqual([{ code: 'too-big', path: [] }]);
  });

  it('rejects a non-string with invalid-type', () => {
    expect(codesAndPaths(SourceRef, 7)).toEqual([{ code: 'invalid-type', path: [] }]);
  });
});

describe('Provenance', () => {
  it('accepts sources alone, and with unconfirmed and a note', () => {
    expect(safeParseWith(Provenance, { sources: ['CG7'] })).toEqual({
      ok: true,
      value: { sources: ['CG7'] },
    });
    const full = { sources: ['CG7', 'A custom manual'], unconfirmed: true, note: 'checked 2026' };
    expect(safeParseWith(Provenance, full)).toEqual({ ok: true, value: full });
  });

  it('accepts twenty sources', () => {
    expect(Provenance.safeParse({ sources: Array(20).fill('CG7') }).success).toBe(true);
  });

  it('rejects an unknown key without naming it', () => {
    const result = safeParseWith(Provenance, { sources: ['CG7'], 'Alice Smith': 'secret-name' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => [found.code, found.path])).toEqual([
      ['unrecognized-keys', []],
    ]);
    expect(JSON.stringify(result.error)).not.toContain('Alice');
    expect(JSON.stringify(result.error)).not.toContain('secret-name');
  });

  it.each([
    ['missing sources', {}, [{ code: 'invalid-type', path: ['sources'] }]],
    ['no sources', { sources: [] }, [{ code: 'too-small', path: ['sources'] }]],
    ['21 sources', { sources: Array(21).fill('CG7') }, [{ code: 'too-big', path: ['sources'] }]],
    ['an empty source', { sources: ['CG7', ''] }, [{ code: 'too-small', path: ['sources', 1] }]],
    [
      'a too-long source',
      { sources: ['c'.repeat(301)] },
      [{ code: 'too-big', path: ['sources', 0] }],
    ],
    ['a string for sources', { sources: 'CG7' }, [{ code: 'invalid-type', path: ['sources'] }]],
    [
      'a non-boolean unconfirmed',
      { sources: ['CG7'], unconfirmed: 'yes' },
      [{ code: 'invalid-type', path: ['unconfirmed'] }],
    ],
    ['an empty note', { sources: ['CG7'], note: '' }, [{ code: 'too-small', path: ['note'] }]],
    [
      'a 501-character note',
      { sources: ['CG7'], note: 'n'.repeat(501) },
      [{ code: 'too-big', path: ['note'] }],
    ],
    ['null', null, [{ code: 'invalid-type', path: [] }]],
  ])('rejects %s', (_label, input, expected) => {
    expect(codesAndPaths(Provenance, input)).toEqual(expected);
  });

  it('accepts a 500-character note', () => {
    expect(Provenance.safeParse({ sources: ['CG7'], note: 'n'.repeat(500) }).success).toBe(true);
  });
});
