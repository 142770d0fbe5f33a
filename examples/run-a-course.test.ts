import { describe, expect, test } from 'vitest';
import { runCourseLines } from './run-a-course.js';

describe('examples/run-a-course', () => {
  const lines = runCourseLines();

  test('the PHQ-9 with item 9 above 0 opens a risk flag and a warning [CALC]', () => {
    expect(lines).toContain('  record-measure (warning: risk-flag-opened)');
    expect(lines).toContain('  open risk flags: phq-1:suicidalIdeation');
  });

  test('the middle phase is refused before a focus is chosen [ALPF]', () => {
    expect(lines).toContain('  refused advance-phase: focus-required (11.2 [ALPF])');
    expect(lines.filter((line) => line.startsWith('  refused'))).toHaveLength(1);
  });

  test('the stored events replay to the same state, and the dispute moved to renegotiation', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(/^Stored 12 events \(\d+ bytes\); replayed: same state$/),
    );
    expect(lines.at(-1)).toBe(
      'Now in the middle phase after 2 of 12 sessions; dispute stage renegotiation',
    );
  });
});
