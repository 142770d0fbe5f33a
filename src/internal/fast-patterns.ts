/**
 * Plain functions that answer exactly as some regular expressions do, for the acceptor's hot loop
 * (internal/acceptor.ts): a stored course tests a date or an answer key dozens of times per line,
 * and a regular expression with many alternatives costs several times a few character checks.
 * A pattern is only replaced when its source and flags are exactly the ones these functions were
 * written (and tested exhaustively) against; any other pattern keeps its regular expression.
 */

/**
 * The source of zod 4's `z.iso.date()` pattern (real calendar dates, leap years included). If a
 * zod release changes it, the pattern simply stops matching this text and is run as it is.
 */
const ZOD_ISO_DATE_SOURCE =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|' +
  '\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|' +
  '(?:02)-(?:0[1-9]|1\\d|2[0-8])))$';

/** The digit at `index` (ASCII 0-9 only, as `\d` without the `u` flag), or -1. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Whether `text` is a real `YYYY-MM-DD` date of the proleptic Gregorian calendar: what zod's ISO
 * date pattern accepts, decided with character codes.
 * @param text - Any string.
 * @returns The pattern's answer.
 */
export function isIsoDateText(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  const m1 = digitAt(text, 5);
  const m2 = digitAt(text, 6);
  const d1 = digitAt(text, 8);
  const d2 = digitAt(text, 9);
  if (y1 < 0 || y2 < 0 || y3 < 0 || y4 < 0 || m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) {
    if (day <= 28) return true;
    if (day > 29) return false;
    const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  }
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** `^(?:word|word|...)$` where every word is letters, digits, `_` or `-`: a closed list of names. */
const WORD_LIST = /^\^\(\?:([A-Za-z0-9_-]+(?:\|[A-Za-z0-9_-]+)*)\)\$$/;

/**
 * A function that answers as `pattern.test` does on any string, when the pattern is one this
 * module knows: zod's ISO date pattern, or a closed list of plain words (answered by a set).
 * `undefined` for every other pattern, and for any flag (a flag could change the answer).
 * @param pattern - A regular expression from a schema's check.
 * @returns The equivalent function, or `undefined`.
 */
export function fastPattern(pattern: RegExp): ((text: string) => boolean) | undefined {
  if (pattern.flags !== '') return undefined;
  if (pattern.source === ZOD_ISO_DATE_SOURCE) return isIsoDateText;
  const words = WORD_LIST.exec(pattern.source)?.[1];
  if (words === undefined) return undefined;
  const known = new Set(words.split('|'));
  return (text) => known.has(text);
}
