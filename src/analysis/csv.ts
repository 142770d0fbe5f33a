/**
 * A value a CSV cell can hold. Numbers and booleans keep their type in the file; `null` and
 * `undefined` are empty cells.
 * @category Analysis
 */
export type CsvValue = string | number | boolean | bigint | null | undefined;

/**
 * A row {@link toCsv} can write: an object whose every property is a {@link CsvValue} (such as
 * `LongRow` and `WideRow`, or a `Record<string, CsvValue>`).
 * @category Analysis
 */
export type CsvRow<TRow> = { readonly [Key in keyof TRow]: CsvValue };

/**
 * Options of {@link toCsv}.
 * @category Analysis
 */
export interface CsvOptions {
  /**
   * The columns, in order (default: the keys of the first row, in their order). A row without a
   * column's key gets an empty cell; keys not listed are left out.
   */
  readonly columns?: readonly string[];
}

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that make a field need quotes under RFC 4180. */
const NEEDS_QUOTES = /[",\r\n]/;

function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function textField(text: string): string {
  return quoted(FORMULA_START.test(text) ? `'${text}` : text);
}

/** `JSON.stringify`, typed as it behaves: `undefined` for a value whose `toJSON` gives nothing. */
const stringify: (value: unknown) => string | undefined = JSON.stringify;

function otherText(value: unknown): string {
  try {
    if (typeof value === 'symbol') return value.description ?? '';
    if (typeof value === 'function') return '';
    return stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * One CSV field for a value, as {@link toCsv} writes it: numbers as they are (non-finite ones
 * empty), booleans `TRUE` / `FALSE`, `null` and `undefined` empty, text neutralised against
 * formula injection and quoted where RFC 4180 needs it (other values are written as JSON text).
 * @param value - The cell value.
 * @returns The field text.
 * @category Analysis
 */
export function csvField(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return textField(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'bigint':
      return String(value);
    case 'undefined':
      return '';
    default:
      return value === null ? '' : textField(otherText(value));
  }
}

function record(fields: readonly string[]): string {
  // A record that is a single empty field would be a blank line, which many readers skip.
  return fields.length === 1 && fields[0] === '' ? '""\r\n' : `${fields.join(',')}\r\n`;
}

/**
 * Writes rows as CSV one record at a time (header first), for streaming large tables; joined, the
 * records are exactly {@link toCsv}'s text.
 * @param rows - The rows.
 * @param options - The columns.
 * @returns The records, each ending in CRLF.
 * @category Analysis
 */
export function* toCsvRecords<TRow extends CsvRow<TRow>>(
  rows: Iterable<TRow>,
  options: CsvOptions = {},
): Generator<string, void, undefined> {
  // `options ?? {}`: JavaScript callers may pass null.
  let columns = (options as CsvOptions | null | undefined)?.columns;
  if (columns !== undefined) {
    if (columns.length === 0) return;
    yield record(columns.map(textField));
  }
  for (const row of rows) {
    if (columns === undefined) {
      columns = Object.keys(row);
      if (columns.length === 0) return;
      yield record(columns.map(textField));
    }
    const fields: string[] = [];
    const cells = row as Readonly<Record<string, unknown>>;
    for (const column of columns) {
      fields.push(csvField(Object.hasOwn(cells, column) ? cells[column] : null));
    }
    yield record(fields);
  }
}

/**
 * Writes rows as CSV text under RFC 4180: a header row of column names, then one record per row,
 * every record ending in CRLF; a field containing a comma, a double quote, CR or LF is put in
 * double quotes, with its quotes doubled.
 *
 * Values keep their types so that R (`read.csv`, `readr`) and pandas (`read_csv`) read them back
 * as such:
 * - numbers are written as numbers, unquoted and untouched, so a negative change stays numeric;
 *   a non-finite number (`NaN`, `Infinity`) becomes an empty cell (a missing value);
 * - `null` and `undefined` become empty cells;
 * - booleans become `TRUE` / `FALSE`;
 * - bigints are written as integers.
 *
 * Text cells are defended against CSV (formula) injection as the OWASP guidance advises: a
 * string that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote (`'`)
 * put in front, so a spreadsheet shows it as text instead of running it as a formula. This applies
 * to strings only (column names included), never to numbers: the string `"-3"` is written
 * `'-3`, the number `-3` is written `-3`. A reader who wants the original text back removes the
 * leading quote from text cells that start with `'` followed by one of those characters (a text
 * that itself began that way cannot be told apart). A record that would be a blank line (one
 * column, empty cell) is written `""`, since many readers skip blank lines.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 * @example
 * ```ts
 * toCsv([{ courseId: 'c-1', change: -6, response: true }]);
 * // 'courseId,change,response\r\nc-1,-6,TRUE\r\n'
 * ```
 * @param rows - The rows (for example from `toLongFormat` or `toWideFormat`).
 * @param options - The columns (default: the first row's keys).
 * @returns The CSV text: `''` when there are no columns (none given and no rows, or a first row
 * without keys), the header alone when columns are given and there are no rows.
 * @category Analysis
 */
export function toCsv<TRow extends CsvRow<TRow>>(
  rows: Iterable<TRow>,
  options: CsvOptions = {},
): string {
  let text = '';
  for (const line of toCsvRecords(rows, options)) text += line;
  return text;
}
