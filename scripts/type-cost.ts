/**
 * Type cost of iptkit for its users (issue #9, "Size and type cost"). Run after `npm run build`:
 * `tsx scripts/type-cost.ts` (`--json` for machine-readable output, `--keep` to keep the scratch
 * folder for inspection, `--detail` for two more baselines, `--max-ratio <n>` for another limit
 * than 2). In a scratch folder it:
 *
 * 1. writes a bare-zod module declaring the same shapes as iptkit's `CourseCommand`, `CourseEvent`
 *    and `Course`, generated from the schemas themselves (`test/type-cost/bare-zod.ts`), plus
 *    plain `execute`/`decide`/`replay` declarations with the same signatures;
 * 2. type-checks `test/type-cost/consumer.ts` twice with `tsc --extendedDiagnostics`: against the
 *    built package (`import ... from 'iptkit'`, resolved through `node_modules` like an installed
 *    package) and against the bare-zod module, and fails when iptkit's consumer needs more than
 *    twice the type instantiations of the bare-zod one;
 * 3. proves the two modules declare the same shapes (identical `z.input` and `z.output` types);
 * 4. emits declarations for the consumer (its exported functions return iptkit types by
 *    inference) and fails on any error, in particular TS7056, TS2742/TS2883 and TS4058;
 * 5. with `--detail`, for information only: checks the bare-zod module with no consumer code (what
 *    its schema declarations alone cost), and checks the consumer once more against the bare-zod
 *    module's emitted declarations (`.d.ts`, as a published bare-zod package would ship them).
 *
 * The generated module is written to the scratch folder on every run rather than committed: it is
 * a pure function of the current schemas, so a committed copy would add nothing but a step that
 * fails on every schema change until someone regenerates it.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as iptkit from '../src/index.js';
import { bareZodSource } from '../test/type-cost/bare-zod.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const consumerFolder = join(root, 'test', 'type-cost');

/** The check: iptkit's consumer may need at most this many times bare zod's instantiations. */
const MAX_RATIO = 2;
/**
 * Declaration-emit errors a consumer's inferred iptkit types must never cause (any error fails the
 * check; these are the ones named in the report): type too long to serialise (TS7056), a type that
 * cannot be named without a non-exported path of the package (TS2742, or TS2883 as TypeScript 6 reports it),
 * a return type using a private name (TS4058).
 */
const EMIT_CODES = ['TS7056', 'TS2742', 'TS2883', 'TS4058'] as const;
/** The path `course-api.ts` imports in the repository, replaced by the package name. */
const SOURCE_ENTRY = `'../../src/index.js'`;

/** The compiler options of every consumer program: an ordinary strict app. */
const consumerOptions = {
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  skipLibCheck: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  types: [],
};

/**
 * The hand-written rest of the bare-zod module: what an app using zod alone would declare. Plain
 * data types (no deep-readonly wrapper), a plain result union and plain error interfaces.
 */
const bareZodApi = `
/** What callers write: a command before validation. */
export type CourseCommandInput = z.input<typeof CourseCommand>;
/** Bare zod returns plain data: the "deep readonly" of a value is the value's own type. */
export type DeepReadonly<TValue> = TValue;
export type CourseState = Course | null;
export type Result<TValue, TError> =
  | { readonly ok: true; readonly value: TValue }
  | { readonly ok: false; readonly error: TError };
export interface Issue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}
export interface RuleViolation {
  readonly kind: 'rule';
  readonly code: string;
  readonly message: string;
  readonly reference: string;
  readonly path?: readonly (string | number)[];
  readonly issues?: readonly Issue[];
}
export interface CourseWarning {
  readonly code: string;
  readonly message: string;
  readonly reference: string;
}
export interface ReplayError {
  readonly kind: 'replay';
  readonly index: number | null;
  readonly eventType?: string;
  readonly cause: { readonly kind: string; readonly issues?: readonly Issue[] };
}
export interface Execution {
  readonly state: CourseState;
  readonly events: readonly CourseEvent[];
  readonly warnings: readonly CourseWarning[];
}
export declare function execute(state: CourseState, command: unknown): Result<Execution, RuleViolation>;
export declare function decide(state: CourseState, command: unknown): Result<readonly CourseEvent[], RuleViolation>;
export declare function replay(events: unknown): Result<CourseState, ReplayError>;
`;

/** The type-equality check of the two modules' shapes. */
const sameShapes = `import type * as z from 'zod';
import type * as Iptkit from 'iptkit';
import type * as Bare from '../bare-zod/course-api.js';

/** True only when the two types are identical (not merely assignable both ways). */
type Same<TLeft, TRight> =
  (<TProbe>() => TProbe extends TLeft ? 1 : 2) extends <TProbe>() => TProbe extends TRight ? 1 : 2
    ? true
    : false;

export const commandOutput: Same<z.output<typeof Iptkit.CourseCommand>, z.output<typeof Bare.CourseCommand>> = true;
export const commandInput: Same<z.input<typeof Iptkit.CourseCommand>, z.input<typeof Bare.CourseCommand>> = true;
export const eventOutput: Same<z.output<typeof Iptkit.CourseEvent>, z.output<typeof Bare.CourseEvent>> = true;
export const eventInput: Same<z.input<typeof Iptkit.CourseEvent>, z.input<typeof Bare.CourseEvent>> = true;
export const courseOutput: Same<z.output<typeof Iptkit.Course>, z.output<typeof Bare.Course>> = true;
export const courseInput: Same<z.input<typeof Iptkit.Course>, z.input<typeof Bare.Course>> = true;
`;

interface TscRun {
  readonly exitCode: number;
  readonly output: string;
}

interface Measurement {
  readonly instantiations: number;
  readonly types: number;
  /** Check time as tsc reports it (indicative only: the programs are checked in parallel). */
  readonly checkSeconds: number;
}

/** The brands of iptkit's id schemas, read from their declarations (zod keeps brands in types). */
function brandsInSource(): Record<string, string> {
  const brands: Record<string, string> = {};
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(file),
  );
  for (const file of files) {
    const text = readFileSync(join(root, 'src', file), 'utf8');
    for (const found of text.matchAll(/export const (\w+) = [^;]*?\.brand<'([^']+)'>\(\);/g)) {
      if (found[1] !== undefined && found[2] !== undefined) brands[found[1]] = found[2];
    }
  }
  return brands;
}

/** The bare-zod twin of `course-api.ts`. */
function bareZodModule(): string {
  const schemas = bareZodSource({
    exports: {
      CourseCommand: iptkit.CourseCommand,
      CourseEvent: iptkit.CourseEvent,
      Course: iptkit.Course,
    },
    named: iptkit,
    brands: brandsInSource(),
  });
  return `// Generated by scripts/type-cost.ts from iptkit's zod schemas: the same shapes in bare zod.\n${schemas}${bareZodApi}`;
}

function runTsc(cwd: string, args: readonly string[]): Promise<TscRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [tsc, ...args],
      { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ exitCode, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Reads a `Name: value` line of `--extendedDiagnostics` output. */
function diagnostic(output: string, name: string): number {
  const found = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(output);
  if (found?.[1] === undefined) throw new Error(`tsc printed no "${name}" line`);
  return Number(found[1]);
}

function measurement(run: TscRun): Measurement {
  return {
    instantiations: diagnostic(run.output, 'Instantiations'),
    types: diagnostic(run.output, 'Types'),
    checkSeconds: diagnostic(run.output, 'Check time'),
  };
}

/** The compiler's error lines (`file(line,col): error TSnnnn: ...`), without diagnostics. */
function errors(output: string): string[] {
  return output.split('\n').filter((line) => /error TS\d+/.test(line));
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a folder holding one program: its files and a `tsconfig.json` checking `main`. */
function program(folder: string, files: Readonly<Record<string, string>>, main: string): void {
  mkdirSync(folder, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
  writeJson(join(folder, 'tsconfig.json'), {
    compilerOptions: { ...consumerOptions, noEmit: true },
    files: [main],
  });
}

/** Lays out the scratch folder: an installed `iptkit` and `zod`, and one folder per program. */
function prepare(scratch: string): void {
  const modules = join(scratch, 'node_modules');
  mkdirSync(modules);
  // The package folder itself (package.json + dist), as a workspace link would install it.
  symlinkSync(root, join(modules, 'iptkit'), 'dir');
  symlinkSync(join(root, 'node_modules', 'zod'), join(modules, 'zod'), 'dir');

  const consumer = readFileSync(join(consumerFolder, 'consumer.ts'), 'utf8');
  const api = readFileSync(join(consumerFolder, 'course-api.ts'), 'utf8');
  if (!api.includes(SOURCE_ENTRY)) {
    throw new Error(`test/type-cost/course-api.ts no longer imports ${SOURCE_ENTRY}`);
  }
  const bareZod = bareZodModule();
  for (const [name, apiSource] of [
    ['iptkit', api.replaceAll(SOURCE_ENTRY, `'iptkit'`)],
    ['bare-zod', bareZod],
  ] as const) {
    const folder = join(scratch, name);
    program(folder, { 'consumer.ts': consumer, 'course-api.ts': apiSource }, 'consumer.ts');
    writeJson(join(folder, 'tsconfig.declaration.json'), {
      compilerOptions: {
        ...consumerOptions,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: join('..', 'declarations', name),
      },
      files: ['consumer.ts'],
    });
  }
  // The bare-zod module with no consumer code: what checking the schema declarations costs.
  program(
    join(scratch, 'bare-zod-alone'),
    { 'course-api.ts': bareZod, 'alone.ts': `export { execute } from './course-api.js';\n` },
    'alone.ts',
  );
  program(join(scratch, 'same-shapes'), { 'same-shapes.ts': sameShapes }, 'same-shapes.ts');
}

/** Type-checks the consumer against the emitted `.d.ts` of the bare-zod module, if there is one. */
async function measureOnDeclarations(scratch: string): Promise<Measurement | null> {
  const declarations = join(scratch, 'declarations', 'bare-zod', 'course-api.d.ts');
  if (!existsSync(declarations)) return null;
  const folder = join(scratch, 'bare-zod-declarations');
  program(
    folder,
    {
      'consumer.ts': readFileSync(join(consumerFolder, 'consumer.ts'), 'utf8'),
      'course-api.d.ts': readFileSync(declarations, 'utf8'),
    },
    'consumer.ts',
  );
  const run = await runTsc(folder, DIAGNOSTICS);
  return run.exitCode === 0 ? measurement(run) : null;
}

const DIAGNOSTICS = ['--extendedDiagnostics', '-p', 'tsconfig.json'];

interface Emit {
  readonly ok: boolean;
  readonly errors: readonly string[];
  /** The length of the emitted `consumer.d.ts` (0 if none). */
  readonly chars: number;
}

interface Report {
  readonly ok: boolean;
  readonly maxRatio: number;
  /** The consumer against the built package. */
  readonly iptkit: Measurement;
  /** The consumer against the same shapes written in bare zod (the baseline). */
  readonly bareZod: Measurement;
  /** Information only (`--detail`): the bare-zod module checked with no consumer code. */
  readonly bareZodAlone: Measurement | null;
  /** Information only (`--detail`): the consumer against the bare-zod module's `.d.ts`. */
  readonly bareZodDeclarations: Measurement | null;
  /** `iptkit.instantiations / bareZod.instantiations`. */
  readonly ratio: number;
  readonly sameShapes: { readonly ok: boolean; readonly errors: readonly string[] };
  /** iptkit's is checked; bare zod's (`--detail`) is for comparison. */
  readonly declarationEmit: { readonly iptkit: Emit; readonly bareZod: Emit | null };
  readonly seconds: number;
}

/** Runs tasks at most `limit` at a time, keeping their order in the results. */
async function limited<TResult>(
  tasks: readonly (() => Promise<TResult>)[],
  limit: number,
): Promise<TResult[]> {
  const results: TResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const task = tasks[index];
      if (task !== undefined) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  return results;
}

async function check(scratch: string, options: Options): Promise<Report> {
  const started = process.hrtime.bigint();
  prepare(scratch);
  const tasks = [
    () => runTsc(join(scratch, 'iptkit'), DIAGNOSTICS),
    () => runTsc(join(scratch, 'bare-zod'), DIAGNOSTICS),
    () => runTsc(join(scratch, 'same-shapes'), ['-p', 'tsconfig.json']),
    () => runTsc(join(scratch, 'iptkit'), ['-p', 'tsconfig.declaration.json']),
    ...(options.detail
      ? [
          () => runTsc(join(scratch, 'bare-zod-alone'), DIAGNOSTICS),
          () => runTsc(join(scratch, 'bare-zod'), ['-p', 'tsconfig.declaration.json']),
        ]
      : []),
  ];
  const [iptkitRun, bareRun, sameRun, iptkitEmit, aloneRun, bareEmit] = (await limited(
    tasks,
    availableParallelism(),
  )) as [TscRun, TscRun, TscRun, TscRun, TscRun?, TscRun?];
  for (const [name, run] of [
    ['iptkit consumer', iptkitRun],
    ['bare-zod consumer', bareRun],
    ['bare-zod module', aloneRun],
  ] as const) {
    if (run === undefined) continue;
    if (run.exitCode !== 0) {
      throw new Error(`the ${name} does not compile:\n${errors(run.output).join('\n')}`);
    }
  }
  const emitted = (name: string, run: TscRun): Emit => {
    const file = join(scratch, 'declarations', name, 'consumer.d.ts');
    return {
      ok: run.exitCode === 0 && existsSync(file),
      errors: errors(run.output),
      chars: existsSync(file) ? readFileSync(file, 'utf8').length : 0,
    };
  };
  const iptkitMeasured = measurement(iptkitRun);
  const bareMeasured = measurement(bareRun);
  const ratio = iptkitMeasured.instantiations / bareMeasured.instantiations;
  const sameShapesResult = { ok: sameRun.exitCode === 0, errors: errors(sameRun.output) };
  const declarationEmit = {
    iptkit: emitted('iptkit', iptkitEmit),
    bareZod: bareEmit === undefined ? null : emitted('bare-zod', bareEmit),
  };
  return {
    ok: ratio <= options.maxRatio && sameShapesResult.ok && declarationEmit.iptkit.ok,
    maxRatio: options.maxRatio,
    iptkit: iptkitMeasured,
    bareZod: bareMeasured,
    bareZodAlone: aloneRun === undefined ? null : measurement(aloneRun),
    bareZodDeclarations: bareEmit === undefined ? null : await measureOnDeclarations(scratch),
    ratio,
    sameShapes: sameShapesResult,
    declarationEmit,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

function text(report: Report, scratch: string | null): string {
  const row = (name: string, measured: Measurement, note = '') =>
    `${name.padEnd(34)}${String(measured.instantiations).padStart(14)}${String(measured.types).padStart(10)}  ${note}`.trimEnd();
  const emitLine = (name: string, emit: Emit) =>
    emit.ok
      ? `  ${name}: ok (consumer.d.ts, ${String(emit.chars)} characters)`
      : `  ${name}: FAILED\n${emit.errors.map((line) => `    ${line}`).join('\n')}`;
  const flagged = new Set(
    report.declarationEmit.iptkit.errors.flatMap((line) =>
      EMIT_CODES.filter((code) => line.includes(code)),
    ),
  );
  const detail = [
    ...(report.bareZodAlone === null
      ? []
      : [row('bare-zod module alone', report.bareZodAlone, 'information: its declarations only')]),
    ...(report.bareZodDeclarations === null
      ? []
      : [
          row(
            'consumer, bare zod as .d.ts',
            report.bareZodDeclarations,
            'information: baseline precompiled',
          ),
        ]),
  ];
  const bareEmit = report.declarationEmit.bareZod;
  const lines = [
    'Type cost of test/type-cost/consumer.ts (tsc --extendedDiagnostics; strict, skipLibCheck)',
    '',
    `${'program'.padEnd(34)}${'instantiations'.padStart(14)}${'types'.padStart(10)}`,
    row('consumer, iptkit (dist types)', report.iptkit),
    row('consumer, same shapes in bare zod', report.bareZod, 'baseline'),
    ...detail,
    '',
    `ratio iptkit / bare zod: ${report.ratio.toFixed(2)} (limit ${String(report.maxRatio)}): ${report.ratio <= report.maxRatio ? 'within' : 'OVER'}`,
    `same shapes: ${report.sameShapes.ok ? 'ok (z.input and z.output identical for CourseCommand, CourseEvent, Course)' : `FAILED, the generated bare-zod schemas differ from the built types (is dist/ older than src/? rebuild):\n${report.sameShapes.errors.join('\n')}`}`,
    'declaration emit of the consumer (exported functions with inferred return types):',
    emitLine('iptkit', report.declarationEmit.iptkit),
    ...(bareEmit === null ? [] : [emitLine('bare zod (for comparison, not checked)', bareEmit)]),
    ...(flagged.size > 0 ? [`  iptkit types caused ${[...flagged].join(', ')}`] : []),
    '',
    `took ${report.seconds.toFixed(1)} s${scratch === null ? '' : `; scratch folder kept: ${scratch}`}${detail.length === 0 ? ' (--detail adds more baselines)' : ''}`,
    report.ok ? 'type-cost check passed' : 'type-cost check FAILED',
  ];
  return `${lines.join('\n')}\n`;
}

interface Options {
  readonly json: boolean;
  readonly keep: boolean;
  readonly detail: boolean;
  readonly maxRatio: number;
}

function parseArguments(argv: readonly string[]): Options {
  let json = false;
  let keep = false;
  let detail = false;
  let maxRatio = MAX_RATIO;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--json') json = true;
    else if (argument === '--keep') keep = true;
    else if (argument === '--detail') detail = true;
    else if (argument === '--max-ratio' && Number(argv[index + 1]) > 0) {
      maxRatio = Number(argv[index + 1]);
      index += 1;
    } else throw new Error(`unknown argument: ${String(argument)}`);
  }
  return { json, keep, detail, maxRatio };
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) {
    process.stderr.write('dist/index.d.ts is missing: run `npm run build` first.\n');
    return 1;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'iptkit-type-cost-'));
  try {
    const report = await check(scratch, options);
    const kept = options.keep ? scratch : null;
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ ...report, scratch: kept }, null, 2)}\n`
        : text(report, kept),
    );
    return report.ok ? 0 : 1;
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `type-cost check could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
