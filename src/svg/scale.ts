/*
 * Scales and ticks shared by the timeline and the trajectory: numbers to positions, calendar dates
 * to day counts and back (no clock, no time zone), and evenly spread tick values.
 */
import { daysBetween } from '../internal/dates.js';

/** A linear map from a domain onto a range of positions. */
export function linear(
  domainLow: number,
  domainHigh: number,
  rangeLow: number,
  rangeHigh: number,
): (value: number) => number {
  const span = domainHigh - domainLow;
  return (value) =>
    span === 0
      ? (rangeLow + rangeHigh) / 2
      : rangeLow + ((value - domainLow) / span) * (rangeHigh - rangeLow);
}

const EPOCH = '1970-01-01';

/** Days since 1970-01-01 of an ISO date (the dates here have been validated). */
export function dayNumber(date: string): number {
  return daysBetween(EPOCH, date) ?? 0;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The ISO date of a day number (days since 1970-01-01), by the proleptic Gregorian "civil from
 * days" algorithm, so years below 100 are not shifted as `Date.UTC` would shift them.
 */
export function dateOfDay(day: number): string {
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

/**
 * Whole-number ticks between two values: every integer when there are few, else multiples of a
 * "nice" step (1, 2, 5, 10, 20, 50, ...) giving at most `most` ticks.
 */
export function numberTicks(low: number, high: number, most: number): number[] {
  if (high < low) return [];
  const span = high - low;
  let step = 1;
  search: for (let power = 1; power <= 1e9; power *= 10) {
    for (const base of [1, 2, 5]) {
      step = base * power;
      if (Math.floor(span / step) + 1 <= most) break search;
    }
  }
  const ticks: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high; value += step) {
    ticks.push(value === 0 ? 0 : value);
  }
  return ticks;
}

/** Up to `most` distinct day numbers spread evenly from `first` to `last`, both included. */
export function dayTicks(first: number, last: number, most: number): number[] {
  if (last <= first) return [first];
  const count = Math.max(2, Math.min(most, last - first + 1));
  const ticks: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const day = first + Math.round(((last - first) * index) / (count - 1));
    if (ticks[ticks.length - 1] !== day) ticks.push(day);
  }
  return ticks;
}
