import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { analyseCohort, main } from './researcher.js';

const columns = [
  'courseId',
  'protocol',
  'focus',
  'sessionNumber',
  'daysSinceStart',
  'date',
  'instrument',
  'score',
  'band',
];

/** The CSV read back as a reader in R or pandas would: one record per line, header first. */
function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, record_delimiter: '\r\n' });
}

describe('examples/researcher', () => {
  const analysis = analyseCohort({ seed: 7, size: 60 });
  const records = readCsv(analysis.csv);

  test('writes one CSV row per course and PHQ-9 measurement, in the long layout', () => {
    expect(analysis.csv.split('\r\n')[0]).toBe(columns.join(','));
    expect(records).toHaveLength(analysis.rows.length);
    expect(new Set(records.map((record) => record.courseId)).size).toBe(60);
    records.forEach((record, index) => {
      const row = analysis.rows[index];
      expect(record.courseId).toBe(row?.courseId);
      expect(Number(record.score)).toBe(row?.score);
      expect(Number(record.daysSinceStart)).toBe(row?.daysSinceStart);
      expect(record.instrument).toBe('phq-9');
    });
  });

  test('the summary agrees with response and remission counted from the CSV itself [KP20]', () => {
    const byCourse = new Map<string, number[]>();
    for (const record of records) {
      const scores = byCourse.get(record.courseId ?? '') ?? [];
      scores.push(Number(record.score));
      byCourse.set(record.courseId ?? '', scores);
    }
    let decided = 0;
    let responders = 0;
    let remitted = 0;
    for (const scores of byCourse.values()) {
      const baseline = scores[0];
      const final = scores.at(-1);
      if (scores.length < 2 || baseline === undefined || final === undefined) continue;
      if (final < 5) remitted += 1; // PHQ-9 remission: below 5 [KP20]
      if (baseline === 0) continue;
      decided += 1;
      if (baseline - final >= 0.5 * baseline) responders += 1; // a fall of at least 50% [KP20]
    }
    const { summary } = analysis;
    expect(summary.courses).toBe(60);
    expect(summary.outcomes.response).toMatchObject({ count: responders, denominator: decided });
    expect(summary.outcomes.remission.count).toBe(remitted);
    expect(summary.ended.completion.count + summary.ended.dropout.count).toBe(summary.ended.count);
  });

  test('the same seed gives the same CSV; another seed gives another', () => {
    expect(analyseCohort({ seed: 7, size: 60 }).csv).toBe(analysis.csv);
    expect(analyseCohort({ seed: 8, size: 60 }).csv).not.toBe(analysis.csv);
  });

  const folder = mkdtempSync(join(tmpdir(), 'iptkit-researcher-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  test('with a path, writes the CSV there and prints the summary', () => {
    const out = join(folder, 'long.csv');
    const printed: string[] = [];
    const result = main([out, '--seed', '7', '--size', '60'], (text) => printed.push(text));
    expect(readFileSync(out, 'utf8')).toBe(analysis.csv);
    expect(result.summary).toEqual(analysis.summary);
    expect(printed[0]).toBe(`Wrote ${analysis.rows.length} rows to ${out}`);
    expect(printed[1]).toMatch(/^Cohort of 60 courses \(phq-9\):\n {2}completed +\d+\/\d+ = /);
    expect(printed[1]).toContain(
      `  response               ${analysis.summary.outcomes.response.count}/${analysis.summary.outcomes.response.denominator}`,
    );
  });

  test('without a path, prints the CSV before the summary', () => {
    const printed: string[] = [];
    main(['--seed', '7', '--size', '60'], (text) => printed.push(text));
    expect(printed[0]).toBe(analysis.csv.trimEnd());
    expect(printed[1]).toMatch(/^Cohort of 60 courses/);
  });
});
