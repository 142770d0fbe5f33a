import { describe, expect, test } from 'vitest';
import { latestDocumentVersion, parseDocument } from '../src/index.js';
import { load, storageLines, storageStory, storeCourse } from './storage.js';

describe('examples/storage', () => {
  const story = storageStory();

  test('both documents carry the envelope { schema, version, data } at the latest version', () => {
    const stored = storeCourse();
    const events = JSON.parse(stored.events) as Record<string, unknown>;
    const snapshot = JSON.parse(stored.snapshot) as Record<string, unknown>;
    expect(Object.keys(events).sort()).toEqual(['data', 'schema', 'version']);
    expect(events.schema).toBe('iptkit/course-events');
    expect(events.version).toBe(latestDocumentVersion['iptkit/course-events']);
    expect(snapshot.schema).toBe('iptkit/course-snapshot');
    expect(parseDocument(snapshot).ok).toBe(true);
  });

  test('the replayed events and the snapshot give the same state', () => {
    expect(story.sameState).toBe(true);
    const fromEvents = load(story.stored.events);
    expect(fromEvents.ok && fromEvents.state?.foci.primary?.area).toBe('role-transition');
  });

  test('a damaged event stream is refused at the event that breaks a rule', () => {
    expect(story.damagedEvents).toEqual({ ok: false, code: 'session-out-of-order', at: 'data.2' });
  });

  test('a snapshot that breaks an invariant of a course is refused (IPT reference 11)', () => {
    expect(story.damagedSnapshot).toEqual({
      ok: false,
      code: 'session-count-mismatch',
      at: 'data.sessionCount',
    });
    const fromEvents = load(story.stored.events);
    expect(fromEvents.ok && fromEvents.state?.sessionCount).toBe(2);
  });

  test('a document from a newer iptkit is refused with unsupported-version, not misread', () => {
    expect(story.newerVersion).toEqual({ ok: false, code: 'unsupported-version', at: 'version' });
  });

  test('prints the story', () => {
    expect(storageLines(story)).toEqual([
      expect.stringMatching(/^Stored the events \(\d+ characters\) and a snapshot/) as unknown,
      'Replayed events and snapshot agree: yes',
      'Events with session 2 renumbered 3: refused: session-out-of-order at data.2',
      'Snapshot with its session count changed: refused: session-count-mismatch at data.sessionCount',
      'Events stored by a newer iptkit: refused: unsupported-version at version',
    ]);
  });
});
