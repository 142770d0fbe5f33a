/**
 * The `iptkit` command never prints a string taken from the files it reads: marker-laden bad input
 * (client text in labels and free text, unknown keys at every depth, enum values, ids) goes
 * through `iptkit validate` and `iptkit summarize`, and stdout and stderr must not contain the
 * marker. Runs the built bin (`dist/cli.js`), so it runs after `npm run build`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toDocument } from '../../../src/document/document.js';
import { fullCourse } from '../support.js';
import { MARK, taintEverything, TEXT, variantsOf } from '../taint.js';

const bin = resolve(import.meta.dirname, '../../../dist/cli.js');
let folder = '';

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function iptkit(...args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: folder, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

function leaked(result: RunResult): string[] {
  return `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((line) => line.toUpperCase().includes(MARK));
}

const { events, state } = fullCourse();
const eventsDocument = toDocument('iptkit/course-events', events);
const snapshotDocument = toDocument('iptkit/course-snapshot', state);

/** File names carry no marker: only the content is input here. */
const files = {
  valid: 'valid.json',
  unknownKey: 'unknown-key.json',
  tainted: 'tainted.json',
  badJson: 'bad.json',
  variants: 'variants.ndjson',
};

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('build first: npm run build');
  folder = mkdtempSync(join(tmpdir(), 'iptkit-privacy-cli-'));
  // Valid, and full of client text (every label and free text carries the marker).
  writeFileSync(join(folder, files.valid), JSON.stringify(eventsDocument));
  writeFileSync(
    join(folder, files.unknownKey),
    JSON.stringify({ ...snapshotDocument, [`${MARK} unknown key`]: TEXT }),
  );
  writeFileSync(
    join(folder, files.tainted),
    JSON.stringify(taintEverything(snapshotDocument, true)),
  );
  writeFileSync(join(folder, files.badJson), `{ "label": "${TEXT}", `);
  const lines = [eventsDocument, snapshotDocument].flatMap((document) =>
    variantsOf(structuredClone(document), 250, { idShapedKeys: false }).map((variant) =>
      JSON.stringify(variant.value),
    ),
  );
  lines.push(
    TEXT,
    `"${TEXT}"`,
    `{"${TEXT}": 1}`,
    JSON.stringify({ schema: TEXT, version: 1, data: [] }),
  );
  writeFileSync(join(folder, files.variants), `${lines.join('\n')}\n`);
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

describe('iptkit prints no input text', () => {
  test('validate: a valid course full of client text is reported without any of it', async () => {
    const result = await iptkit('validate', files.valid);
    expect(result.code).toBe(0);
    expect(leaked(result)).toEqual([]);
  });

  test.each([files.unknownKey, files.tainted, files.badJson])(
    'validate %s: invalid, and no marker in stdout or stderr',
    async (file) => {
      const result = await iptkit('validate', file);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toBe('');
      expect(leaked(result)).toEqual([]);
    },
  );

  test('validate: hundreds of marker-laden documents in one NDJSON file', async () => {
    const result = await iptkit('validate', files.variants);
    expect(result.code).toBe(1);
    // Most lines are invalid, and each problem is listed.
    expect(result.stderr.split('\n').length).toBeGreaterThan(100);
    expect(leaked(result)).toEqual([]);
  });

  test.each(['table', 'json', 'csv'])(
    'summarize --format %s: the summary and the bad lines carry no marker',
    async (format) => {
      const result = await iptkit('summarize', files.variants, '--format', format);
      expect(leaked(result)).toEqual([]);
    },
  );

  test('summarize: a course full of client text gives a summary without it', async () => {
    const result = await iptkit('summarize', files.valid, '--format', 'json');
    expect(result.code).toBe(0);
    expect(leaked(result)).toEqual([]);
  });

  // Node's parseArgs quotes the option in its message; the CLI reports only the kind of problem.
  test('an unknown option is not echoed', async () => {
    const result = await iptkit('summarize', files.valid, `--${MARK}`);
    expect(result.code).toBe(2);
    expect(leaked(result)).toEqual([]);
  });
});
