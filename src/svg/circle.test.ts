import { describe, expect, test } from 'vitest';
import { parseWith } from '../internal/parse.js';
import { Inventory } from '../inventory/inventory.js';
import { renderCircle } from './circle.js';
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
import { cleanText, shorten } from './xml.js';

type Status = 'alive' | 'deceased';

function person(id: string, label: string, status: Status = 'alive', period = 'current') {
  return {
    id,
    label,
    relationship: status === 'deceased' ? 'parent' : 'friend',
    vitalStatus: { status },
    period,
  };
}

/** An inventory of the given people, placed as given. */
function inventoryOf(
  people: readonly ReturnType<typeof person>[],
  placements: Record<string, number>,
  ringCount = 3,
) {
  return parseWith(Inventory, {
    people: Object.fromEntries(people.map((entry) => [entry.id, entry])),
    circle: { ringCount, placements },
  });
}

const sample = inventoryOf(
  [
    person('p-partner', 'Alex'),
    person('p-mother', 'Mum', 'deceased', 'past'),
    person('p-friend', 'Sam'),
    person('p-boss', 'Boss', 'alive', 'past'),
    person('p-sister', 'Jo'),
    person('p-neighbour', 'Pat'),
  ],
  { 'p-partner': 0, 'p-mother': 0, 'p-friend': 1, 'p-sister': 1, 'p-boss': 2 },
);

function render(options?: Parameters<typeof renderCircle>[2]) {
  return parseSvg(value(renderCircle(sample.circle, sample, options)));
}

function labelOf(mark: Node): string {
  return byClass(mark, 'iptkit-person-label')[0]?.text ?? '';
}

function centreOf(root: Node): { x: number; y: number } {
  const disc = child(byClass(root, 'iptkit-client')[0]!, 'circle');
  return { x: numberAttribute(disc, 'cx'), y: numberAttribute(disc, 'cy') };
}

function markPosition(mark: Node): { x: number; y: number } {
  const shape = byClass(mark, 'iptkit-mark-shape')[0]!;
  if (shape.name === 'circle') {
    return { x: numberAttribute(shape, 'cx'), y: numberAttribute(shape, 'cy') };
  }
  // A diamond path `M x top L right y L x bottom L left y Z`: its centre is (first x, second y).
  const numbers = (shape.attributes.d ?? '').match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  return { x: numbers[0] ?? NaN, y: numbers[3] ?? NaN };
}

describe('renderCircle', () => {
  test('is a standalone, accessible SVG document with a title and a description', () => {
    const svg = value(renderCircle(sample.circle, sample));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 520"')).toBe(
      true,
    );
    const root = parseSvg(svg);
    const { title, description } = accessibleText(root);
    expect(title).toBe('Closeness circle');
    expect(description).toContain('3 rings');
    expect(description).toContain('Ring 1 (closest): Mum (deceased) and Alex.');
    expect(description).toContain('1 person in the inventory not placed.');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  test('draws one ring per ring of the circle, labelled from the closest (IPT reference 3.2, [PP-CC])', () => {
    for (const ringCount of [1, 3, 4, 10]) {
      const inventory = inventoryOf([person('p-a', 'A')], { 'p-a': ringCount - 1 }, ringCount);
      const root = parseSvg(value(renderCircle(inventory.circle, inventory)));
      const rings = byClass(root, 'iptkit-ring');
      expect(rings).toHaveLength(ringCount);
      expect(rings.map((ring) => ring.attributes['data-ring']).sort()).toEqual(
        Array.from({ length: ringCount }, (_, index) => String(index)).sort(),
      );
      const labels = byClass(root, 'iptkit-ring-label').map((label) => label.text);
      expect(labels).toHaveLength(ringCount);
      expect(labels[0]).toBe('Ring 1 (closest)');
      if (ringCount > 1) expect(labels[ringCount - 1]).toBe(`Ring ${ringCount} (furthest)`);
      // Ring 0 is the innermost: its radius is the smallest.
      const radius = (ring: number) =>
        numberAttribute(
          rings.find((node) => node.attributes['data-ring'] === String(ring))!,
          'r',
        );
      for (let ring = 1; ring < ringCount; ring += 1) {
        expect(radius(ring)).toBeGreaterThan(radius(ring - 1));
      }
    }
  });

  test('draws exactly one mark per placed person, in the ring they are placed in', () => {
    const root = render();
    const marks = byClass(root, 'iptkit-person');
    expect(marks).toHaveLength(Object.keys(sample.circle.placements).length);
    const centre = centreOf(root);
    const rings = byClass(root, 'iptkit-ring');
    const radius = (ring: number) =>
      numberAttribute(
        rings.find((node) => node.attributes['data-ring'] === String(ring))!,
        'r',
      );
    for (const mark of marks) {
      const id = mark.attributes['data-person-id']!;
      const ring = sample.circle.placements[id as keyof typeof sample.circle.placements];
      expect(mark.attributes['data-ring']).toBe(String(ring));
      // The mark lies between the ring's inner and outer edges.
      const { x, y } = markPosition(mark);
      const distance = Math.hypot(x - centre.x, y - centre.y);
      const inner =
        ring === 0
          ? numberAttribute(child(byClass(root, 'iptkit-client')[0]!, 'circle'), 'r')
          : radius(ring! - 1);
      expect(distance).toBeGreaterThan(inner);
      expect(distance).toBeLessThan(radius(ring!));
    }
    // The unplaced person is not drawn.
    expect(marks.some((mark) => labelOf(mark).includes('Pat'))).toBe(false);
  });

  test('shows deceased people by shape and text, past relationships by line, not by colour alone', () => {
    const root = render();
    const marks = byClass(root, 'iptkit-person');
    const mother = marks.find((mark) => mark.attributes['data-person-id'] === 'p-mother')!;
    const partner = marks.find((mark) => mark.attributes['data-person-id'] === 'p-partner')!;
    const boss = marks.find((mark) => mark.attributes['data-person-id'] === 'p-boss')!;
    expect(mother.attributes['data-status']).toBe('deceased');
    expect(byClass(mother, 'iptkit-mark-shape')[0]!.name).toBe('path');
    expect(labelOf(mother)).toBe('Mum (deceased)');
    expect(child(mother, 'title').text).toContain('deceased');
    expect(partner.attributes['data-status']).toBe('alive');
    expect(byClass(partner, 'iptkit-mark-shape')[0]!.name).toBe('circle');
    expect(labelOf(partner)).toBe('Alex');
    expect(boss.attributes['data-period']).toBe('past');
    expect(byClass(boss, 'iptkit-mark-shape')[0]!.attributes['stroke-dasharray']).toBeDefined();
    expect(
      byClass(partner, 'iptkit-mark-shape')[0]!.attributes['stroke-dasharray'],
    ).toBeUndefined();
    const legend = byClass(root, 'iptkit-legend')[0]!.text;
    expect(legend).toContain('deceased (diamond)');
    expect(legend).toContain('past relationship');
  });

  test('labels: false leaves out every name, relationship and id, numbering people from the centre', () => {
    const svg = value(renderCircle(sample.circle, sample, { labels: false, centerLabel: 'Robin' }));
    for (const secret of [
      'Alex',
      'Mum',
      'Sam',
      'Boss',
      'Jo',
      'Pat',
      'Robin',
      'p-',
      'friend',
      'parent',
    ]) {
      expect(svg).not.toContain(secret);
    }
    const root = parseSvg(svg);
    const marks = byClass(root, 'iptkit-person');
    expect(marks.every((mark) => mark.attributes['data-person-id'] === undefined)).toBe(true);
    // Ring by ring from the centre, by id within a ring: ring 0 holds p-mother and p-partner.
    const labels = marks.map((mark) => [mark.attributes['data-ring'], labelOf(mark)]);
    expect(labels).toEqual([
      ['0', 'Person 1 (deceased)'],
      ['0', 'Person 2'],
      ['1', 'Person 3'],
      ['1', 'Person 4'],
      ['2', 'Person 5'],
    ]);
    expect(byClass(root, 'iptkit-client')[0]!.text).toBe('Client');
  });

  test('uses the centre label when labels are on', () => {
    const root = render({ centerLabel: 'Robin' });
    expect(byClass(root, 'iptkit-client')[0]!.text).toBe('Robin');
  });

  test.each(HOSTILE)('escapes a hostile label and still parses: %j', (label) => {
    const inventory = inventoryOf([person('p-x', label), person('p-y', 'Plain')], {
      'p-x': 0,
      'p-y': 1,
    });
    const svg = value(
      renderCircle(inventory.circle, inventory, { title: label, description: label }),
    );
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain(']]>');
    const root = parseSvg(svg);
    const mark = byClass(root, 'iptkit-person').find(
      (node) => node.attributes['data-person-id'] === 'p-x',
    )!;
    // What a reader sees is the label itself (cleaned of characters XML cannot hold).
    const trimmed = label.trim();
    expect(labelOf(mark)).toBe(shorten(trimmed, 18));
    expect(child(mark, 'title').text).toBe(`${cleanText(trimmed)}: friend, Ring 1 (closest)`);
    const { title, description } = accessibleText(root);
    expect(title).toBe(cleanText(trimmed));
    expect(description).toBe(cleanText(trimmed));
  });

  test('is deterministic: the same input gives the same text, and the input is not changed', () => {
    const input = JSON.parse(JSON.stringify(sample)) as typeof sample;
    const before = JSON.stringify(input);
    const first = value(renderCircle(input.circle, input));
    const second = value(renderCircle(input.circle, input));
    expect(second).toBe(first);
    expect(JSON.stringify(input)).toBe(before);
    // Key order does not matter: placements listed the other way round draw the same picture.
    const reversed = {
      ...input,
      circle: {
        ...input.circle,
        placements: Object.fromEntries(Object.entries(input.circle.placements).reverse()),
      },
    } as typeof sample;
    expect(value(renderCircle(reversed.circle, reversed))).toBe(first);
  });

  test('gives different pictures different ids, and takes an id prefix', () => {
    const one = render();
    const other = parseSvg(value(renderCircle(sample.circle, sample, { labels: false })));
    expect(child(one, 'title').attributes.id).not.toBe(child(other, 'title').attributes.id);
    const prefixed = render({ idPrefix: 'circle-a' });
    expect(child(prefixed, 'title').attributes.id).toBe('circle-a-title');
    expect(child(prefixed, 'desc').attributes.id).toBe('circle-a-desc');
  });

  test('takes a size, colours, a title and a description', () => {
    const root = render({
      width: 300,
      height: 320,
      colors: { person: '#123456', deceased: 'rebeccapurple' },
      title: 'Start of treatment',
      description: 'My circle',
    });
    expect(root.attributes.viewBox).toBe('0 0 300 320');
    expect(root.attributes.width).toBe('300');
    const fills = byClass(root, 'iptkit-mark-shape').map((shape) => shape.attributes.stroke);
    expect(fills).toContain('#123456');
    expect(fills).toContain('rebeccapurple');
    expect(accessibleText(root)).toEqual({ title: 'Start of treatment', description: 'My circle' });
  });

  test('draws an empty circle', () => {
    const inventory = inventoryOf([], {});
    const root = parseSvg(value(renderCircle(inventory.circle, inventory)));
    expect(byClass(root, 'iptkit-person')).toHaveLength(0);
    expect(byClass(root, 'iptkit-ring')).toHaveLength(3);
    expect(accessibleText(root).description).toContain('0 people are placed.');
  });

  test('reports bad options with codes and paths instead of throwing', () => {
    const bad = (options: unknown) =>
      issuesOf(renderCircle(sample.circle, sample, options as never)).map((found) => [
        found.code,
        found.path,
      ]);
    expect(bad({ width: 'wide' })).toEqual([['invalid-type', ['options', 'width']]]);
    expect(bad({ width: 10 })).toEqual([['too-small', ['options', 'width']]]);
    expect(bad({ height: 5000.5 })).toEqual(
      expect.arrayContaining([expect.arrayContaining([['options', 'height']])]),
    );
    expect(bad({ labels: 'no' })).toEqual([['invalid-type', ['options', 'labels']]]);
    expect(bad({ colors: { person: 'url(javascript:alert(1))' } })).toEqual([
      ['invalid-format', ['options', 'colors', 'person']],
    ]);
    expect(bad({ colors: { sparkle: '#fff' } })).toEqual([
      ['unrecognized-keys', ['options', 'colors']],
    ]);
    expect(bad({ idPrefix: '1 bad id' })).toEqual([['invalid-format', ['options', 'idPrefix']]]);
    expect(bad({ shape: 'square' })).toEqual([['unrecognized-keys', ['options']]]);
    expect(bad('big')).toEqual([['invalid-type', ['options']]]);
  });

  test('reports a bad circle and a bad inventory together, with paths', () => {
    const result = renderCircle(
      { ringCount: 3, placements: { 'p-partner': 5 } },
      { people: {}, circle: { ringCount: 0, placements: {} } },
      { width: -1 },
    );
    const issues = issuesOf(result).map((found) => [found.code, found.path]);
    expect(issues).toContainEqual(['ring-out-of-range', ['circle', 'placements', 'p-partner']]);
    expect(issues).toContainEqual(['too-small', ['inventory', 'circle', 'ringCount']]);
    expect(issues).toContainEqual(['too-small', ['options', 'width']]);
  });

  test('refuses a circle that places someone who is not in the inventory', () => {
    const result = renderCircle(
      { ringCount: 3, placements: { 'p-partner': 0, 'p-stranger': 1 } },
      sample,
    );
    expect(issuesOf(result)).toEqual([
      {
        code: 'dangling-person',
        path: ['circle', 'placements', 'p-stranger'],
        message: 'places a person who is not in the inventory',
      },
    ]);
  });

  test('never throws, even on input that cannot be read', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    for (const [circle, inventory, options] of [
      [null, null, undefined],
      [hostile, sample, undefined],
      [sample.circle, hostile, undefined],
      [sample.circle, sample, hostile],
    ] as const) {
      const result = renderCircle(circle as never, inventory as never, options);
      expect(result.ok).toBe(false);
    }
  });

  test('draws a picture that can be rendered in a browser: only SVG elements', () => {
    const root = render();
    const allowed = new Set([
      'svg',
      'title',
      'desc',
      'g',
      'rect',
      'circle',
      'path',
      'line',
      'text',
    ]);
    const names = new Set<string>();
    const walk = (node: Node) => {
      names.add(node.name);
      node.children.forEach(walk);
    };
    walk(root);
    for (const name of names) expect(allowed.has(name), name).toBe(true);
  });
});
