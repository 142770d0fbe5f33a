/**
 * Runs npm scripts side by side and fails when any of them fails (`npm test` uses it for steps
 * that do not depend on each other, such as the type check and the lint). Each script's output is
 * kept and printed whole when it ends, under a header with its name, exit code and time, so the
 * log reads as if they had run one after the other; scripts are printed in the order they end.
 *
 * Usage: `tsx scripts/parallel.ts <script> [<script> ...]`. Exits with the first non-zero exit
 * code among the scripts (in the order given), else 0.
 */
import { spawn } from 'node:child_process';

interface Finished {
  readonly script: string;
  readonly code: number;
  readonly seconds: number;
}

function run(script: string): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    // `npm` is a shell script on Windows; a shell finds it everywhere.
    const child = spawn('npm', ['run', '--silent', script], {
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => {
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `\n> npm run ${script}: exit ${String(code)} after ${seconds.toFixed(1)} s\n`,
      );
      process.stdout.write(Buffer.concat(chunks));
      resolve({ script, code, seconds });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`could not start: ${error.message}\n`));
      finish(1);
    });
    child.on('close', (code, signal) => {
      finish(code ?? (signal === null ? 1 : 128));
    });
  });
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: tsx scripts/parallel.ts <script> [<script> ...]\n');
  process.exit(2);
}
const results = await Promise.all(scripts.map(run));
const failed = results.find((result) => result.code !== 0);
if (failed !== undefined) {
  process.stderr.write(`\n${failed.script} failed (exit ${String(failed.code)})\n`);
  process.exit(failed.code);
}
