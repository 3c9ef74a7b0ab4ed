/** Jest runs the TypeScript tests through ts-jest with full type checking (diagnostics on). */
module.exports = {
  testEnvironment: 'node',
  // nock's interceptor is read after Jest's between-files cleanup; keep it quiet and intact.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup/block-network.ts'],
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  testTimeout: 20000,
};
