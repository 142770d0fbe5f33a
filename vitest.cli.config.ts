import { defineConfig } from 'vitest/config';

// The command-line tests run the built bin, so they run after `npm run build`.
export default defineConfig({
  test: {
    include: ['test/cli/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
