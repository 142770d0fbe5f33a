/**
 * A researcher's script: take a cohort of IPT courses, turn it into long format (one row per
 * course and measurement), write it as CSV for R or pandas, and summarise the cohort. The cohort
 * here is synthetic (made-up numbers, deterministic by seed); with real data, the courses come
 * from replaying the stored event documents instead.
 *
 * Run it with `npx tsx examples/researcher.ts [out.csv] [--seed N] [--size N]`: the CSV goes to
 * the path given, or to standard output without one; the summary is printed either way.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  summarizeCohort,
  toCsv,
  toLongFormat,
  type CohortRate,
  type CohortSummary,
  type LongRow,
} from '../src/index.js';
import { syntheticCohort } from '../src/testing/synthetic-cohort.js';

/** What {@link analyseCohort} returns. */
export interface Analysis {
  readonly rows: readonly LongRow[];
  readonly csv: string;
  readonly summary: CohortSummary;
}

/**
 * Builds the long format, the CSV and the summary of a synthetic cohort.
 * @param options - Seed and size of the cohort.
 * @returns Rows, CSV text and summary.
 */
export function analyseCohort(options: { readonly seed: number; readonly size: number }): Analysis {
  const courses = syntheticCohort({ seed: options.seed, size: options.size }).map(
    (course) => course.state,
  );
  const rows = toLongFormat(courses, { instrument: 'phq-9' });
  return {
    rows,
    csv: toCsv(rows),
    summary: summarizeCohort(courses, { instrument: 'phq-9' }),
  };
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

function rate(label: string, found: CohortRate): string {
  const interval =
    found.interval === null
      ? ''
      : ` (95% CI ${percent(found.interval.lower)} to ${percent(found.interval.upper)})`;
  return `  ${label.padEnd(22)} ${found.count}/${found.denominator} = ${percent(found.estimate)}${interval}`;
}

/**
 * The summary as lines of text.
 * @param summary - A cohort summary.
 * @returns The lines.
 */
export function summaryLines(summary: CohortSummary): string[] {
  const { outcomes } = summary;
  const change = outcomes.change;
  return [
    `Cohort of ${summary.courses} courses (${summary.instrument}):`,
    rate('completed', summary.ended.completion),
    rate('dropped out', summary.ended.dropout),
    `  sessions attended      mean ${summary.sessionsAttended.mean?.toFixed(1) ?? '-'} (${summary.sessionsAttended.min ?? '-'} to ${summary.sessionsAttended.max ?? '-'})`,
    `  primary focus          ${Object.entries(summary.primaryFocus)
      .filter(([, count]) => count > 0)
      .map(([area, count]) => `${area} ${count}`)
      .join(', ')}`,
    rate('response', outcomes.response),
    rate('remission', outcomes.remission),
    rate('reliable improvement', outcomes.reliableImprovement),
    `  mean change            ${change.mean?.toFixed(2) ?? '-'} points (n = ${change.n})`,
    `  effect size d_z        ${outcomes.effectSize.value?.toFixed(2) ?? '-'}`,
  ];
}

/**
 * The command: parses the arguments, writes or prints the CSV, prints the summary.
 * @param argv - The arguments after the script name.
 * @param print - Where lines go (the console by default).
 * @returns The analysis.
 */
export function main(
  argv: readonly string[],
  print: (text: string) => void = (text) => {
    console.log(text);
  },
): Analysis {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string', default: '2026' },
      size: { type: 'string', default: '200' },
    },
    allowPositionals: true,
  });
  const analysis = analyseCohort({ seed: Number(values.seed), size: Number(values.size) });
  const [out] = positionals;
  if (out === undefined) {
    print(analysis.csv.trimEnd());
  } else {
    writeFileSync(out, analysis.csv);
    print(`Wrote ${analysis.rows.length} rows to ${out}`);
  }
  print(summaryLines(analysis.summary).join('\n'));
  return analysis;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
