/**
 * Fuzzing `parseDocument` and `migrateDocument` (61,300 inputs in CI, see budget.ts): anything at
 * all, envelopes around junk, stored documents of real courses with one mutation, and documents
 * carrying something far past the size limits. Nothing throws; every result is well formed;
 * inputs are unchanged; the two agree (every document is at its latest version); an oversized
 * document fails on a limit; and every course snapshot they accept keeps the invariants of IPT
 * reference section 11 (checked by the independent checker of test/support/course-arbitraries.ts).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { CourseState } from '../../src/course/state.js';
import { documentTypes, migrateDocument, parseDocument } from '../../src/document/document.js';
import { checkInvariants } from '../support/course-arbitraries.js';
import {
  hostileMutationsAt,
  mutationsAt,
  oneMutation,
  pathsOf,
  type Json,
} from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { documentSamples } from './samples.js';
import { anyInput, call, check, expectResult, fuzz } from './support.js';

const names = Object.keys(documentTypes);

/**
 * Parses and migrates one input, checking both results and that they agree; an accepted course
 * snapshot must describe a course the rules could have built.
 */
function both(input: unknown, options?: unknown): void {
  const parsed = call([input, options], () => parseDocument(input, options as never));
  const migrated = call([input, options], () => migrateDocument(input, options as never));
  expectResult(parsed);
  expectResult(migrated);
  // With one version per type so far, migrating is parsing.
  check(parsed?.ok === migrated?.ok, 'parseDocument and migrateDocument agree');
  for (const result of [parsed, migrated]) {
    if (result?.ok !== true || result.value.schema !== 'iptkit/course-snapshot') continue;
    const broken = checkInvariants(result.value.data as CourseState);
    check(broken.length === 0, `an accepted snapshot keeps the invariants (${broken.join('; ')})`);
  }
}

describe('parseDocument and migrateDocument never throw', () => {
  const anyCount = runs('document', 'document-anything');
  it(
    'on anything, and on envelopes around anything',
    () => {
      const envelope = fc.record(
        {
          schema: fc.oneof(fc.constantFrom(...names, 'iptkit/other', 'iptkit/'), anyInput(1)),
          version: fc.oneof(fc.integer({ min: -1, max: 3 }), anyInput(1)),
          data: anyInput(3),
        },
        { requiredKeys: [] },
      );
      const options = fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: anyInput(2) },
        {
          weight: 1,
          arbitrary: fc.record({
            limits: fc.record(
              {
                maxStringLength: fc.integer({ min: 1, max: 100 }),
                maxDepth: fc.integer({ min: 1, max: 8 }),
                maxEvents: fc.integer({ min: 1, max: 5 }),
              },
              { requiredKeys: [] },
            ),
          }),
        },
      );
      fuzz(
        'document/document-anything',
        fc.property(fc.oneof(anyInput(3), envelope), options, (input, given) => {
          both(input, given);
        }),
        anyCount,
      );
    },
    timeoutFor(anyCount, 80),
  );

  const mutatedCount = runs('document', 'document-mutated');
  it(
    'on stored documents with one mutation',
    () => {
      const documents = documentSamples();
      fuzz(
        'document/document-mutated',
        fc.property(fc.nat(documents.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
          const { value } = oneMutation(documents[which]!, pick, choice);
          both(value);
        }),
        mutatedCount,
      );
    },
    timeoutFor(mutatedCount, 20_000),
  );

  const snapshotCount = runs('document', 'snapshot-mutated');
  it(
    'on snapshots with one change deep inside (a value out of place, a prototype key, an odd number or odd text): none accepted breaks an invariant',
    () => {
      const snapshots = documentSamples().filter(
        (document) => (document as { schema?: unknown }).schema === 'iptkit/course-snapshot',
      );
      fuzz(
        'document/snapshot-mutated',
        fc.property(fc.nat(snapshots.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
          const snapshot = snapshots[which]!;
          const paths = pathsOf(snapshot);
          const path = paths[pick % paths.length]!;
          const changes: { readonly apply: (document: Json) => unknown }[] = [
            ...mutationsAt(snapshot, path),
            ...hostileMutationsAt(snapshot, path).filter((one) => !one.kind.includes('huge')),
          ];
          const mutation = changes[choice % Math.max(1, changes.length)];
          both(mutation === undefined ? snapshot : mutation.apply(snapshot));
        }),
        snapshotCount,
      );
    },
    timeoutFor(snapshotCount, 20_000),
  );

  const hugeCount = runs('document', 'document-huge');
  it(
    'fails on a size limit when a document carries a huge string or list',
    () => {
      const documents = documentSamples();
      fuzz(
        'document/document-huge',
        fc.property(fc.nat(documents.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
          const document = documents[which]!;
          // Below `data`: a huge value anywhere in the stored data.
          const paths = pathsOf(document).filter((path) => path.length > 1);
          const path = paths[pick % paths.length]!;
          const huge = hostileMutationsAt(document, path).filter((one) =>
            one.kind.includes('huge'),
          );
          if (huge.length === 0) return;
          const value = huge[choice % huge.length]!.apply(document);
          // Not fingerprinted (a hundred thousand items): the limit refuses it before any copy.
          const parsed = call([], () => parseDocument(value));
          expectResult(parsed);
          check(parsed?.ok === false, 'an oversized document fails');
          check(
            parsed.error.issues.some((found) => found.code.startsWith('limit-')),
            'on a limit',
          );
        }),
        hugeCount,
      );
    },
    timeoutFor(hugeCount, 20_000),
  );
});
