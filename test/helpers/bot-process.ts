import { spawn, type ChildProcess } from 'node:child_process';

/** The bot started as its container would start it: its own process, settings only through the environment. */
export interface BotProcess {
  /** http://127.0.0.1:<port>, read from the start banner. */
  url: string;
  output(): string;
  /** SIGTERM (what Container Apps sends), then the exit code. */
  stop(): Promise<number | null>;
}

export async function startBotProcess(command: string[], cwd: string, env: Record<string, string>, timeoutMs = 60_000): Promise<BotProcess> {
  const [program, ...args] = command;
  // `node` in the image is the base image's Node; here it is the Node running the tests (24, from no devDependency of `cwd`).
  const child: ChildProcess = spawn(program === 'node' ? process.execPath : program!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    // A bot that never started is killed, not left running after the test (it would outlive jest as an orphan).
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const m = /Bot endpoint:\s+http:\/\/[^:/]+:(\d+)\/api\/messages/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited with ${code} before it started:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(force);
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
}
