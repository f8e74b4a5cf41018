import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from '../src/launcher/child-process';
import { projectPath } from '../src/project-root';

/** The gallery emulator in a process of its own (built JS), with the demo seed (or `--seed <dir>`) and the given CLI options. */
export async function startBenchEmulator(args: string[], options: { timeoutMs?: number } = {}): Promise<{ url: string; ca: string; stop(): Promise<void> }> {
  const caFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'ca.pem');
  const { child, readyLine } = await startChild('emulator', process.execPath, [projectPath('dist', 'emulator', 'main.js'), '--ca-file', caFile, ...args], {
    isReady: (l) => /listening on https:/i.test(l),
    // A generated seed of 100,000 versions takes a while to load.
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return { url: /(https:\/\/\S+)/.exec(readyLine)![1]!, ca: readFileSync(caFile, 'utf8'), stop: () => child.stop() };
}
