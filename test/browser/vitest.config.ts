import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the browser test on its own: `npx vitest run --config test/browser/vitest.config.ts`.
// The same settings as the post-build step (vitest.cli.config.ts), limited to this folder.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
