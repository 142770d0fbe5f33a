/**
 * Bundle-size budgets (issue #9, DESIGN.md section 5). For every budget in
 * `bench/size-budgets.json` it bundles a tiny consumer module of the BUILT entry in `dist/` with
 * esbuild the way an application's bundler would (bundle, minify, ESM, platform neutral, every
 * package external), gzips the result at level 9, and compares it with the budget. For diagnosis it
 * bundles the same consumer from `src/` with a metafile and lists the source modules that
 * contribute most. A last check bundles the whole main entry, from `src/` and from `dist/` (which
 * mirrors `src/`, one file per module), and asserts that no code from the folders of the other
 * entries (fhir, svg, testing) is in either bundle.
 *
 * Run after `npm run build`: `tsx scripts/size.ts` (`--json` for machine-readable output,
 * `--config <file>` for another budget file). Exits 1 when a budget is exceeded, the isolation
 * check fails, or the main entry has not been built.
 */
import { build, type Metafile } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One budget of the configuration file. */
interface Budget {
  readonly name: string;
  /** The built file, relative to the package root. */
  readonly dist: string;
  /** The source entry of the same file, for the per-module diagnosis. */
  readonly source: string;
  /** `'*'` for the whole entry, or the names a consumer imports. */
  readonly imports: '*' | readonly string[];
  /** The budget, min+gz, in kB of 1,000 bytes: exceeding it fails the check. */
  readonly maxKb: number;
  /**
   * A goal below the budget that is not met yet: reported (met or not), never failing. Used where
   * the budget is a regression guard at today's size and the design asks for less.
   */
  readonly targetKb?: number;
  /** A missing dist file fails the check instead of being skipped (the main entry). */
  readonly required?: boolean;
  readonly description: string;
}

interface Isolation {
  /** The source entry bundled with a metafile. */
  readonly entry: string;
  /** Folders of `src/` whose modules must contribute no code to a bundle of `entry`. */
  readonly forbidden: readonly string[];
  /** The built file of the same entry, bundled with a metafile too (when it exists). */
  readonly built: string;
  /** Folders of `dist/` whose files must contribute no code to a bundle of `built`. */
  readonly builtForbidden: readonly string[];
  readonly description: string;
}

interface Config {
  readonly budgets: readonly Budget[];
  readonly isolation: Isolation;
}

interface ModuleShare {
  readonly path: string;
  /** Bytes the module contributes to the minified (not gzipped) bundle. */
  readonly bytes: number;
}

type Measurement =
  | {
      readonly name: string;
      readonly dist: string;
      readonly status: 'within' | 'over';
      readonly minBytes: number;
      readonly gzipBytes: number;
      readonly maxKb: number;
      readonly maxBytes: number;
      readonly targetKb?: number;
      readonly description: string;
      /** The same consumer bundled from `src/` (diagnosis only, not checked; null if absent). */
      readonly fromSource: {
        readonly minBytes: number;
        readonly gzipBytes: number;
        /** The biggest contributing source modules. */
        readonly topModules: readonly ModuleShare[];
      } | null;
    }
  | {
      readonly name: string;
      readonly dist: string;
      readonly status: 'skipped';
      readonly reason: string;
      readonly required: boolean;
      readonly maxKb: number;
      readonly description: string;
    };

interface IsolationResult {
  readonly entry: string;
  readonly forbidden: readonly string[];
  readonly built: string;
  readonly builtForbidden: readonly string[];
  readonly ok: boolean;
  /** Source modules under a forbidden folder that contribute code to the main-entry bundle. */
  readonly offenders: readonly ModuleShare[];
  /** Built files under a forbidden folder that contribute code to a bundle of the built entry. */
  readonly builtOffenders: readonly ModuleShare[];
}

const GZIP_LEVEL = constants.Z_BEST_COMPRESSION; // 9
const KILOBYTE = 1000;
const TOP_MODULES = 5;

function parseArguments(argv: readonly string[]): { json: boolean; config: string } {
  let json = false;
  let config = join(root, 'bench', 'size-budgets.json');
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--json') json = true;
    else if (argument === '--config' && argv[index + 1] !== undefined) {
      config = resolve(argv[index + 1] ?? '');
      index += 1;
    } else throw new Error(`unknown argument: ${String(argument)}`);
  }
  return { json, config };
}

function readConfig(file: string): Config {
  const config = JSON.parse(readFileSync(file, 'utf8')) as Config;
  for (const budget of config.budgets) {
    if (!(budget.maxKb > 0) || budget.description.length === 0) {
      throw new Error(`budget "${budget.name}" needs a positive maxKb and a description`);
    }
  }
  return config;
}

/** The text of a consumer module of `specifier` (a path relative to the package root). */
function consumerSource(specifier: string, imports: Budget['imports']): string {
  if (imports === '*') return `export * from './${specifier}';\n`;
  // Using the imports keeps them alive; `export { ... }` would do as well but reads less like an app.
  return `import { ${imports.join(', ')} } from './${specifier}';\nconsole.log(${imports.join(', ')});\n`;
}

/** Bundles a consumer module the way an application's bundler would ship iptkit. */
async function bundle(contents: string): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'consumer.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no output');
  return { code: output.contents, metafile: result.metafile };
}

/** The input modules of a one-output build, biggest contribution first (only those with code). */
function moduleShares(metafile: Metafile): ModuleShare[] {
  const outputs = Object.values(metafile.outputs);
  if (outputs.length !== 1 || outputs[0] === undefined) {
    throw new Error(`expected one output, got ${outputs.length}`);
  }
  return Object.entries(outputs[0].inputs)
    .filter(([path, input]) => path !== '<stdin>' && input.bytesInOutput > 0)
    .map(([path, input]) => ({ path, bytes: input.bytesInOutput }))
    .sort((left, right) => right.bytes - left.bytes || (left.path < right.path ? -1 : 1));
}

async function measure(budget: Budget): Promise<Measurement> {
  const common = {
    name: budget.name,
    dist: budget.dist,
    maxKb: budget.maxKb,
    description: budget.description,
    ...(budget.targetKb === undefined ? {} : { targetKb: budget.targetKb }),
  };
  if (!existsSync(join(root, budget.dist))) {
    return {
      ...common,
      status: 'skipped',
      reason: `${budget.dist} is not built`,
      required: budget.required === true,
    };
  }
  const built = await bundle(consumerSource(budget.dist, budget.imports));
  const minBytes = built.code.byteLength;
  const gzipBytes = gzipSync(built.code, { level: GZIP_LEVEL }).byteLength;
  const maxBytes = Math.round(budget.maxKb * KILOBYTE);
  let fromSource = null;
  if (existsSync(join(root, budget.source))) {
    const source = await bundle(consumerSource(budget.source, budget.imports));
    fromSource = {
      minBytes: source.code.byteLength,
      gzipBytes: gzipSync(source.code, { level: GZIP_LEVEL }).byteLength,
      topModules: moduleShares(source.metafile).slice(0, TOP_MODULES),
    };
  }
  return {
    ...common,
    status: gzipBytes <= maxBytes ? 'within' : 'over',
    minBytes,
    gzipBytes,
    maxBytes,
    fromSource,
  };
}

/** The shares of a bundle's modules that lie under one of `folders`. */
function sharesUnder(metafile: Metafile, folders: readonly string[]): ModuleShare[] {
  return moduleShares(metafile).filter((share) =>
    folders.some((folder) => share.path.startsWith(folder)),
  );
}

/**
 * Asserts that a bundle of the whole main entry holds no code from the other entries' folders:
 * from `src/`, and from the built `dist/` (which mirrors `src/`, one file per module).
 */
async function checkIsolation(isolation: Isolation): Promise<IsolationResult> {
  const fromSource = await bundle(consumerSource(isolation.entry, '*'));
  const offenders = sharesUnder(fromSource.metafile, isolation.forbidden);
  const builtOffenders = existsSync(join(root, isolation.built))
    ? sharesUnder(
        (await bundle(consumerSource(isolation.built, '*'))).metafile,
        isolation.builtForbidden,
      )
    : [];
  return {
    entry: isolation.entry,
    forbidden: isolation.forbidden,
    built: isolation.built,
    builtForbidden: isolation.builtForbidden,
    ok: offenders.length === 0 && builtOffenders.length === 0,
    offenders,
    builtOffenders,
  };
}

const kb = (bytes: number) => `${(bytes / KILOBYTE).toFixed(2)} kB`;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths?.[column] ?? 0) : cell.padStart(widths?.[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

function report(measurements: readonly Measurement[], isolation: IsolationResult): string {
  const lines: string[] = [
    'Bundle sizes of iptkit (esbuild bundle+minify, ESM, neutral, packages external; gzip level 9; 1 kB = 1,000 B)',
    'Budgets apply to the bundle of the built dist/ file; the "from src" columns bundle the same consumer from src/ (diagnosis only).',
    '',
  ];
  const rows: string[][] = [
    ['entry', 'min', 'min+gz', 'budget', 'status', 'from src: min', 'min+gz'],
  ];
  for (const measured of measurements) {
    rows.push(
      measured.status === 'skipped'
        ? [measured.name, '-', '-', `${measured.maxKb} kB`, 'skipped', '-', '-']
        : [
            measured.name,
            `${measured.minBytes} B`,
            `${measured.gzipBytes} B`,
            `${measured.maxKb} kB`,
            measured.status === 'within' ? 'within' : 'OVER',
            measured.fromSource === null ? '-' : `${measured.fromSource.minBytes} B`,
            measured.fromSource === null ? '-' : `${measured.fromSource.gzipBytes} B`,
          ],
    );
  }
  lines.push(table(rows), '');
  for (const measured of measurements) {
    if (measured.status === 'skipped') {
      lines.push(`note: skipped "${measured.name}": ${measured.reason}`);
      continue;
    }
    const verdict =
      measured.status === 'within'
        ? `within budget (${kb(measured.gzipBytes)} of ${measured.maxKb} kB)`
        : `OVER budget by ${kb(measured.gzipBytes - measured.maxBytes)} (${kb(measured.gzipBytes)} > ${measured.maxKb} kB)`;
    lines.push(`${measured.name}: ${verdict}`);
    if (measured.targetKb !== undefined) {
      const met = measured.gzipBytes <= Math.round(measured.targetKb * KILOBYTE);
      lines.push(
        `  target ${measured.targetKb} kB: ${met ? 'met' : 'NOT MET yet (reported, not failing)'}`,
      );
    }
    lines.push(`  budget source: ${measured.description}`);
    if (measured.fromSource !== null) {
      lines.push(
        `  biggest source modules (minified bytes in a build of the same consumer from src/):`,
      );
      for (const share of measured.fromSource.topModules) {
        lines.push(`    ${String(share.bytes).padStart(7)}  ${share.path}`);
      }
    }
  }
  lines.push('');
  if (isolation.ok) {
    lines.push(
      `isolation: ok, a bundle of ${isolation.entry} holds no code from ${isolation.forbidden.join(', ')}`,
      `isolation: ok, a bundle of ${isolation.built} holds no code from ${isolation.builtForbidden.join(', ')}`,
    );
  } else {
    lines.push(
      `isolation: FAILED, a bundle of ${isolation.entry} or ${isolation.built} holds code from other entries:`,
    );
    for (const share of isolation.offenders) {
      lines.push(`    ${String(share.bytes).padStart(7)}  ${share.path}`);
    }
    for (const share of isolation.builtOffenders) {
      lines.push(`    ${String(share.bytes).padStart(7)}  ${share.path}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const config = readConfig(options.config);
  const measurements: Measurement[] = [];
  for (const budget of config.budgets) measurements.push(await measure(budget));
  const isolation = await checkIsolation(config.isolation);
  const missing = [
    ...new Set(
      measurements.flatMap((measured) =>
        measured.status === 'skipped' && measured.required ? [measured.dist] : [],
      ),
    ),
  ];
  const missingMain = missing.length > 0;
  const failed =
    missingMain || !isolation.ok || measurements.some((measured) => measured.status === 'over');

  if (options.json) {
    const output = {
      tool: 'esbuild',
      settings: {
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        packages: 'external',
        gzipLevel: GZIP_LEVEL,
        kilobyte: KILOBYTE,
      },
      config: relative(root, options.config),
      ok: !failed,
      measurements,
      isolation,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(report(measurements, isolation));
    if (missingMain) {
      process.stdout.write(`\n${missing.join(', ')} missing: run \`npm run build\` first.\n`);
    }
    process.stdout.write(failed ? '\nsize check FAILED\n' : '\nsize check passed\n');
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`size check could not run: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
