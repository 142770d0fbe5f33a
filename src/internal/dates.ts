import * as z from 'zod';

/**
 * A calendar date as ISO 8601 text, `YYYY-MM-DD` (for example `2026-03-02`). Real dates only:
 * `2026-02-30` is rejected. iptkit never reads the clock; dates always come from the caller.
 * @category Kernel
 */
export const IsoDate = z.iso.date();
/** @category Kernel */
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * A date-time as ISO 8601 text with an explicit UTC offset or `Z`
 * (for example `2026-03-02T14:30:00+01:00`).
 * @category Kernel
 */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** @category Kernel */
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" algorithm), so that
 * years below 100 are not reinterpreted as 19xx the way `Date.UTC` does.
 */
function dayNumber(date: string): number | undefined {
  if (!IsoDate.safeParse(date).success) return undefined;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The ISO date of a day number (days since 1970-01-01), by the proleptic Gregorian "civil from
 * days" algorithm: no `Date`, no time zone, and years below 100 are not shifted as `Date.UTC`
 * would shift them. A year outside 0000-9999 gives text that is not a valid {@link IsoDate}.
 * @internal
 */
export function dateOfDayNumber(day: number): string {
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
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
}

/**
 * Whole days from one ISO date to another (negative when `to` is earlier). Pure: no clock, no
 * time zone; both are read as calendar dates.
 * @param from - Start date, `YYYY-MM-DD`.
 * @param to - End date, `YYYY-MM-DD`.
 * @returns The signed number of days, or `undefined` if either is not a valid ISO date.
 * @example
 * ```ts
 * daysBetween('2026-03-02', '2026-03-09'); // 7
 * ```
 * @category Kernel
 */
export function daysBetween(from: string, to: string): number | undefined {
  const start = dayNumber(from);
  const end = dayNumber(to);
  return start === undefined || end === undefined ? undefined : end - start;
}
