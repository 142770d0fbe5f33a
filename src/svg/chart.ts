/*
 * Pieces of the two charts (timeline and trajectory): mark shapes, axes and a legend row.
 */
import type { Palette } from './options.js';
import { element, formatNumber as fmt, type AttributeValue, type Markup } from './xml.js';

/** The shapes a mark can take, so that marks differ by shape and not by colour alone. */
export type Shape = 'circle' | 'diamond' | 'square' | 'triangle-down' | 'triangle-up';

/** Paint of a shape: fill, stroke and an optional dash pattern. */
export interface Paint {
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth?: number;
  readonly dash?: string | undefined;
  /** A class for the shape element, for styling and tests. */
  readonly className?: string;
}

/** One shape centred on (x, y), about `2 * size` across. */
export function shape(kind: Shape, x: number, y: number, size: number, paint: Paint): Markup {
  const attributes: (readonly [string, AttributeValue])[] = [
    ['class', paint.className],
    ['data-shape', kind],
    ['fill', paint.fill],
    ['stroke', paint.stroke],
    ['stroke-width', paint.strokeWidth ?? 1.5],
    ['stroke-dasharray', paint.dash],
  ];
  const points = (list: readonly (readonly [number, number])[]) =>
    `M${list.map(([px, py]) => `${fmt(px)} ${fmt(py)}`).join('L')}Z`;
  switch (kind) {
    case 'circle':
      return element('circle', [['cx', x], ['cy', y], ['r', size], ...attributes]);
    case 'square':
      return element('rect', [
        ['x', x - size * 0.9],
        ['y', y - size * 0.9],
        ['width', size * 1.8],
        ['height', size * 1.8],
        ...attributes,
      ]);
    case 'diamond':
      return element('path', [
        [
          'd',
          points([
            [x, y - size * 1.2],
            [x + size * 1.2, y],
            [x, y + size * 1.2],
            [x - size * 1.2, y],
          ]),
        ],
        ...attributes,
      ]);
    case 'triangle-down':
      return element('path', [
        [
          'd',
          points([
            [x - size * 1.15, y - size],
            [x + size * 1.15, y - size],
            [x, y + size],
          ]),
        ],
        ...attributes,
      ]);
    case 'triangle-up':
      return element('path', [
        [
          'd',
          points([
            [x, y - size],
            [x + size * 1.15, y + size],
            [x - size * 1.15, y + size],
          ]),
        ],
        ...attributes,
      ]);
  }
}

/** The rectangle data is drawn in. */
export interface PlotArea {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A tick: where it is and what it says. */
export interface Tick {
  readonly position: number;
  readonly text: string;
}

const TICK = 4;

/**
 * A line through points in order, drawn as one round-joined path (the mood line of a timeline,
 * the score line of a trajectory); `undefined` for fewer than two points.
 */
export function polyline(
  className: string,
  points: readonly (readonly [number, number])[],
  stroke: string,
): Markup | undefined {
  if (points.length < 2) return undefined;
  return element('path', [
    ['class', className],
    ['d', `M${points.map(([px, py]) => `${fmt(px)} ${fmt(py)}`).join('L')}`],
    ['fill', 'none'],
    ['stroke', stroke],
    ['stroke-width', 2],
    ['stroke-linejoin', 'round'],
  ]);
}

/** The vertical axis on the left of the plot, with ticks, light grid lines and a rotated title. */
export function verticalAxis(
  plot: PlotArea,
  ticks: readonly Tick[],
  title: string,
  palette: Readonly<Palette>,
  fontSize: number,
): Markup {
  const parts: Markup[] = [
    element('line', [
      ['x1', plot.left],
      ['y1', plot.top],
      ['x2', plot.left],
      ['y2', plot.bottom],
      ['stroke', palette.muted],
      ['stroke-width', 1],
    ]),
  ];
  for (const tick of ticks) {
    parts.push(
      element('line', [
        ['class', 'iptkit-grid'],
        ['x1', plot.left],
        ['y1', tick.position],
        ['x2', plot.right],
        ['y2', tick.position],
        ['stroke', palette.muted],
        ['stroke-opacity', 0.25],
        ['stroke-width', 0.5],
      ]),
      element('line', [
        ['x1', plot.left - TICK],
        ['y1', tick.position],
        ['x2', plot.left],
        ['y2', tick.position],
        ['stroke', palette.muted],
      ]),
      element(
        'text',
        [
          ['x', plot.left - TICK - 2],
          ['y', tick.position],
          ['text-anchor', 'end'],
          ['dominant-baseline', 'middle'],
          ['font-size', fontSize],
          ['fill', palette.text],
        ],
        [tick.text],
      ),
    );
  }
  const middle = (plot.top + plot.bottom) / 2;
  const x = Math.max(fontSize, plot.left - 34);
  parts.push(
    element(
      'text',
      [
        ['class', 'iptkit-axis-title'],
        ['x', x],
        ['y', middle],
        ['text-anchor', 'middle'],
        ['transform', `rotate(-90 ${fmt(x)} ${fmt(middle)})`],
        ['font-size', fontSize],
        ['fill', palette.text],
      ],
      [title],
    ),
  );
  return element('g', [['class', 'iptkit-axis iptkit-y-axis']], parts);
}

/** The horizontal axis under the plot, with ticks and a title. */
export function horizontalAxis(
  plot: PlotArea,
  ticks: readonly Tick[],
  title: string,
  palette: Readonly<Palette>,
  fontSize: number,
): Markup {
  const parts: Markup[] = [
    element('line', [
      ['x1', plot.left],
      ['y1', plot.bottom],
      ['x2', plot.right],
      ['y2', plot.bottom],
      ['stroke', palette.muted],
      ['stroke-width', 1],
    ]),
  ];
  ticks.forEach((tick, index) => {
    const anchor =
      ticks.length > 1 && index === 0
        ? 'start'
        : ticks.length > 1 && index === ticks.length - 1
          ? 'end'
          : 'middle';
    parts.push(
      element('line', [
        ['x1', tick.position],
        ['y1', plot.bottom],
        ['x2', tick.position],
        ['y2', plot.bottom + TICK],
        ['stroke', palette.muted],
      ]),
      element(
        'text',
        [
          ['x', tick.position],
          ['y', plot.bottom + TICK + fontSize + 1],
          ['text-anchor', anchor],
          ['font-size', fontSize],
          ['fill', palette.text],
        ],
        [tick.text],
      ),
    );
  });
  parts.push(
    element(
      'text',
      [
        ['class', 'iptkit-axis-title'],
        ['x', (plot.left + plot.right) / 2],
        ['y', plot.bottom + TICK + 2 * fontSize + 6],
        ['text-anchor', 'middle'],
        ['font-size', fontSize],
        ['fill', palette.text],
      ],
      [title],
    ),
  );
  return element('g', [['class', 'iptkit-axis iptkit-x-axis']], parts);
}

/** One entry of a legend: a small sample of the mark and what it means. */
export interface LegendEntry {
  readonly sample: (x: number, y: number) => Markup;
  readonly text: string;
}

/**
 * A legend on one row from (x, y), entries placed one after the other by an estimate of their
 * text's width (no fonts are measured, so the layout is the same everywhere).
 */
export function legendRow(
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  palette: Readonly<Palette>,
  fontSize: number,
): Markup {
  let cursor = x;
  const parts = entries.map((entry) => {
    const sampleX = cursor + 6;
    const item = element(
      'g',
      [['class', 'iptkit-legend-item']],
      [
        entry.sample(sampleX, y),
        element(
          'text',
          [
            ['x', sampleX + 10],
            ['y', y],
            ['dominant-baseline', 'middle'],
            ['font-size', fontSize],
            ['fill', palette.text],
          ],
          [entry.text],
        ),
      ],
    );
    cursor = sampleX + 10 + Array.from(entry.text).length * fontSize * 0.58 + 14;
    return item;
  });
  return element('g', [['class', 'iptkit-legend']], parts);
}
