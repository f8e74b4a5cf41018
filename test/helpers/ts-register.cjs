// Lets a plain `node` child process require the project's TypeScript sources, compiled by SWC exactly as jest
// does (`node -r ./test/helpers/ts-register.cjs worker.ts`). Registering '.ts' also makes extensionless
// requires ('./x') find x.ts, because Node's resolver tries every registered extension.
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
