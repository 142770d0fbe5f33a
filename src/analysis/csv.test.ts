import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toCsvRecords } from './csv.js';

function read(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n', relax_column_count: false });
}

describe('toCsv', () => {
  it('writes a header of the first row keys, then one CRLF-ended record per row', () => {
    const text = toCsv([
      { courseId: 'c-1', change: -6, response: true, band: 'mild' },
      { courseId: 'c-2', change: 2.5, response: false, band: null },
    ]);
    expect(text).toBe('courseId,change,response,band\r\nc-1,-6,TRUE,mild\r\nc-2,2.5,FALSE,\r\n');
  });

  it('keeps numbers numeric and unquoted, negative ones included, and never neutralises them', () => {
    expect(toCsv([{ a: -3, b: 0, c: -0.25, d: 1e21, e: -0 }])).toBe(
      'a,b,c,d,e\r\n-3,0,-0.25,1e+21,0\r\n',
    );
  });

  it('writes non-finite numbers, null and undefined as empty cells', () => {
    expect(
      toCsv([{ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: -Infinity, d: null, e: undefined }]),
    ).toBe('a,b,c,d,e\r\n,,,,\r\n');
  });

  it('writes booleans as TRUE and FALSE, and bigints as integers', () => {
    expect(toCsv([{ yes: true, no: false, big: 12345678901234567890n }])).toBe(
      'yes,no,big\r\nTRUE,FALSE,12345678901234567890\r\n',
    );
  });

  it('quotes a field with a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', '"\'\rCR"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=1,2', '"\'=1,2"'],
  ])('neutralises the text %j as %j (formula injection)', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('neutralises text only, never the same characters inside or numbers', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(' =x')).toBe(' =x');
    expect(csvField(-2)).toBe('-2');
    expect(csvField("'already")).toBe("'already");
  });

  it('neutralises and quotes column names like any text', () => {
    expect(toCsv([{ '=x': 1, 'a,b': 2 }])).toBe('\'=x,"a,b"\r\n1,2\r\n');
  });

  it('uses the columns given, in their order, with empty cells for missing keys', () => {
    const rows = [
      { a: 1, b: 2, c: 3 },
      { a: 4, c: 6 },
    ];
    expect(toCsv(rows, { columns: ['c', 'a', 'z'] })).toBe('c,a,z\r\n3,1,\r\n6,4,\r\n');
  });

  it('does not read inherited properties as cells', () => {
    expect(toCsv([{ a: 1 }], { columns: ['a', 'toString', 'constructor'] })).toBe(
      'a,toString,constructor\r\n1,,\r\n',
    );
  });

  it('writes nothing without rows or columns, and the header alone for columns without rows', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([], { columns: [] })).toBe('');
    expect(toCsv([{}])).toBe('');
    expect(toCsv([], { columns: ['a', 'b'] })).toBe('a,b\r\n');
  });

  it('writes a one-column empty cell as "" so it is not a blank line', () => {
    const text = toCsv([{ note: '' }, { note: null }, { note: 'x' }]);
    expect(text).toBe('note\r\n""\r\n""\r\nx\r\n');
    expect(read(text)).toEqual([['note'], [''], [''], ['x']]);
  });

  it('writes other values (objects, arrays) as JSON text, neutralised and quoted as text', () => {
    const rows = [{ list: [1, 2], object: { a: 1 } }] as unknown as Record<string, string>[];
    expect(toCsv(rows)).toBe('list,object\r\n"[1,2]","{""a"":1}"\r\n');
    const odd = [{ value: Symbol('x'), fn: () => 1 }] as unknown as Record<string, string>[];
    expect(toCsv(odd)).toBe('value,fn\r\nx,\r\n');
  });

  it('never throws on a value that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const rows = [{ value: cyclic }] as unknown as Record<string, string>[];
    expect(toCsv(rows)).toBe('value\r\n""\r\n');
  });

  it('reads back with a real RFC 4180 parser (csv-parse)', () => {
    const text = toCsv([
      { id: 'c-1', note: 'a, "quoted"\r\nline', change: -6, ok: true },
      { id: 'c-2', note: '=cmd', change: null, ok: false },
    ]);
    expect(read(text)).toEqual([
      ['id', 'note', 'change', 'ok'],
      ['c-1', 'a, "quoted"\r\nline', '-6', 'TRUE'],
      ['c-2', "'=cmd", '', 'FALSE'],
    ]);
  });

  it('streams the same text record by record', () => {
    const rows = [
      { a: 1, b: 'x' },
      { a: 2, b: 'y,z' },
    ];
    expect([...toCsvRecords(rows)]).toEqual(['a,b\r\n', '1,x\r\n', '2,"y,z"\r\n']);
    expect([...toCsvRecords(rows)].join('')).toBe(toCsv(rows));
  });

  it('reads rows from any iterable, a generator included', () => {
    function* rows() {
      yield { a: 1 };
      yield { a: 2 };
    }
    expect(toCsv(rows())).toBe('a\r\n1\r\n2\r\n');
  });
});
