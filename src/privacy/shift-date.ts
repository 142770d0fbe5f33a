import { dateOfDayNumber, daysBetween, IsoDate } from '../internal/dates.js';

const EPOCH = '1970-01-01';

/** The date when its year lies in 0000-9999 (what an ISO date in iptkit can hold). */
function inIsoRange(date: string): string | undefined {
  return IsoDate.safeParse(date).success ? date : undefined;
}

/**
 * Moves an ISO date (`YYYY-MM-DD`) by whole days.
 * @param date - A valid ISO date.
 * @param days - Days to add (negative moves it earlier).
 * @returns The moved date, or `undefined` when `date` is not a valid ISO date or the result falls
 * outside the years 0000-9999.
 * @internal
 */
export function shiftIsoDate(date: string, days: number): string | undefined {
  const dayNumber = daysBetween(EPOCH, date);
  return dayNumber === undefined ? undefined : inIsoRange(dateOfDayNumber(dayNumber + days));
}

/**
 * Moves an ISO date-time with an explicit offset (`YYYY-MM-DDTHH:MM...`) by whole days: the date
 * part moves, the time of day and the offset stay, so the instant moves by exactly `days` x 24
 * hours.
 * @param dateTime - A valid ISO date-time.
 * @param days - Days to add.
 * @returns The moved date-time, or `undefined` (see {@link shiftIsoDate}).
 * @internal
 */
export function shiftIsoDateTime(dateTime: string, days: number): string | undefined {
  const date = shiftIsoDate(dateTime.slice(0, 10), days);
  return date === undefined ? undefined : `${date}${dateTime.slice(10)}`;
}
