import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The command-line, browser and other post-build tests run after the build (`npm run test:cli`).
    exclude: [
      'test/cli/**',
      'test/browser/**',
      'test/privacy/cli/**',
      'test/fuzz/cli/**',
      'node_modules/**',
    ],
    // Test files share each worker's module cache instead of importing iptkit afresh per file
    // (about 45 s less on a 2-core CI machine). The library keeps no state a test could leave
    // behind, and the tests that touch a built-in prototype restore it in a `finally`.
    isolate: false,
    // `npm test` runs this suite beside the type check and the lint (scripts/parallel.ts): a test
    // that takes a few seconds alone may take longer then. A hung test still fails.
    testTimeout: 20_000,
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts'],
    },
  },
});
