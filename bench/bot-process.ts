import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectPath } from '../src/project-root';

export const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';

type CommandUsage = { calls: number; ms: number; graph?: number; runMs?: number };
type BotMessage = { usage?: { conversationId: string } & CommandUsage; flushed?: boolean; rss?: number; memory?: NodeJS.MemoryUsage };

/** The bot process of the benchmark (bench-bot.ts) and what it reports. */
export class BotProcess {
  readonly usage = new Map<string, CommandUsage[]>();
  private rssWaiter?: (rss: number) => void;
  private memoryWaiter?: (memory: NodeJS.MemoryUsage) => void;
  private flushWaiters: Array<() => void> = [];
  constructor(readonly proc: ChildProcess, readonly url: string) {}

  /**
   * Starts bench-bot.js (or `options.script`, e.g. baseline-bot.js, which ignores the ARM arguments) with no
   * Node flags, as `npm start` runs the bot, unless `nodeFlags` are given (the heap-settings table).
   * `dataDir`: the embedded store's folder (default: a fresh temp one). `args`: the script's own arguments
   * (e.g. baseline-bot.js' `--mode`).
   */
  static async start(endpoint: string, ca: string, options: { script?: string; dataDir?: string; args?: string[]; nodeFlags?: string[] } = {}): Promise<BotProcess> {
    const script = projectPath('dist', 'bench', options.script ?? 'bench-bot.js');
    const args = options.script ? [script, ...(options.args ?? [])] : [script, endpoint, Buffer.from(ca).toString('base64'), SUBSCRIPTION, ...(options.dataDir ? [options.dataDir] : [])];
    const proc = spawn(process.execPath, [...(options.nodeFlags ?? []), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: proc.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`bench bot exited (${code})`)));
      lines.once('line', (l) => resolve((JSON.parse(l) as { ready: string }).ready));
    });
    const bot = new BotProcess(proc, url);
    lines.on('line', (l) => bot.onLine(JSON.parse(l) as BotMessage));
    return bot;
  }

  private onLine(msg: BotMessage): void {
    if (msg.rss !== undefined) this.rssWaiter?.(msg.rss);
    if (msg.memory !== undefined) this.memoryWaiter?.(msg.memory);
    if (msg.flushed) this.flushWaiters.splice(0).forEach((wake) => wake());
    if (!msg.usage) return;
    const list = this.usage.get(msg.usage.conversationId) ?? [];
    list.push(msg.usage);
    this.usage.set(msg.usage.conversationId, list);
  }

  /**
   * Asks the bot for the usage lines it holds (it writes them only when asked, so that being measured costs the
   * measured turns nothing: usage-lines.ts) and resolves once they are all in `usage`.
   */
  flushUsage(): Promise<void> {
    return new Promise((resolve) => {
      this.flushWaiters.push(resolve);
      this.proc.stdin!.write('usage\n');
    });
  }

  /** The usage of the n-th command (0-based) of a conversation, once the bot has reported it (asked every 50 ms). */
  async usageOf(conversationId: string, n: number): Promise<CommandUsage> {
    while ((this.usage.get(conversationId)?.length ?? 0) <= n) {
      await this.flushUsage();
      if ((this.usage.get(conversationId)?.length ?? 0) <= n) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.usage.get(conversationId)![n]!;
  }

  peakRss(): Promise<number> {
    return new Promise((resolve) => {
      this.rssWaiter = resolve;
      this.proc.stdin!.write('rss\n');
    });
  }

  /** The bot's process.memoryUsage() now (heap used and total, external, array buffers, RSS). */
  memory(): Promise<NodeJS.MemoryUsage> {
    return new Promise((resolve) => {
      this.memoryWaiter = resolve;
      this.proc.stdin!.write('memory\n');
    });
  }

  get pid(): number {
    return this.proc.pid!;
  }

  stop(): void {
    this.proc.kill('SIGTERM');
  }

  /** Stops the bot and resolves once its process has exited (at once if it already had, by a signal too). */
  async stopAndWait(): Promise<void> {
    const exited = () => this.proc.exitCode !== null || this.proc.signalCode !== null;
    if (exited()) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.stop();
    await gone;
  }
}

