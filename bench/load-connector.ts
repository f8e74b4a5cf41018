/**
 * A lean stand-in for the Bot Framework connector, for load: it keeps no bodies (the test helper LocalConnector
 * keeps every activity, which over a 10-minute soak would be hundreds of MB in the load generator and cost it
 * CPU the bot then lacks on a 2-core machine). It records which incoming activities got a reply
 * (`replyToId` in the URL), counts what was sent, and watches Teams' per-conversation windows from the
 * receiving end: the most sends any one conversation had in 1 s, 2 s and 30 s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const WINDOWS_MS = [1_000, 2_000, 30_000] as const;

/** What reached the connector so far. */
export interface ConnectorCounts {
  /** Replies and proactive messages (not typing indicators). */
  messages: number;
  typing: number;
  /** Card updates (PUT). */
  updates: number;
  /** Most sends (any kind) one conversation had within each window, by window length in ms. */
  maxPerConversation: Record<number, number>;
}

export class LoadConnector {
  private server?: Server;
  private readonly replies = new Map<string, number>();
  /** Progress cards by the id this connector gave them → the activity they answer: their update is the answer. */
  private readonly placeholders = new Map<string, string>();
  /** Callers waiting for the answer to an activity. */
  private readonly waiting = new Map<string, () => void>();
  private readonly recent = new Map<string, number[]>();
  private nextId = 1;
  private counts: ConnectorCounts = emptyCounts();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const receivedAt = Date.now();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/?]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
          // pagedmembers and the rest: the load's conversations have no members list to offer.
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end('{"error":{"code":"NotFound","message":"not offered by the load connector"}}');
          return;
        }
        const conversationId = decodeURIComponent(m[1]!);
        const body = Buffer.concat(chunks).toString('utf8');
        // Only the type is needed; a typing indicator is tiny, a card is not worth parsing.
        const typing = body.length < 2000 && /"type"\s*:\s*"typing"/.test(body);
        const id = `load-${this.nextId++}`;
        if (req.method === 'PUT') {
          this.counts.updates++;
          // A slow command's progress card replaced by its answer: that is when the person got the answer.
          const answered = m[2] && this.placeholders.get(decodeURIComponent(m[2]));
          if (answered) {
            this.placeholders.delete(decodeURIComponent(m[2]!));
            this.reply(answered, receivedAt);
          }
        } else if (typing) this.counts.typing++;
        else {
          this.counts.messages++;
          const replyTo = m[2] && decodeURIComponent(m[2]);
          // The progress card (see src/cards/progress-card.ts) is not the answer; its update will be.
          if (replyTo && body.includes('Working on: ')) this.placeholders.set(id, replyTo);
          else if (replyTo) this.reply(replyTo, receivedAt);
        }
        this.window(conversationId, receivedAt);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":"${id}"}`);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** When the reply to activity `activityId` reached the connector (Date.now()), forgetting it; undefined if none came. */
  takeReply(activityId: string): number | undefined {
    const at = this.replies.get(activityId);
    this.replies.delete(activityId);
    return at;
  }

  /**
   * Like `takeReply`, but waits up to `timeoutMs` for an answer still on its way: a slow command answers its HTTP
   * request with a progress card and delivers the answer later as an update of that card.
   */
  async waitReply(activityId: string, timeoutMs: number): Promise<number | undefined> {
    if (this.replies.has(activityId)) return this.takeReply(activityId);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(activityId);
        resolve();
      }, timeoutMs);
      this.waiting.set(activityId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.takeReply(activityId);
  }

  private reply(activityId: string, at: number): void {
    this.replies.set(activityId, at);
    const wake = this.waiting.get(activityId);
    this.waiting.delete(activityId);
    wake?.();
  }

  /** The counts since the last call, and starts new ones. */
  takeCounts(): ConnectorCounts {
    const c = this.counts;
    this.counts = emptyCounts();
    return c;
  }

  private window(conversationId: string, at: number): void {
    const log = this.recent.get(conversationId) ?? [];
    log.push(at);
    while (log.length && log[0]! <= at - 30_000) log.shift();
    this.recent.set(conversationId, log);
    for (const w of WINDOWS_MS) {
      let n = 0;
      for (let i = log.length - 1; i >= 0 && log[i]! > at - w; i--) n++;
      this.counts.maxPerConversation[w] = Math.max(this.counts.maxPerConversation[w] ?? 0, n);
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function emptyCounts(): ConnectorCounts {
  return { messages: 0, typing: 0, updates: 0, maxPerConversation: { 1000: 0, 2000: 0, 30000: 0 } };
}
