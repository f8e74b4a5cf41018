import { spawn } from 'node:child_process';
import { BotProcess } from '../../bench/bot-process';

/** A child that lives until it is killed, standing in for a bench bot (stopAndWait only deals with the process). */
function idleChild(): BotProcess {
  const proc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['pipe', 'ignore', 'ignore'] });
  return new BotProcess(proc, 'http://127.0.0.1:0');
}

const exited = (bot: BotProcess) => new Promise<void>((resolve) => bot.proc.once('exit', () => resolve()));

describe('BotProcess.stopAndWait (every bench stops its bots with it before it prints)', () => {
  it('stops a running bot and resolves once its process has exited', async () => {
    const bot = idleChild();
    await bot.stopAndWait();
    expect(bot.proc.signalCode).toBe('SIGTERM');
  });

  it('resolves at once for a bot already stopped by a signal (the tail-control bench hung there, its table never printed)', async () => {
    const bot = idleChild();
    const gone = exited(bot);
    bot.stop();
    await gone;
    // exitCode stays null for a process ended by a signal, which is what the old wait looked at.
    expect(bot.proc.exitCode).toBeNull();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), 2000)));
    try {
      await expect(Promise.race([bot.stopAndWait().then(() => 'resolved'), deadline])).resolves.toBe('resolved');
    } finally {
      clearTimeout(timer);
    }
  });

  it('resolves for a bot that exited on its own', async () => {
    const proc = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    const bot = new BotProcess(proc, 'http://127.0.0.1:0');
    await new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    await expect(bot.stopAndWait()).resolves.toBeUndefined();
  });
});
