import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { CourseItemId } from '../course/events.js';
import { fastPattern, isIsoDateText } from './fast-patterns.js';

const zodDatePattern = (z.iso.date()._zod.def as unknown as { pattern: RegExp }).pattern;

function text(year: number, month: number, day: number): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Strings near dates: a date with one character swapped, dropped or added. */
const nearDates = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.nat(10),
    fc.constantFrom('', '0', '9', '-', 'a', ' ', '\n', '\u0663', '+', 'T'),
    fc.constantFrom('swap', 'drop', 'insert', 'none'),
  )
  .map(([year, month, day, at, character, how]) => {
    const base = text(year, month, day);
    if (how === 'swap') return base.slice(0, at) + character + base.slice(at + 1);
    if (how === 'drop') return base.slice(0, at) + base.slice(at + 1);
    if (how === 'insert') return base.slice(0, at) + character + base.slice(at);
    return base;
  });

describe('isIsoDateText', () => {
  it("is used for zod's ISO date pattern (a zod release that changes it would show here)", () => {
    expect(fastPattern(zodDatePattern)).toBe(isIsoDateText);
  });

  it("answers as zod's pattern on every month 00-13 and day 00-32 of every year 0000-9999", () => {
    // 4.6 million strings: every leap-year rule (4, 100, 400) and every month length.
    let differing = 0;
    for (let year = 0; year <= 9999; year += 1) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const candidate = text(year, month, day);
          if (isIsoDateText(candidate) !== zodDatePattern.test(candidate)) differing += 1;
        }
      }
    }
    expect(differing).toBe(0);
  });

  it('examples: leap days by the Gregorian rules, month lengths, shapes', () => {
    expect(isIsoDateText('2024-02-29')).toBe(true);
    expect(isIsoDateText('2000-02-29')).toBe(true);
    expect(isIsoDateText('1900-02-29')).toBe(false);
    expect(isIsoDateText('2026-02-29')).toBe(false);
    expect(isIsoDateText('2026-04-31')).toBe(false);
    expect(isIsoDateText('2026-12-31')).toBe(true);
    expect(isIsoDateText('2026-3-02')).toBe(false);
    expect(isIsoDateText('2026-03-02T00:00')).toBe(false);
    expect(isIsoDateText('２026-03-02')).toBe(false);
  });

  it("answers as zod's pattern on strings near dates and on any string", () => {
    fc.assert(
      fc.property(fc.oneof(nearDates, fc.string({ maxLength: 12 })), (candidate) => {
        expect(isIsoDateText(candidate)).toBe(zodDatePattern.test(candidate));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('fastPattern', () => {
  const itemPattern = (CourseItemId._zod.def.checks?.[0]?._zod.def as { pattern?: RegExp }).pattern;

  it('turns the closed list of answer keys into a set lookup that answers as the pattern', () => {
    expect(itemPattern).toBeInstanceOf(RegExp);
    const fast = fastPattern(itemPattern!);
    expect(fast).toBeTypeOf('function');
    const words = /^\^\(\?:(.*)\)\$$/.exec(itemPattern!.source)?.[1]?.split('|') ?? [];
    expect(words.length).toBeGreaterThanOrEqual(17); // HAM-D alone has 17 items
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...words),
          fc.constantFrom(...words).map((word) => `${word} `),
          fc.constantFrom(...words).map((word) => `${word}\n`),
          fc.constantFrom(...words).map((word) => word.toUpperCase()),
          fc.constantFrom(...words).map((word) => word.slice(1)),
          fc.string({ maxLength: 8 }),
        ),
        (candidate) => {
          expect(fast!(candidate)).toBe(itemPattern!.test(candidate));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('leaves every other pattern, and any pattern with a flag, to the regular expression', () => {
    expect(fastPattern(/^(?:a|b)$/i)).toBeUndefined();
    expect(fastPattern(/^(?:a|b)$/m)).toBeUndefined();
    expect(fastPattern(/^(?:a|b.)$/)).toBeUndefined();
    expect(fastPattern(/^(?:a|b)/)).toBeUndefined();
    expect(fastPattern(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)).toBeUndefined();
    expect(fastPattern(new RegExp(zodDatePattern.source, 'u'))).toBeUndefined();
    const closed = fastPattern(/^(?:item1|item-2|x_3)$/);
    expect(['item1', 'item-2', 'x_3', 'item', 'item1 ', ''].map((word) => closed?.(word))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
