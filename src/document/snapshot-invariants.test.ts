/**
 * Course snapshots are held to the standard of replay (issue #9): a `iptkit/course-snapshot`
 * document whose data passes the schema but describes a course no sequence of commands could
 * build fails `parseDocument` and `migrateDocument` with the broken invariants (IPT reference
 * section 11), under `['data', ...]`. The machinery: a version's `check` runs after its schema, at
 * every version a document is read or migrated through.
 */
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it, test, vi } from 'vitest';
import {
  addPerson,
  DAY0,
  executeAll,
  MARKER,
  recordPhq9,
  session,
  started,
  startIpt,
  week,
} from '../../test/support/course-arbitraries.js';
import { asJson, oneMutation, type Json } from '../../test/support/mutations.js';
import { CourseState } from '../course/state.js';
import { isIptError } from '../internal/ipt-error.js';
import { issue, type Issue } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import { courseArbitrary } from '../testing/course.js';
import {
  courseSnapshotIssues,
  migrateDocument,
  migrateDocumentWith,
  parseDocument,
  parseDocumentOrThrow,
  parseDocumentWith,
  toDocument,
  type DocumentVersions,
} from './document.js';

const course = started(
  executeAll([
    startIpt(),
    addPerson('p1', 'alive', { label: `${MARKER} Jane` }),
    session(1),
    recordPhq9('m1', DAY0, 1),
    session(2),
  ]),
);

/** A stored snapshot of the course with one change, as a file brings it. */
function snapshotWith(change: (data: Record<string, unknown>) => void): unknown {
  const data = JSON.parse(JSON.stringify(course)) as Record<string, unknown>;
  change(data);
  return { schema: 'iptkit/course-snapshot', version: 1, data };
}

function issuesOf(result: Result<unknown, { issues: readonly Issue[] }>): [string, unknown][] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(JSON.stringify(result.error)).not.toContain(MARKER);
  return result.error.issues.map((found) => [found.code, found.path]);
}

describe('parseDocument and migrateDocument refuse an inconsistent snapshot', () => {
  test('IPT reference 11.1: sessionCount not matching the sessions held, under [data, ...]', () => {
    const stored = snapshotWith((data) => {
      data.sessionCount = 1;
    });
    const expected = [['session-count-mismatch', ['data', 'sessionCount']]];
    expect(issuesOf(parseDocument(stored))).toEqual(expected);
    expect(issuesOf(migrateDocument(stored))).toEqual(expected);
    expect(migrateDocument(stored)).toEqual(parseDocument(stored));
    let thrown: unknown;
    try {
      parseDocumentOrThrow(stored);
    } catch (error) {
      thrown = error;
    }
    expect(isIptError(thrown)).toBe(true);
  });

  test('IPT reference 11.10: a stored score that is not the score of its answers', () => {
    const stored = snapshotWith((data) => {
      const measures = data.measures as Record<string, { responses: Record<string, number> }>;
      measures.m1!.responses.item9 = 0;
    });
    expect(issuesOf(parseDocument(stored))).toEqual([
      ['score-mismatch', ['data', 'measures', 'm1', 'score']],
    ]);
  });

  test('IPT reference 11.10: a risk flag for a measure that raised none', () => {
    const stored = snapshotWith((data) => {
      const flags = data.riskFlags as Record<string, Record<string, unknown>>;
      const flag = flags['m1:suicidalIdeation']!;
      flags['m2:suicidalIdeation'] = { ...flag, id: 'm2:suicidalIdeation', measureId: 'm2' };
    });
    expect(issuesOf(parseDocument(stored))).toEqual([
      ['measure-not-found', ['data', 'riskFlags', 'm2:suicidalIdeation', 'measureId']],
    ]);
  });

  test('IPT reference 11.2: a middle phase without an accepted formulation', () => {
    const stored = snapshotWith((data) => {
      data.phase = 'middle';
      data.phaseHistory = [
        { phase: 'initial', since: DAY0 },
        { phase: 'middle', since: week(2) },
      ];
    });
    expect(issuesOf(parseDocument(stored))).toEqual([
      ['focus-required', ['data', 'foci', 'primary']],
      ['formulation-required', ['data', 'formulation']],
    ]);
  });

  test('IPT reference 11.9: a placement naming a person not in the inventory (the schema says so)', () => {
    const stored = snapshotWith((data) => {
      const inventory = data.inventory as { circle: { placements: Record<string, number> } };
      inventory.circle.placements.p9 = 0;
    });
    // The inventory schema already refuses it: its code, not a second report.
    expect(issuesOf(parseDocument(stored))).toEqual([
      ['dangling-person', ['data', 'inventory', 'circle', 'placements', 'p9']],
    ]);
  });

  test('a consistent snapshot, and the state before the start, still parse', () => {
    expect(parseDocument(toDocument('iptkit/course-snapshot', course)).ok).toBe(true);
    expect(parseDocument(toDocument('iptkit/course-snapshot', null)).ok).toBe(true);
    expect(
      parseDocument(JSON.parse(JSON.stringify(toDocument('iptkit/course-snapshot', course)))),
    ).toEqual({ ok: true, value: { schema: 'iptkit/course-snapshot', version: 1, data: course } });
  });

  test('an event stream is not checked as a snapshot (replay judges streams)', () => {
    const { events } = executeAll([startIpt(), session(1)]);
    expect(parseDocument(toDocument('iptkit/course-events', events)).ok).toBe(true);
  });

  test('a snapshot breaking more than 100 invariants lists 100, then too-many-issues', () => {
    const stored = snapshotWith((data) => {
      data.disputeStages = Array.from({ length: 150 }, (_, index) => ({
        personId: `p-gone-${index}`,
        stage: 'impasse',
        date: DAY0,
      }));
    });
    const found = issuesOf(parseDocument(stored));
    expect(found).toHaveLength(101);
    expect(found[0]).toEqual(['person-not-found', ['data', 'disputeStages', 0, 'personId']]);
    expect(found[100]).toEqual(['too-many-issues', []]);
  });
});

describe('courseSnapshotIssues: what the NDJSON reader calls on a snapshot it validated itself', () => {
  test('is empty for a consistent course and for null', () => {
    expect(courseSnapshotIssues(course)).toEqual([]);
    expect(courseSnapshotIssues(null)).toEqual([]);
  });

  test('never throws: data the schema would refuse is unreadable-input', () => {
    expect(courseSnapshotIssues({} as never).map((found) => found.code)).toEqual([
      'unreadable-input',
    ]);
  });

  // Real courses with one mutation: whenever the data passes the schema, parseDocument's verdict
  // and issues are exactly courseSnapshotIssues' (and the oracle of the tests agrees elsewhere).
  const snapshots: readonly Json[] = fc
    .sample(courseArbitrary({ maxSteps: 60, marker: MARKER }), { numRuns: 8, seed: 20261126 })
    .map((generated) => asJson(generated.state));

  it('gives exactly the verdict and issues of parseDocument on every schema-valid snapshot', () => {
    let inconsistent = 0;
    fc.assert(
      fc.property(fc.nat(snapshots.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
        const { value } = oneMutation(snapshots[which]!, pick, choice);
        const parsed = CourseState.safeParse(value);
        if (!parsed.success) return;
        const stored = { schema: 'iptkit/course-snapshot', version: 1, data: value };
        const direct = courseSnapshotIssues(parsed.data);
        const result = parseDocument(stored);
        expect(result.ok).toBe(direct.length === 0);
        if (!result.ok) {
          inconsistent += 1;
          expect(result.error.issues).toEqual(direct);
          expect(JSON.stringify(result.error)).not.toContain(MARKER);
        }
      }),
      { numRuns: 1500 },
    );
    expect(inconsistent).toBeGreaterThan(0);
  });
});

describe('the check of a document version (test registry of three versions)', () => {
  const v1 = z.strictObject({ count: z.int(), items: z.array(z.string()) });
  const v2 = z.strictObject({ count: z.int(), items: z.array(z.string()), note: z.string() });
  const counted = (data: unknown): readonly Issue[] => {
    const { count, items } = data as { count: number; items: string[] };
    return count === items.length ? [] : [issue('count-mismatch', ['count'], 'must count items')];
  };
  const registry: Record<string, DocumentVersions> = {
    'iptkit/list': [
      { data: v1, upgrade: (data) => ({ ...(data as object), note: '' }) },
      { data: v2, check: counted },
    ],
  };
  const list = (version: number, data: unknown) => ({ schema: 'iptkit/list', version, data });

  test("runs on the version's data once it passes the schema, issues under [data, ...]", () => {
    expect(parseDocumentWith(registry, list(2, { count: 1, items: ['a'], note: '' })).ok).toBe(
      true,
    );
    expect(
      issuesOf(parseDocumentWith(registry, list(2, { count: 2, items: ['a'], note: '' }))),
    ).toEqual([['count-mismatch', ['data', 'count']]]);
    // A schema failure is reported alone: the check only sees valid data.
    expect(
      issuesOf(parseDocumentWith(registry, list(2, { count: 'x', items: [], note: '' }))),
    ).toEqual([['invalid-type', ['data', 'count']]]);
  });

  test('runs on data reached by migration, though the stored version had no check', () => {
    const stored = list(1, { count: 2, items: ['a'] });
    expect(parseDocumentWith(registry, stored).ok).toBe(true);
    expect(issuesOf(migrateDocumentWith(registry, stored))).toEqual([
      ['count-mismatch', ['data', 'count']],
    ]);
    expect(migrateDocumentWith(registry, list(1, { count: 1, items: ['a'] }))).toEqual({
      ok: true,
      value: { schema: 'iptkit/list', version: 2, data: { count: 1, items: ['a'], note: '' } },
    });
  });

  test("is given the schema's output, and a check that throws is unreadable-input", () => {
    const seen = vi.fn(() => [] as Issue[]);
    const trimmed: Record<string, DocumentVersions> = {
      'iptkit/list': [{ data: z.strictObject({ name: z.string().trim() }), check: seen }],
    };
    expect(parseDocumentWith(trimmed, list(1, { name: ' a ' })).ok).toBe(true);
    expect(seen).toHaveBeenCalledWith({ name: 'a' });
    const throwing: Record<string, DocumentVersions> = {
      'iptkit/list': [
        {
          data: v1,
          check: () => {
            throw new Error(MARKER);
          },
        },
      ],
    };
    expect(issuesOf(parseDocumentWith(throwing, list(1, { count: 0, items: [] })))).toEqual([
      ['unreadable-input', []],
    ]);
  });
});
