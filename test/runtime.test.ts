import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// If the `node` package's install script did not run, npm scripts silently fall back to the machine's
// Node 20, which @azure/arm-compute 25 and restify 12 do not support. Fail loudly instead.
describe('runtime', () => {
  it('runs on the Node major version the project pins (.nvmrc)', () => {
    const pinned = Number(readFileSync(join(__dirname, '..', '.nvmrc'), 'utf8').trim());
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBe(pinned);
    expect(major).toBeGreaterThanOrEqual(22);
  });
});
