/*
 * Shared by the picture tests (not part of the library): reading SVG text back as XML and finding
 * its elements.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { Result } from '../internal/result.js';
import type { ValidationError } from '../internal/issues.js';

/** One element of a parsed picture. */
export interface Node {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
  /** The element's own text and its descendants', concatenated. */
  readonly text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

type Ordered = Record<string, unknown>;

function toNode(raw: Ordered): Node | string {
  if (Object.hasOwn(raw, '#text')) return String(raw['#text']);
  const name = Object.keys(raw).find((key) => key !== ':@') ?? '';
  const attributes = (raw[':@'] ?? {}) as Record<string, string>;
  const rawChildren = (raw[name] ?? []) as Ordered[];
  const converted = rawChildren.map(toNode);
  const children = converted.filter((child): child is Node => typeof child !== 'string');
  const text = converted.map((child) => (typeof child === 'string' ? child : child.text)).join('');
  return { name, attributes, children, text };
}

/**
 * The first character XML 1.0 does not allow (production 2: #x9, #xA, #xD, #x20-#xD7FF,
 * #xE000-#xFFFD, #x10000-#x10FFFF), as its code point, or `undefined`. Written here apart from
 * the library's own check, so that a mistake there cannot hide itself.
 */
function firstNonXmlCharacter(text: string): number | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
      return unit;
    }
    const allowed =
      unit === 0x9 ||
      unit === 0xa ||
      unit === 0xd ||
      (unit >= 0x20 && unit <= 0xd7ff) ||
      (unit >= 0xe000 && unit <= 0xfffd);
    if (!allowed) return unit;
  }
  return undefined;
}
/** An ampersand that does not start one of the five predefined entities. */
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos);)/;

/**
 * Checks that a picture is a well-formed standalone SVG document and reads it back: the validator
 * accepts it, it has no character XML 1.0 forbids, no bare `&`, no `<` inside an attribute, and
 * one `svg` root in the SVG namespace.
 * @param svg - The picture.
 * @returns The root element.
 */
export function parseSvg(svg: string): Node {
  // The brief names fast-xml-parser's validator; its successor package is not installed.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(firstNonXmlCharacter(svg)).toBeUndefined();
  expect(BARE_AMPERSAND.test(svg)).toBe(false);
  // Inside attribute values `<` must be escaped; the validator does not check it.
  expect(/="[^"]*</.test(svg)).toBe(false);
  const parsed = parser.parse(svg) as Ordered[];
  const roots = parsed.map(toNode).filter((node): node is Node => typeof node !== 'string');
  expect(roots).toHaveLength(1);
  const root = roots[0];
  if (root === undefined) return expect.fail('no root element');
  expect(root.name).toBe('svg');
  expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  return root;
}

/** Every element under (and including) a node, in document order. */
export function descendants(node: Node): Node[] {
  return [node, ...node.children.flatMap(descendants)];
}

/** The elements with a class. */
export function byClass(root: Node, name: string): Node[] {
  return descendants(root).filter((node) =>
    (node.attributes.class ?? '').split(/\s+/).includes(name),
  );
}

/** The elements with a tag name. */
export function byName(root: Node, name: string): Node[] {
  return descendants(root).filter((node) => node.name === name);
}

/** The direct child of a node with a tag name (fails the test if there is none). */
export function child(node: Node, name: string): Node {
  const found = node.children.find((candidate) => candidate.name === name);
  if (found === undefined) return expect.fail(`expected a <${name}> child of <${node.name}>`);
  return found;
}

/** A numeric attribute (fails the test if it is missing or not a number). */
export function numberAttribute(node: Node, name: string): number {
  const value = Number(node.attributes[name]);
  expect(Number.isFinite(value), `${name}="${node.attributes[name] ?? ''}"`).toBe(true);
  return value;
}

/** The value of a successful result (fails the test otherwise). */
export function value<TValue>(result: Result<TValue, ValidationError>): TValue {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error.issues)}`);
  return result.value;
}

/** The issues of a failed result (fails the test otherwise). */
export function issuesOf(
  result: Result<unknown, ValidationError>,
): readonly { readonly code: string; readonly path: readonly (string | number)[] }[] {
  if (result.ok) expect.fail('expected a validation error');
  expect(result.error.kind).toBe('validation');
  return result.error.issues;
}

/**
 * Checks the accessible frame of a picture: `role="img"`, `aria-labelledby` naming the ids of its
 * `title` and `desc` (its first two children), and returns their texts.
 */
export function accessibleText(root: Node): { title: string; description: string } {
  expect(root.attributes.role).toBe('img');
  const title = root.children[0];
  const description = root.children[1];
  expect(title?.name).toBe('title');
  expect(description?.name).toBe('desc');
  expect(root.attributes['aria-labelledby']).toBe(
    `${title?.attributes.id ?? '?'} ${description?.attributes.id ?? '?'}`,
  );
  const ids = descendants(root)
    .map((node) => node.attributes.id)
    .filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  return { title: title?.text ?? '', description: description?.text ?? '' };
}

/** Hostile labels: markup, entities, quotes, CDATA ends, control characters, lone surrogates. */
export const HOSTILE = [
  '<script>alert("x")</script>',
  'Tom & Jerry',
  `"quoted" and 'single'`,
  ']]> end of CDATA',
  'bell\u0007 and nul\u0000 and esc\u001b',
  'lone high \uD800 and lone low \uDC00',
  'not a char \uFFFE\uFFFF',
  '&amp; already &lt;escaped&gt;',
  '<!-- comment --> <![CDATA[x]]>',
  'right-to-left \u202E override',
] as const;
