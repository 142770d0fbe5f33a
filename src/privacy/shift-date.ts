import { daysBetween } from '../internal/dates.js';

const EPOCH = '1970-01-01';

/**
 * The ISO date `days` days after 1970-01-01 (proleptic Gregorian, the "civil from days"
 * algorithm), or `undefined` when its year falls outside 0000-9999, which ISO dates in iptkit
 * cannot hold.
 */
function dateFromDayNumber(days: number): string | undefined {
  const shifted = days + 719_468;
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
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return undefined;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
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
  return dayNumber === undefined ? undefined : dateFromDayNumber(dayNumber + days);
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
