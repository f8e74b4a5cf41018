/**
 * What a bench bot process (bench-bot.ts, baseline-bot.ts) answers on stdin, one request a line, so the bench reads
 * it from outside the measured path: `rss` → {"rss":bytes}, the kernel's peak (getrusage's ru_maxrss, no sampling
 * timer in the measured process); `memory` → {"memory":process.memoryUsage()}; `usage` → the held usage lines,
 * then {"flushed":true} (usage-lines.ts); `exit` → a normal exit, so a bot started with --cpu-prof or
 * --heap-prof (BotProcess.start's nodeFlags) writes its profile.
 */
import { createInterface } from 'node:readline';
import { flushUsage } from './usage-lines';

export function serveBenchRequests(): void {
  createInterface({ input: process.stdin }).on('line', (line) => {
    const request = line.trim();
    if (request === 'rss') process.stdout.write(`${JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024 })}\n`);
    if (request === 'memory') process.stdout.write(`${JSON.stringify({ memory: process.memoryUsage() })}\n`);
    if (request === 'usage') flushUsage();
    if (request === 'exit') process.exit(0);
  });
}
