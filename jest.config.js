/** Jest runs TypeScript through SWC (fast on 2 cores); `tsc --noEmit` in `npm test` does the type checking. */
const ESM_ONLY_DEPENDENCIES = '/node_modules/@microsoft/app-manifest/node_modules/strip-bom/';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
    // @microsoft/app-manifest require()s strip-bom 5, which is ESM-only; jest's CommonJS mode needs it compiled.
    [`${ESM_ONLY_DEPENDENCIES}.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
  },
  // Whole-path lookahead: that folder is itself under node_modules/ twice, so a per-segment exception would miss it.
  transformIgnorePatterns: [`^(?!.*${ESM_ONLY_DEPENDENCIES}).*/node_modules/`],
  testTimeout: 30000,
  // Integration tests start HTTPS servers; two workers match the CI machine's two cores.
  maxWorkers: 2,
};
