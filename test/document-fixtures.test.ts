/**
 * Pinned documents: a complete course's event stream and its replayed snapshot, produced once by
 * running commands and stored as version 1. If a schema change stops them parsing, changes what
 * they replay to, or changes how they serialise, these tests fail: stored data cannot break
 * unnoticed. Never regenerate the fixtures to make these tests pass; add a document version and a
 * migration instead.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CourseEvent } from '../src/course/events.js';
import { replay } from '../src/course/replay.js';
import { openRiskFlags, sessionsInOrder, type CourseState } from '../src/course/state.js';
import { migrateDocument, parseDocument } from '../src/document/document.js';
import { checkInvariants } from './support/course-arbitraries.js';

function fixture(name: string): { text: string; json: { data: unknown } } {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return { text, json: JSON.parse(text) as { data: unknown } };
}

const events = fixture('course-events.v1.json');
const snapshot = fixture('course-snapshot.v1.json');

describe('pinned version 1 documents', () => {
  test('both fixtures parse with parseDocument as version 1 of their type', () => {
    const parsedEvents = parseDocument(events.json);
    expect(parsedEvents.ok && parsedEvents.value.schema).toBe('iptkit/course-events');
    expect(parsedEvents.ok && parsedEvents.value.version).toBe(1);
    const parsedSnapshot = parseDocument(snapshot.json);
    expect(parsedSnapshot.ok && parsedSnapshot.value.schema).toBe('iptkit/course-snapshot');
    expect(parsedSnapshot.ok && parsedSnapshot.value.version).toBe(1);
  });

  test('parsing keeps every value: the parsed data equals the stored data', () => {
    const parsedEvents = parseDocument(events.json);
    const parsedSnapshot = parseDocument(snapshot.json);
    expect(parsedEvents.ok && parsedEvents.value.data).toStrictEqual(events.json.data);
    expect(parsedSnapshot.ok && parsedSnapshot.value.data).toStrictEqual(snapshot.json.data);
  });

  test('replaying the pinned events gives exactly the pinned snapshot', () => {
    const replayed = replay(events.json.data);
    expect(replayed.ok).toBe(true);
    expect(replayed.ok && replayed.value).toStrictEqual(snapshot.json.data);
    const parsedSnapshot = parseDocument(snapshot.json);
    expect(replayed.ok && replayed.value).toStrictEqual(
      parsedSnapshot.ok ? parsedSnapshot.value.data : undefined,
    );
  });

  test('the pinned stream holds every event type at least once', () => {
    const stored = new Set((events.json.data as { type: string }[]).map((event) => event.type));
    const all = CourseEvent.options.map((option) => option.shape.type.value);
    expect([...stored].sort()).toEqual([...all].sort());
  });

  test('the fixtures are byte-stable: re-serialising gives the file back', () => {
    for (const { text, json } of [events, snapshot]) {
      expect(JSON.stringify(json, null, 2) + '\n').toBe(text);
    }
  });

  test('migrateDocument brings both to the latest version without losing anything', () => {
    for (const { json } of [events, snapshot]) {
      const migrated = migrateDocument(json);
      expect(migrated.ok).toBe(true);
      if (migrated.ok) expect(migrated.value.data).toStrictEqual(json.data);
    }
  });

  test('the pinned course is the complete, renegotiated course it was recorded as', () => {
    const course = snapshot.json.data as CourseState;
    expect(course).not.toBeNull();
    if (course === null) return;
    expect(checkInvariants(course)).toEqual([]);
    expect(course.protocol.id).toBe('ipt');
    expect(course.outcome).toEqual({ date: '2026-06-01', outcome: 'maintenance-agreed' });
    expect(course.phaseHistory.map((entry) => entry.phase)).toEqual([
      'initial',
      'middle',
      'termination',
    ]);
    expect(sessionsInOrder(course).map((held) => held.number)).toEqual(
      Array.from({ length: 14 }, (_, index) => index + 1),
    );
    expect(course.contract.renegotiations).toMatchObject([
      { from: { sessions: 12 }, to: { sessions: 14 } },
    ]);
    expect(course.terminationRaised).toEqual({ date: '2026-05-18', afterSession: 12 });
    expect(course.foci.primary).toEqual({
      area: 'role-dispute',
      personId: 'p-partner',
      stage: 'renegotiation',
    });
    expect(Object.keys(course.riskFlags)).toEqual(['m-phq-01:suicidalIdeation']);
    expect(openRiskFlags(course)).toEqual([]);
  });
});
