import { describe, expect, it } from 'vitest';
import { execute } from './decide.js';

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
