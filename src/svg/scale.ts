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
