import * as z from 'zod';
import { CourseInstrumentId } from '../course/commands.js';
import { courseInstruments } from '../course/scoring.js';
import { Course, measuresInOrder } from '../course/state.js';
import { IsoDate } from '../internal/dates.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { ownValue, parseAt } from '../internal/model.js';
import { totalRange, type BandSet } from '../measures/instrument.js';
import {
  horizontalAxis,
  legendRow,
  polyline,
  shape,
  verticalAxis,
  type PlotArea,
  type Tick,
} from './chart.js';
import {
  commonOptionShape,
  count,
  frame,
  guard,
  mergeErrors,
  paletteOf,
  parseOptions,
  type Palette,
} from './options.js';
import { dateOfDayNumber as dateOfDay } from '../internal/dates.js';
import { dayNumber, dayTicks, linear, numberTicks } from './scale.js';
import { element, formatNumber as fmt, type Markup } from './xml.js';

/**
 * One score of a {@link TrajectorySeries}: the total, and the session number and/or date it
 * belongs to.
 * @category Pictures
 */
export const TrajectoryPoint = z.strictObject({
  /** The session the measure was taken at (1 = first session). */
  session: z.int().min(1).max(1000).optional(),
  date: IsoDate.optional(),
  /** The instrument's total (within its range, for example 0-27 for the PHQ-9). */
  score: z.number(),
});
/** @category Pictures */
export type TrajectoryPoint = z.infer<typeof TrajectoryPoint>;

/**
 * Scores of one instrument over time, for a trajectory drawn without a whole course (for example
 * from another system's records). The points are drawn in session order, date order, or the
 * order given, depending on the axis (see {@link RenderTrajectoryOptions}).
 * @example
 * ```ts
 * const series = { instrument: 'phq-9', points: [{ session: 1, score: 18 }, { session: 4, score: 11 }] };
 * ```
 * @category Pictures
 */
export const TrajectorySeries = z.strictObject({
  /** Which instrument the scores are totals of (default `phq-9`). */
  instrument: CourseInstrumentId.optional(),
  points: z.array(TrajectoryPoint).max(1000),
});
/** @category Pictures */
export type TrajectorySeries = z.input<typeof TrajectorySeries>;

/**
 * Options of {@link renderTrajectory}: the common picture options (size, labels, colours, title,
 * description, id prefix), and:
 * - `instrument`: which instrument of a course to draw (default `phq-9`; for a series, its own
 *   `instrument` or this, and the two must agree when both are given);
 * - `bandSet`: which of the instrument's band sets to shade (default: the one the course's
 *   measures were scored with, else the instrument's default);
 * - `remissionBelow`: where the remission line is drawn (a total below it is remission; default
 *   PHQ-9 5 [KP20], HAM-D-17 8 [FRANK91] (threshold UNCONFIRMED), GAD-7 none); `null` hides it;
 * - `responseReduction`: the response line lies this fraction below the baseline (the first
 *   score; default 0.5, a reduction of 50% [KP20]); `null` hides it;
 * - `xAxis`: `session`, `date`, `order` (first, second, ... measurement) or `auto` (the default:
 *   sessions when every point has one, else dates when every point has one, else order).
 * @see IPT reference 7.4 ([KP20], [FRANK91])
 * @category Pictures
 */
export const RenderTrajectoryOptions = z.strictObject({
  ...commonOptionShape,
  instrument: CourseInstrumentId.optional(),
  bandSet: z.string().max(64).optional(),
  remissionBelow: z.number().nullable().optional(),
  responseReduction: z.number().gt(0).max(1).nullable().optional(),
  xAxis: z.enum(['auto', 'session', 'date', 'order']).optional(),
});
/** @category Pictures */
export type RenderTrajectoryOptions = z.input<typeof RenderTrajectoryOptions>;

/**
 * A course as {@link renderTrajectory} accepts it: a started `Course` (such as the state
 * `execute` or `replay` returns), or plain data of its shape. It is validated before drawing.
 * @category Pictures
 */
export type CourseInput = DeepReadonly<z.input<typeof Course>>;

type InstrumentId = z.infer<typeof CourseInstrumentId>;

const INSTRUMENT_LABEL: Readonly<Record<InstrumentId, string>> = {
  'phq-9': 'PHQ-9',
  'gad-7': 'GAD-7',
  'hamd-17': 'HAM-D-17',
};

/**
 * Where the remission line is drawn unless the options say otherwise: the same defaults as
 * `outcome` (src/analysis/outcome.ts): PHQ-9 < 5 [KP20]; HAM-D-17 <= 7, i.e. < 8 [FRANK91],
 * threshold UNCONFIRMED; the reference gives none for the GAD-7.
 */
const REMISSION_BELOW: Readonly<
  Record<InstrumentId, { readonly value: number; readonly unconfirmed: boolean } | null>
> = {
  'phq-9': { value: 5, unconfirmed: false },
  'gad-7': null,
  'hamd-17': { value: 8, unconfirmed: true },
};

/** Response: a reduction of at least 50% from baseline [KP20]. */
const RESPONSE_REDUCTION = 0.5;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 360;
const FONT = 10;
/** Room on the right of the plot for the band labels. */
const BAND_LABEL_ROOM = 132;

/** A score ready to draw. */
interface Point {
  readonly session?: number | undefined;
  readonly date?: string | undefined;
  readonly score: number;
}

interface Source {
  readonly instrument: InstrumentId;
  readonly points: readonly Point[];
  /** Measures of the course left out because their total is incomplete. */
  readonly incomplete: number;
  /** The band set the course's measures were scored with, if any. */
  readonly scoredBandSet: string | undefined;
}

type Axis = 'session' | 'date' | 'order';

function isSeries(input: unknown): boolean {
  return typeof input === 'object' && input !== null && Object.hasOwn(input, 'points');
}

function fromCourse(course: DeepReadonly<Course>, instrument: InstrumentId): Source {
  const records = measuresInOrder(course, instrument);
  const points: Point[] = [];
  let incomplete = 0;
  let scoredBandSet: string | undefined;
  for (const record of records) {
    if (record.score.total === null) {
      incomplete += 1;
      continue;
    }
    scoredBandSet ??= record.score.band?.bandSet ?? record.bandSet;
    const session =
      record.sessionId === undefined ? undefined : ownValue(course.sessions, record.sessionId);
    points.push({ session: session?.number, date: record.date, score: record.score.total });
  }
  return { instrument, points, incomplete, scoredBandSet };
}

function checkSeries(series: z.output<typeof TrajectorySeries>, instrument: InstrumentId): Issue[] {
  const range = totalRange(courseInstruments[instrument]);
  const found: Issue[] = [];
  series.points.forEach((point, index) => {
    if (point.score < range.min || point.score > range.max) {
      found.push(
        issue(
          'out-of-range',
          ['series', 'points', index, 'score'],
          `must be a total from ${range.min} to ${range.max}`,
        ),
      );
    }
  });
  return found;
}

function axisOf(points: readonly Point[], wanted: 'auto' | Axis): Axis | undefined {
  const sessions = points.every((point) => point.session !== undefined);
  const dates = points.every((point) => point.date !== undefined);
  switch (wanted) {
    case 'session':
      return sessions ? 'session' : undefined;
    case 'date':
      return dates ? 'date' : undefined;
    case 'order':
      return 'order';
    case 'auto':
      return points.length > 0 && sessions
        ? 'session'
        : points.length > 0 && dates
          ? 'date'
          : 'order';
  }
}

/**
 * Draws the scores of one instrument over a course as standalone SVG text: the instrument's
 * severity bands shaded and labelled (from the band set with its source), one mark per score
 * joined by a line, the remission line (PHQ-9: below 5 [KP20]) and the response line (50% below
 * the baseline, the first score [KP20]), each with its text label and its own dash pattern, axis
 * titles and a legend. The source is either a {@link Course} (its measures of the instrument, in
 * date order; measures without a total are left out and counted in the description) or a plain
 * {@link TrajectorySeries}.
 *
 * With labels on, each mark shows its score; with `labels: false` only the marks' titles carry
 * the scores. A trajectory holds no names or free text in either case (measure and session ids
 * never appear); dates are drawn as given.
 *
 * Never throws. Errors (a {@link ValidationError}): schema problems of the course (paths under
 * `['course']`) or the series (`['series']`, with `out-of-range` for a score outside the
 * instrument's range), of the options (`['options']`), and at `['options', ...]`:
 * `instrument-mismatch` (a series of another instrument), `unknown-band-set`, and
 * `axis-unavailable` (an `xAxis` of sessions or dates when a point has none). There is no
 * throwing twin (see {@link renderCircle}).
 * @param source - A started course, or a series of scores.
 * @param options - Instrument, band set, lines, axis, and the common picture options.
 * @returns The SVG document as text, or the problems found.
 * @example
 * ```ts
 * const svg = renderTrajectory(course, { instrument: 'phq-9' });
 * const fromScores = renderTrajectory({ points: [{ session: 1, score: 18 }, { session: 8, score: 6 }] });
 * ```
 * @see IPT reference 7.1 (bands, [KROENKE01]), 7.3 ([HAMD-S], [HAMD-Z]), 7.4 ([KP20], [FRANK91])
 * @category Pictures
 */
export function renderTrajectory(
  source: CourseInput | TrajectorySeries,
  options?: RenderTrajectoryOptions,
): Result<string, ValidationError> {
  return guard([], () => {
    const parsedOptions = parseOptions(RenderTrajectoryOptions, options);
    const series = isSeries(source);
    const parsedSource = series
      ? parseAt(TrajectorySeries, source, ['series'])
      : parseAt(Course, source, ['course']);
    if (!parsedOptions.ok || !parsedSource.ok) {
      return err(mergeErrors(parsedSource, parsedOptions));
    }
    const chosen = parsedOptions.value;
    let data: Source;
    const found: Issue[] = [];
    if (series) {
      const value = parsedSource.value as z.output<typeof TrajectorySeries>;
      if (
        value.instrument !== undefined &&
        chosen.instrument !== undefined &&
        value.instrument !== chosen.instrument
      ) {
        found.push(
          issue(
            'instrument-mismatch',
            ['options', 'instrument'],
            'must be the instrument of the series (or left out)',
          ),
        );
      }
      const instrument = value.instrument ?? chosen.instrument ?? 'phq-9';
      found.push(...checkSeries(value, instrument));
      data = { instrument, points: value.points, incomplete: 0, scoredBandSet: undefined };
    } else {
      data = fromCourse(parsedSource.value as DeepReadonly<Course>, chosen.instrument ?? 'phq-9');
    }
    const definition = courseInstruments[data.instrument];
    const bandSetId = chosen.bandSet ?? data.scoredBandSet ?? definition.defaultBandSet;
    const bandSet = definition.bandSets.find((candidate) => candidate.id === bandSetId);
    if (bandSetId !== undefined && bandSet === undefined) {
      found.push(
        issue(
          'unknown-band-set',
          ['options', 'bandSet'],
          `must be one of ${definition.bandSets.map((candidate) => `"${candidate.id}"`).join(', ')}`,
        ),
      );
    }
    const axis = axisOf(data.points, chosen.xAxis ?? 'auto');
    if (axis === undefined) {
      found.push(
        issue(
          'axis-unavailable',
          ['options', 'xAxis'],
          'needs a session number (or date) on every point; use "order" or "auto"',
        ),
      );
    }
    if (found.length > 0 || axis === undefined) return err(validationError(found));
    return ok(draw(data, axis, bandSet, chosen));
  });
}

function xValue(point: Point, index: number, axis: Axis): number {
  switch (axis) {
    case 'session':
      return point.session ?? 0;
    case 'date':
      return dayNumber(point.date ?? '1970-01-01');
    case 'order':
      return index + 1;
  }
}

function lineSample(colour: string, dash: string | undefined) {
  return (x: number, y: number) =>
    element('line', [
      ['x1', x - 7],
      ['y1', y],
      ['x2', x + 7],
      ['y2', y],
      ['stroke', colour],
      ['stroke-width', 2],
      ['stroke-dasharray', dash],
    ]);
}

function scoreShape(x: number, y: number, palette: Readonly<Palette>): Markup {
  return shape('circle', x, y, 4, {
    fill: palette.score,
    stroke: palette.background,
    strokeWidth: 1,
  });
}

const REMISSION_DASH = '8 4';
const RESPONSE_DASH = '2 3';

function draw(
  data: Source,
  axis: Axis,
  bandSet: DeepReadonly<BandSet> | undefined,
  options: z.output<typeof RenderTrajectoryOptions>,
): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const labels = options.labels ?? true;
  const palette = paletteOf(options);
  const name = INSTRUMENT_LABEL[data.instrument];
  const range = totalRange(courseInstruments[data.instrument]);

  // Points left to right: stable by axis value (the course's date order, or the series' order).
  const placed = data.points
    .map((point, index) => ({ point, at: xValue(point, index, axis) }))
    .map((entry, index) => ({ ...entry, index }))
    .sort((left, right) => left.at - right.at || left.index - right.index);
  const baseline = placed[0]?.point.score;

  const plot: PlotArea = {
    left: 58,
    right: width - Math.min(BAND_LABEL_ROOM, width * 0.3),
    top: 32,
    bottom: height - 46,
  };
  const y = linear(range.min, range.max, plot.bottom, plot.top);
  const values = placed.map((entry) => entry.at);
  const low = values.length === 0 ? 0 : Math.min(...values);
  const high = values.length === 0 ? 1 : Math.max(...values);
  let x: (value: number) => number;
  let ticks: Tick[];
  let axisTitle: string;
  if (axis === 'date') {
    const padding = Math.max(1, Math.round((high - low) * 0.04));
    x = linear(low - padding, high + padding, plot.left, plot.right);
    const most = Math.max(2, Math.floor((plot.right - plot.left) / 90));
    ticks =
      values.length === 0
        ? []
        : dayTicks(low, high, most).map((day) => ({ position: x(day), text: dateOfDay(day) }));
    axisTitle = 'Date';
  } else {
    x = linear(low - 0.5, high + 0.5, plot.left, plot.right);
    const most = Math.max(2, Math.floor((plot.right - plot.left) / 36));
    ticks = numberTicks(low, high, most).map((value) => ({
      position: x(value),
      text: String(value),
    }));
    axisTitle = axis === 'session' ? 'Session' : 'Measurement (in order)';
  }

  const body: Markup[] = [];
  const bandParts: Markup[] = [];
  if (bandSet !== undefined) {
    bandSet.bands.forEach((band, index) => {
      const next = bandSet.bands[index + 1];
      const upper = next === undefined ? range.max : next.min;
      const top = y(upper);
      const bottom = y(band.min);
      const colour = palette.bands[index % palette.bands.length] ?? palette.muted;
      const text = band.min === band.max ? `${band.min}` : `${band.min}\u2013${band.max}`;
      bandParts.push(
        element(
          'g',
          [
            ['class', 'iptkit-band'],
            ['data-band', band.id],
          ],
          [
            element('title', [], [`${band.label}: ${text} (${bandSet.label})`]),
            element('rect', [
              ['x', plot.left],
              ['y', top],
              ['width', plot.right - plot.left],
              ['height', Math.max(0, bottom - top)],
              ['fill', colour],
              ['fill-opacity', 0.16],
            ]),
            element(
              'text',
              [
                ['class', 'iptkit-band-label'],
                ['x', plot.right + 6],
                ['y', (top + bottom) / 2],
                ['dominant-baseline', 'middle'],
                ['font-size', 9],
                ['fill', palette.text],
              ],
              [`${band.label} (${text})`],
            ),
          ],
        ),
      );
    });
  }
  body.push(element('g', [['class', 'iptkit-bands']], bandParts));

  body.push(
    verticalAxis(
      plot,
      numberTicks(range.min, range.max, 10).map((value) => ({
        position: y(value),
        text: String(value),
      })),
      `${name} total (higher is worse)`,
      palette,
      FONT,
    ),
  );
  body.push(horizontalAxis(plot, ticks, axisTitle, palette, FONT));

  const remission = remissionOf(data.instrument, options);
  if (remission !== null && remission.value > range.min && remission.value <= range.max) {
    body.push(
      thresholdLine({
        kind: 'remission',
        y: y(remission.value),
        from: plot.left,
        to: plot.right,
        colour: palette.remission,
        dash: REMISSION_DASH,
        text: `Remission: below ${fmt(remission.value)}${remission.unconfirmed ? ' (threshold unconfirmed)' : ''}`,
        anchor: 'start',
      }),
    );
  }
  const reduction =
    options.responseReduction === undefined ? RESPONSE_REDUCTION : options.responseReduction;
  const first = placed[0];
  if (reduction !== null && baseline !== undefined && baseline > 0 && first !== undefined) {
    const level = baseline * (1 - reduction);
    body.push(
      thresholdLine({
        kind: 'response',
        y: y(level),
        from: x(first.at),
        to: plot.right,
        colour: palette.response,
        dash: RESPONSE_DASH,
        text: `Response: ${fmt(reduction * 100)}% below baseline ${fmt(baseline)} (${fmt(level)})`,
        anchor: 'end',
      }),
    );
  }

  const coordinates = placed.map((entry) => [x(entry.at), y(entry.point.score)] as const);
  const scoreLine = polyline('iptkit-score-line', coordinates, palette.score);
  if (scoreLine !== undefined) body.push(scoreLine);
  const marks = placed.map((entry, index) => {
    const [px, py] = coordinates[index] ?? [0, 0];
    const { point } = entry;
    const band = bandSet?.bands.find(
      (candidate) => point.score >= candidate.min && point.score < candidate.max + 1,
    );
    const where = [
      point.session === undefined ? undefined : `session ${point.session}`,
      point.date,
      axis === 'order' && point.session === undefined && point.date === undefined
        ? `measurement ${index + 1}`
        : undefined,
    ].filter((part): part is string => part !== undefined);
    const parts = [
      element(
        'title',
        [],
        [
          `${name} ${fmt(point.score)}${band === undefined ? '' : ` (${band.label})`}${where.length > 0 ? `, ${where.join(', ')}` : ''}`,
        ],
      ),
      scoreShape(px, py, palette),
    ];
    if (labels) {
      parts.push(
        element(
          'text',
          [
            ['class', 'iptkit-score-label'],
            ['x', px],
            ['y', py - 8],
            ['text-anchor', 'middle'],
            ['font-size', 9],
            ['fill', palette.text],
            ['stroke', palette.background],
            ['stroke-width', 2.5],
            ['paint-order', 'stroke'],
          ],
          [fmt(point.score)],
        ),
      );
    }
    return element(
      'g',
      [
        ['class', 'iptkit-score'],
        ['data-score', point.score],
        ['data-session', point.session],
        ['data-date', point.date],
      ],
      parts,
    );
  });
  body.push(element('g', [['class', 'iptkit-scores']], marks));

  if (placed.length === 0) {
    body.push(
      element(
        'text',
        [
          ['class', 'iptkit-empty'],
          ['x', (plot.left + plot.right) / 2],
          ['y', (plot.top + plot.bottom) / 2],
          ['text-anchor', 'middle'],
          ['font-size', FONT + 2],
          ['fill', palette.text],
        ],
        [`No ${name} scores recorded`],
      ),
    );
  }

  body.push(
    legendRow(
      [
        { sample: (sx, sy) => scoreShape(sx, sy, palette), text: `${name} score` },
        { sample: lineSample(palette.remission, REMISSION_DASH), text: 'remission' },
        { sample: lineSample(palette.response, RESPONSE_DASH), text: 'response' },
      ],
      plot.left - 6,
      14,
      palette,
      FONT,
    ),
  );

  return frame({
    kind: 'trajectory',
    width,
    height,
    title: options.title ?? `${name} scores over ${axis === 'date' ? 'time' : 'sessions'}`,
    description:
      options.description ??
      describe(
        data,
        placed.map((entry) => entry.point),
        bandSet,
        remission,
        reduction,
      ),
    palette,
    idPrefix: options.idPrefix,
    body,
  });
}

function remissionOf(
  instrument: InstrumentId,
  options: z.output<typeof RenderTrajectoryOptions>,
): { readonly value: number; readonly unconfirmed: boolean } | null {
  if (options.remissionBelow === null) return null;
  if (options.remissionBelow !== undefined) {
    return { value: options.remissionBelow, unconfirmed: false };
  }
  return REMISSION_BELOW[instrument];
}

interface Threshold {
  readonly kind: 'remission' | 'response';
  readonly y: number;
  readonly from: number;
  readonly to: number;
  readonly colour: string;
  readonly dash: string;
  readonly text: string;
  readonly anchor: 'start' | 'end';
}

function thresholdLine(line: Threshold): Markup {
  return element(
    'g',
    [['class', `iptkit-${line.kind}-line`]],
    [
      element('title', [], [line.text]),
      element('line', [
        ['x1', line.from],
        ['y1', line.y],
        ['x2', line.to],
        ['y2', line.y],
        ['stroke', line.colour],
        ['stroke-width', 2],
        ['stroke-dasharray', line.dash],
      ]),
      element(
        'text',
        [
          ['x', line.anchor === 'start' ? line.from + 4 : line.to - 4],
          ['y', line.y - 4],
          ['text-anchor', line.anchor],
          ['font-size', 9],
          ['fill', line.colour],
        ],
        [line.text],
      ),
    ],
  );
}

function describe(
  data: Source,
  points: readonly Point[],
  bandSet: DeepReadonly<BandSet> | undefined,
  remission: { readonly value: number; readonly unconfirmed: boolean } | null,
  reduction: number | null,
): string {
  const name = INSTRUMENT_LABEL[data.instrument];
  const sentences: string[] = [];
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  if (firstPoint === undefined || lastPoint === undefined) {
    sentences.push(`No ${name} scores are recorded.`);
  } else {
    const list = points.map((point) => fmt(point.score)).join(', ');
    sentences.push(
      `${count(points.length, `${name} score`, `${name} scores`)} in order: ${list}. First ${fmt(firstPoint.score)}, last ${fmt(lastPoint.score)}.`,
    );
  }
  if (bandSet !== undefined) {
    sentences.push(
      `Shaded bands (${bandSet.label}): ${bandSet.bands.map((band) => `${band.label} ${band.min} to ${band.max}`).join('; ')}.`,
    );
  }
  if (remission !== null) {
    sentences.push(
      `Remission line at ${fmt(remission.value)} (a total below it)${remission.unconfirmed ? ', threshold unconfirmed' : ''}.`,
    );
  }
  if (reduction !== null && firstPoint !== undefined && firstPoint.score > 0) {
    sentences.push(
      `Response line at ${fmt(firstPoint.score * (1 - reduction))}, ${fmt(reduction * 100)}% below the baseline of ${fmt(firstPoint.score)}.`,
    );
  }
  if (data.incomplete > 0) {
    sentences.push(
      `${count(data.incomplete, 'incomplete measure', 'incomplete measures')} without a total not shown.`,
    );
  }
  return sentences.join(' ');
}
