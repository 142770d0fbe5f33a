import { defineConfig } from 'tsup';

// One entry per public subpath; later entries (fhir, svg, testing) are added here and in the
// `exports` map of package.json together.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  clean: true,
  treeshake: true,
  splitting: false,
});
