import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { parseAt } from '../internal/model.js';
import { Timeline, type LifeEventKind } from '../inventory/timeline.js';
import {
  horizontalAxis,
  legendRow,
  polyline,
  shape,
  verticalAxis,
  type PlotArea,
  type Shape,
} from './chart.js';
import {
  commonOptionShape,
  count,
  frame,
  guard,
  listInWords,
  mergeErrors,
  paletteOf,
  parseOptions,
  type Palette,
} from './options.js';
import { dateOfDayNumber as dateOfDay } from '../internal/dates.js';
import { dayNumber, dayTicks, linear, numberTicks } from './scale.js';
import { element, shorten, type Markup } from './xml.js';

/**
 * Options of {@link renderTimeline}: the common picture options (size, labels, colours, title,
 * description, id prefix).
 * @category Pictures
 */
export const RenderTimelineOptions = z.strictObject({ ...commonOptionShape });
/** @category Pictures */
export type RenderTimelineOptions = z.input<typeof RenderTimelineOptions>;

/**
 * What {@link renderTimeline} accepts: a `Timeline`, or plain data of its shape. It is validated
 * before drawing.
 * @category Pictures
 */
export type TimelineInput = DeepReadonly<z.input<typeof Timeline>>;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 380;
const FONT = 10;
/** Rows the event labels are spread over, so that neighbouring labels rarely overlap. */
const LABEL_ROWS = 3;
const LABEL_LENGTH = 28;

/** The shape of each kind of life event (mood ratings are filled circles). */
const EVENT_SHAPES: Readonly<Record<LifeEventKind, Shape>> = {
  loss: 'triangle-down',
  conflict: 'diamond',
  transition: 'square',
  other: 'triangle-up',
};

const KIND_ORDER: readonly LifeEventKind[] = ['loss', 'conflict', 'transition', 'other'];

function eventShape(
  kind: LifeEventKind,
  x: number,
  y: number,
  size: number,
  palette: Readonly<Palette>,
): Markup {
  return shape(EVENT_SHAPES[kind], x, y, size, {
    fill: palette.event,
    stroke: palette.event,
  });
}

function moodShape(x: number, y: number, size: number, palette: Readonly<Palette>): Markup {
  return shape('circle', x, y, size, {
    fill: palette.mood,
    stroke: palette.background,
    strokeWidth: 1,
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Draws a timeline as standalone SVG text: mood ratings over dates (one mark per rating, joined
 * by a line, on the timeline's own mood scale) and the life events on the same date axis (one
 * mark per event, with a guide line up through the mood chart). Each kind of event has its own
 * shape (loss ▼, conflict ◆, transition ■, other ▲), explained in the legend; every mark has a
 * title with its date. Axis ticks are spread evenly over the dates, so the same data always gives
 * the same picture.
 *
 * With labels on, each event is labelled with its kind and (shortened) description, and a mood
 * rating's title carries its note. With `labels: false` the picture is de-identified: no
 * description, note or person id appears; events are numbered in date order and keep only their
 * kind (a fixed vocabulary) and date. Dates are drawn as given: shift them first if they must not
 * be shown.
 *
 * Never throws. Errors (a {@link ValidationError}): schema problems of the timeline (paths under
 * `['timeline']`, including `not-in-date-order` and `out-of-scale`) and of the options
 * (`['options']`). There is no throwing twin (see {@link renderCircle}).
 * @param timeline - The timeline (for example `course.timeline`).
 * @param options - Size, labels, colours, title, description, id prefix.
 * @returns The SVG document as text, or the problems found.
 * @example
 * ```ts
 * const svg = renderTimeline(course.timeline, { width: 800 });
 * ```
 * @see IPT reference 3.3 ([MT18]: a timeline linking the course of symptoms to life events)
 * @category Pictures
 */
export function renderTimeline(
  timeline: TimelineInput,
  options?: RenderTimelineOptions,
): Result<string, ValidationError> {
  return guard([], () => {
    const parsedTimeline = parseAt(Timeline, timeline, ['timeline']);
    const parsedOptions = parseOptions(RenderTimelineOptions, options);
    if (!parsedTimeline.ok || !parsedOptions.ok) {
      return err(mergeErrors(parsedTimeline, parsedOptions));
    }
    return ok(draw(parsedTimeline.value, parsedOptions.value));
  });
}

function draw(
  timeline: DeepReadonly<Timeline>,
  options: z.output<typeof RenderTimelineOptions>,
): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const labels = options.labels ?? true;
  const palette = paletteOf(options);
  const { events, moods, moodScale } = timeline;

  const legendY = 14;
  const eventLabelHeight = labels ? LABEL_ROWS * (FONT + 2) + 4 : 0;
  const plot: PlotArea = {
    left: 58,
    right: width - 18,
    top: 32,
    bottom: height - 46 - 22 - eventLabelHeight,
  };
  const lane = plot.bottom + 20;
  const axisBottom = lane + 12 + eventLabelHeight;

  const days = [...events, ...moods].map((item) => dayNumber(item.date));
  const first = days.length === 0 ? 0 : Math.min(...days);
  const last = days.length === 0 ? 0 : Math.max(...days);
  const padding = Math.max(1, Math.round((last - first) * 0.03));
  const x = linear(first - padding, last + padding, plot.left, plot.right);
  const y = linear(moodScale.min, moodScale.max, plot.bottom, plot.top);

  const body: Markup[] = [];
  const direction = moodScale.higherIsBetter ? 'higher is better' : 'higher is worse';
  body.push(
    verticalAxis(
      plot,
      numberTicks(moodScale.min, moodScale.max, 11).map((value) => ({
        position: y(value),
        text: String(value),
      })),
      `${moodScale.label ?? 'Mood'} (${direction})`,
      palette,
      FONT,
    ),
  );
  const axisPlot: PlotArea = { ...plot, bottom: axisBottom };
  const maxTicks = Math.max(2, Math.floor((plot.right - plot.left) / 90));
  body.push(
    horizontalAxis(
      axisPlot,
      days.length === 0
        ? []
        : dayTicks(first, last, maxTicks).map((day) => ({
            position: x(day),
            text: dateOfDay(day),
          })),
      'Date',
      palette,
      FONT,
    ),
  );
  body.push(
    element(
      'text',
      [
        ['class', 'iptkit-lane-title'],
        ['x', plot.left - 6],
        ['y', lane],
        ['text-anchor', 'end'],
        ['dominant-baseline', 'middle'],
        ['font-size', FONT],
        ['fill', palette.text],
      ],
      ['Events'],
    ),
  );

  const eventMarks = events.map((event, index) => {
    const position = x(dayNumber(event.date));
    const kind = capitalised(event.kind);
    const described = labels && event.description !== undefined;
    const title = labels
      ? `${kind} on ${event.date}${described ? `: ${event.description ?? ''}` : ''}`
      : `Life event ${index + 1}: ${event.kind}, ${event.date}`;
    const row = index % LABEL_ROWS;
    const parts = [
      element('title', [], [title]),
      element('line', [
        ['x1', position],
        ['y1', plot.top],
        ['x2', position],
        ['y2', lane],
        ['stroke', palette.event],
        ['stroke-opacity', 0.45],
        ['stroke-dasharray', '2 3'],
      ]),
      eventShape(event.kind, position, lane, 5, palette),
    ];
    if (labels) {
      parts.push(
        element(
          'text',
          [
            ['class', 'iptkit-event-label'],
            ['x', position],
            ['y', lane + 10 + (row + 1) * (FONT + 2)],
            ['text-anchor', position > (plot.left + plot.right) / 2 ? 'end' : 'start'],
            ['font-size', FONT],
            ['fill', palette.text],
          ],
          [
            described
              ? `${kind}: ${shorten(event.description ?? '', LABEL_LENGTH)}`
              : capitalised(event.kind),
          ],
        ),
      );
    }
    return element(
      'g',
      [
        ['class', 'iptkit-event'],
        ['data-kind', event.kind],
        ['data-date', event.date],
      ],
      parts,
    );
  });
  body.push(element('g', [['class', 'iptkit-events']], eventMarks));

  const points = moods.map((rating) => [x(dayNumber(rating.date)), y(rating.value)] as const);
  const moodLine = polyline('iptkit-mood-line', points, palette.mood);
  if (moodLine !== undefined) body.push(moodLine);
  const moodMarks = moods.map((rating, index) => {
    const [px, py] = points[index] ?? [0, 0];
    const note = labels && rating.note !== undefined ? `: ${rating.note}` : '';
    return element(
      'g',
      [
        ['class', 'iptkit-mood'],
        ['data-date', rating.date],
        ['data-value', rating.value],
      ],
      [
        element('title', [], [`Mood ${rating.value} on ${rating.date}${note}`]),
        moodShape(px, py, 4, palette),
      ],
    );
  });
  body.push(element('g', [['class', 'iptkit-moods']], moodMarks));

  if (days.length === 0) {
    body.push(
      element(
        'text',
        [
          ['class', 'iptkit-empty'],
          ['x', (plot.left + plot.right) / 2],
          ['y', (plot.top + plot.bottom) / 2],
          ['text-anchor', 'middle'],
          ['font-size', FONT + 2],
          ['fill', palette.muted],
        ],
        ['No life events or mood ratings recorded'],
      ),
    );
  }

  body.push(
    legendRow(
      [
        { sample: (sx, sy) => moodShape(sx, sy, 4, palette), text: 'mood rating' },
        ...KIND_ORDER.map((kind) => ({
          sample: (sx: number, sy: number) => eventShape(kind, sx, sy, 4, palette),
          text: kind,
        })),
      ],
      plot.left - 6,
      legendY,
      palette,
      FONT,
    ),
  );

  return frame({
    kind: 'timeline',
    width,
    height,
    title: options.title ?? 'Timeline of life events and mood',
    description: options.description ?? describe(timeline, labels),
    palette,
    idPrefix: options.idPrefix,
    body,
  });
}

function describe(timeline: DeepReadonly<Timeline>, labels: boolean): string {
  const { events, moods, moodScale } = timeline;
  if (events.length === 0 && moods.length === 0) {
    return 'No life events or mood ratings are recorded.';
  }
  const dates = [...events, ...moods].map((item) => item.date).sort();
  const sentences = [
    `From ${dates[0] ?? ''} to ${dates[dates.length - 1] ?? ''}: ${count(events.length, 'life event', 'life events')} and ${count(moods.length, 'mood rating', 'mood ratings')} on a scale from ${moodScale.min} to ${moodScale.max} where ${moodScale.higherIsBetter ? 'higher is better' : 'higher is worse'}.`,
  ];
  if (events.length > 0) {
    const kinds = KIND_ORDER.map((kind) => ({
      kind,
      count: events.filter((event) => event.kind === kind).length,
    }))
      .filter((entry) => entry.count > 0)
      .map((entry) => `${entry.count} ${entry.kind}`);
    sentences.push(`Events by kind: ${listInWords(kinds)}.`);
    const listed = events.map((event) =>
      labels && event.description !== undefined
        ? `${event.kind} on ${event.date} (${event.description})`
        : `${event.kind} on ${event.date}`,
    );
    sentences.push(`Events: ${listed.join('; ')}.`);
  }
  if (moods.length > 0) {
    let lowest = moods[0];
    let highest = moods[0];
    for (const rating of moods) {
      if (lowest === undefined || rating.value < lowest.value) lowest = rating;
      if (highest === undefined || rating.value > highest.value) highest = rating;
    }
    if (lowest !== undefined && highest !== undefined) {
      sentences.push(
        `Lowest mood ${lowest.value} on ${lowest.date}; highest ${highest.value} on ${highest.date}.`,
      );
    }
  }
  return sentences.join(' ');
}
