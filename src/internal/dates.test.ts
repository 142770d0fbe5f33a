import { describe, expect, it } from 'vitest';
import { IsoDate, IsoDateTime, daysBetween } from './dates.js';
import { safeParseWith } from './parse.js';

describe('IsoDate', () => {
  it.each([
    '2026-03-02',
    '2024-02-29',
    '2000-02-29',
    '1999-12-31',
    '0050-01-01',
    '0000-02-29',
    '9999-12-31',
  ])('accepts the real calendar date %s', (value) => {
    expect(IsoDate.safeParse(value)).toEqual({ success: true, data: value });
  });

  it.each([
    ['a day past the end of February', '2026-02-30'],
    ['February 29 in a common year', '2023-02-29'],
    ['February 29 in a century common year', '1900-02-29'],
    ['April 31', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-03-00'],
    ['single-digit month and day', '2026-3-2'],
    ['a two-digit year', '26-03-02'],
    ['a five-digit year', '12026-03-02'],
    ['a date-time', '2026-03-02T00:00:00Z'],
    ['slashes', '2026/03/02'],
    ['the basic format', '20260302'],
    ['a leading space', ' 2026-03-02'],
    ['a trailing newline', '2026-03-02\n'],
    ['an empty string', ''],
    ['a day-first date', '02-03-2026'],
  ])('rejects %s (%j) with invalid-format', (_label, value) => {
    const result = safeParseWith(IsoDate, value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      { code: 'invalid-format', path: [], message: 'must be a valid date' },
    ]);
  });

  it('rejects a Date object with invalid-type', () => {
    const result = safeParseWith(IsoDate, new Date('2026-03-02'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => found.code)).toEqual(['invalid-type']);
  });
});

describe('IsoDateTime', () => {
  it.each([
    '2026-03-02T14:30:00Z',
    '2026-03-02T14:30:00+01:00',
    '2026-03-02T14:30:00-05:30',
    '2026-03-02T14:30:00.123Z',
    '2026-03-02T14:30:00.5+00:00',
    '2024-02-29T23:59:59Z',
  ])('accepts %s, which has an offset or Z', (value) => {
    expect(IsoDateTime.safeParse(value)).toEqual({ success: true, data: value });
  });

  it.each([
    ['no offset', '2026-03-02T14:30:00'],
    ['no offset and fractional seconds', '2026-03-02T14:30:00.123'],
    ['only a date', '2026-03-02'],
    ['an impossible date', '2026-02-30T14:30:00Z'],
    ['hour 24', '2026-03-02T24:30:00Z'],
    ['minute 60', '2026-03-02T14:60:00Z'],
    ['a space instead of T', '2026-03-02 14:30:00Z'],
    ['an empty string', ''],
  ])('rejects a date-time with %s (%j)', (_label, value) => {
    const result = safeParseWith(IsoDateTime, value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      { code: 'invalid-format', path: [], message: 'must be a valid datetime' },
    ]);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-02', '2026-03-09', 7],
    ['2026-03-09', '2026-03-02', -7],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2],
    ['2024-02-28', '2024-02-29', 1],
    ['2000-02-28', '2000-03-01', 2],
    ['1900-02-28', '1900-03-01', 1],
    ['2024-01-01', '2025-01-01', 366],
    ['2023-01-01', '2024-01-01', 365],
    ['2025-12-31', '2026-01-01', 1],
    ['1969-12-31', '1970-01-01', 1],
    ['1970-01-01', '2000-01-01', 10_957],
    ['0050-01-01', '0051-01-01', 365],
    ['0052-01-01', '0053-01-01', 366],
    ['0000-01-01', '0001-01-01', 366],
    ['0050-01-01', '1950-01-01', 693_960],
    ['0001-01-01', '9999-12-31', 3_652_058],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('reads years below 100 as themselves, not as 19xx', () => {
    expect(daysBetween('0050-03-01', '0050-03-02')).toBe(1);
    expect(daysBetween('0050-01-01', '1950-01-01')).not.toBe(0);
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
  });

  it.each([
    ['2026-02-30', '2026-03-01'],
    ['2026-03-01', '2026-02-30'],
    ['2026-3-2', '2026-03-02'],
    ['2026-03-02', '2026-3-2'],
    ['', '2026-03-02'],
    ['2026-03-02', 'not a date'],
    ['2026-03-02T00:00:00Z', '2026-03-03'],
    ['2023-02-29', '2023-03-01'],
  ])('is undefined when either date is invalid (%j, %j)', (from, to) => {
    expect(daysBetween(from, to)).toBeUndefined();
  });
});
