import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A TypeScript script running in a child `node` process, talking in JSON lines (see `startTsWorker`). */
export interface TsWorker {
  readonly pid: number;
  /** The value of the worker's first `{"<readyKey>": …}` line (default key `ready`). */
  readonly ready: unknown;
  /** Sends one line on stdin; resolves with the first later stdout object that has the property `key`. */
  ask<T>(line: string, key: string, timeoutMs?: number): Promise<T>;
  /** Everything the worker wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, SIGKILL 2 s later if it is still alive; resolves once it has exited. */
  stop(): Promise<void>;
}

const REGISTER = join(__dirname, 'ts-register.cjs');

/**
 * Starts `node -r ts-register.cjs <script> ...args` (the sources compiled by SWC as jest does) and resolves
 * once the worker prints `{"ready": …}` (or `options.readyKey`) on stdout; rejects, with its stderr, if it
 * exits or times out first.
 * The worker should exit when its stdin closes, so it does not outlive a test process that was killed.
 */
export function startTsWorker(script: string, args: string[], options: { readyKey?: string; readyTimeoutMs?: number; /** Added to this process's environment. */ env?: Record<string, string> } = {}): Promise<TsWorker> {
  const child = spawn(process.execPath, ['-r', REGISTER, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
  // Writing to a worker that already exited must fail its ask(), not crash the test process with EPIPE.
  child.stdin.on('error', () => undefined);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listeners = new Set<(message: Record<string, unknown>) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return; // not protocol: a stray console.log
    }
    if (message && typeof message === 'object') listeners.forEach((l) => l(message as Record<string, unknown>));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const stop = async () => {
    if (!alive()) return;
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  };

  const next = (key: string, timeoutMs: number, what: string) =>
    new Promise<unknown>((resolve, reject) => {
      const done = (error?: Error, value?: unknown) => {
        clearTimeout(timer);
        listeners.delete(onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(value);
      };
      const onMessage = (message: Record<string, unknown>) => key in message && done(undefined, message[key]);
      const onExit = (code: number | null, signal: string | null) => done(new Error(`worker ${script} exited (${code ?? signal}) before ${what}:\n${stderr}`));
      const timer = setTimeout(() => done(new Error(`worker ${script}: no ${what} within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      listeners.add(onMessage);
      child.once('exit', onExit);
      if (!alive()) onExit(child.exitCode, child.signalCode);
    });

  return next(options.readyKey ?? 'ready', options.readyTimeoutMs ?? 20_000, 'it was ready').then(
    (ready) => ({
      pid: child.pid as number,
      ready,
      ask<T>(line: string, key: string, timeoutMs = 5_000) {
        const answer = next(key, timeoutMs, `an answer to "${line}"`);
        child.stdin.write(`${line}\n`);
        return answer as Promise<T>;
      },
      stderr: () => stderr,
      stop,
    }),
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
}
