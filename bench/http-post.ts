/**
 * POSTs to the bot over node:http with kept-alive connections. The load does not use fetch: under 200
 * back-to-back conversations fetch (undici 7.29 in Node 24.21) kept opening new connections (3–25 a second),
 * and a saturated bot accepts new connections slowly (its listen queue held 70–128 connections for seconds;
 * a new connection waited up to 37 s to be accepted, with GalleryOps and with the baseline bot alike), so
 * commands took 8–14 s to reach the bot while it answered them in under 3 s. An agent without a socket limit
 * reuses its connections, as the channel does with its connections to a bot.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

// An idle socket is dropped after 3 s, before the bot's 5 s keep-alive timeout closes it: reusing a socket the
// server is closing at that moment fails with ECONNRESET (seen at one command per 4 s per conversation).
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 3000 });

/** Like test/helpers/activities' post(): the status and the parsed JSON body (or text, or undefined). */
export function postActivity(botUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  return send(botUrl, 'POST', '/api/messages', activity, agent);
}

function send(botUrl: string, method: 'GET' | 'POST', path: string, json: unknown, via: Agent): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, botUrl);
  const data = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers = data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, agent: via, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text === '' ? undefined : text;
        try {
          if (text) body = JSON.parse(text);
        } catch {
          /* keep text */
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * One kept-alive connection for the approvals of a benchmark, opened before the load starts and kept open
 * (a GET /healthz when it has been idle for 2 s; the bot closes idle connections after 5 s), as the channel
 * keeps its connections to a bot: a new connection would wait to be accepted by the saturated bot (above),
 * which is not what the approval rows measure.
 */
export class WarmConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private busy: Promise<unknown> = Promise.resolve();
  private lastUse = 0;

  constructor(private readonly botUrl: string) {}

  /** POSTs an activity once the connection is free; `sentAt` (Date.now()) and `ms` count from the send. */
  async post(activity: unknown): Promise<{ status: number; body: unknown; sentAt: number; ms: number }> {
    await this.busy.catch(() => undefined);
    const sentAt = Date.now();
    const started = performance.now();
    const done = send(this.botUrl, 'POST', '/api/messages', activity, this.agent);
    this.busy = done;
    const res = await done;
    this.lastUse = Date.now();
    return { ...res, sentAt, ms: performance.now() - started };
  }

  /** Call while waiting: pings when the connection has been idle for 2 s. */
  keepWarm(): void {
    if (Date.now() - this.lastUse < 2000) return;
    this.lastUse = Date.now();
    const ping = this.busy.catch(() => undefined).then(() => send(this.botUrl, 'GET', '/healthz', undefined, this.agent));
    this.busy = ping;
    ping.then(() => (this.lastUse = Date.now())).catch(() => undefined);
  }

  close(): void {
    this.agent.destroy();
  }
}
