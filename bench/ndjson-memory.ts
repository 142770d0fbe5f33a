/**
 * Peak memory of `summarizeNdjson` over a ~200 MB NDJSON file (`npm run bench`; not a test).
 *
 * The file is written to the temporary directory first; then a fresh Node process (no TypeScript
 * loader, the built `dist/` as a user would import it) reads it with `fs.createReadStream` and
 * reports the operating system's peak resident set size (`process.resourceUsage().maxRSS`), the
 * true high-water mark rather than a sample, next to the same process's size before reading.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toDocument } from '../src/document/document.js';
import { syntheticCohort } from '../src/testing/synthetic-cohort.js';

const TARGET_BYTES = 200 * 1024 * 1024;
const LIMIT_BYTES = 150 * 1024 * 1024;
const dist = resolve('dist/index.js');

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

console.log(
  '\nPeak memory of summarizeNdjson over a ~200 MB NDJSON file (fresh process, built dist)',
);
if (!existsSync(dist)) {
  console.log('  skipped: run `npm run build` first (dist/index.js is missing)');
} else {
  const directory = mkdtempSync(join(tmpdir(), 'iptkit-bench-'));
  const file = join(directory, 'cohort.ndjson');
  try {
    // 500 distinct synthetic courses, written again and again under new course ids.
    const templates = syntheticCohort(11, 500).map((course) =>
      JSON.stringify(toDocument('iptkit/course-events', course.events)).split(
        course.state.courseId,
      ),
    );
    const parts: string[] = [];
    let bytes = 0;
    for (let index = 0; bytes < TARGET_BYTES; index += 1) {
      const template = templates[index % templates.length] ?? [];
      const line = `${template.join(`c-${index}`)}\n`;
      parts.push(line);
      bytes += line.length;
    }
    writeFileSync(file, parts.join(''));
    parts.length = 0;

    const child = `
      import { createReadStream } from 'node:fs';
      const { summarizeNdjson } = await import(${JSON.stringify(pathToFileURL(dist).href)});
      const before = process.memoryUsage().rss;
      const started = performance.now();
      const result = await summarizeNdjson(createReadStream(process.argv[1], { highWaterMark: 64 * 1024 }));
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(JSON.stringify({
        before, peak: process.resourceUsage().maxRSS * 1024, seconds,
        courses: result.courses, bad: result.badLineCount,
      }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', child, file], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      console.log(`  the measuring process failed (exit ${String(run.status)}): ${run.stderr}`);
    } else {
      const found = JSON.parse(run.stdout) as {
        before: number;
        peak: number;
        seconds: number;
        courses: number;
        bad: number;
      };
      const size = statSync(file).size;
      console.log(
        `  ${found.courses.toLocaleString('en')} courses from ${mb(size)} in ${found.seconds.toFixed(1)} s ` +
          `(${mb(size / found.seconds)}/s); bad lines: ${found.bad}`,
      );
      console.log(
        `  rss before reading ${mb(found.before)}, peak ${mb(found.peak)} ` +
          `(target < 150 MB: ${found.peak < LIMIT_BYTES ? 'within' : 'OVER'})`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
