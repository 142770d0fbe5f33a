/**
 * Consumer check: packs the built package the way npm would publish it, installs the tarball into
 * a scratch project, and proves that a user can import it from ESM and CommonJS, at run time and
 * with correct types under `moduleResolution` node16 and bundler. Runs after `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'iptkit-consumer-'));

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

try {
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', scratch], root),
  ) as { filename: string }[];
  const tarball = join(scratch, packed[0]!.filename);
  const modules = join(scratch, 'node_modules');
  const installed = join(modules, 'iptkit');
  mkdirSync(installed, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], scratch);
  // The package's runtime dependencies and the compiler come from this checkout.
  for (const dependency of ['zod', 'immer', 'ts-pattern', 'typescript', '@types', '@medplum']) {
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir');
  }

  const usage = (importLine: string) => `${importLine}
const ipt = protocols.ipt;
const sessions: number = ipt.sessions.min;
const areaLabel: string = problemAreas.grief.label;
const result = defineProtocol({ ...ipt, id: 'consumer-ipt' });
if (!result.ok) throw new Error('catalog protocol rejected');
const id: string = result.value.id;
// @ts-expect-error the catalog is readonly
ipt.sessions.min = 1;
if (sessions !== 12 || areaLabel !== 'grief' || id !== 'consumer-ipt') throw new Error('wrong values');
const observation = toObservation(
  { instrument: { id: 'phq-9', version: '1.0.0' }, total: 0, range: { min: 0, max: 27 }, band: null, flags: {}, missing: [], missingHandling: 'none', responses: {} },
  { subject: 'Patient/p-1', effective: '2026-03-02' },
);
const resourceType: string | undefined = observation.ok ? observation.value.resourceType : undefined;
`;
  writeFileSync(
    join(scratch, 'esm.mts'),
    usage(
      "import { protocols, problemAreas, defineProtocol } from 'iptkit';\nimport { toObservation } from 'iptkit/fhir';",
    ),
  );
  writeFileSync(
    join(scratch, 'cjs.cts'),
    usage(
      "import iptkit = require('iptkit');\nimport fhir = require('iptkit/fhir');\nconst { protocols, problemAreas, defineProtocol } = iptkit;\nconst { toObservation } = fhir;",
    ),
  );
  writeFileSync(
    join(scratch, 'bundler.ts'),
    usage(
      "import { protocols, problemAreas, defineProtocol } from 'iptkit';\nimport { toObservation } from 'iptkit/fhir';",
    ),
  );
  const common = { strict: true, noEmit: true, skipLibCheck: false, types: [] as string[] };
  writeFileSync(
    join(scratch, 'tsconfig.node16.json'),
    JSON.stringify({
      compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' },
      files: ['esm.mts', 'cjs.cts'],
    }),
  );
  writeFileSync(
    join(scratch, 'tsconfig.bundler.json'),
    JSON.stringify({
      compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler' },
      files: ['bundler.ts'],
    }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
    run(process.execPath, [tsc, '-p', config], scratch);
  }

  writeFileSync(
    join(scratch, 'run.mjs'),
    "import { protocols, defineProtocol } from 'iptkit';\nimport { toObservation } from 'iptkit/fhir';\nif (typeof toObservation !== 'function') process.exit(1);\n" +
      'if (protocols.ipt.sessions.max !== 16 || !defineProtocol(protocols.ipt).ok) process.exit(1);\n',
  );
  writeFileSync(
    join(scratch, 'run.cjs'),
    "const { protocols, defineProtocol } = require('iptkit');\nconst { toObservation } = require('iptkit/fhir');\nif (typeof toObservation !== 'function') process.exit(1);\n" +
      'if (protocols.ipt.sessions.max !== 16 || !defineProtocol(protocols.ipt).ok) process.exit(1);\n',
  );
  run(process.execPath, ['run.mjs'], scratch);
  run(process.execPath, ['run.cjs'], scratch);

  const files = readdirSync(installed).sort();
  console.log(`consumer check passed: ESM, CJS, node16 and bundler types (${files.join(', ')})`);
} catch (error) {
  const failure = error as { stdout?: string; stderr?: string; message: string };
  console.error(
    'consumer check failed:',
    failure.message,
    failure.stdout ?? '',
    failure.stderr ?? '',
  );
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
