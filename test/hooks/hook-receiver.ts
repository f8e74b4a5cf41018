import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a receiver got it: the raw body bytes as text, and the headers. */
export interface ReceivedRequest {
  raw: string;
  headers: IncomingHttpHeaders;
  path: string;
}

/** Answers the n-th request (0-based); default 200. */
export type Answer = (n: number, res: ServerResponse) => void;

/** A local HTTP receiver standing in for an incident tool: records every request and answers as told. */
export async function startReceiver(answer: Answer = statuses()): Promise<{ url: string; requests: ReceivedRequest[]; close(): Promise<void> }> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers, path: req.url ?? '' });
      answer(requests.length - 1, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Answers with these statuses in turn, then 200. */
export function statuses(...list: number[]): Answer {
  return (n, res) => reply(res, list[n] ?? 200);
}

/**
 * Answers one request with this status and headers. Never `res.writeHead(...).end()`: restify replaces
 * ServerResponse.prototype.writeHead process-wide with one that returns undefined, so a chained end() throws
 * whenever a bot has been loaded in the same jest worker.
 */
export function reply(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.end();
}
