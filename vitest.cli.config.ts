import { defineConfig } from 'vitest/config';

// Tests that need the build: the command-line tests run the built bin; the browser test opens the
// pictures and a browser bundle of the core in headless Chromium (Debian package `chromium`).
export default defineConfig({
  test: {
    include: [
      'test/cli/**/*.test.ts',
      'test/browser/**/*.test.ts',
      'test/privacy/cli/**/*.test.ts',
      'test/fuzz/cli/**/*.test.ts',
    ],
    testTimeout: 60_000,
  },
});
