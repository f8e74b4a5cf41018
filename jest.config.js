/** Jest runs TypeScript through SWC (fast on 2 cores); `tsc --noEmit` in `npm test` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  testTimeout: 30000,
  // Integration tests start HTTPS servers; two workers match the CI machine's two cores.
  maxWorkers: 2,
};
