import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

// Every module of the library: the CLI (bundled below) and the tests and their helpers (`*.test.ts`,
// `*.test-d.ts`, `*.test-support.ts`: the `*.test-*.ts` pattern) excluded; tsconfig.build-types.json
// excludes the same files. The library is built UNBUNDLED:
// one output file per source module, with the relative `./x.js` imports of the source kept as
// they are, so an application's bundler can drop each module the app does not use (package.json
// says `sideEffects: false`). A bundled entry would be one file whose top-level schema and
// catalog calls a bundler must keep (DESIGN.md section 5, docs/size.md).
//
// dist/ mirrors src/:
// - dist/**/*.js      ESM (the package is `type: module`), dist/index.js is the main entry;
// - dist/**/*.d.ts    its declarations, emitted by tsc (tsconfig.build-types.json), one per module;
// - dist/cjs/**/*.js  CommonJS, one file per module as well, so every entry shares one copy of
//                     each module (one IptError class, one phq9 object); dist/cjs/package.json
//                     says `type: commonjs`, which makes these `.js` files and the `.d.ts` files
//                     next to them (tsc's declarations, emitted there too) CommonJS for Node and
//                     TypeScript;
// - dist/cli.js       the `iptkit` command, bundled;
// - dist/schemas/     the JSON Schemas (scripts/build-schemas.ts).
// Entries (package.json `exports`, with a stub folder per subpath for node10 resolution):
// `iptkit` -> index, `iptkit/fhir` -> fhir/index, `iptkit/svg` -> svg/index, `iptkit/testing` ->
// testing/index.
const libraryModules = [
  'src/**/*.ts',
  '!src/**/*.test.ts',
  '!src/**/*.test-*.ts',
  '!src/**/*.d.ts',
  '!src/cli/**',
];

/**
 * Fails the build when a built ESM module of the library imports a package that is neither a
 * dependency nor a peer dependency (a test helper under src/ that slipped past the patterns above
 * would import vitest, for example).
 * @param folder - The ESM output folder.
 */
export function checkPackageImports(folder: string): void {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const allowed = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const problems: string[] = [];
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js') || file === 'cli.js' || file.startsWith('cjs')) continue;
    const text = readFileSync(join(folder, file), 'utf8');
    // esbuild prints `import ... from "x";` and `export ... from "x";` from the start of a line
    // (lists may span lines), `import "x";`, and `import("x")`.
    const specifiers = [
      ...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)";/gm),
      ...text.matchAll(/^import\s*"([^"]+)";/gm),
      ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
    ].map((found) => found[1] ?? '');
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      if (!allowed.has(name)) problems.push(`${file} imports ${specifier}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`the library imports undeclared packages:\n${problems.join('\n')}`);
  }
}

const unbundled = {
  entry: libraryModules,
  bundle: false,
  dts: false, // tsc writes the declarations (tsconfig.build-types.json): one per module
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  clean: false, // `npm run build` empties dist first; the configs share it
  treeshake: false, // nothing to shake in one module; tsup's rollup pass would re-bundle
  splitting: false,
} as const;

const esm = defineConfig({
  ...unbundled,
  format: ['esm'],
  outDir: 'dist',
  outExtension: () => ({ js: '.js' }),
  onSuccess: () => {
    checkPackageImports('dist');
    return Promise.resolve();
  },
});

const cjs = defineConfig({
  ...unbundled,
  format: ['cjs'],
  outDir: 'dist/cjs',
  outExtension: () => ({ js: '.js' }),
  onSuccess: () => {
    mkdirSync('dist/cjs', { recursive: true });
    writeFileSync(
      'dist/cjs/package.json',
      `${JSON.stringify({ type: 'commonjs', sideEffects: false }, null, 2)}\n`,
    );
    return Promise.resolve();
  },
});

// The `iptkit` command: Node only, ESM, self-contained apart from the runtime dependencies.
const cli = defineConfig({
  entry: { cli: 'src/cli/bin.ts' },
  format: ['esm'],
  dts: false,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  clean: false,
  treeshake: true,
  splitting: false,
  banner: { js: '#!/usr/bin/env node' },
});

export default [esm, cjs, cli];
