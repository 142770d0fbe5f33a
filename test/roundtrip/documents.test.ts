/**
 * No data loss in stored documents (issue #9, "Data loss"): every document type round-trips
 * losslessly through its stored form (toDocument -> JSON text -> parseDocument, and again), for
 * generated valid data; and every published version of every type has a pinned fixture that
 * parses and migrates to the latest version without losing a value. A new document type or
 * version fails here until it has a generator and a fixture.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentTypes,
  latestDocumentVersion,
  migrateDocument,
  parseDocument,
  toDocument,
  type DocumentSchemaName,
} from '../../src/document/document.js';
import { courseArbitrary, courseEventsArbitrary } from '../../src/testing/course.js';

/** Valid data of each document type, as a caller holds it before storing. */
const generators: Record<DocumentSchemaName, fc.Arbitrary<unknown>> = {
  'iptkit/course-events': fc.oneof(
    courseEventsArbitrary({ maxSteps: 50 }),
    courseEventsArbitrary({ maxSteps: 30, ending: 'always', unicode: true }),
    fc.constant([]),
  ),
  'iptkit/course-snapshot': fc.oneof(
    { weight: 6, arbitrary: courseArbitrary({ maxSteps: 50 }).map((course) => course.state) },
    {
      weight: 3,
      arbitrary: courseArbitrary({ maxSteps: 30, ending: 'always', unicode: true }).map(
        (course) => course.state,
      ),
    },
    // The state before a course starts.
    { weight: 1, arbitrary: fc.constant(null) },
  ),
};

const names = Object.keys(documentTypes) as DocumentSchemaName[];

/** A plain copy through JSON: what a file gives back. */
function viaJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('every document type round-trips losslessly', () => {
  it('has a generator for every document type', () => {
    expect(Object.keys(generators).sort()).toEqual([...names].sort());
  });

  for (const name of names) {
    it(`${name}: toDocument -> JSON -> parseDocument gives the same data, and again`, () => {
      fc.assert(
        fc.property(generators[name], (data) => {
          const firstText = JSON.stringify(toDocument(name, data));
          const first = parseDocument(JSON.parse(firstText));
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          expect(first.value.schema).toBe(name);
          expect(first.value.version).toBe(latestDocumentVersion[name]);
          // Every value kept, nothing added (toStrictEqual also sees undefined keys and -0).
          expect(first.value.data).toStrictEqual(viaJson(data));
          const secondText = JSON.stringify(toDocument(name, first.value.data));
          const second = parseDocument(JSON.parse(secondText));
          expect(second.ok && second.value.data).toStrictEqual(first.value.data);
          if (!second.ok) return;
          // Once read, the stored text is stable: the same bytes on every later save. (The first
          // save may list a catalog protocol's keys in the catalog's order rather than the
          // schema's: the same data, in another key order.)
          expect(JSON.stringify(toDocument(name, second.value.data))).toBe(secondText);
          const migrated = migrateDocument(JSON.parse(secondText));
          expect(migrated.ok && migrated.value.data).toStrictEqual(first.value.data);
        }),
        { numRuns: 40 },
      );
    });
  }
});

/** The pinned fixture of a document type's version: `test/fixtures/<name>.v<N>.json`. */
function fixtureUrl(name: DocumentSchemaName, version: number): URL {
  const short = name.replace(/^iptkit\//, '');
  return new URL(`../fixtures/${short}.v${String(version)}.json`, import.meta.url);
}

describe('every published version has a pinned fixture that migrates without loss', () => {
  for (const name of names) {
    const versions = documentTypes[name];
    versions.forEach((_version, index) => {
      const version = index + 1;
      it(`${name} version ${String(version)}`, () => {
        const url = fixtureUrl(name, version);
        expect(existsSync(url), `fixture ${url.pathname}`).toBe(true);
        const stored = JSON.parse(readFileSync(url, 'utf8')) as {
          schema: unknown;
          version: unknown;
          data: unknown;
        };
        expect(stored.schema).toBe(name);
        expect(stored.version).toBe(version);
        const parsed = parseDocument(stored);
        expect(parsed.ok).toBe(true);
        // Stored as it was written: parsing keeps every value.
        expect(parsed.ok && parsed.value.data).toStrictEqual(stored.data);
        const migrated = migrateDocument(stored);
        expect(migrated.ok).toBe(true);
        if (!migrated.ok) return;
        expect(migrated.value.version).toBe(latestDocumentVersion[name]);
        // The fixtures of one type pin the same record in every version, so the migrated data
        // must be the latest fixture's data exactly: nothing dropped or changed on the way.
        const latest = JSON.parse(
          readFileSync(fixtureUrl(name, latestDocumentVersion[name]), 'utf8'),
        ) as { data: unknown };
        expect(migrated.value.data).toStrictEqual(latest.data);
        // Migrating what was migrated changes nothing.
        const again = migrateDocument(viaJson(migrated.value));
        expect(again.ok && again.value.data).toStrictEqual(migrated.value.data);
      });
    });
  }
});
