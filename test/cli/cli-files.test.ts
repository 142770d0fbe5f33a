/**
 * The `iptkit` command with awkward files: a byte-order mark, an output path it cannot write.
 * Runs the built bin after `npm run build` (script `test:cli`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toDocument } from '../../src/document/document.js';
import { syntheticCohort } from '../../src/testing/synthetic-cohort.js';

const bin = resolve(import.meta.dirname, '../../dist/cli.js');
let folder = '';

function iptkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: folder }, (error, stdout, stderr) => {
      done({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
        stdout,
        stderr,
      });
    });
  });
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('build first: npm run build');
  folder = mkdtempSync(join(tmpdir(), 'iptkit-cli-files-'));
  const document = JSON.stringify(
    toDocument('iptkit/course-events', syntheticCohort(9, 1)[0]!.events),
  );
  writeFileSync(join(folder, 'bom.json'), `\uFEFF${document}`);
  writeFileSync(join(folder, 'bom.ndjson'), `\uFEFF${document}\r\n${document}\r\n`);
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

test('validate and summarize read files that start with a byte-order mark', async () => {
  expect((await iptkit('validate', 'bom.json')).code).toBe(0);
  const lines = await iptkit('validate', 'bom.ndjson');
  expect(lines.code).toBe(0);
  expect(lines.stdout).toContain('valid (2 documents)');
  expect((await iptkit('summarize', 'bom.json', '--format', 'json')).code).toBe(0);
});

test('summarize --long to a path it cannot write is a usage error, not a crash', async () => {
  const result = await iptkit(
    'summarize',
    'bom.ndjson',
    '--long',
    join(folder, 'missing', 'dir', 'out.csv'),
  );
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('cannot write');
  expect(result.stderr).not.toContain('at ');
});
