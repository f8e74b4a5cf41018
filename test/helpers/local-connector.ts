import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the connector, with how it was sent. */
export interface SentActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For replies and updates: the activity id in the URL. */
  activityId?: string;
  body: Record<string, unknown>;
  /** When the request reached the connector (`Date.now()`), for rate assertions. */
  receivedAt: number;
}

/** A send the connector answered with 429. */
export interface ThrottledSend {
  conversationId: string;
  activityId?: string;
  receivedAt: number;
}

/**
 * A stand-in for the Bot Framework connector service (the `serviceUrl` of incoming activities): it records what
 * the bot sends so tests can assert what a user would see. Optional `throttle` answers 429 to the first N sends.
 */
export class LocalConnector {
  readonly sent: SentActivity[] = [];
  /** Sends answered with 429 (see `throttleNext`), in arrival order. */
  readonly throttled: ThrottledSend[] = [];
  /** Messages by conversation, so waiting stays cheap when a benchmark sends thousands. */
  private readonly byConversation = new Map<string, Array<Record<string, unknown>>>();
  private server?: Server;
  private waiters: Array<() => void> = [];
  private nextId = 1;
  throttleNext = 0;
  retryAfterSeconds = 1;
  /** Members the Teams API reports per conversation (`GET …/pagedmembers`); unknown conversations answer 404. */
  readonly members = new Map<string, Array<{ id: string; name: string; aadObjectId?: string }>>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const receivedAt = Date.now();
      void readJson(req).then((body) => {
        const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers(?:\?.*)?$/.exec(req.url ?? '');
        if (paged && req.method === 'GET') {
          const members = this.members.get(decodeURIComponent(paged[1]!));
          res.writeHead(members ? 200 : 404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(members ? { members } : { error: { code: 'ConversationNotFound', message: 'unknown conversation' } }));
          return;
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.writeHead(404);
          res.end();
          return;
        }
        const conversationId = decodeURIComponent(m[1]!);
        const activityId = m[2] && decodeURIComponent(m[2]);
        if (this.throttleNext > 0) {
          this.throttleNext--;
          this.throttled.push({ conversationId, activityId, receivedAt });
          res.writeHead(429, { 'Retry-After': String(this.retryAfterSeconds), 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
          return;
        }
        this.sent.push({ method: req.method, conversationId, activityId, body, receivedAt });
        if (body.type === 'message') {
          const list = this.byConversation.get(conversationId) ?? [];
          list.push(body);
          this.byConversation.set(conversationId, list);
        }
        this.waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${this.nextId++}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Messages (not typing indicators) sent to one conversation. */
  messages(conversationId: string): Array<Record<string, unknown>> {
    return [...(this.byConversation.get(conversationId) ?? [])];
  }


  /** Waits until `count` messages reached the conversation, or fails after `timeoutMs`. */
  async waitForMessages(conversationId: string, count: number, timeoutMs = 10_000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages(conversationId).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages in ${conversationId}, got ${this.messages(conversationId).length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages(conversationId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      } catch {
        resolve({});
      }
    });
  });
}
