import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { summarizeCohort, type CohortRate, type CohortSummary } from '../analysis/cohort.js';
import { csvField, toCsv } from '../analysis/csv.js';
import { toLongRows, type LongRow } from '../analysis/long-format.js';
import { summarizeNdjson, type NdjsonSummary } from '../analysis/ndjson.js';
import { CourseInstrumentId } from '../course/commands.js';
import { demoCohort } from './demo.js';
import { isNdjsonPath, progress, readChunks, readText, UsageError } from './io.js';
import type { Output } from './validate.js';

const formats = ['table', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

const longColumns: readonly (keyof LongRow)[] = [
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

function percent(rate: CohortRate): string {
  if (rate.estimate === null || rate.interval === null) return `n/a (0 of ${rate.denominator})`;
  const show = (value: number) => `${(value * 100).toFixed(1)}%`;
  return `${show(rate.estimate)} [${show(rate.interval.lower)}, ${show(rate.interval.upper)}] (${rate.count} of ${rate.denominator})`;
}

function number(value: number | null, digits = 2): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

/** The summary as a table for people. */
export function summaryTable(summary: CohortSummary): string[] {
  const { ended, outcomes, sessionsAttended: sessions } = summary;
  const level = `${Math.round(summary.level * 100)}%`;
  const focus = Object.entries(summary.primaryFocus)
    .filter(([, count]) => count > 0)
    .map(([area, count]) => `${area} ${count}`)
    .join(', ');
  const change = outcomes.change;
  const effect = outcomes.effectSize;
  return [
    `Courses                  ${summary.courses} (${ended.count} ended)`,
    `Completion               ${percent(ended.completion)}`,
    `Dropout                  ${percent(ended.dropout)}`,
    `Sessions attended        mean ${number(sessions.mean, 1)} (min ${number(sessions.min, 0)}, max ${number(sessions.max, 0)})`,
    `Primary focus            ${focus === '' ? 'none' : focus}`,
    `Instrument               ${summary.instrument}: ${outcomes.withOutcome} courses with 2+ scores`,
    `Response                 ${percent(outcomes.response)}`,
    `Remission                ${percent(outcomes.remission)}`,
    `Reliable improvement     ${percent(outcomes.reliableImprovement)}`,
    `Mean change              ${number(change.mean)}${change.interval === null ? '' : ` [${number(change.interval.lower)}, ${number(change.interval.upper)}]`} (n ${change.n})`,
    `Effect size d_z          ${number(effect.value)}${effect.interval === null ? '' : ` [${number(effect.interval.lower)}, ${number(effect.interval.upper)}]`}`,
    `Intervals                ${level} (Wilson for rates, t for means, noncentral t for d_z)`,
  ];
}

/** The summary flattened to `key,value` CSV rows (nested keys joined with dots). */
export function summaryCsv(summary: CohortSummary): string {
  const rows: { key: string; value: unknown }[] = [];
  const walk = (value: unknown, key: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, inner] of Object.entries(value))
        walk(inner, key === '' ? name : `${key}.${name}`);
    } else if (!Array.isArray(value)) {
      rows.push({ key, value });
    }
  };
  walk({ ...summary, outcomes: { ...summary.outcomes, criteria: undefined } }, '');
  return toCsv(
    rows
      .filter((row) => row.value !== undefined)
      .map((row) => ({ key: row.key, value: row.value as string | number | boolean | null })),
  );
}

function print(
  format: Format,
  summary: CohortSummary,
  extra: Record<string, unknown>,
  output: Output,
): void {
  if (format === 'json') output.out(JSON.stringify({ ...extra, summary }, null, 2));
  else if (format === 'csv') output.out(summaryCsv(summary).trimEnd());
  else for (const line of summaryTable(summary)) output.out(line);
}

/** A file being written, and whether a write has failed since it opened. */
interface OutputFile {
  readonly stream: WriteStream;
  readonly failed: () => boolean;
}

/** Opens a file for writing, turning a bad path into a usage error instead of a crash. */
async function openForWriting(path: string): Promise<OutputFile> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  try {
    await once(stream, 'open');
  } catch {
    throw new UsageError(`cannot write ${path}`);
  }
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return { stream, failed: () => failed };
}

async function* singleDocument(path: string): AsyncGenerator<string> {
  const text = (await readText(path)).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  // One line of NDJSON: a JSON document spread over several lines is put on one.
  yield value === undefined ? text.replace(/\r?\n/g, ' ') : JSON.stringify(value);
}

/**
 * `iptkit summarize <file>`: summarises the courses of a JSON document or an NDJSON file.
 * @returns The exit code: 0 when every line held a course, 1 when some did not (they are listed).
 */
export async function summarizeCommand(
  path: string,
  values: Record<string, unknown>,
  output: Output,
): Promise<number> {
  const format = values.format;
  if (typeof format !== 'string' || !(formats as readonly string[]).includes(format)) {
    throw new UsageError('--format must be table, json or csv');
  }
  const instrument = CourseInstrumentId.safeParse(values.instrument);
  if (!instrument.success) throw new UsageError('--instrument must be phq-9, gad-7 or hamd-17');
  const longPath = typeof values.long === 'string' ? values.long : undefined;

  const file = longPath === undefined ? undefined : await openForWriting(longPath);
  const long = file?.stream;
  let wroteHeader = false as boolean; // set inside the onCourse callback
  let pendingWrite: Promise<unknown> = Promise.resolve();
  const bar = progress();
  const source = isNdjsonPath(path) ? readChunks(path) : singleDocument(path);
  let result: NdjsonSummary;
  try {
    result = await summarizeNdjson(source, {
      instrument: instrument.data,
      onCourse: (course, courses) => {
        bar.update(`summarised ${courses} courses`);
        if (long === undefined) return;
        const rows = toLongRows(course, { instrument: instrument.data });
        let text = '';
        if (!wroteHeader) {
          text += `${longColumns.join(',')}\r\n`;
          wroteHeader = true;
        }
        for (const row of rows)
          text += `${longColumns.map((column) => csvField(row[column])).join(',')}\r\n`;
        if (text !== '' && !long.write(text)) pendingWrite = once(long, 'drain');
      },
    });
    await pendingWrite;
  } finally {
    bar.done();
    if (long !== undefined) {
      if (!wroteHeader) long.write(`${longColumns.join(',')}\r\n`);
      long.end();
      await once(long, 'close');
    }
  }
  if (file?.failed() === true) {
    output.err(`iptkit: writing ${longPath ?? ''} failed; the long-format file is incomplete`);
    return 1;
  }
  print(
    format as Format,
    result.summary,
    { lines: result.lines, courses: result.courses, badLineCount: result.badLineCount },
    output,
  );
  if (result.badLineCount > 0) {
    output.err(
      `${result.badLineCount} line${result.badLineCount === 1 ? '' : 's'} did not hold a course:`,
    );
    for (const bad of result.badLines) {
      const issues = bad.issues.map(
        (found) => `${found.code} at ${found.path.length === 0 ? '(root)' : found.path.join('.')}`,
      );
      output.err(
        `  line ${bad.line}: ${issues.join('; ')}${bad.issueCount > bad.issues.length ? `; and ${bad.issueCount - bad.issues.length} more` : ''}`,
      );
    }
    return 1;
  }
  return 0;
}

/** The second part of `iptkit demo`: a synthetic cohort and its summary. */
export function summarizeDemoCohort(size: number, seed: number): string[] {
  const cohort = demoCohort(size, seed);
  const summary = summarizeCohort(cohort.map((course) => course.state));
  return [
    `A synthetic cohort (seed ${seed}, ${size} courses; made-up data, not clinical):`,
    ...summaryTable(summary).map((line) => `  ${line}`),
  ];
}
