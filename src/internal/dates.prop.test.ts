import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, daysBetween } from './dates.js';

const DAY_MS = 86_400_000;

function isoDates(min: string, max: string): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date(`${min}T00:00:00.000Z`),
      max: new Date(`${max}T23:59:59.999Z`),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));
}

/** Dates between 1970 and 2100, where Date.UTC arithmetic is unambiguous. */
const modernDate = isoDates('1970-01-01', '2100-12-31');
/** Any four-digit proleptic Gregorian date, year 0000 through 9999. */
const anyDate = isoDates('0000-01-01', '9999-12-31');

function utcDay(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

describe('daysBetween (properties)', () => {
  it('agrees with Date.UTC arithmetic for years 1970-2100', () => {
    fc.assert(
      fc.property(modernDate, modernDate, (from, to) => {
        expect(daysBetween(from, to)).toBe(utcDay(to) - utcDay(from));
      }),
    );
  });

  it('agrees with ISO date parsing (which keeps the year as written) for years 0000-9999', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (from, to) => {
        expect(daysBetween(from, to)).toBe((Date.parse(to) - Date.parse(from)) / DAY_MS);
      }),
    );
  });

  it('is antisymmetric: daysBetween(a, b) = -daysBetween(b, a)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (first, second) => {
        expect(daysBetween(first, second)).toBe(0 - daysBetween(second, first)!);
      }),
    );
  });

  it('is additive: daysBetween(a, b) + daysBetween(b, c) = daysBetween(a, c)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (first, second, third) => {
        expect(daysBetween(first, second)! + daysBetween(second, third)!).toBe(
          daysBetween(first, third),
        );
      }),
    );
  });

  it('is zero from a date to itself', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(daysBetween(date, date)).toBe(0);
      }),
    );
  });

  it('counts n days from a date to the date n days later', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -20_000, max: 20_000 }), (from, days) => {
        const to = new Date(Date.parse(from) + days * DAY_MS).toISOString().slice(0, 10);
        expect(daysBetween(from, to)).toBe(days);
      }),
    );
  });

  it('accepts every generated calendar date as an IsoDate', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(IsoDate.safeParse(date).success).toBe(true);
      }),
    );
  });

  it('is undefined whenever one side is not an IsoDate', () => {
    fc.assert(
      fc.property(anyDate, fc.string(), fc.boolean(), (date, other, otherFirst) => {
        fc.pre(!IsoDate.safeParse(other).success);
        const days = otherFirst ? daysBetween(other, date) : daysBetween(date, other);
        expect(days).toBeUndefined();
      }),
    );
  });
});
