import { replay } from '../course/replay.js';
import { parseDocument } from '../document/document.js';
import type { Issue } from '../internal/issues.js';
import { ndjsonLines } from '../analysis/ndjson.js';
import { isNdjsonPath, progress, readChunks, readText } from './io.js';

/** Where the command writes. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The problems of one document, as lines for people (codes and paths only, never file content). */
export function describeProblems(where: string, issues: readonly Issue[]): string[] {
  return issues.map((found) => {
    const path = found.path.length === 0 ? '(root)' : found.path.join('.');
    return `${where}${path}: ${found.message} [${found.code}]`;
  });
}

/** Checks one parsed JSON value as an iptkit document; returns the problem lines (none if valid). */
export function checkDocument(
  value: unknown,
  where: string,
): { problems: string[]; summary: string } {
  const parsed = parseDocument(value);
  if (!parsed.ok) return { problems: describeProblems(where, parsed.error.issues), summary: '' };
  const { schema, version, data } = parsed.value;
  if (schema === 'iptkit/course-events') {
    const events = data as readonly unknown[];
    const replayed = replay(events);
    if (!replayed.ok) {
      const { index, cause } = replayed.error;
      const at = index === null ? where : `${where}event ${index}: `;
      const issues =
        cause.kind === 'validation'
          ? cause.issues
          : [
              {
                code: cause.code,
                path: cause.path ?? [],
                message: `${cause.message} (${cause.reference})`,
              },
            ];
      return { problems: describeProblems(at, issues), summary: '' };
    }
    return { problems: [], summary: `${schema} v${version}, ${events.length} events` };
  }
  return { problems: [], summary: `${schema} v${version}` };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * `iptkit validate <file>`: checks a JSON document or an NDJSON file of documents.
 * @returns The exit code: 0 valid, 1 invalid.
 */
export async function validateFile(path: string, output: Output): Promise<number> {
  if (!isNdjsonPath(path)) {
    const text = (await readText(path)).replace(/^\uFEFF/, '');
    if (text.trim() === '') {
      output.err(`${path}: the file is empty [empty-file]`);
      return 1;
    }
    const json = parseJson(text);
    if (!json.ok) {
      output.err(`${path}: not valid JSON [invalid-json]`);
      return 1;
    }
    const { problems, summary } = checkDocument(json.value, '');
    if (problems.length > 0) {
      output.err(`${path}: invalid`);
      for (const line of problems) output.err(`  ${line}`);
      return 1;
    }
    output.out(`${path}: valid (${summary})`);
    return 0;
  }

  const bar = progress();
  let documents = 0;
  let invalid = 0;
  for await (const { line, text } of ndjsonLines(readChunks(path))) {
    if (text === null) {
      documents += 1;
      invalid += 1;
      output.err(`  line ${line}: the line is too long [line-too-long]`);
      continue;
    }
    if (text.trim() === '') continue;
    documents += 1;
    const json = parseJson(text);
    const problems = json.ok
      ? checkDocument(json.value, `line ${line}: `).problems
      : [`line ${line}: not valid JSON [invalid-json]`];
    if (problems.length > 0) {
      invalid += 1;
      for (const problem of problems) output.err(`  ${problem}`);
    }
    bar.update(`checked ${documents} documents`);
  }
  bar.done();
  if (documents === 0) {
    output.err(`${path}: the file has no documents [empty-file]`);
    return 1;
  }
  if (invalid > 0) {
    output.err(`${path}: ${invalid} of ${documents} documents invalid`);
    return 1;
  }
  output.out(`${path}: valid (${documents} documents)`);
  return 0;
}
