/**
 * docs/testing.md says true things: every snippet that is a plain script (not a vitest file) runs
 * to the end, its properties holding. (examples/docs.test.ts typechecks its snippets, with those
 * of the other guides.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const guide = readFileSync(join(root, 'docs', 'testing.md'), 'utf8');
const snippets = [...guide.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((found) => found[1] ?? '');
const fastCheck = join(root, 'node_modules', 'fast-check', 'lib', 'fast-check.js');
const entries = {
  iptkit: join(root, 'src', 'index.ts'),
  'iptkit/testing': join(root, 'src', 'testing', 'index.ts'),
};

describe('docs/testing.md', () => {
  test('has the worked examples', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
    expect(guide).toContain('not clinical data');
  });

  test('runs its scripts to the end, their properties holding', () => {
    const folder = mkdtempSync(join(tmpdir(), 'iptkit-testing-guide-'));
    try {
      const scripts = snippets.filter((code) => !code.includes("from 'vitest'"));
      expect(scripts.length).toBeGreaterThanOrEqual(4);
      const files = scripts.map((code, index) => {
        const file = join(folder, `script-${index + 1}.ts`);
        writeFileSync(
          file,
          code
            .replace("from 'iptkit/testing'", `from ${JSON.stringify(entries['iptkit/testing'])}`)
            .replace("from 'iptkit'", `from ${JSON.stringify(entries.iptkit)}`)
            .replace("from 'fast-check'", `from ${JSON.stringify(fastCheck)}`),
        );
        return file;
      });
      // One process runs every script in turn (a failed property throws and exits non-zero).
      const main = join(folder, 'main.mts');
      writeFileSync(main, files.map((file) => `await import(${JSON.stringify(file)});`).join('\n'));
      const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [main], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
