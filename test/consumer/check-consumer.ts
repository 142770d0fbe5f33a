/**
 * Consumer check: packs the built package the way npm would publish it, installs the tarball into
 * a scratch project, and proves that a user can import each of its four entries (`iptkit`,
 * `iptkit/fhir`, `iptkit/svg`, `iptkit/testing`) from ESM and CommonJS, at run time and with
 * correct types under `moduleResolution` node16, bundler and node10. The types of the entries must
 * be one set of declarations (a `ValidationError` of `iptkit/svg` is the one of `iptkit`), and in
 * CommonJS every entry must share one copy of each module (one `IptError` class). Runs after
 * `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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
  const dependencies = ['zod', 'immer', 'ts-pattern', 'fast-check', 'typescript', '@types'];
  for (const dependency of [...dependencies, '@medplum']) {
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir');
  }

  const usage = (importLine: string) => `${importLine}
const ipt = protocols.ipt;
const sessions: number = ipt.sessions.min;
const areaLabel: string = problemAreas.grief.label;
const result = defineProtocol({ ...ipt, id: 'consumer-ipt' });
if (!result.ok) throw new Error('catalog protocol rejected');
const id: string = result.value.id;
try {
  // @ts-expect-error the catalog is readonly
  ipt.sessions.min = 1;
  throw new Error('the catalog could be changed');
} catch (error) {
  if (!(error instanceof TypeError)) throw error;
}
if (sessions !== 12 || areaLabel !== 'grief' || id !== 'consumer-ipt') throw new Error('wrong values');
const observation = toObservation(
  { instrument: { id: 'phq-9', version: '1.0.0' }, total: 0, range: { min: 0, max: 27 }, band: null, flags: {}, missing: [], missingHandling: 'none', responses: {} },
  { subject: 'Patient/p-1', effective: '2026-03-02' },
);
const resourceType: string | undefined = observation.ok ? observation.value.resourceType : undefined;
const scored = scorePhq9({ item1: 2, item2: 2, item3: 1, item4: 2, item5: 1, item6: 1, item7: 1, item8: 0, item9: 1 });
if (!scored.ok || scored.value.total !== 11 || !scored.value.flags.suicidalIdeation) throw new Error('wrong PHQ-9');
const picture = renderTrajectory({ instrument: 'phq-9', points: [{ session: 1, score: 18 }, { session: 4, score: 11 }] });
const svgText: string = picture.ok ? picture.value : '';
if (!svgText.startsWith('<svg')) throw new Error('no picture');
const badPicture = renderTrajectory({ points: 'none' } as never);
// One set of declarations for every entry: iptkit/svg's ValidationError is iptkit's.
const pictureError: ValidationError | undefined = badPicture.ok ? undefined : badPicture.error;
if (pictureError?.issues[0] === undefined) throw new Error('bad picture accepted');
const cohort = syntheticCohort(7, 2);
const state: DeepReadonly<Course> = cohort[0]!.state;
if (cohort.length !== 2 || state.courseId.length === 0) throw new Error('wrong cohort');
if (typeof personIdArbitrary !== 'function') throw new Error('no arbitraries');
`;
  const esmImports = [
    "import { protocols, problemAreas, defineProtocol, scorePhq9 } from 'iptkit';",
    "import type { Course, DeepReadonly, ValidationError } from 'iptkit';",
    "import { toObservation } from 'iptkit/fhir';",
    "import { renderTrajectory } from 'iptkit/svg';",
    "import { syntheticCohort, personIdArbitrary } from 'iptkit/testing';",
  ].join('\n');
  writeFileSync(join(scratch, 'esm.mts'), usage(esmImports));
  writeFileSync(
    join(scratch, 'cjs.cts'),
    usage(
      [
        "import iptkit = require('iptkit');",
        "import fhir = require('iptkit/fhir');",
        "import svg = require('iptkit/svg');",
        "import testing = require('iptkit/testing');",
        'const { protocols, problemAreas, defineProtocol, scorePhq9 } = iptkit;',
        'type Course = iptkit.Course;',
        'type DeepReadonly<T> = iptkit.DeepReadonly<T>;',
        'type ValidationError = iptkit.ValidationError;',
        'const { toObservation } = fhir;',
        'const { renderTrajectory } = svg;',
        'const { syntheticCohort, personIdArbitrary } = testing;',
      ].join('\n'),
    ),
  );
  writeFileSync(join(scratch, 'bundler.ts'), usage(esmImports));
  // node10 (TypeScript's old `node` resolution) ignores `exports`: the stub folders answer it.
  writeFileSync(
    join(scratch, 'node10.ts'),
    readFileSync(join(scratch, 'cjs.cts'), 'utf8').replace(/^/, '// node10\n'),
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
  writeFileSync(
    join(scratch, 'tsconfig.node10.json'),
    JSON.stringify({
      compilerOptions: {
        ...common,
        module: 'commonjs',
        moduleResolution: 'node10',
        ignoreDeprecations: '6.0',
        // fast-check's own declarations do not resolve pure-rand under node10; iptkit's are
        // checked in full by the node16 and bundler programs.
        skipLibCheck: true,
      },
      files: ['node10.ts'],
    }),
  );
  // The node16 programs once more, emitted, to run them: every entry at run time, ESM and CJS.
  writeFileSync(
    join(scratch, 'tsconfig.emit.json'),
    JSON.stringify({
      compilerOptions: {
        ...common,
        noEmit: false,
        module: 'node16',
        moduleResolution: 'node16',
        outDir: 'out',
      },
      files: ['esm.mts', 'cjs.cts'],
    }),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const config of [
    'tsconfig.node16.json',
    'tsconfig.bundler.json',
    'tsconfig.node10.json',
    'tsconfig.emit.json',
  ]) {
    run(process.execPath, [tsc, '-p', config], scratch);
  }
  run(process.execPath, [join('out', 'esm.mjs')], scratch);
  run(process.execPath, [join('out', 'cjs.cjs')], scratch);

  writeFileSync(
    join(scratch, 'run.mjs'),
    "import { protocols, defineProtocol } from 'iptkit';\nimport { toObservation } from 'iptkit/fhir';\nif (typeof toObservation !== 'function') process.exit(1);\n" +
      'if (protocols.ipt.sessions.max !== 16 || !defineProtocol(protocols.ipt).ok) process.exit(1);\n',
  );
  writeFileSync(
    join(scratch, 'run.cjs'),
    "const { protocols, defineProtocol } = require('iptkit');\nconst { toObservation } = require('iptkit/fhir');\nif (typeof toObservation !== 'function') process.exit(1);\n" +
      'if (protocols.ipt.sessions.max !== 16 || !defineProtocol(protocols.ipt).ok) process.exit(1);\n' +
      // Every entry shares one copy of each module: one IptError class, one phq9 object.
      "require('iptkit/svg');\nrequire('iptkit/testing');\n" +
      'const copies = Object.keys(require.cache).filter((file) => /[\\\\/]internal[\\\\/]ipt-error\\.js$/.test(file));\n' +
      'if (copies.length !== 1) { console.error(copies); process.exit(1); }\n',
  );
  run(process.execPath, ['run.mjs'], scratch);
  run(process.execPath, ['run.cjs'], scratch);

  const files = readdirSync(installed).sort();
  console.log(
    `consumer check passed: iptkit, iptkit/fhir, iptkit/svg and iptkit/testing from ESM and CJS, node16, bundler and node10 types (${files.join(', ')})`,
  );
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
