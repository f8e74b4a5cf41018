import { createRequire } from 'node:module';
import type { Child } from './child-process';
import { startChild } from './child-process';

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams-like chat client) pointed at the bot.
 * It sends no JWT, which is why the embedded bot runs without an app id, on loopback.
 */
export async function startPlayground(options: { botPort: number; uiPort: number; configFile: string; echo: (line: string) => void }): Promise<Child> {
  const cli = createRequire(__filename).resolve('@microsoft/m365agentsplayground/cli.js');
  const { child } = await startChild(
    'Agents Playground',
    process.execPath,
    [cli, '-e', `http://127.0.0.1:${options.botPort}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(options.uiPort)],
    {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile },
      isReady: (line) => /Listening on/i.test(line),
      echo: options.echo,
    },
  );
  // "Listening on" is printed before the configuration is read; an invalid file then makes it exit with code 1
  // and no message. Wait until the UI answers, and say what usually went wrong if it exits instead.
  await waitForHttp(`http://127.0.0.1:${options.uiPort}/`, child, 60_000).catch((err: Error) => {
    throw new Error(`${err.message}. The playground exits silently when its configuration (${options.configFile}) is invalid: it needs "version", exactly five "users" with unique ids, and one channel besides General.`);
  });
  return child;
}

async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`the Agents Playground exited with code ${child.process.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the Agents Playground did not answer on ${url} within ${timeoutMs / 1000} s`);
}
