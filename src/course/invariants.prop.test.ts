/**
 * Properties of the snapshot consistency check (issue #9): it finds nothing wrong with any state
 * that legal commands build (no false alarm), and, on snapshots of real courses given one mutation
 * that still pass the `Course` schema, it is at least as strict as the independent invariant
 * checker of the tests (`checkInvariants`, test/support/course-arbitraries.ts, written from IPT
 * reference section 11): whenever that checker finds a broken invariant, so does this one. Its
 * messages never carry the course's text or ids, and it never throws.
 */
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  checkInvariants,
  intentSequence,
  MARKER,
  runIntents,
} from '../../test/support/course-arbitraries.js';
import { asJson, oneMutation, type Json } from '../../test/support/mutations.js';
import type { Issue } from '../internal/issues.js';
import { KEBAB_CASE } from '../internal/issues.js';
import { courseArbitrary } from '../testing/course.js';
import { courseInvariantIssues } from './invariants.js';
import { Course } from './state.js';

/** Every string of a value (keys included) that is client text or an id: never in a message. */
function inputStrings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    // Ids (they carry a digit) and anything marked; short words such as enum values are skipped.
    if (value.includes(MARKER) || (value.length >= 3 && /\d/.test(value))) into.add(value);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      inputStrings(key, into);
      inputStrings(child, into);
    }
  }
  return into;
}

function expectClean(issues: readonly Issue[], input: unknown): void {
  const strings = inputStrings(input);
  for (const found of issues) {
    expect(found.code).toMatch(KEBAB_CASE);
    expect(found.message).not.toContain(MARKER);
    for (const text of strings) expect(found.message).not.toContain(text);
    for (const key of found.path) {
      if (typeof key === 'string') expect(key).not.toContain(' ');
    }
  }
}

describe('no false alarm: states built by legal commands keep every invariant', () => {
  test.prop([courseArbitrary({ maxSteps: 80, marker: MARKER })], { numRuns: 150 })(
    'every generated course (IPT reference 11), as built and as read back from JSON',
    ({ state }) => {
      expect(courseInvariantIssues(state)).toEqual([]);
      expect(courseInvariantIssues(JSON.parse(JSON.stringify(state)) as typeof state)).toEqual([]);
    },
  );

  test.prop([courseArbitrary({ maxSteps: 40, ending: 'always', unicode: true })], {
    numRuns: 60,
  })('every ended course (IPT reference 11.7, 11.10)', ({ state }) => {
    expect(state.outcome).not.toBeNull();
    expect(courseInvariantIssues(state)).toEqual([]);
  });

  test.prop([intentSequence(50)], { numRuns: 80 })(
    'every state along plausible and implausible command sequences (refused steps leave it)',
    (intents) => {
      runIntents(intents, (step) => {
        if (step.after !== null) expect(courseInvariantIssues(step.after)).toEqual([]);
      });
    },
  );
});

describe('at least as strict as the test oracle on mutated snapshots', () => {
  // Real courses (some ended), as a snapshot file holds them, drawn once with fixed seeds.
  const snapshots: readonly Json[] = [
    ...fc.sample(courseArbitrary({ maxSteps: 80, marker: MARKER }), { numRuns: 12, seed: 91 }),
    ...fc.sample(courseArbitrary({ maxSteps: 40, ending: 'always', marker: MARKER }), {
      numRuns: 6,
      seed: 92,
    }),
  ].map((course) => asJson(course.state));
  it('whenever checkInvariants finds a broken invariant, courseInvariantIssues reports one', () => {
    const counts = { schemaValid: 0, oracleBroken: 0, oursBroken: 0 };
    fc.assert(
      fc.property(fc.nat(snapshots.length - 1), fc.nat(), fc.nat(), (which, pick, choice) => {
        const { value, kind, path } = oneMutation(snapshots[which]!, pick, choice);
        const parsed = Course.safeParse(value);
        if (!parsed.success) return;
        counts.schemaValid += 1;
        const ours = courseInvariantIssues(parsed.data);
        const oracle = checkInvariants(parsed.data);
        if (oracle.length > 0) counts.oracleBroken += 1;
        if (ours.length > 0) counts.oursBroken += 1;
        expect(
          oracle.length === 0 || ours.length > 0,
          `${kind} at ${path.join('.')}: the oracle found ${oracle.join('; ')}`,
        ).toBe(true);
        expectClean(ours, value);
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: mutations did pass the schema and did break invariants (about 850 and 25 in
    // a typical run).
    expect(counts.schemaValid).toBeGreaterThan(300);
    expect(counts.oracleBroken).toBeGreaterThanOrEqual(5);
    expect(counts.oursBroken).toBeGreaterThanOrEqual(counts.oracleBroken);
  });
});

describe('never throws', () => {
  test.prop([fc.anything({ withNullPrototype: true, withBoxedValues: true })], { numRuns: 500 })(
    'on anything at all (the schema would refuse it): a list of issues, unreadable-input at most',
    (junk) => {
      const issues = courseInvariantIssues(junk as never);
      expect(Array.isArray(issues)).toBe(true);
      for (const found of issues) expect(found.code).toMatch(KEBAB_CASE);
    },
  );
});
