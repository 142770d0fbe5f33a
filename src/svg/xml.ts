/*
 * Building SVG text by hand: escaping, number formatting and elements. No DOM and no Node
 * built-ins, so the pictures can be drawn in a browser bundle, a worker or a server alike.
 */

/** The SVG namespace. */
export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The character put in place of one that XML 1.0 does not allow. */
const REPLACEMENT = '\uFFFD';

/**
 * Whether a code point may appear in an XML 1.0 document: `#x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF]` (XML 1.0, production 2). Lone surrogates (U+D800 to
 * U+DFFF on their own) fall outside every range.
 */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Makes text safe to put on one line of a picture: every character XML 1.0 forbids (control
 * characters, lone surrogates, U+FFFE, U+FFFF) becomes U+FFFD, and every run of white space
 * (tabs and line breaks included) becomes one space, trimmed at both ends.
 * @param text - Any string.
 * @returns The cleaned text (not yet escaped).
 * @internal
 */
export function cleanText(text: string): string {
  let cleaned = '';
  // for...of walks code points: a valid surrogate pair comes as one, a lone surrogate alone.
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    cleaned += isXmlChar(codePoint) ? character : REPLACEMENT;
  }
  return cleaned.replace(/\s+/gu, ' ').trim();
}

/**
 * Cleans text (see {@link cleanText}) and escapes the five XML special characters, so that the
 * result is safe both as element content and inside a double- or single-quoted attribute.
 * @param text - Any string.
 * @returns The escaped text.
 * @internal
 */
export function escapeXml(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Shortens cleaned text to at most `maxLength` code points, ending it with an ellipsis when it was
 * cut (a surrogate pair is never split).
 * @param text - Any string.
 * @param maxLength - The most code points to keep (at least 2).
 * @returns The cleaned, possibly shortened text (not yet escaped).
 * @internal
 */
export function shorten(text: string, maxLength: number): string {
  const codePoints = Array.from(cleanText(text));
  if (codePoints.length <= maxLength) return codePoints.join('');
  return `${codePoints
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}\u2026`;
}

/**
 * Formats a coordinate or length with at most two decimals and no exponent, so the same number
 * always prints the same way (`-0` prints as `0`).
 * @param value - A finite number.
 * @returns The number as text.
 * @internal
 */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0 || !Number.isFinite(rounded)) return '0';
  return rounded
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .replace(/^-0$/, '0');
}

/**
 * A piece of well-formed SVG markup. Only {@link element} makes one, so markup and text cannot be
 * mixed up: a plain string given as a child is always text, and always escaped.
 * @internal
 */
export class Markup {
  /** The markup as text. */
  readonly text: string;

  /** @param text - Markup built by {@link element}. */
  private constructor(text: string) {
    this.text = text;
  }

  /** @internal */
  static trusted(text: string): Markup {
    return new Markup(text);
  }
}

/** An attribute value: text (escaped on output), a number (formatted), or absent. */
export type AttributeValue = string | number | undefined;

/** A child of an element: markup, or text (escaped on output). */
export type Child = Markup | string;

/**
 * Builds one element. Attributes keep the order given (so the output is stable) and are left out
 * when their value is `undefined`; text values are escaped, numbers formatted. A child is either
 * markup from another call or text, which is cleaned (one line, trimmed: see {@link cleanText})
 * and escaped.
 * @param name - The element name (a constant of the caller's, never input).
 * @param attributes - Name/value pairs in output order.
 * @param children - Content, in order; none makes a self-closing element.
 * @returns The element.
 * @internal
 */
export function element(
  name: string,
  attributes: readonly (readonly [string, AttributeValue])[],
  children: readonly Child[] = [],
): Markup {
  let open = `<${name}`;
  for (const [attribute, value] of attributes) {
    if (value === undefined) continue;
    open += ` ${attribute}="${typeof value === 'number' ? formatNumber(value) : escapeXml(value)}"`;
  }
  if (children.length === 0) return Markup.trusted(`${open}/>`);
  const content = children
    .map((child) => (child instanceof Markup ? child.text : escapeXml(child)))
    .join('');
  return Markup.trusted(`${open}>${content}</${name}>`);
}

/**
 * A short, stable fingerprint of a text (32-bit FNV-1a over its UTF-16 code units, in base 36),
 * used to give each distinct picture its own element ids without any randomness.
 * @param text - The text to fingerprint.
 * @returns Up to 7 lowercase letters and digits.
 * @internal
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
