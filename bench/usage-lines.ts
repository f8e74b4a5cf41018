/**
 * The bench bots' `usage` lines on stdout, written after the turn instead of during it. A write to a pipe is
 * synchronous in Node on Linux: written in the command's path, it sat between the command and its reply in
 * every turn of GalleryOps and of the `arm` minimal bot, but not of the plain one, which reports nothing. Queued
 * and written in one go once the event loop is past the current turn (setImmediate), being measured costs the
 * measured path a push onto an array.
 */
const queued: string[] = [];

export function reportUsage(usage: Record<string, unknown>): void {
  if (queued.length === 0) setImmediate(flush);
  queued.push(JSON.stringify({ usage }));
}

function flush(): void {
  process.stdout.write(`${queued.join('\n')}\n`);
  queued.length = 0;
}
