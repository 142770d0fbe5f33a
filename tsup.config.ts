import { defineConfig } from 'tsup';

// The library: one entry per public subpath, ESM and CommonJS with their own type files. Later
// entries are added here and in the `exports` map of package.json together (with a stub folder
// holding a package.json for resolvers that ignore `exports`).
const library = defineConfig({
  entry: {
    index: 'src/index.ts',
    fhir: 'src/fhir/index.ts',
    svg: 'src/svg/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  clean: false, // `npm run build` empties dist first; two configs share it
  treeshake: true,
  splitting: false,
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

export default [library, cli];
