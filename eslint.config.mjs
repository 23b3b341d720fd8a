/**
 * Lint (run by `npm test`): what the type checker cannot see.
 * - No floating promises: an activity or workflow call that is not awaited is lost work.
 * - The workflow sandbox: workflow code is replayed deterministically in an isolate, so it
 *   imports no Node built-ins and nothing outside the workflow-safe set — the workflow SDK,
 *   other workflow files, the contract and the calendar code; activities and config as types.
 * - Import boundaries: analytics/ is pure (no activities, infra, reports, workflows, contract);
 *   reports/ are pure builders that know nothing of Temporal or of the activities.
 */
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const restrict = (...patterns) => ['error', { patterns }];

export default defineConfig(
  { ignores: ['node_modules/', '.data/', '.tools/', 'out/', 'coverage/', 'tests/fixtures/'] },
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `{ omitted: _omitted, ...rest }` leaves a field out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'tests/fixtures/lint/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          regex: String.raw`^(?!@temporalio/(workflow|common)$|\./|\.\./contract/|\.\./analytics/calendar$|\.\./activities$|\.\./config/)`,
          message: 'Workflow code runs in a deterministic sandbox without Node built-ins or I/O: it imports only @temporalio/workflow and @temporalio/common, other workflow files, contract/ and the calendar code (activities and config as types).',
        },
        { group: ['../activities', '../config/*'], allowTypeImports: true, message: 'Workflows import activities and config as types only (`import type`).' },
      ),
    },
  },
  {
    files: ['analytics/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['**/activities', '**/activities/**', '**/infra/**', '**/reports/**', '**/workflows/**', '**/contract/**', '**/scripts/**', '**/worker/**', '@temporalio/*'],
        message: 'analytics/ is pure: plain arrays and tables in, results out — no activities, infra, reports, workflows or Temporal.',
      }),
    },
  },
  {
    files: ['reports/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['**/activities', '**/activities/**', '**/infra/**', '**/workflows/**', '**/contract/**', '**/worker/**', '@temporalio/*'],
        message: 'reports/ are pure builders from the report model: they know nothing of Temporal, the activities or the database.',
      }),
    },
  },
  {
    // A CommonJS module (the worker threads' loader, infra/taskThread.cjs) loads with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
