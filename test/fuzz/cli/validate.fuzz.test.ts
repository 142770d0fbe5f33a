/**
 * Fuzzing the `iptkit validate` command (needs the build: run by `npm run test:cli`): junk JSON and
 * NDJSON files, stored documents with one mutation, cut-off files and bytes that are not UTF-8,
 * each checked by the built bin in a child process. It must answer every file with exit code 0
 * (valid) or 1 (invalid) and an orderly report, never a crash (`unexpected failure`, a stack
 * trace). 60 files per run in CI (`FUZZ_RUNS` multiplies it: each file costs a Node start-up).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { oneMutation } from '../../support/mutations.js';
import { runFactor } from '../budget.js';
import { documentSamples } from '../samples.js';
import { anyInput, check, oddString } from '../support.js';

const bin = resolve(import.meta.dirname, '../../../dist/cli.js');
const FILES = 60;
let folder = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function validate(file: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, 'validate', file],
      { cwd: folder, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** JSON text of anything (a word when `JSON.stringify` makes nothing or throws). */
function jsonText(value: unknown): string {
  try {
    const text: unknown = JSON.stringify(value);
    return typeof text === 'string' ? text : 'null';
  } catch {
    return '{}';
  }
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('build first: npm run build');
  folder = mkdtempSync(join(tmpdir(), 'iptkit-fuzz-cli-'));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('iptkit validate on junk files', () => {
  const count = Math.ceil(FILES * runFactor(process.env.FUZZ_RUNS));
  it(
    'answers every file with exit code 0 or 1 and never crashes',
    async () => {
      const documents = documentSamples();
      const document = fc.nat(documents.length - 1).map((which) => documents[which]!);
      const text = fc.oneof(
        anyInput(3).map(jsonText),
        oddString,
        fc
          .tuple(document, fc.nat(), fc.nat())
          .map(([base, pick, choice]) => jsonText(oneMutation(base, pick, choice).value)),
        fc
          .tuple(document, fc.nat())
          .map(([base, cut]) => jsonText(base).slice(0, cut % (jsonText(base).length + 1))),
        document.map(jsonText),
      );
      const file = fc.oneof(
        fc.record({
          extension: fc.constant('json'),
          lines: fc.array(text, { minLength: 1, maxLength: 1 }),
        }),
        fc.record({ extension: fc.constant('ndjson'), lines: fc.array(text, { maxLength: 6 }) }),
      );
      let index = 0;
      await fc.assert(
        fc.asyncProperty(
          file,
          fc.constantFrom('\n', '\r\n'),
          fc.option(fc.uint8Array({ maxLength: 8 }), { freq: 4 }),
          async ({ extension, lines }, end, bytes) => {
            index += 1;
            const name = join(folder, `input-${String(index)}.${extension}`);
            const body = Buffer.from(lines.join(end), 'utf8');
            // Sometimes bytes that need not be UTF-8 at the end.
            writeFileSync(name, bytes === null ? body : Buffer.concat([body, bytes]));
            const run = await validate(name);
            check(run.code === 0 || run.code === 1, `exit code 0 or 1 (got ${String(run.code)})`);
            check(!run.stderr.includes('unexpected failure'), 'no unexpected failure');
            check(!/\n\s+at .+:\d+:\d+/.test(run.stderr), 'no stack trace');
          },
        ),
        { numRuns: count },
      );
    },
    Math.max(120_000, count * 3_000),
  );
});
