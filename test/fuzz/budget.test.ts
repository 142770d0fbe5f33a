/**
 * The fuzz budget cannot shrink silently: the table of run counts sums to at least 1,000,000
 * (issue #9: "CI runs at least 1,000,000 generated inputs in total"), every count is used by the
 * file it belongs to, every fuzz file is in the table, and `FUZZ_RUNS` only scales the counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budget, configuredTotal, expectedToFail, runFactor } from './budget.js';

const directory = new URL('./', import.meta.url);

describe('the fuzz budget', () => {
  it('runs at least 1,000,000 generated inputs in all, not counting properties expected to fail', () => {
    expect(configuredTotal(true)).toBeGreaterThanOrEqual(1_000_000);
  });

  it('marks a property as expected to fail only where its file runs it with it.fails', () => {
    for (const key of expectedToFail) {
      const [file, name] = key.split('/') as [string, string];
      const source = readFileSync(new URL(`${file}.fuzz.test.ts`, directory), 'utf8');
      const at = source.indexOf(`runs('${file}', '${name}')`);
      expect(at, key).toBeGreaterThan(-1);
      expect(source.slice(at).search(/\bit(\.fails)?\(/), key).toBe(
        source.slice(at).indexOf('it.fails('),
      );
    }
  });

  it('has a file for every entry of the table, which uses every one of its counts', () => {
    for (const [file, counts] of Object.entries(budget)) {
      const source = readFileSync(new URL(`${file}.fuzz.test.ts`, directory), 'utf8');
      for (const name of Object.keys(counts)) {
        expect(source, `${file}: ${name}`).toContain(`runs('${file}', '${name}')`);
        expect(source, `${file}: ${name}`).toContain(`'${file}/${name}'`);
      }
      // The comment at the top of the file states its total.
      const total = Object.values(counts).reduce((sum: number, count: number) => sum + count, 0);
      expect(source).toContain(`(${total.toLocaleString('en-US')} inputs in CI`);
    }
  });

  it('lists every fuzz file', () => {
    const files = readdirSync(directory)
      .filter((name) => name.endsWith('.fuzz.test.ts'))
      .map((name) => name.replace('.fuzz.test.ts', ''))
      .sort();
    expect(files).toEqual(Object.keys(budget).sort());
  });

  it('reads FUZZ_RUNS as a factor below 1,000 and as a total from 1,000 on', () => {
    expect(runFactor(undefined)).toBe(1);
    expect(runFactor('')).toBe(1);
    expect(runFactor('junk')).toBe(1);
    expect(runFactor('-3')).toBe(1);
    expect(runFactor('10')).toBe(10);
    expect(runFactor('0.5')).toBe(0.5);
    expect(runFactor(String(configuredTotal() * 4))).toBe(4);
    expect(runFactor('1000')).toBe(1);
  });
});
