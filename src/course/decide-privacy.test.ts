import { describe, expect, it } from 'vitest';
import { parseDocument, toDocument } from '../document/document.js';
import { execute } from './decide.js';
import { replay } from './replay.js';

/*
 * The answers of `record-measure` are keyed by the caller. A key that is not an item of the
 * instrument is the caller's text (it may be a client's name, and names can look like ids), so
 * issue paths never show it (issue #9: no input string in any issue).
 */
const started = execute(null, {
  type: 'start-course',
  courseId: 'c1',
  protocol: 'ipt',
  startDate: '2026-01-05',
  timeLimit: { sessions: 12, cadence: 'weekly' },
});
if (!started.ok) throw new Error('could not start the course');
const state = started.value.state;

function issuesOf(responses: Record<string, unknown>, instrument: unknown = 'phq-9') {
  const result = execute(state, {
    type: 'record-measure',
    measureId: 'm1',
    date: '2026-01-05',
    instrument,
    responses,
  });
  if (result.ok) throw new Error('expected a refusal');
  return result.error.issues ?? [];
}

describe('record-measure: answer keys that are not items are masked in paths', () => {
  it('a name used as an answer key, with a bad value, shows as [key]', () => {
    const issues = issuesOf({ jane: 'x', item1: 1 });
    expect(issues.map((found) => found.path)).toStrictEqual([['responses', '[key]']]);
    expect(JSON.stringify(issues)).not.toContain('jane');
  });

  it('a real item of the instrument keeps its id in the path', () => {
    const issues = issuesOf({ item1: 'x' });
    expect(issues.map((found) => found.path)).toStrictEqual([['responses', 'item1']]);
  });

  it('an item of another instrument is masked when a valid instrument is named', () => {
    // GAD-7 has no item9; PHQ-9 has one.
    expect(issuesOf({ item9: 'x' }, 'gad-7').map((found) => found.path)).toStrictEqual([
      ['responses', '[key]'],
    ]);
    // With no valid instrument, any built-in item id is kept (it is not the caller's text).
    const unnamed = issuesOf({ item9: 'x', jane: 'x' }, 'no-such-instrument');
    expect(JSON.stringify(unnamed)).not.toContain('jane');
    expect(unnamed.some((found) => found.path.join('.') === 'responses.item9')).toBe(true);
  });
});

describe('stored answers: a key that is not an item of a built-in instrument is refused unseen', () => {
  const recorded = execute(state, {
    type: 'record-measure',
    measureId: 'm1',
    date: '2026-01-05',
    instrument: 'phq-9',
    responses: {
      item1: 1,
      item2: 0,
      item3: 0,
      item4: 0,
      item5: 0,
      item6: 0,
      item7: 0,
      item8: 0,
      item9: 0,
    },
  });
  if (!recorded.ok) throw new Error('could not record the measure');
  const events = JSON.parse(
    JSON.stringify([...started.value.events, ...recorded.value.events]),
  ) as {
    responses?: Record<string, unknown>;
  }[];

  it('replay of an event whose answers carry a name as a key', () => {
    const edited = structuredClone(events);
    const measure = edited[1];
    if (measure?.responses === undefined) throw new Error('no measure event');
    measure.responses.jane = 'x';
    const result = replay(edited);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.index).toBe(1);
    expect(JSON.stringify(result.error)).not.toContain('jane');
    const cause = result.error.cause;
    expect(cause.kind === 'validation' && cause.issues.map((found) => found.path)).toStrictEqual([
      ['responses', '[key]'],
    ]);
  });

  it('a snapshot whose measure answers carry a name as a key', () => {
    const snapshot = JSON.parse(
      JSON.stringify(toDocument('iptkit/course-snapshot', recorded.value.state)),
    ) as {
      data: { measures: { m1: { responses: Record<string, unknown> } } };
    };
    snapshot.data.measures.m1.responses.jane = 0;
    const parsed = parseDocument(snapshot);
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('jane');
  });
});
