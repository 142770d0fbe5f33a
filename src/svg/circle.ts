import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import { Circle } from '../inventory/circle.js';
import { compareIds, ownValue, parseAt } from '../internal/model.js';
import { Inventory } from '../inventory/inventory.js';
import type { InventoryEntry } from '../inventory/person.js';
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
import { legendRow, shape } from './chart.js';
import { element, shorten, type Markup } from './xml.js';

/**
 * Options of {@link renderCircle}: the common picture options (size, labels, colours, title,
 * description, id prefix) and the text at the centre.
 * @category Pictures
 */
export const RenderCircleOptions = z.strictObject({
  ...commonOptionShape,
  /**
   * The text on the client's disc (default `Client`). Ignored when `labels` is `false`, since it
   * may be a name.
   */
  centerLabel: z.string().trim().min(1).max(40).optional(),
});
/** @category Pictures */
export type RenderCircleOptions = z.input<typeof RenderCircleOptions>;

/**
 * What {@link renderCircle} accepts as a circle: a `Circle`, or plain data of its shape (ids as
 * plain strings, as read from JSON). It is validated before drawing.
 * @category Pictures
 */
export type CircleInput = DeepReadonly<z.input<typeof Circle>>;

/**
 * What {@link renderCircle} accepts as an inventory: an `Inventory`, or plain data of its shape.
 * It is validated before drawing.
 * @category Pictures
 */
export type InventoryInput = DeepReadonly<z.input<typeof Inventory>>;

const DEFAULT_WIDTH = 480;
const DEFAULT_HEIGHT = 520;
const LEGEND_HEIGHT = 30;
const MARGIN = 8;
/** The most code points of a person's label shown on the picture (the full label is in its title). */
const LABEL_LENGTH = 18;

/** One placed person, as drawn. */
interface Placed {
  readonly id: string;
  readonly ring: number;
  /** The text shown: the person's label, or `Person N` when labels are off. */
  readonly name: string;
  readonly relationship: string | undefined;
  readonly deceased: boolean;
  readonly past: boolean;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** `Ring 1 (closest)`, `Ring 2`, ..., `Ring N (furthest)`: rings counted from 1 for people. */
export function ringName(ring: number, ringCount: number): string {
  if (ring === 0) return 'Ring 1 (closest)';
  if (ring === ringCount - 1) return `Ring ${ring + 1} (furthest)`;
  return `Ring ${ring + 1}`;
}

function relationshipWords(kind: string): string {
  return kind.replace(/-/g, ' ');
}

/** The people placed in the circle, ring by ring (innermost first), by id within a ring. */
function placedPeople(
  circle: DeepReadonly<Circle>,
  inventory: DeepReadonly<Inventory>,
  labels: boolean,
): Placed[] {
  const ids = Object.keys(circle.placements).sort((left, right) => {
    const byRing =
      (ownValue(circle.placements, left) ?? 0) - (ownValue(circle.placements, right) ?? 0);
    return byRing !== 0 ? byRing : compareIds(left, right);
  });
  return ids.flatMap((id, index) => {
    const entry: DeepReadonly<InventoryEntry> | undefined = ownValue(inventory.people, id);
    const ring = ownValue(circle.placements, id);
    if (entry === undefined || ring === undefined) return [];
    return [
      {
        id,
        ring,
        name: labels ? entry.label : `Person ${index + 1}`,
        relationship: labels ? relationshipWords(entry.relationship) : undefined,
        deceased: entry.vitalStatus.status === 'deceased',
        past: entry.period === 'past',
      },
    ];
  });
}

function personDescription(person: Placed, ringCount: number): string {
  const parts = [
    person.relationship,
    person.deceased ? 'deceased' : undefined,
    person.past ? 'past relationship' : undefined,
    ringName(person.ring, ringCount),
  ].filter((part): part is string => part !== undefined);
  return `${person.name}: ${parts.join(', ')}`;
}

function shapeFor(
  person: { readonly deceased: boolean; readonly past: boolean },
  x: number,
  y: number,
  radius: number,
  palette: Readonly<Palette>,
): Markup {
  const colour = person.deceased ? palette.deceased : palette.person;
  // Deceased people are diamonds and past relationships hollow and dashed: shape and line, not
  // colour alone, carry the difference.
  return shape(person.deceased ? 'diamond' : 'circle', x, y, radius, {
    fill: person.past ? palette.background : colour,
    stroke: colour,
    strokeWidth: 2,
    dash: person.past ? '3 2' : undefined,
    className: 'iptkit-mark-shape',
  });
}

function legend(palette: Readonly<Palette>, top: number): Markup {
  const entries = [
    { deceased: false, past: false, text: 'living' },
    { deceased: true, past: false, text: 'deceased (diamond)' },
    { deceased: false, past: true, text: 'past relationship (hollow, dashed)' },
  ];
  return legendRow(
    entries.map((entry) => ({
      sample: (x: number, y: number) => shapeFor(entry, x, y, 4.5, palette),
      text: entry.text,
    })),
    MARGIN,
    top + LEGEND_HEIGHT / 2,
    palette,
    10,
  );
}

/**
 * Draws a closeness circle as standalone SVG text: the client's disc at the centre, the rings
 * around it (ring 1, the innermost, holds the closest people), one mark per placed person with
 * their label from the inventory, ring labels and a legend. Deceased people are drawn as diamonds
 * and say "(deceased)"; past relationships are hollow with a dashed outline, so nothing depends on
 * colour alone. People are laid out ring by ring, by id within a ring, so the same data always
 * gives the same picture.
 *
 * With `labels: false` the picture is de-identified: people are called `Person 1`, `Person 2`,
 * ... (numbered ring by ring from the centre, by id within a ring), the centre says `Client`, and
 * no name, relationship, free text or id appears anywhere in the output.
 *
 * Never throws. Errors (a {@link ValidationError}): schema problems of the circle (paths under
 * `['circle']`), the inventory (`['inventory']`) and the options (`['options']`), and
 * `dangling-person` at `['circle', 'placements', id]` when the circle places someone who is not
 * in the inventory. There is no throwing twin: a picture is drawn from data the caller already
 * holds, so check `result.ok`.
 * @param circle - The circle to draw (for example `inventory.circle`, or an earlier circle of the
 * same client).
 * @param inventory - The inventory the people's labels, vital status and period come from.
 * @param options - Size, labels, colours, title, description, id prefix, centre text.
 * @returns The SVG document as text, or the problems found.
 * @example
 * ```ts
 * const svg = renderCircle(course.inventory.circle, course.inventory, { labels: false });
 * if (svg.ok) element.innerHTML = svg.value;
 * ```
 * @see IPT reference 3.2 ([PP-CC]: concentric circles, the client at the centre, innermost ring =
 * closest people; [CAREPATRON]: 3 to 4 rings)
 * @category Pictures
 */
export function renderCircle(
  circle: CircleInput,
  inventory: InventoryInput,
  options?: RenderCircleOptions,
): Result<string, ValidationError> {
  return guard([], () => {
    const parsedCircle = parseAt(Circle, circle, ['circle']);
    const parsedInventory = parseAt(Inventory, inventory, ['inventory']);
    const parsedOptions = parseOptions(RenderCircleOptions, options);
    if (!parsedCircle.ok || !parsedInventory.ok || !parsedOptions.ok) {
      return err(mergeErrors(parsedCircle, parsedInventory, parsedOptions));
    }
    const people = parsedInventory.value.people;
    const dangling = Object.keys(parsedCircle.value.placements)
      .filter((id) => !Object.hasOwn(people, id))
      .sort(compareIds)
      .map((id) =>
        issue(
          'dangling-person',
          ['circle', 'placements', id],
          'places a person who is not in the inventory',
        ),
      );
    if (dangling.length > 0) return err(validationError(dangling));
    return ok(draw(parsedCircle.value, parsedInventory.value, parsedOptions.value));
  });
}

function draw(
  circle: DeepReadonly<Circle>,
  inventory: DeepReadonly<Inventory>,
  options: z.output<typeof RenderCircleOptions>,
): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  const labels = options.labels ?? true;
  const palette = paletteOf(options);
  const people = placedPeople(circle, inventory, labels);
  const ringCount = circle.ringCount;

  const side = Math.min(width, height - LEGEND_HEIGHT);
  const cx = width / 2;
  const cy = (height - LEGEND_HEIGHT) / 2;
  const outer = side / 2 - MARGIN;
  const centre = clamp(outer * 0.13, 12, 40);
  const band = (outer - centre) / ringCount;
  const markRadius = clamp(band * 0.2, 3, 8);
  const labelSize = clamp(band * 0.3, 7, 12);
  const ringLabelSize = clamp(band * 0.32, 7, 11);

  const body: Markup[] = [];
  // Rings from the outside in, so each inner disc is drawn over the outer ones.
  const rings: Markup[] = [];
  for (let ring = ringCount - 1; ring >= 0; ring -= 1) {
    rings.push(
      element('circle', [
        ['class', 'iptkit-ring'],
        ['data-ring', ring],
        ['cx', cx],
        ['cy', cy],
        ['r', centre + (ring + 1) * band],
        ['fill', ring % 2 === 0 ? palette.ring : palette.ringAlternate],
        ['stroke', palette.muted],
        ['stroke-width', 1],
      ]),
    );
  }
  body.push(element('g', [['class', 'iptkit-rings']], rings));

  const ringLabels: Markup[] = [];
  for (let ring = 0; ring < ringCount; ring += 1) {
    ringLabels.push(
      element(
        'text',
        [
          ['class', 'iptkit-ring-label'],
          ['data-ring', ring],
          ['x', cx],
          ['y', cy - (centre + (ring + 0.5) * band)],
          ['text-anchor', 'middle'],
          ['dominant-baseline', 'middle'],
          ['font-size', ringLabelSize],
          ['fill', palette.muted],
        ],
        [ringName(ring, ringCount)],
      ),
    );
  }
  body.push(element('g', [['class', 'iptkit-ring-labels']], ringLabels));

  const centerText = labels ? (options.centerLabel ?? 'Client') : 'Client';
  body.push(
    element(
      'g',
      [['class', 'iptkit-client']],
      [
        element('circle', [
          ['cx', cx],
          ['cy', cy],
          ['r', centre],
          ['fill', palette.client],
        ]),
        element(
          'text',
          [
            ['x', cx],
            ['y', cy],
            ['text-anchor', 'middle'],
            ['dominant-baseline', 'middle'],
            ['font-size', clamp(centre * 0.45, 7, 13)],
            ['fill', palette.background],
            ['font-weight', 'bold'],
          ],
          [shorten(centerText, 12)],
        ),
      ],
    ),
  );

  const marks: Markup[] = [];
  for (let ring = 0; ring < ringCount; ring += 1) {
    const inRing = people.filter((person) => person.ring === ring);
    const radius = centre + (ring + 0.5) * band;
    // Leave a wedge free at the top, where the ring's label is; spread the people evenly over
    // the rest of the ring, every other ring shifted by a quarter step so that people of
    // neighbouring rings rarely line up.
    const labelHalfWidth =
      (Array.from(ringName(ring, ringCount)).length * ringLabelSize * 0.58) / 2;
    const wedge = Math.min(
      Math.PI / 3,
      Math.asin(Math.min(1, (labelHalfWidth + markRadius) / radius)),
    );
    const shift = ring % 2 === 0 ? 0 : 0.25;
    inRing.forEach((person, index) => {
      const angle =
        -Math.PI / 2 + wedge + ((2 * Math.PI - 2 * wedge) * (index + 0.5 + shift)) / inRing.length;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const x = cx + radius * cos;
      const y = cy + radius * sin;
      const shown = `${shorten(person.name, LABEL_LENGTH)}${person.deceased ? ' (deceased)' : ''}`;
      // The label goes outward: beside the mark on the left and right, under or over it at the
      // bottom and top, so that it does not run into the centre. A label that would leave the
      // picture sideways goes under the mark instead, moved inward as far as needed.
      const textWidth = Array.from(shown).length * labelSize * 0.58;
      const gap = markRadius * 1.3 + 3;
      let side: 'start' | 'end' | 'middle' = cos > 0.4 ? 'start' : cos < -0.4 ? 'end' : 'middle';
      if (side === 'start' && x + gap + textWidth > width - 2) side = 'middle';
      if (side === 'end' && x - gap - textWidth < 2) side = 'middle';
      const labelX =
        side === 'start'
          ? x + gap
          : side === 'end'
            ? x - gap
            : clamp(x, textWidth / 2 + 2, Math.max(textWidth / 2 + 2, width - textWidth / 2 - 2));
      const labelY =
        side !== 'middle'
          ? y + labelSize * 0.35
          : sin >= -0.2
            ? y + gap + labelSize * 0.8
            : y - gap;
      marks.push(
        element(
          'g',
          [
            ['class', 'iptkit-person'],
            ['data-ring', ring],
            ['data-status', person.deceased ? 'deceased' : 'alive'],
            ['data-period', person.past ? 'past' : 'current'],
            ['data-person-id', labels ? person.id : undefined],
          ],
          [
            element('title', [], [personDescription(person, ringCount)]),
            shapeFor(person, x, y, markRadius, palette),
            element(
              'text',
              [
                ['class', 'iptkit-person-label'],
                ['x', labelX],
                ['y', labelY],
                ['text-anchor', side],
                ['font-size', labelSize],
                ['fill', palette.text],
                ['stroke', palette.background],
                ['stroke-width', 2.5],
                ['paint-order', 'stroke'],
              ],
              [shown],
            ),
          ],
        ),
      );
    });
  }
  body.push(element('g', [['class', 'iptkit-people']], marks));
  body.push(legend(palette, height - LEGEND_HEIGHT));

  return frame({
    kind: 'circle',
    width,
    height,
    title: options.title ?? 'Closeness circle',
    description: options.description ?? describe(circle, inventory, people),
    palette,
    idPrefix: options.idPrefix,
    body,
  });
}

function describe(
  circle: DeepReadonly<Circle>,
  inventory: DeepReadonly<Inventory>,
  people: readonly Placed[],
): string {
  const ringCount = circle.ringCount;
  const sentences = [
    `The client at the centre with ${count(ringCount, 'ring', 'rings')} around them; ring 1 is the closest.`,
    `${count(people.length, 'person is', 'people are')} placed.`,
  ];
  for (let ring = 0; ring < ringCount; ring += 1) {
    const names = people
      .filter((person) => person.ring === ring)
      .map((person) => `${person.name}${person.deceased ? ' (deceased)' : ''}`);
    sentences.push(
      `${ringName(ring, ringCount)}: ${names.length === 0 ? 'nobody' : listInWords(names)}.`,
    );
  }
  const unplaced = Object.keys(inventory.people).filter(
    (id) => !Object.hasOwn(circle.placements, id),
  ).length;
  if (unplaced > 0) {
    sentences.push(`${count(unplaced, 'person', 'people')} in the inventory not placed.`);
  }
  return sentences.join(' ');
}
