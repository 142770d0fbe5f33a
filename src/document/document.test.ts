import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import * as z from 'zod';
import { beforeEach, describe, expect, vi } from 'vitest';
import {
  addPerson,
  DAY0,
  executeAll,
  hasFrozenPart,
  isDeeplyFrozen,
  MARKER,
  recordPhq9,
  session,
  startIpt,
} from '../../test/support/course-arbitraries.js';
import { isIptError } from '../internal/ipt-error.js';
import type { Issue } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import {
  documentTypes,
  isDocumentSchemaName,
  latestDocumentVersion,
  migrateDocument,
  migrateDocumentWith,
  parseDocument,
  parseDocumentOrThrow,
  parseDocumentWith,
  toDocument,
  type DocumentVersions,
} from './document.js';

const { events, state } = executeAll([
  startIpt(),
  addPerson('p1', 'alive'),
  session(1),
  recordPhq9('m1', DAY0, 1),
]);

/** The issues of a failed result, as [code, path] pairs. */
function issuesOf(result: Result<unknown, { issues: readonly Issue[] }>): [string, unknown][] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(JSON.stringify(result.error)).not.toContain(MARKER);
  return result.error.issues.map((found) => [found.code, found.path]);
}

describe('parseDocument', () => {
  test('parses a course-events document at version 1 and returns it frozen, input untouched', () => {
    const stored = JSON.parse(JSON.stringify(toDocument('iptkit/course-events', events))) as object;
    const copy = structuredClone(stored);
    const parsed = parseDocument(stored);
    expect(parsed).toStrictEqual({
      ok: true,
      value: { schema: 'iptkit/course-events', version: 1, data: events },
    });
    expect(isDeeplyFrozen(parsed)).toBe(true);
    expect(stored).toEqual(copy);
    expect(hasFrozenPart(stored)).toBe(false);
  });

  test('parses a course-snapshot document, including the state before the start (null)', () => {
    expect(parseDocument(toDocument('iptkit/course-snapshot', state))).toStrictEqual({
      ok: true,
      value: { schema: 'iptkit/course-snapshot', version: 1, data: state },
    });
    expect(parseDocument({ schema: 'iptkit/course-snapshot', version: 1, data: null })).toEqual({
      ok: true,
      value: { schema: 'iptkit/course-snapshot', version: 1, data: null },
    });
  });

  test('an unknown schema is unknown-schema at [schema], without quoting it', () => {
    expect(issuesOf(parseDocument({ schema: 'iptkit/zzsecret', version: 1, data: [] }))).toEqual([
      ['unknown-schema', ['schema']],
    ]);
    const result = parseDocument({ schema: 'iptkit/zzsecret', version: 1, data: [] });
    expect(JSON.stringify(result)).not.toContain('zzsecret');
    // Not even of the iptkit/<name> form.
    expect(issuesOf(parseDocument({ schema: 'other/thing', version: 1, data: [] }))).toEqual([
      ['invalid-format', ['schema']],
    ]);
  });

  test('versions 0, 2 and "1" are refused at [version]', () => {
    const at = (version: unknown) =>
      issuesOf(parseDocument({ schema: 'iptkit/course-events', version, data: [] }));
    expect(at(0)).toEqual([['too-small', ['version']]]);
    expect(at(2)).toEqual([['unsupported-version', ['version']]]);
    expect(at('1')).toEqual([['invalid-type', ['version']]]);
    expect(at(1.5).map(([, path]) => path)).toEqual([['version']]);
    expect(parseDocument({ schema: 'iptkit/course-events', version: 1, data: [] }).ok).toBe(true);
  });

  test('the envelope is strict and must be an object', () => {
    expect(
      issuesOf(
        parseDocument({ schema: 'iptkit/course-events', version: 1, data: [], [MARKER]: 1 }),
      ),
    ).toEqual([['unrecognized-keys', []]]);
    for (const input of [null, 42, 'document', [], undefined]) {
      expect(issuesOf(parseDocument(input))).toEqual([['invalid-type', []]]);
    }
  });

  test("the data's issues carry paths prefixed with ['data', ...]", () => {
    const stored = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
    stored[2] = { ...stored[2], number: 0, status: 'late' };
    const found = issuesOf(parseDocument(toDocument('iptkit/course-events', stored)));
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const [, path] of found) expect((path as unknown[]).slice(0, 2)).toEqual(['data', 2]);
    expect(found).toContainEqual(['too-small', ['data', 2, 'number']]);
    expect(found).toContainEqual(['invalid-value', ['data', 2, 'status']]);
    const snapshot = { ...(state as object), sessionCount: -1 };
    expect(issuesOf(parseDocument(toDocument('iptkit/course-snapshot', snapshot)))).toEqual([
      ['too-small', ['data', 'sessionCount']],
    ]);
    expect(
      issuesOf(parseDocument({ schema: 'iptkit/course-events', version: 1 })).map(([, p]) => p),
    ).toEqual([['data']]);
  });

  test('client text in invalid data is never quoted', () => {
    const stored = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
    stored[1] = { type: 'person-added', person: { id: 'p1', label: MARKER.repeat(20) } };
    const result = parseDocument(toDocument('iptkit/course-events', stored));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(MARKER);
  });

  test('an unreadable document (a throwing getter) is unreadable-input, not a throw', () => {
    const hostile = {
      schema: 'iptkit/course-events',
      version: 1,
      get data(): unknown {
        throw new Error(MARKER);
      },
    };
    expect(issuesOf(parseDocument(hostile))).toEqual([['unreadable-input', []]]);
  });

  test.prop([fc.anything()], { numRuns: 300 })('never throws on anything', (input) => {
    const result = parseDocument(input);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok) expect(result.error.issues.length).toBeGreaterThan(0);
  });

  test.prop([fc.constantFrom(...Object.keys(documentTypes)), fc.anything()], { numRuns: 200 })(
    'never throws on any data under a known schema',
    (schema, data) => {
      const result = parseDocument({ schema, version: 1, data });
      if (!result.ok) {
        for (const found of result.error.issues) expect(found.path[0]).toBe('data');
      }
    },
  );

  test('parseDocumentOrThrow returns the document or throws an IptError', () => {
    const good = toDocument('iptkit/course-events', events);
    const parsed = parseDocument(good);
    expect(parsed.ok).toBe(true);
    expect(parseDocumentOrThrow(good)).toEqual(parsed.ok ? parsed.value : undefined);
    let thrown: unknown;
    try {
      parseDocumentOrThrow({ schema: 'iptkit/nope', version: 1, data: [] });
    } catch (error) {
      thrown = error;
    }
    expect(isIptError(thrown)).toBe(true);
  });

  test('isDocumentSchemaName knows the two course documents and nothing inherited', () => {
    expect(isDocumentSchemaName('iptkit/course-events')).toBe(true);
    expect(isDocumentSchemaName('iptkit/course-snapshot')).toBe(true);
    for (const name of ['iptkit/nope', 'constructor', '__proto__', 'toString', '']) {
      expect(isDocumentSchemaName(name)).toBe(false);
    }
  });
});

describe('toDocument and migrateDocument', () => {
  test('toDocument wraps data in the latest version of its type', () => {
    for (const schema of ['iptkit/course-events', 'iptkit/course-snapshot'] as const) {
      const document = toDocument(schema, events);
      expect(document.schema).toBe(schema);
      expect(document.version).toBe(documentTypes[schema].length);
      expect(document.version).toBe(latestDocumentVersion[schema]);
      expect(document.data).toBe(events);
    }
    // Version 1 is the first (and today the latest) release of both.
    expect(latestDocumentVersion).toEqual({
      'iptkit/course-events': 1,
      'iptkit/course-snapshot': 1,
    });
  });

  test('migrateDocument returns a version 1 document unchanged', () => {
    for (const document of [
      toDocument('iptkit/course-events', events),
      toDocument('iptkit/course-snapshot', state),
    ]) {
      const stored = JSON.parse(JSON.stringify(document)) as unknown;
      const migrated = migrateDocument(stored);
      expect(migrated).toStrictEqual(parseDocument(stored));
      expect(migrated.ok && migrated.value.version).toBe(1);
      expect(migrated.ok && migrated.value.data).toStrictEqual(document.data);
    }
  });

  test('migrateDocument reports what parseDocument reports on an invalid document', () => {
    const bad = { schema: 'iptkit/course-events', version: 2, data: [] };
    expect(migrateDocument(bad)).toEqual(parseDocument(bad));
  });
});

describe('the migration machinery, with a test registry of three versions', () => {
  const v1 = z.strictObject({ name: z.string() });
  const v2 = z.strictObject({ name: z.string(), note: z.string() });
  const v3 = z.strictObject({ fullName: z.string(), note: z.string() });
  const toV2 = vi.fn((data: unknown) => ({ ...(data as { name: string }), note: '' }));
  const toV3 = vi.fn((data: unknown) => {
    const { name, note } = data as { name: string; note: string };
    return { fullName: name, note };
  });
  const registry: Record<string, DocumentVersions> = {
    'iptkit/card': [{ data: v1, upgrade: toV2 }, { data: v2, upgrade: toV3 }, { data: v3 }],
  };
  const card = (version: number, data: unknown) => ({ schema: 'iptkit/card', version, data });

  beforeEach(() => {
    toV2.mockClear();
    toV3.mockClear();
  });

  test('every published version still parses as stored', () => {
    expect(parseDocumentWith(registry, card(1, { name: 'Ada' })).ok).toBe(true);
    expect(parseDocumentWith(registry, card(2, { name: 'Ada', note: 'n' })).ok).toBe(true);
    expect(parseDocumentWith(registry, card(3, { fullName: 'Ada', note: 'n' })).ok).toBe(true);
    const newer = parseDocumentWith(registry, card(4, { fullName: 'Ada', note: 'n' }));
    expect(issuesOf(newer)).toEqual([['unsupported-version', ['version']]]);
    expect(!newer.ok && newer.error.issues[0]?.message).toContain('1 to 3');
    expect(toV2).not.toHaveBeenCalled();
  });

  test('a version 1 document is upgraded through version 2 to version 3 with nothing dropped', () => {
    const stored = card(1, { name: 'Ada' });
    const migrated = migrateDocumentWith(registry, stored);
    expect(migrated).toEqual({
      ok: true,
      value: { schema: 'iptkit/card', version: 3, data: { fullName: 'Ada', note: '' } },
    });
    expect(toV2).toHaveBeenCalledTimes(1);
    expect(toV2).toHaveBeenCalledWith({ name: 'Ada' });
    expect(toV3).toHaveBeenCalledTimes(1);
    expect(toV3).toHaveBeenCalledWith({ name: 'Ada', note: '' });
    expect(toV2.mock.invocationCallOrder[0]!).toBeLessThan(toV3.mock.invocationCallOrder[0]!);
    // Nothing dropped: every value of version 1 is still in version 3.
    expect(Object.values(migrated.ok ? (migrated.value.data as object) : {})).toContain('Ada');
    expect(isDeeplyFrozen(migrated)).toBe(true);
    expect(stored).toEqual(card(1, { name: 'Ada' }));
  });

  test('a version 2 document takes only the last step and keeps its note', () => {
    const migrated = migrateDocumentWith(registry, card(2, { name: 'Ada', note: 'kept' }));
    expect(migrated.ok && migrated.value).toEqual({
      schema: 'iptkit/card',
      version: 3,
      data: { fullName: 'Ada', note: 'kept' },
    });
    expect(toV2).not.toHaveBeenCalled();
    expect(toV3).toHaveBeenCalledTimes(1);
  });

  test('a latest-version document is returned as parsed, with no upgrade', () => {
    const stored = card(3, { fullName: 'Ada', note: 'n' });
    expect(migrateDocumentWith(registry, stored)).toEqual(parseDocumentWith(registry, stored));
    expect(toV2).not.toHaveBeenCalled();
    expect(toV3).not.toHaveBeenCalled();
  });

  test('an upgrade works on a copy: changing its argument changes nothing stored', () => {
    const stored = card(2, { name: 'Ada', note: 'n' });
    const destructive: Record<string, DocumentVersions> = {
      'iptkit/card': [
        { data: v1, upgrade: toV2 },
        {
          data: v2,
          upgrade: (data) => {
            const record = data as { name?: string; note: string };
            const fullName = record.name;
            delete record.name;
            return { fullName, note: record.note };
          },
        },
        { data: v3 },
      ],
    };
    expect(migrateDocumentWith(destructive, stored).ok).toBe(true);
    expect(stored).toEqual(card(2, { name: 'Ada', note: 'n' }));
  });

  test('a version without an upgrade passes its data on unchanged', () => {
    const passThrough: Record<string, DocumentVersions> = {
      'iptkit/card': [{ data: v2 }, { data: v2 }],
    };
    expect(migrateDocumentWith(passThrough, card(1, { name: 'Ada', note: 'n' }))).toEqual({
      ok: true,
      value: { schema: 'iptkit/card', version: 2, data: { name: 'Ada', note: 'n' } },
    });
  });

  test('a failing upgrade is migration-failed at [version], quoting nothing it threw', () => {
    const failing: Record<string, DocumentVersions> = {
      'iptkit/card': [
        {
          data: v1,
          upgrade: () => {
            throw new Error(MARKER);
          },
        },
        { data: v2 },
      ],
    };
    const result = migrateDocumentWith(failing, card(1, { name: 'Ada' }));
    expect(issuesOf(result)).toEqual([['migration-failed', ['version']]]);
  });

  test('a step that produces invalid data fails with the issues of the next version', () => {
    const sloppy: Record<string, DocumentVersions> = {
      'iptkit/card': [
        { data: v1, upgrade: (data) => ({ ...(data as object), note: 42 }) },
        { data: v2, upgrade: toV3 },
        { data: v3 },
      ],
    };
    expect(issuesOf(migrateDocumentWith(sloppy, card(1, { name: 'Ada' })))).toEqual([
      ['invalid-type', ['data', 'note']],
    ]);
    expect(toV3).not.toHaveBeenCalled();
  });

  test('an invalid stored document is refused before any upgrade', () => {
    expect(issuesOf(migrateDocumentWith(registry, card(1, { name: 7 })))).toEqual([
      ['invalid-type', ['data', 'name']],
    ]);
    expect(toV2).not.toHaveBeenCalled();
  });
});
