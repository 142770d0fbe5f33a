import { describe, expect, test } from 'vitest';
import {
  executeAll,
  session,
  startIpt,
  started,
  week,
  type Command,
} from '../../test/support/course-arbitraries.js';
import { hamd17 } from '../measures/hamd17.js';
import { phq9 } from '../measures/phq9.js';
import { renderTrajectory } from './trajectory.js';
import {
  accessibleText,
  byClass,
  child,
  issuesOf,
  numberAttribute,
  parseSvg,
  value,
  type Node,
} from './svg.test-support.js';

/** PHQ-9 answers adding up to `total` (items 1-9 at 0-3; item 9 kept at 0 so no risk flag). */
function phq9Totalling(total: number): Record<string, number> {
  const answers: Record<string, number> = { item9: 0 };
  let left = total;
  for (let item = 1; item <= 8; item += 1) {
    const answer = Math.min(3, left);
    answers[`item${item}`] = answer;
    left -= answer;
  }
  return answers;
}

function measure(id: string, number: number, total: number, extra: Command = {}): Command {
  return {
    type: 'record-measure',
    measureId: id,
    date: week(number),
    instrument: 'phq-9',
    responses: phq9Totalling(total),
    sessionId: `s${number}`,
    ...extra,
  };
}

/** A 12-session course, 8 sessions in, with PHQ-9 totals 18, 14, 9, 6, 4 at sessions 1, 3, 5, 7, 8. */
const course = started(
  executeAll([
    startIpt(),
    session(1),
    measure('m1', 1, 18),
    session(2),
    session(3),
    measure('m3', 3, 14),
    session(4),
    session(5),
    measure('m5', 5, 9),
    session(6),
    session(7),
    measure('m7', 7, 6),
    session(8),
    measure('m8', 8, 4),
  ]),
);

function render(
  source: Parameters<typeof renderTrajectory>[0],
  options?: Parameters<typeof renderTrajectory>[1],
) {
  return parseSvg(value(renderTrajectory(source, options)));
}

function lineY(root: Node, kind: 'remission' | 'response'): number {
  const lines = byClass(root, `iptkit-${kind}-line`);
  expect(lines).toHaveLength(1);
  const line = child(lines[0]!, 'line');
  expect(line.attributes.y1).toBe(line.attributes.y2);
  return numberAttribute(line, 'y1');
}

function scoreMarks(root: Node): { score: number; x: number; y: number }[] {
  return byClass(root, 'iptkit-score').map((mark) => {
    const dot = child(mark, 'circle');
    return {
      score: Number(mark.attributes['data-score']),
      x: numberAttribute(dot, 'cx'),
      y: numberAttribute(dot, 'cy'),
    };
  });
}

function band(root: Node, id: string): { top: number; bottom: number; label: string } {
  const group = byClass(root, 'iptkit-band').find((node) => node.attributes['data-band'] === id)!;
  const rect = child(group, 'rect');
  const top = numberAttribute(rect, 'y');
  return {
    top,
    bottom: top + numberAttribute(rect, 'height'),
    label: byClass(group, 'iptkit-band-label')[0]!.text,
  };
}

describe('renderTrajectory of a course', () => {
  test('draws one mark per scored measure, over sessions, joined by one line', () => {
    const svg = value(renderTrajectory(course));
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseSvg(svg);
    const marks = byClass(root, 'iptkit-score');
    expect(
      marks.map((mark) => [mark.attributes['data-session'], mark.attributes['data-score']]),
    ).toEqual([
      ['1', '18'],
      ['3', '14'],
      ['5', '9'],
      ['7', '6'],
      ['8', '4'],
    ]);
    const positions = scoreMarks(root);
    for (let index = 1; index < positions.length; index += 1) {
      expect(positions[index]!.x).toBeGreaterThan(positions[index - 1]!.x);
    }
    const line = byClass(root, 'iptkit-score-line');
    expect(line).toHaveLength(1);
    expect((line[0]!.attributes.d ?? '').split('L')).toHaveLength(5);
    const { title, description } = accessibleText(root);
    expect(title).toBe('PHQ-9 scores over sessions');
    expect(description).toContain('5 PHQ-9 scores in order: 18, 14, 9, 6, 4.');
    expect(byClass(root, 'iptkit-x-axis')[0]!.text).toContain('Session');
    expect(byClass(root, 'iptkit-y-axis')[0]!.text).toContain('PHQ-9 total');
  });

  test('shades the Kroenke 2001 PHQ-9 bands, each labelled (IPT reference 7.1, [KROENKE01])', () => {
    const root = render(course);
    const bands = byClass(root, 'iptkit-band');
    const expected = phq9.bandSets[0]!.bands;
    expect(bands.map((node) => node.attributes['data-band'])).toEqual(expected.map((b) => b.id));
    expect(band(root, 'minimal').label).toBe('minimal or none (0\u20134)');
    expect(band(root, 'severe').label).toBe('severe (20\u201327)');
    // The bands tile the axis: each one's top is the next one's bottom.
    for (let index = 1; index < expected.length; index += 1) {
      expect(band(root, expected[index]!.id).bottom).toBeCloseTo(
        band(root, expected[index - 1]!.id).top,
        1,
      );
    }
    // A score is drawn inside its band: 9 is mild (5-9), 14 moderate (10-14).
    const marks = scoreMarks(root);
    const nine = marks.find((mark) => mark.score === 9)!;
    expect(nine.y).toBeGreaterThan(band(root, 'mild').top);
    expect(nine.y).toBeLessThan(band(root, 'mild').bottom);
  });

  test('draws the remission line at PHQ-9 5, the top of the minimal band (IPT reference 7.4, [KP20])', () => {
    const root = render(course);
    const y = lineY(root, 'remission');
    expect(y).toBeCloseTo(band(root, 'minimal').top, 1);
    expect(byClass(root, 'iptkit-remission-line')[0]!.text).toContain('Remission: below 5');
  });

  test('draws the response line 50% below the baseline, the first score (IPT reference 7.4, [KP20])', () => {
    // Baseline 18: the response line is at 9, exactly where the session-5 score of 9 is drawn.
    const root = render(course);
    const y = lineY(root, 'response');
    const nine = scoreMarks(root).find((mark) => mark.score === 9)!;
    expect(y).toBeCloseTo(nine.y, 1);
    expect(byClass(root, 'iptkit-response-line')[0]!.text).toContain('50% below baseline 18 (9)');
    // A 40% response criterion moves the line to 10.8, above the 9.
    const stricter = render(course, { responseReduction: 0.4 });
    expect(lineY(stricter, 'response')).toBeLessThan(y);
  });

  test('hides the lines on request, and moves the remission line', () => {
    const root = render(course, { remissionBelow: null, responseReduction: null });
    expect(byClass(root, 'iptkit-remission-line')).toHaveLength(0);
    expect(byClass(root, 'iptkit-response-line')).toHaveLength(0);
    const moved = render(course, { remissionBelow: 10 });
    expect(lineY(moved, 'remission')).toBeCloseTo(band(moved, 'moderate').bottom, 1);
  });

  test('leaves out incomplete measures and says so', () => {
    const withIncomplete = started(
      executeAll(
        [
          {
            type: 'record-measure',
            measureId: 'm-partial',
            date: week(8),
            instrument: 'phq-9',
            responses: { item1: 1, item9: 0 },
            missing: { kind: 'incomplete' },
          },
        ],
        course,
      ),
    );
    const root = render(withIncomplete);
    expect(byClass(root, 'iptkit-score')).toHaveLength(5);
    expect(accessibleText(root).description).toContain(
      '1 incomplete measure without a total not shown.',
    );
  });

  test('draws over dates or in order on request, and over dates when sessions are unknown', () => {
    const byDate = render(course, { xAxis: 'date' });
    expect(accessibleText(byDate).title).toBe('PHQ-9 scores over time');
    const ticks = byClass(byDate, 'iptkit-x-axis')[0]!.text;
    expect(ticks).toContain(week(1));
    expect(ticks).toContain(week(8));
    const inOrder = render(course, { xAxis: 'order' });
    expect(byClass(inOrder, 'iptkit-x-axis')[0]!.text).toContain('Measurement (in order)');
    const unlinked = started(
      executeAll([startIpt(), { ...measure('m1', 1, 18), sessionId: undefined }]),
    );
    expect(accessibleText(render(unlinked)).title).toBe('PHQ-9 scores over time');
  });

  test('draws another instrument of the course, or says there is none', () => {
    const root = render(course, { instrument: 'gad-7' });
    expect(byClass(root, 'iptkit-score')).toHaveLength(0);
    expect(byClass(root, 'iptkit-empty')[0]!.text).toBe('No GAD-7 scores recorded');
    // GAD-7: the reference gives no remission threshold, so no line by default.
    expect(byClass(root, 'iptkit-remission-line')).toHaveLength(0);
  });
});

describe('renderTrajectory of a series', () => {
  const series = {
    points: [
      { session: 1, score: 20 },
      { session: 4, score: 12 },
      { session: 8, score: 7 },
    ],
  };

  test('draws one mark per point, with the PHQ-9 as default instrument', () => {
    const root = render(series);
    expect(scoreMarks(root).map((mark) => mark.score)).toEqual([20, 12, 7]);
    expect(byClass(root, 'iptkit-score-label').map((label) => label.text)).toEqual([
      '20',
      '12',
      '7',
    ]);
    expect(lineY(root, 'remission')).toBeCloseTo(band(root, 'minimal').top, 1);
  });

  test('sorts points by session, keeping the order of equal ones', () => {
    const root = render({
      points: [
        { session: 5, score: 10 },
        { session: 1, score: 20 },
        { session: 5, score: 9 },
      ],
    });
    expect(scoreMarks(root).map((mark) => mark.score)).toEqual([20, 10, 9]);
    // The baseline is the first session's score.
    expect(byClass(root, 'iptkit-response-line')[0]!.text).toContain('baseline 20');
  });

  test('draws HAM-D-17 with its common bands, remission at 8 marked unconfirmed (IPT reference 7.3-7.4, [HAMD-S], [FRANK91])', () => {
    const root = render({
      instrument: 'hamd-17',
      points: [{ score: 24 }, { score: 15 }, { score: 6 }],
    });
    expect(byClass(root, 'iptkit-band').map((node) => node.attributes['data-band'])).toEqual(
      hamd17.bandSets.find((set) => set.id === 'common')!.bands.map((b) => b.id),
    );
    expect(lineY(root, 'remission')).toBeCloseTo(band(root, 'normal').top, 1);
    expect(byClass(root, 'iptkit-remission-line')[0]!.text).toContain('unconfirmed');
    expect(byClass(root, 'iptkit-x-axis')[0]!.text).toContain('Measurement (in order)');
    const zimmerman = render(
      { instrument: 'hamd-17', points: [{ score: 24 }] },
      { bandSet: 'zimmerman-2013' },
    );
    expect(byClass(zimmerman, 'iptkit-band')).toHaveLength(4);
  });

  test('labels: false leaves out the score labels but keeps every mark and its title', () => {
    const root = render(series, { labels: false });
    expect(byClass(root, 'iptkit-score-label')).toHaveLength(0);
    expect(byClass(root, 'iptkit-score').map((mark) => child(mark, 'title').text)).toEqual([
      'PHQ-9 20 (severe), session 1',
      'PHQ-9 12 (moderate), session 4',
      'PHQ-9 7 (mild), session 8',
    ]);
  });

  test('draws an empty series', () => {
    const root = render({ points: [] });
    expect(byClass(root, 'iptkit-score')).toHaveLength(0);
    expect(byClass(root, 'iptkit-response-line')).toHaveLength(0);
    expect(accessibleText(root).description).toContain('No PHQ-9 scores are recorded.');
  });

  test('is deterministic', () => {
    expect(value(renderTrajectory(series))).toBe(value(renderTrajectory(series)));
    expect(value(renderTrajectory(course))).toBe(value(renderTrajectory(course)));
  });

  test('reports bad series and options with codes and paths', () => {
    const codes = (source: unknown, options?: unknown) =>
      issuesOf(renderTrajectory(source as never, options as never)).map((found) => [
        found.code,
        found.path,
      ]);
    expect(codes({ points: [{ score: 28 }] })).toEqual([
      ['out-of-range', ['series', 'points', 0, 'score']],
    ]);
    expect(codes({ points: [{ score: -1 }] }, { instrument: 'gad-7' })).toEqual([
      ['out-of-range', ['series', 'points', 0, 'score']],
    ]);
    expect(codes({ points: [{ score: 'high' }] })).toEqual([
      ['invalid-type', ['series', 'points', 0, 'score']],
    ]);
    expect(codes({ points: [{ score: 3, session: 0 }] })).toEqual([
      ['too-small', ['series', 'points', 0, 'session']],
    ]);
    expect(codes({ instrument: 'phq-9', points: [] }, { instrument: 'gad-7' })).toEqual([
      ['instrument-mismatch', ['options', 'instrument']],
    ]);
    expect(codes({ points: [] }, { bandSet: 'zimmerman-2013' })).toEqual([
      ['unknown-band-set', ['options', 'bandSet']],
    ]);
    expect(codes({ points: [{ score: 3 }] }, { xAxis: 'session' })).toEqual([
      ['axis-unavailable', ['options', 'xAxis']],
    ]);
    expect(codes({ points: [] }, { responseReduction: 1.5 })).toEqual([
      ['too-big', ['options', 'responseReduction']],
    ]);
    expect(codes({ points: [] }, { instrument: 'bdi-2' })).toEqual([
      ['invalid-value', ['options', 'instrument']],
    ]);
    expect(
      codes({ courseId: 'c-1' }).every(([, path]) => (path as unknown[])[0] === 'course'),
    ).toBe(true);
    expect(codes(null)).toEqual([['invalid-type', ['course']]]);
  });
});
