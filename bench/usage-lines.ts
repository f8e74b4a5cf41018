/**
 * The bench bots' `usage` lines on stdout, written when the bench asks for them (a line `usage` on stdin, see
 * `serveBenchRequests`), not while commands run. A write to a pipe is synchronous in Node on Linux. Written in
 * the command's path, it sat between the command and its reply in every turn of GalleryOps and of the `arm`
 * minimal bot, but not of the plain one, which reports nothing; deferred with setImmediate it still landed in
 * the turn, while the turn waited for the connector (measured: between the reply's serialisation and its
 * request). Held until asked, being measured costs a command a push onto an array.
 */
const queued: Array<Record<string, unknown>> = [];
/** Past this many held lines they are written anyway: bounded memory in a long soak that never asks. */
const MAX_QUEUED = 10_000;

export function reportUsage(usage: Record<string, unknown>): void {
  queued.push(usage);
  if (queued.length >= MAX_QUEUED) flushUsage();
}

/** Writes every held line, then `{"flushed":true}`, which tells BotProcess that all lines so far are in. */
export function flushUsage(): void {
  const lines = queued.map((usage) => `${JSON.stringify({ usage })}\n`).join('');
  queued.length = 0;
  process.stdout.write(`${lines}${JSON.stringify({ flushed: true })}\n`);
}
