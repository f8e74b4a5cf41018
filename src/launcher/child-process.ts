import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child program `npm start` runs, and how to stop it. */
export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a program and resolves once `isReady` accepts one of its output lines (with that line), so the
 * launcher can read e.g. the emulator's URL. Rejects if it exits first or is not ready in `timeoutMs`.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; isReady: (line: string) => boolean; timeoutMs?: number; echo?: (line: string) => void },
): Promise<{ child: Child; readyLine: string }> {
  const proc = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = { name, process: proc, stop: () => stopProcess(proc) };
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      void child.stop();
      reject(new Error(`${name} did not start within ${(options.timeoutMs ?? 60_000) / 1000} s`));
    }, options.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      options.echo?.(line);
      if (!ready && options.isReady(line)) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, readyLine: line });
      }
    };
    createInterface({ input: proc.stdout! }).on('line', onLine);
    createInterface({ input: proc.stderr! }).on('line', onLine);
    proc.once('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code ?? signal})`));
    });
  });
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}
