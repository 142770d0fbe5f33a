import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MARKER, intentSequence, runIntents } from '../../test/support/course-arbitraries.js';
import { measuresInOrder } from '../course/state.js';
import { parseWith } from '../internal/parse.js';
import { Inventory } from '../inventory/inventory.js';
import { Timeline } from '../inventory/timeline.js';
import { renderCircle } from './circle.js';
import { renderTimeline } from './timeline.js';
import { renderTrajectory } from './trajectory.js';
import { HOSTILE, byClass, child, numberAttribute, parseSvg, value } from './svg.test-support.js';
import { shorten } from './xml.js';

/** Any text at all (lone surrogates and control characters included), or a known hostile one. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...HOSTILE),
);
/** Client text carrying the marker, so that its absence can be checked. */
const secretText = anyText.map((text) => `${MARKER}${text}`);

const RELATIONSHIPS = ['partner', 'parent', 'child', 'friend', 'co-worker', 'other'] as const;

const personArbitrary = fc.record({
  label: secretText,
  relationship: fc.constantFrom(...RELATIONSHIPS),
  deceased: fc.boolean(),
  past: fc.boolean(),
  ring: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
});

const inventoryArbitrary = fc
  .record({
    ringCount: fc.integer({ min: 1, max: 10 }),
    people: fc.array(personArbitrary, { maxLength: 14 }),
  })
  .map(({ ringCount, people }) => {
    const entries = people.map((entry, index) => ({
      // Ids carry the marker too: de-identified output must not show them either.
      id: `${MARKER}-${index}`,
      label: entry.label,
      relationship: entry.relationship,
      vitalStatus: entry.deceased ? { status: 'deceased' } : { status: 'alive' },
      period: entry.past ? 'past' : 'current',
    }));
    const placements = Object.fromEntries(
      people.flatMap((entry, index) =>
        entry.ring === undefined ? [] : [[`${MARKER}-${index}`, entry.ring % ringCount]],
      ),
    );
    return parseWith(Inventory, {
      people: Object.fromEntries(entries.map((entry) => [entry.id, entry])),
      circle: { ringCount, placements },
    });
  });

/** An ISO date `offset` days after 2020-01-01, computed independently of the code under test. */
function isoDay(offset: number): string {
  return new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

const timelineArbitrary = fc
  .record({
    min: fc.integer({ min: -20, max: 10 }),
    span: fc.integer({ min: 1, max: 30 }),
    higherIsBetter: fc.boolean(),
    events: fc.array(
      fc.record({
        day: fc.nat({ max: 800 }),
        kind: fc.constantFrom('loss', 'conflict', 'transition', 'other'),
        description: fc.option(secretText, { nil: undefined }),
      }),
      { maxLength: 12 },
    ),
    moods: fc.array(
      fc.record({
        day: fc.nat({ max: 800 }),
        fraction: fc.double({ min: 0, max: 1, noNaN: true }),
        note: fc.option(secretText, { nil: undefined }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ min, span, higherIsBetter, events, moods }) =>
    parseWith(Timeline, {
      moodScale: { min, max: min + span, higherIsBetter },
      events: [...events]
        .sort((left, right) => left.day - right.day)
        .map((event) => ({
          date: isoDay(event.day),
          kind: event.kind,
          ...(event.description === undefined ? {} : { description: event.description }),
        })),
      moods: [...moods]
        .sort((left, right) => left.day - right.day)
        .map((rating) => ({
          date: isoDay(rating.day),
          value: min + Math.round(rating.fraction * span),
          ...(rating.note === undefined ? {} : { note: rating.note }),
        })),
    }),
  );

const RANGES = { 'phq-9': 27, 'gad-7': 21, 'hamd-17': 52 } as const;

const seriesArbitrary = fc.constantFrom('phq-9', 'gad-7', 'hamd-17').chain((instrument) =>
  fc.record({
    instrument: fc.constant(instrument),
    points: fc.array(
      fc.record({
        session: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        date: fc.option(fc.nat({ max: 400 }).map(isoDay), { nil: undefined }),
        score: fc.oneof(
          fc.integer({ min: 0, max: RANGES[instrument] }),
          fc.double({ min: 0, max: RANGES[instrument], noNaN: true }),
        ),
      }),
      { maxLength: 25 },
    ),
  }),
);

/** A picture's text must never contain the marker when labels are off. */
function deidentified(svg: string): boolean {
  return !svg.includes(MARKER) && !svg.includes(MARKER.toLowerCase());
}

describe('pictures, for any valid input', () => {
  test.prop([inventoryArbitrary, fc.boolean()])(
    'a circle parses, has one mark per placed person and per ring, and is deterministic',
    (inventory, labels) => {
      const svg = value(renderCircle(inventory.circle, inventory, { labels }));
      expect(value(renderCircle(inventory.circle, inventory, { labels }))).toBe(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
      const root = parseSvg(svg);
      expect(byClass(root, 'iptkit-ring')).toHaveLength(inventory.circle.ringCount);
      const marks = byClass(root, 'iptkit-person');
      expect(marks).toHaveLength(Object.keys(inventory.circle.placements).length);
      if (labels) {
        // Every label reads back as written (cleaned and shortened), whatever it holds.
        for (const mark of marks) {
          const id = mark.attributes['data-person-id']!;
          const entry = inventory.people[id as keyof typeof inventory.people]!;
          const deceased = entry.vitalStatus.status === 'deceased' ? ' (deceased)' : '';
          expect(byClass(mark, 'iptkit-person-label')[0]!.text).toBe(
            `${shorten(entry.label, 18)}${deceased}`,
          );
          expect(mark.attributes['data-ring']).toBe(
            String(inventory.circle.placements[id as keyof typeof inventory.circle.placements]),
          );
        }
      } else {
        expect(deidentified(svg)).toBe(true);
        expect(
          marks.map((mark) => byClass(mark, 'iptkit-person-label')[0]!.text.split(' (')[0]),
        ).toEqual(marks.map((_, index) => `Person ${index + 1}`));
      }
    },
  );

  test.prop([timelineArbitrary, fc.boolean()])(
    'a timeline parses, has one mark per event and per rating, and is deterministic',
    (timeline, labels) => {
      const svg = value(renderTimeline(timeline, { labels }));
      expect(value(renderTimeline(timeline, { labels }))).toBe(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
      const root = parseSvg(svg);
      expect(byClass(root, 'iptkit-event')).toHaveLength(timeline.events.length);
      const moods = byClass(root, 'iptkit-mood');
      expect(moods).toHaveLength(timeline.moods.length);
      expect(byClass(root, 'iptkit-mood-line')).toHaveLength(timeline.moods.length >= 2 ? 1 : 0);
      // Marks stay inside the picture.
      for (const mood of moods) {
        const dot = child(mood, 'circle');
        expect(numberAttribute(dot, 'cx')).toBeGreaterThanOrEqual(0);
        expect(numberAttribute(dot, 'cx')).toBeLessThanOrEqual(640);
        expect(numberAttribute(dot, 'cy')).toBeGreaterThanOrEqual(0);
        expect(numberAttribute(dot, 'cy')).toBeLessThanOrEqual(380);
      }
      if (!labels) expect(deidentified(svg)).toBe(true);
    },
  );

  test.prop([seriesArbitrary, fc.boolean()])(
    'a trajectory parses, has one mark per score inside the plot, and is deterministic',
    (series, labels) => {
      const result = renderTrajectory(series, { labels });
      const svg = value(result);
      expect(value(renderTrajectory(series, { labels }))).toBe(svg);
      expect(svg).not.toMatch(/NaN|Infinity/);
      const root = parseSvg(svg);
      const marks = byClass(root, 'iptkit-score');
      expect(marks).toHaveLength(series.points.length);
      expect(byClass(root, 'iptkit-score-line')).toHaveLength(series.points.length >= 2 ? 1 : 0);
      const bands = byClass(root, 'iptkit-band').map((band) => child(band, 'rect'));
      const top = Math.min(...bands.map((rect) => numberAttribute(rect, 'y')));
      const bottom = Math.max(
        ...bands.map((rect) => numberAttribute(rect, 'y') + numberAttribute(rect, 'height')),
      );
      for (const mark of marks) {
        const y = numberAttribute(child(mark, 'circle'), 'cy');
        expect(y).toBeGreaterThanOrEqual(top - 0.01);
        expect(y).toBeLessThanOrEqual(bottom + 0.01);
      }
    },
  );

  test.prop([intentSequence(50)], { numRuns: 40 })(
    'the pictures of any reachable course are de-identified with labels off',
    (intents) => {
      const { state } = runIntents(intents);
      if (state === null) return;
      const circle = value(
        renderCircle(state.inventory.circle, state.inventory, { labels: false }),
      );
      const timeline = value(renderTimeline(state.timeline, { labels: false }));
      const trajectory = value(renderTrajectory(state, { labels: false }));
      for (const svg of [circle, timeline, trajectory]) expect(deidentified(svg)).toBe(true);
      expect(byClass(parseSvg(circle), 'iptkit-person')).toHaveLength(
        Object.keys(state.inventory.circle.placements).length,
      );
      const scored = measuresInOrder(state, 'phq-9').filter(
        (record) => record.score.total !== null,
      );
      expect(byClass(parseSvg(trajectory), 'iptkit-score')).toHaveLength(scored.length);
      // With labels on, the course's client text is there (so the check above can fail).
      const labelled = value(renderCircle(state.inventory.circle, state.inventory));
      if (Object.keys(state.inventory.circle.placements).length > 0) {
        expect(labelled).toContain(MARKER);
      }
    },
  );
});

describe('pictures, for any input at all', () => {
  test.prop([fc.anything(), fc.anything(), fc.anything()])(
    'never throw: they draw or return a validation error',
    (first, second, third) => {
      for (const result of [
        renderCircle(first as never, second as never, third as never),
        renderTimeline(first as never, second as never),
        renderTrajectory(first as never, second as never),
        renderTrajectory({ points: first } as never, third as never),
      ]) {
        if (!result.ok) {
          expect(result.error.kind).toBe('validation');
          expect(result.error.issues.length).toBeGreaterThan(0);
        } else {
          parseSvg(result.value);
        }
      }
    },
  );
});
