import { describe, expect, test } from 'vitest';
import { parseWith } from '../internal/parse.js';
import { Timeline } from '../inventory/timeline.js';
import { renderTimeline } from './timeline.js';
import {
  HOSTILE,
  accessibleText,
  byClass,
  child,
  issuesOf,
  numberAttribute,
  parseSvg,
  value,
  type Node,
} from './svg.test-support.js';
import { cleanText } from './xml.js';

const sample = parseWith(Timeline, {
  moodScale: { min: 0, max: 10, higherIsBetter: true, label: 'Mood 0-10' },
  events: [
    { date: '2025-11-03', kind: 'loss', description: 'Mother died', personId: 'p-mother' },
    { date: '2025-12-20', kind: 'conflict', description: 'Argument with Alex about money' },
    { date: '2026-01-10', kind: 'transition' },
    { date: '2026-01-10', kind: 'other', description: 'Moved flat' },
  ],
  moods: [
    { date: '2025-10-01', value: 7 },
    { date: '2025-11-10', value: 2, note: 'Could not get up' },
    { date: '2025-12-01', value: 4 },
    { date: '2026-01-05', value: 5 },
    { date: '2026-02-01', value: 8 },
  ],
});

function render(options?: Parameters<typeof renderTimeline>[1]) {
  return parseSvg(value(renderTimeline(sample, options)));
}

function moodPosition(mark: Node): { x: number; y: number } {
  const dot = child(mark, 'circle');
  return { x: numberAttribute(dot, 'cx'), y: numberAttribute(dot, 'cy') };
}

describe('renderTimeline', () => {
  test('is a standalone, accessible SVG document summarising the timeline (IPT reference 3.3, [MT18])', () => {
    const svg = value(renderTimeline(sample));
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseSvg(svg);
    const { title, description } = accessibleText(root);
    expect(title).toBe('Timeline of life events and mood');
    expect(description).toContain('From 2025-10-01 to 2026-02-01');
    expect(description).toContain('4 life events and 5 mood ratings');
    expect(description).toContain('Lowest mood 2 on 2025-11-10; highest 8 on 2026-02-01.');
    expect(description).toContain('Mother died');
  });

  test('draws one mark per life event and per mood rating, and one mood line through the ratings', () => {
    const root = render();
    const events = byClass(root, 'iptkit-event');
    expect(
      events.map((event) => [event.attributes['data-kind'], event.attributes['data-date']]),
    ).toEqual([
      ['loss', '2025-11-03'],
      ['conflict', '2025-12-20'],
      ['transition', '2026-01-10'],
      ['other', '2026-01-10'],
    ]);
    const moods = byClass(root, 'iptkit-mood');
    expect(moods.map((mood) => mood.attributes['data-value'])).toEqual(['7', '2', '4', '5', '8']);
    const lines = byClass(root, 'iptkit-mood-line');
    expect(lines).toHaveLength(1);
    const points = (lines[0]!.attributes.d ?? '').split(/[ML]/).filter((part) => part !== '');
    expect(points).toHaveLength(moods.length);
    // The line passes through every mark.
    points.forEach((point, index) => {
      const [x, y] = point.split(' ').map(Number);
      expect({ x, y }).toEqual(moodPosition(moods[index]!));
    });
  });

  test('places later dates further right and better moods higher', () => {
    const root = render();
    const moods = byClass(root, 'iptkit-mood').map(moodPosition);
    for (let index = 1; index < moods.length; index += 1) {
      expect(moods[index]!.x).toBeGreaterThan(moods[index - 1]!.x);
    }
    // Values 7, 2, 4, 5, 8: a higher value is drawn higher up (smaller y).
    expect(moods[4]!.y).toBeLessThan(moods[0]!.y);
    expect(moods[1]!.y).toBeGreaterThan(moods[2]!.y);
    // Events of the same date share their x position.
    const events = byClass(root, 'iptkit-event').map((event) =>
      numberAttribute(child(event, 'line'), 'x1'),
    );
    expect(events[2]).toBe(events[3]);
    expect(events[0]).toBeLessThan(events[1]!);
  });

  test('gives each kind of event its own shape, explained in the legend', () => {
    const root = render();
    const shapes = byClass(root, 'iptkit-event').map((event) => {
      const shape = event.children.find((node) => node.attributes['data-shape'] !== undefined)!;
      return shape.attributes['data-shape'];
    });
    expect(new Set(shapes).size).toBe(4);
    const legend = byClass(root, 'iptkit-legend')[0]!.text;
    for (const word of ['mood rating', 'loss', 'conflict', 'transition', 'other']) {
      expect(legend).toContain(word);
    }
  });

  test('labels the date axis from the first to the last date, and the mood axis with the scale', () => {
    const root = render();
    const axis = byClass(root, 'iptkit-x-axis')[0]!;
    const ticks = axis.children.filter(
      (node) => node.name === 'text' && !(node.attributes.class ?? '').includes('title'),
    );
    expect(ticks[0]!.text).toBe('2025-10-01');
    expect(ticks[ticks.length - 1]!.text).toBe('2026-02-01');
    expect(byClass(root, 'iptkit-y-axis')[0]!.text).toContain('Mood 0-10 (higher is better)');
  });

  test('labels events with their kind and description when labels are on', () => {
    const root = render();
    const labels = byClass(root, 'iptkit-event-label').map((label) => label.text);
    expect(labels).toEqual([
      'Loss: Mother died',
      'Conflict: Argument with Alex about mo\u2026',
      'Transition',
      'Other: Moved flat',
    ]);
    const rating = byClass(root, 'iptkit-mood')[1]!;
    expect(child(rating, 'title').text).toBe('Mood 2 on 2025-11-10: Could not get up');
  });

  test('labels: false leaves out every description, note and person id', () => {
    const svg = value(renderTimeline(sample, { labels: false }));
    for (const secret of ['Mother', 'Alex', 'money', 'Moved', 'Could not', 'p-mother']) {
      expect(svg).not.toContain(secret);
    }
    const root = parseSvg(svg);
    expect(byClass(root, 'iptkit-event-label')).toHaveLength(0);
    expect(byClass(root, 'iptkit-event').map((event) => child(event, 'title').text)).toEqual([
      'Life event 1: loss, 2025-11-03',
      'Life event 2: conflict, 2025-12-20',
      'Life event 3: transition, 2026-01-10',
      'Life event 4: other, 2026-01-10',
    ]);
    expect(byClass(root, 'iptkit-mood')).toHaveLength(5);
  });

  test.each(HOSTILE)('escapes a hostile description and note and still parses: %j', (text) => {
    const timeline = {
      moodScale: { min: 0, max: 10, higherIsBetter: true },
      events: [{ date: '2026-01-01', kind: 'loss', description: text }],
      moods: [{ date: '2026-01-02', value: 3, note: text }],
    } as const;
    const svg = value(renderTimeline(timeline as never));
    expect(svg).not.toContain('<script');
    const root = parseSvg(svg);
    const event = byClass(root, 'iptkit-event')[0]!;
    expect(child(event, 'title').text).toBe(`Loss on 2026-01-01: ${cleanText(text)}`);
    const mood = byClass(root, 'iptkit-mood')[0]!;
    expect(child(mood, 'title').text).toBe(`Mood 3 on 2026-01-02: ${cleanText(text)}`);
  });

  test('draws a timeline with nothing on it, or everything on one day', () => {
    const empty = parseSvg(
      value(
        renderTimeline({
          moodScale: { min: 1, max: 5, higherIsBetter: false },
          events: [],
          moods: [],
        }),
      ),
    );
    expect(byClass(empty, 'iptkit-empty')).toHaveLength(1);
    expect(accessibleText(empty).description).toBe('No life events or mood ratings are recorded.');
    const oneDay = value(
      renderTimeline({
        moodScale: { min: 1, max: 5, higherIsBetter: false },
        events: [{ date: '2026-01-01', kind: 'other' }],
        moods: [{ date: '2026-01-01', value: 5 }],
      } as never),
    );
    expect(oneDay).not.toMatch(/NaN|Infinity/);
    const root = parseSvg(oneDay);
    expect(byClass(root, 'iptkit-mood-line')).toHaveLength(0);
    expect(byClass(root, 'iptkit-y-axis')[0]!.text).toContain('higher is worse');
  });

  test('is deterministic', () => {
    expect(value(renderTimeline(sample))).toBe(value(renderTimeline(sample)));
    expect(value(renderTimeline(sample, { labels: false }))).toBe(
      value(renderTimeline(sample, { labels: false })),
    );
  });

  test('reports a bad timeline and bad options with codes and paths', () => {
    const result = renderTimeline(
      {
        moodScale: { min: 0, max: 10, higherIsBetter: true },
        events: [
          { date: '2026-02-01', kind: 'loss' },
          { date: '2026-01-01', kind: 'loss' },
        ],
        moods: [{ date: '2026-01-01', value: 11 }],
      } as never,
      { width: 50, colors: { mood: 'red; stroke: blue' } },
    );
    const issues = issuesOf(result).map((found) => [found.code, found.path]);
    expect(issues).toContainEqual(['not-in-date-order', ['timeline', 'events', 1, 'date']]);
    expect(issues).toContainEqual(['out-of-scale', ['timeline', 'moods', 0, 'value']]);
    expect(issues).toContainEqual(['too-small', ['options', 'width']]);
    expect(issues).toContainEqual(['invalid-format', ['options', 'colors', 'mood']]);
    expect(issuesOf(renderTimeline(null as never)).map((found) => found.path)).toEqual([
      ['timeline'],
    ]);
  });
});
