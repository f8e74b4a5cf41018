import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A running Azurite Table service for one test file. */
export interface AzuriteTable {
  /** For `TableClient.fromConnectionString` (or `tableClientFromConnectionString`). */
  connectionString: string;
  endpoint: string;
  stop(): Promise<void>;
}

// Azurite's documented, public development account and key (the same on every machine): test code only.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The `azurite-table` bin's script, found through azurite's package.json rather than a hard-coded path. */
function tableEntryPoint(): string {
  const manifestPath = require.resolve('azurite/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  const bin = manifest.bin['azurite-table'];
  if (!bin) throw new Error('azurite has no azurite-table bin');
  return join(dirname(manifestPath), bin);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts Azurite's Table service in memory on a free loopback port, with `node` itself (not npx, whose
 * death would orphan Azurite). Another process may grab the port between probing and binding: retried.
 */
export async function startAzuriteTable(options: { oauth?: { cert: string; key: string } } = {}): Promise<AzuriteTable> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Azurite writes nothing with in-memory persistence, but its working folder should still be disposable.
    const cwd = mkdtempSync(join(tmpdir(), 'azurite-'));
    const args = ['--tableHost', '127.0.0.1', '--tablePort', String(port), '--inMemoryPersistence', '--skipApiVersionCheck', '--silent', '--loose', '--disableTelemetry', ...oauthArgs(cwd, options.oauth)];
    const child = spawn(process.execPath, [tableEntryPoint(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForStart(child);
    } catch (err) {
      lastError = err;
      await kill(child);
      rmSync(cwd, { recursive: true, force: true });
      continue;
    }
    const scheme = options.oauth ? 'https' : 'http';
    const endpoint = `${scheme}://127.0.0.1:${port}/${ACCOUNT}`;
    return {
      endpoint,
      connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${KEY};TableEndpoint=${endpoint};`,
      async stop() {
        await kill(child);
        rmSync(cwd, { recursive: true, force: true });
      },
    };
  }
  throw new Error(`Azurite did not start: ${String(lastError)}`);
}

/** Bearer tokens (a managed identity's) need HTTPS: Azurite then checks their issuer, audience and lifetime. */
function oauthArgs(dir: string, oauth: { cert: string; key: string } | undefined): string[] {
  if (!oauth) return [];
  writeFileSync(join(dir, 'cert.pem'), oauth.cert);
  writeFileSync(join(dir, 'key.pem'), oauth.key);
  return ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem'), '--oauth', 'basic'];
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite start timed out: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
