// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'docs/api/', 'node_modules/', 'scratch/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Template literals with numbers are how messages are built; numbers print predictably.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
      // Destructuring a field away (`{ type, ...rest }`) is how a copy without it is made.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The models are pure: time and randomness come from the caller (the CLI may read them).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/**/*.test.ts', 'src/**/*.test-d.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'iptkit never reads the clock.' },
        { object: 'Math', property: 'random', message: 'iptkit never uses randomness.' },
        { object: 'performance', property: 'now', message: 'iptkit never reads the clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'iptkit never reads the clock: dates come from the caller.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts', 'src/**/*.prop.test.ts', 'src/**/*.test-d.ts', 'test/**/*.ts'],
    rules: {
      // Tests assert on values they have just checked; non-null assertions keep them readable.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['examples/**/*.ts', 'bench/**/*.ts', 'test/consumer/**/*.ts'],
    rules: {
      // Examples and benchmarks are scripts whose job is to print.
      'no-console': 'off',
    },
  },
);
