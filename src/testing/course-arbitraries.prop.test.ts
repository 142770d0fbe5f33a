import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkInvariants } from '../../test/support/course-arbitraries.js';
import { CourseCommand } from '../course/commands.js';
import { execute } from '../course/decide.js';
import { CourseEvent } from '../course/events.js';
import { replay } from '../course/replay.js';
import { Course, type CourseState } from '../course/state.js';
import { migrateDocument, parseDocument } from '../document/document.js';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import {
  courseArbitrary,
  courseCommandArbitrary,
  courseEventsArbitrary,
  documentArbitrary,
  invalidCourseCommandArbitrary,
  invalidCourseEventsArbitrary,
  invalidDocumentArbitrary,
  refusedCommandArbitrary,
} from './index.js';

const MARKER = 'ZZSECRET';
const marked = { marker: MARKER } as const;

function pairs(issues: readonly Issue[] | undefined) {
  return (issues ?? []).map(({ code, path }) => ({ code, path }));
}

/** Runs commands through `execute` from `null`; fails the test on the first refusal. */
function executeAll(commands: readonly unknown[]) {
  let state: CourseState = null;
  const events: unknown[] = [];
  for (const [index, command] of commands.entries()) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`command ${index} refused: ${result.error.code}`);
    state = result.value.state;
    events.push(...result.value.events);
  }
  return { state, events };
}

describe('courseArbitrary: legal courses', () => {
  test.prop([courseArbitrary(marked)], { numRuns: 60 })(
    'its commands are accepted in order from null and give the same events and state',
    (course) => {
      expect(course.commands[0]?.type).toBe('start-course');
      const again = executeAll(course.commands);
      expect(again.events).toStrictEqual(course.events);
      expect(again.state).toStrictEqual(course.state);
    },
  );

  test.prop([courseArbitrary(marked)], { numRuns: 60 })(
    'its stored events (as JSON) replay to the same state',
    (course) => {
      const rebuilt = replay(JSON.parse(JSON.stringify(course.events)));
      expect(rebuilt.ok).toBe(true);
      if (rebuilt.ok) expect(rebuilt.value).toStrictEqual(course.state);
    },
  );

  test.prop([courseArbitrary(marked)], { numRuns: 60 })(
    'its state is a valid Course snapshot that keeps the rules of IPT reference section 11',
    (course) => {
      const parsed = safeParseWith(Course, course.state);
      expect(parsed.ok ? [] : pairs(parsed.error.issues)).toEqual([]);
      expect(checkInvariants(course.state)).toEqual([]);
      for (const event of course.events) expect(CourseEvent.safeParse(event).success).toBe(true);
    },
  );

  test.prop([courseArbitrary({ ...marked, ending: 'always' })], { numRuns: 40 })(
    "ending 'always' ends every course, after acknowledging any open risk flag (IPT reference 11.10 [CALC])",
    (course) => {
      expect(course.state.outcome).not.toBe(null);
      expect(course.events[course.events.length - 1]?.type).toBe('course-ended');
      for (const flag of Object.values(course.state.riskFlags))
        expect(flag.acknowledged).not.toBe(null);
    },
  );

  test.prop([courseArbitrary({ ending: 'never', protocols: ['ipt-brief'], maxSteps: 10 })], {
    numRuns: 40,
  })("ending 'never' and the protocol are respected (IPT-B: 8 sessions [IPTB])", (course) => {
    expect(course.state.outcome).toBe(null);
    expect(course.state.protocol.id).toBe('ipt-brief');
    expect(course.state.contract.timeLimit.sessions).toBe(8);
  });

  test('the client text of generated courses carries the marker', () => {
    const [course] = fc.sample(
      courseArbitrary({ ...marked, minSteps: 40, maxSteps: 40 }).filter((generated) =>
        generated.commands.some((command) => command.type === 'add-person'),
      ),
      { numRuns: 1, seed: 4 },
    );
    const person = Object.values(course!.state.inventory.people)[0];
    expect(person?.label.startsWith(MARKER)).toBe(true);
  });

  test('a fixed sample reaches every phase, ends, risk flags, custom protocols and most commands', () => {
    const courses = fc.sample(courseArbitrary(), { numRuns: 150, seed: 20260302 });
    const phases = new Set(courses.map((course) => course.state.phase));
    expect([...phases].sort()).toEqual(['initial', 'maintenance', 'middle', 'termination']);
    expect(courses.some((course) => course.state.outcome !== null)).toBe(true);
    expect(courses.some((course) => Object.keys(course.state.riskFlags).length > 0)).toBe(true);
    const catalog = [
      'ipt',
      'ipt-brief',
      'ipc',
      'ipt-a',
      'group-ipt',
      'ipt-m',
      'ipsrt',
      'ipt-stuart-robertson',
    ];
    expect(courses.some((course) => !catalog.includes(course.state.protocol.id))).toBe(true);
    const types = new Set(
      courses.flatMap((course) => course.commands.map((command) => command.type)),
    );
    expect(types.size).toBeGreaterThanOrEqual(19);
  });

  test('odd options never throw', () => {
    for (const options of [
      null,
      { maxSteps: -1, protocols: 'ipt', ending: 'sometimes?' },
      { protocols: [] },
    ]) {
      for (const course of fc.sample(courseArbitrary(options as never), 10)) {
        expect(course.commands[0]?.type).toBe('start-course');
      }
    }
  });
});

describe('stored streams and documents', () => {
  test.prop([courseEventsArbitrary(marked)], { numRuns: 50 })(
    'event streams are plain JSON that replay accepts',
    (events) => {
      expect(Object.isFrozen(events)).toBe(false);
      expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
      expect(replay(events).ok).toBe(true);
    },
  );

  test.prop([documentArbitrary(marked)], { numRuns: 50 })(
    'documents parse and migrate (already at the latest version)',
    (document) => {
      const parsed = parseDocument(document);
      expect(parsed.ok ? [] : pairs(parsed.error.issues)).toEqual([]);
      const migrated = migrateDocument(document);
      expect(migrated.ok && migrated.value.version).toBe(document.version);
    },
  );

  test('both document types come up, and one can be chosen', () => {
    const schemas = new Set(
      fc.sample(documentArbitrary({ maxSteps: 3 }), { numRuns: 40, seed: 1 }).map((d) => d.schema),
    );
    expect([...schemas].sort()).toEqual(['iptkit/course-events', 'iptkit/course-snapshot']);
    const snapshots = fc.sample(
      documentArbitrary({ maxSteps: 3, schema: 'iptkit/course-snapshot' }),
      10,
    );
    expect(snapshots.every((document) => document.schema === 'iptkit/course-snapshot')).toBe(true);
  });
});

describe('command shapes', () => {
  test.prop([courseCommandArbitrary(marked)], { numRuns: 300 })(
    'every generated command passes the CourseCommand schema',
    (command) => {
      const parsed = safeParseWith(CourseCommand, command);
      expect(parsed.ok ? [] : pairs(parsed.error.issues)).toEqual([]);
    },
  );

  test('every command type comes up, and types can be chosen', () => {
    const types = new Set(
      fc.sample(courseCommandArbitrary(), { numRuns: 600, seed: 9 }).map((c) => c.type),
    );
    expect(types.size).toBe(CourseCommand.options.length);
    const chosen = fc.sample(
      courseCommandArbitrary({ types: ['record-session', 'end-course'] }),
      50,
    );
    expect(new Set(chosen.map((command) => command.type))).toEqual(
      new Set(['record-session', 'end-course']),
    );
  });

  test.prop([invalidCourseCommandArbitrary(marked)], { numRuns: 300 })(
    'invalid commands fail the schema as expected, and execute answers invalid-command',
    (sample) => {
      const parsed = safeParseWith(CourseCommand, sample.value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(pairs(parsed.error.issues), sample.mutation).toContainEqual(sample.expected);
        expect(JSON.stringify(parsed.error)).not.toContain(MARKER);
      }
      const executed = execute(null, sample.value);
      expect(executed.ok || executed.error.code).toBe('invalid-command');
    },
  );
});

describe('refused commands', () => {
  test.prop([refusedCommandArbitrary(marked)], { numRuns: 80 })(
    'execute refuses the command with the expected rule and path, and changes nothing (IPT reference 11)',
    (refused) => {
      const before = JSON.stringify(refused.state);
      const result = execute(refused.state, refused.command);
      expect(result.ok, refused.mutation).toBe(false);
      if (result.ok) return;
      expect(result.error.code, refused.mutation).toBe(refused.expected.code);
      expect(result.error.path, refused.mutation).toEqual(refused.expected.path);
      expect(JSON.stringify(result.error)).not.toContain(MARKER);
      expect(JSON.stringify(refused.state)).toBe(before);
      const rebuilt = replay(JSON.parse(JSON.stringify(refused.events)));
      expect(rebuilt.ok && rebuilt.value).toStrictEqual(refused.state);
    },
  );

  test('each kind of refusal is exercised in a fixed sample', () => {
    const seen = new Set(
      fc.sample(refusedCommandArbitrary(), { numRuns: 500, seed: 20260302 }).map((r) => r.mutation),
    );
    expect([...seen].sort()).toEqual(
      [
        'started-twice',
        'session-number-skipped',
        'session-id-reused',
        'session-before-start',
        'session-past-time-limit',
        'place-unknown-person',
        'person-added-twice',
        'ring-outside-circle',
        'unplace-unplaced-person',
        'advance-to-current-phase',
        'acknowledge-unknown-flag',
        'focus-after-initial-phase',
        'focus-area-not-in-protocol',
        'grief-for-living-person',
        'end-with-open-risk-flag',
        'ending-raised-twice',
        'contract-agreed-twice',
      ].sort(),
    );
  });
});

describe('invalid event streams and documents', () => {
  test.prop([invalidCourseEventsArbitrary(marked)], { numRuns: 100 })(
    'replay refuses the stream at the expected event, for the expected reason',
    (sample) => {
      const result = replay(sample.value);
      expect(result.ok, sample.mutation).toBe(false);
      if (result.ok) return;
      expect(result.error.index, sample.mutation).toBe(sample.index);
      const cause = result.error.cause;
      if (cause.kind === 'rule') {
        expect(cause.code, sample.mutation).toBe(sample.expected.code);
        expect(cause.path, sample.mutation).toEqual(sample.expected.path);
      } else {
        expect(pairs(cause.issues), sample.mutation).toContainEqual(sample.expected);
      }
      expect(JSON.stringify(result.error)).not.toContain(MARKER);
    },
  );

  test('each stream change is exercised in a fixed sample', () => {
    const seen = new Set(
      fc.sample(invalidCourseEventsArbitrary(), { numRuns: 300, seed: 8 }).map((s) => s.mutation),
    );
    expect([...seen].sort()).toEqual(
      [
        'start-missing',
        'started-twice',
        'type-unknown',
        'unknown-key',
        'score-tampered',
        'session-renumbered',
        'date-not-a-date',
        'not-a-list',
      ].sort(),
    );
  });

  test.prop([invalidDocumentArbitrary({ ...marked, maxSteps: 10 })], { numRuns: 100 })(
    'parseDocument refuses the envelope as expected',
    (sample) => {
      const result = parseDocument(sample.value);
      expect(result.ok, sample.mutation).toBe(false);
      if (!result.ok) {
        expect(pairs(result.error.issues), sample.mutation).toContainEqual(sample.expected);
        expect(JSON.stringify(result.error)).not.toContain(MARKER);
      }
    },
  );
});
