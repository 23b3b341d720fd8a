/**
 * Two projects: `unit` (pure code, no services) and `integration` (one real Temporal dev
 * server and one PostgreSQL started once for the whole project by its globalSetup, each jest
 * worker in a lane of its own: tests/support/lanes.ts).
 * Jest runs TypeScript through swc (no type check); `npm test` runs tsc first.
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/globalSetup.ts',
      setupFiles: ['<rootDir>/tests/support/laneEnv.ts'],
      globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
    },
  ],
  testTimeout: 180000,
};
