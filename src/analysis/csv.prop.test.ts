import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv, type CsvValue } from './csv.js';

/** Text heavy in the characters that matter to CSV and spreadsheets, mixed with any text. */
const tricky = fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ' ');
const text = fc.oneof(
  fc.string({ unit: fc.oneof(tricky, fc.constantFrom('a', 'Z', '1', 'é', '😀')), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const cell: fc.Arbitrary<CsvValue> = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
);

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a reader gets back for a value, as text (before any type conversion). */
function expected(value: CsvValue): string {
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value === null || value === undefined ? '' : String(value);
}

const table = fc
  .uniqueArray(text, { minLength: 1, maxLength: 5 })
  .chain((columns) =>
    fc.tuple(
      fc.constant(columns),
      fc.array(fc.tuple(...columns.map(() => cell)), { maxLength: 6 }),
    ),
  )
  .map(([columns, tuples]) => ({
    columns,
    rows: tuples.map((values) => Object.fromEntries(columns.map((name, at) => [name, values[at]]))),
  }));

function read(csv: string): string[][] {
  return parse(csv, { record_delimiter: '\r\n', relax_column_count: false });
}

describe('toCsv (properties)', () => {
  it('round-trips any table through csv-parse: every cell as written, every text neutralised', () => {
    fc.assert(
      fc.property(table, ({ columns, rows }) => {
        const csv = toCsv(rows, { columns });
        const parsed = read(csv);
        expect(parsed).toEqual([
          columns.map(expected),
          ...rows.map((row) => columns.map((name) => expected(row[name]))),
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps finite numbers numeric: each reads back as the same number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        (numbers) => {
          const rows = numbers.map((value) => ({ value }));
          const parsed = read(toCsv(rows));
          expect(parsed.slice(1).map(([field]) => Number(field))).toEqual(
            numbers.map((value) => (Object.is(value, -0) ? 0 : value)),
          );
        },
      ),
    );
  });

  it('never lets a text cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (texts) => {
        const rows = texts.map((value) => ({ value }));
        for (const [field] of read(toCsv(rows))) expect(field).not.toMatch(FORMULA_START);
      }),
    );
  });

  it('ends every record with CRLF and has as many records as rows plus the header', () => {
    fc.assert(
      fc.property(table, ({ columns, rows }) => {
        const csv = toCsv(rows, { columns });
        expect(csv.endsWith('\r\n')).toBe(true);
        expect(read(csv)).toHaveLength(rows.length + 1);
      }),
    );
  });
});
