import { describe, expect, test } from 'vitest';
import { dateOfDayNumber as dateOfDay } from '../internal/dates.js';
import { dayNumber, dayTicks, linear, numberTicks } from './scale.js';
import {
  Markup,
  cleanText,
  element,
  escapeXml,
  fingerprint,
  formatNumber,
  shorten,
} from './xml.js';

describe('escaping', () => {
  test('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
    // Escaping is not undone: an entity in the input is shown as written.
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  test('replaces characters XML 1.0 forbids with U+FFFD (XML 1.0, production 2)', () => {
    expect(cleanText('a\u0000b\u0008c\u000bd\u000ce\u001ff')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf',
    );
    expect(cleanText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(cleanText('\uFFFE\uFFFF')).toBe('\uFFFD\uFFFD');
    // Valid pairs, astral characters and the last allowed BMP character stay.
    expect(cleanText('\uD83D\uDE00 \u{10FFFF} \uFFFD \uE000 \uD7FF')).toBe(
      '\uD83D\uDE00 \u{10FFFF} \uFFFD \uE000 \uD7FF',
    );
  });

  test('keeps text on one line: white space runs become one space, trimmed', () => {
    expect(cleanText('  one\n\ttwo\r\n  three  ')).toBe('one two three');
  });

  test('shortens by code points, never splitting a surrogate pair', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('abcdefghij', 5)).toBe('abcd\u2026');
    expect(shorten('\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00', 2)).toBe('\uD83D\uDE00\u2026');
    expect(shorten('ab   cdef', 4)).toBe('ab\u2026');
  });
});

describe('numbers', () => {
  test('are rounded to two decimals, with no trailing zeros, exponent or negative zero', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(1e-9)).toBe('0');
    expect(formatNumber(3999.999)).toBe('4000');
  });
});

describe('elements', () => {
  test('escape text children (one line, trimmed) and attribute values, keep markup and attribute order', () => {
    const inner = element('tspan', [['x', 1.234]], ['a < b']);
    const outer = element(
      'text',
      [
        ['class', 'label'],
        ['data-skip', undefined],
        ['title', '"quoted" & <tagged>'],
      ],
      [inner, ' & more'],
    );
    expect(outer).toBeInstanceOf(Markup);
    expect(outer.text).toBe(
      '<text class="label" title="&quot;quoted&quot; &amp; &lt;tagged&gt;"><tspan x="1.23">a &lt; b</tspan>&amp; more</text>',
    );
    expect(element('rect', [['width', 2]]).text).toBe('<rect width="2"/>');
  });

  test('a string that looks like markup is still text', () => {
    expect(element('g', [], ['<circle/>']).text).toBe('<g>&lt;circle/&gt;</g>');
  });

  test('fingerprints are 32-bit FNV-1a in base 36 (published test vectors)', () => {
    // FNV-1a 32: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    expect(fingerprint('')).toBe((0x811c9dc5).toString(36));
    expect(fingerprint('a')).toBe((0xe40c292c).toString(36));
    expect(fingerprint('foobar')).toBe((0xbf9cf968).toString(36));
  });
});

describe('scales', () => {
  test('map a domain linearly onto a range, and a point domain onto the middle', () => {
    const y = linear(0, 27, 300, 30);
    expect(y(0)).toBe(300);
    expect(y(27)).toBe(30);
    expect(y(13.5)).toBe(165);
    expect(linear(5, 5, 0, 100)(5)).toBe(50);
  });

  test('turn dates into day numbers and back, leap days and early years included', () => {
    for (const date of [
      '1970-01-01',
      '2000-02-29',
      '1900-03-01',
      '2026-03-02',
      '2024-12-31',
      '0001-01-01',
      '0099-12-31',
      '9999-12-31',
    ]) {
      expect(dateOfDay(dayNumber(date))).toBe(date);
    }
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDay(-1)).toBe('1969-12-31');
  });

  test('spread number ticks on nice steps within the range', () => {
    expect(numberTicks(0, 27, 10)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(numberTicks(0, 10, 11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(numberTicks(-5, 5, 6)).toEqual([-4, -2, 0, 2, 4]);
    expect(numberTicks(0, 52, 10)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(numberTicks(3, 3, 5)).toEqual([3]);
  });

  test('spread day ticks from the first to the last day', () => {
    expect(dayTicks(10, 10, 5)).toEqual([10]);
    expect(dayTicks(0, 2, 6)).toEqual([0, 1, 2]);
    expect(dayTicks(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
  });
});
