/**
 * The `iptkit` command as a user runs it: the built bin (`dist/cli.js`) in a child process.
 * Runs after `npm run build` (script `test:cli`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toDocument } from '../../src/document/document.js';
import { generateJsonSchema } from '../../src/interop/json-schema/schemas.js';
import { syntheticCohort } from '../../src/testing/synthetic-cohort.js';

const bin = resolve(import.meta.dirname, '../../dist/cli.js');
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
      { cwd: folder, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

const cohort = syntheticCohort({ seed: 7, size: 6 });
const eventsDocument = (index: number) => toDocument('iptkit/course-events', cohort[index]!.events);

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('build first: npm run build');
  folder = mkdtempSync(join(tmpdir(), 'iptkit-cli-'));
  writeFileSync(join(folder, 'course.json'), JSON.stringify(eventsDocument(0), null, 2));
  writeFileSync(
    join(folder, 'cohort.ndjson'),
    cohort.map((_, index) => JSON.stringify(eventsDocument(index))).join('\n') + '\n',
  );
  const tampered = JSON.parse(JSON.stringify(eventsDocument(1))) as {
    data: { type: string; number?: number }[];
  };
  const session = tampered.data.find((event) => event.type === 'session-recorded');
  if (session !== undefined) session.number = 99;
  writeFileSync(
    join(folder, 'mixed.ndjson'),
    [
      JSON.stringify(eventsDocument(0)),
      '{ not json',
      JSON.stringify(tampered),
      '',
      JSON.stringify(eventsDocument(2)),
    ].join('\n'),
  );
  writeFileSync(join(folder, 'empty.json'), '');
  writeFileSync(join(folder, 'empty.ndjson'), '');
  writeFileSync(
    join(folder, 'malformed.json'),
    '{"schema": "iptkit/course-events", "version": 1, "data": [',
  );
  writeFileSync(
    join(folder, 'secret.json'),
    JSON.stringify({
      schema: 'iptkit/course-events',
      version: 1,
      data: [{ type: 'start-course', courseId: 'Jane ZZSECRET Doe' }],
    }),
  );
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

describe('iptkit validate', () => {
  test('a valid course document: exit 0 and what it holds', async () => {
    const result = await iptkit('validate', 'course.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/course\.json: valid \(iptkit\/course-events v1, \d+ events\)/);
  });

  test('a valid NDJSON cohort: exit 0 with the number of documents', async () => {
    const result = await iptkit('validate', 'cohort.ndjson');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cohort.ndjson: valid (6 documents)');
  });

  test('bad lines: exit 1, each problem with its line, the rule and its path', async () => {
    const result = await iptkit('validate', 'mixed.ndjson');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: not valid JSON [invalid-json]');
    expect(result.stderr).toMatch(/line 3: event \d+: number: .*\[session-out-of-order\]/);
    expect(result.stderr).toContain('2 of 4 documents invalid');
  });

  test('a malformed file and empty files: exit 1 with a reason', async () => {
    expect((await iptkit('validate', 'malformed.json')).stderr).toContain(
      'not valid JSON [invalid-json]',
    );
    const empty = await iptkit('validate', 'empty.json');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('[empty-file]');
    expect((await iptkit('validate', 'empty.ndjson')).code).toBe(1);
  });

  test('never prints the file’s own text (a name in an id position)', async () => {
    const result = await iptkit('validate', 'secret.json');
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('ZZSECRET');
  });

  test('usage errors exit 2: no file, a missing file, an unknown option', async () => {
    expect((await iptkit('validate')).code).toBe(2);
    const missing = await iptkit('validate', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.json');
    expect((await iptkit('validate', '--bogus', 'course.json')).code).toBe(2);
    expect((await iptkit('frobnicate')).code).toBe(2);
    expect((await iptkit()).code).toBe(2);
  });
});

describe('iptkit summarize', () => {
  test('table by default: counts and rates with intervals', async () => {
    const result = await iptkit('summarize', 'cohort.ndjson');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Courses\s+6 \(6 ended\)$/m);
    expect(result.stdout).toMatch(/^Response\s+\d+\.\d% \[\d+\.\d%, \d+\.\d%\] \(\d+ of [1-6]\)$/m);
  });

  test('--format json is the cohort summary, numbers as numbers', async () => {
    const result = await iptkit('summarize', 'cohort.ndjson', '--format', 'json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      courses: number;
      summary: { courses: number; level: number };
    };
    expect(parsed.courses).toBe(6);
    expect(parsed.summary.courses).toBe(6);
    expect(parsed.summary.level).toBe(0.95);
  });

  test('--format csv gives key,value rows and --long writes one row per course and measure', async () => {
    const result = await iptkit(
      'summarize',
      'cohort.ndjson',
      '--format',
      'csv',
      '--long',
      'long.csv',
    );
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe('key,value');
    expect(result.stdout).toContain('courses,6');
    const long = readFileSync(join(folder, 'long.csv'), 'utf8')
      .split('\r\n')
      .filter((line) => line !== '');
    const measures = cohort.reduce(
      (total, course) => total + Object.keys(course.state.measures).length,
      0,
    );
    expect(long[0]).toBe(
      'courseId,protocol,focus,sessionNumber,daysSinceStart,date,instrument,score,band',
    );
    expect(long).toHaveLength(measures + 1);
  });

  test('a single JSON document is summarised as one course', async () => {
    const result = await iptkit('summarize', 'course.json', '--format', 'json');
    expect((JSON.parse(result.stdout) as { courses: number }).courses).toBe(1);
  });

  test('bad lines: exit 1, the good ones still summarised, bad ones listed by line', async () => {
    const result = await iptkit('summarize', 'mixed.ndjson');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Courses\s+2 /m);
    expect(result.stderr).toContain('2 lines did not hold a course:');
    expect(result.stderr).toMatch(/line 2: invalid-json/);
  });

  test('usage errors exit 2', async () => {
    expect((await iptkit('summarize', 'cohort.ndjson', '--format', 'xml')).code).toBe(2);
    expect((await iptkit('summarize', 'cohort.ndjson', '--instrument', 'bdi')).code).toBe(2);
    expect((await iptkit('summarize')).code).toBe(2);
  });
});

describe('iptkit schema, demo and --help', () => {
  test('schema lists the published JSON Schemas with their versions', async () => {
    const result = await iptkit('schema');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^course-events\s+version 1 .*\(stored as iptkit\/course-events\)$/m,
    );
    expect(result.stdout).toMatch(
      /^course-snapshot\s+version 1 .*\(stored as iptkit\/course-snapshot\)$/m,
    );
    for (const name of ['protocol', 'instrument', 'inventory', 'measure-result', 'cohort-summary'])
      expect(result.stdout).toMatch(new RegExp(`^${name}\\s+version 1 `, 'm'));
    expect(result.stderr).toBe('');
  });

  test('schema <name> prints that JSON Schema; --input the one for what iptkit accepts', async () => {
    const result = await iptkit('schema', 'course-events');
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:iptkit:schema:course-events:v1',
      title: 'iptkit course events document',
      type: 'object',
    });
    expect(result.stdout).toContain('\n  "$id"');
    expect(schema).toEqual(generateJsonSchema('course-events').output);
    const input = JSON.parse((await iptkit('schema', 'course-events', '--input')).stdout) as {
      $id: string;
    };
    expect(input.$id).toBe('urn:iptkit:schema:course-events:v1:input');
    const stored = JSON.parse((await iptkit('schema', 'iptkit/course-snapshot')).stdout) as {
      $id: string;
    };
    expect(stored.$id).toBe('urn:iptkit:schema:course-snapshot:v1');
  });

  test('schema with an unknown name is a usage error that lists the known ones', async () => {
    const unknown = await iptkit('schema', 'iptkit/nothing');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('unknown schema; known: course-events, course-snapshot');
    expect((await iptkit('schema', 'protocol', 'extra')).code).toBe(2);
    expect((await iptkit('schema', '--bogus')).code).toBe(2);
  });

  test('demo: a refused step, a risk flag, then a deterministic synthetic cohort', async () => {
    const first = await iptkit('demo', '--size', '30', '--seed', '5');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('REFUSED');
    expect(first.stdout).toContain('[focus-required, 11.2 [ALPF]]');
    expect(first.stdout).toContain('open risk flag: phq-1:suicidalIdeation');
    expect(first.stdout).toMatch(/^ {2}Courses\s+30 \(30 ended\)$/m);
    const second = await iptkit('demo', '--size', '30', '--seed', '5');
    expect(second.stdout).toBe(first.stdout);
    expect((await iptkit('demo', '--size', '0')).code).toBe(2);
  });

  test('--help for the command and each subcommand', async () => {
    expect((await iptkit('--help')).stdout).toContain('Usage: iptkit <command>');
    for (const command of ['validate', 'summarize', 'schema', 'demo']) {
      const result = await iptkit(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: iptkit ${command}`);
    }
  });

  test('no progress line in a pipe', async () => {
    const result = await iptkit('summarize', 'cohort.ndjson');
    expect(result.stderr).toBe('');
  });
});
