import { AsUserError } from './as-user-error';

/** A message created or updated in the playground, as its web page receives it. */
export interface StreamEvent {
  action: 'createMessage' | 'updateMessage';
  /** The chat or channel the page shows it in. */
  conversationId: string;
  messageId: string;
  fromId: string;
  text?: string;
  /** Adaptive Cards and other attachments, as sent. */
  attachments: Array<{ contentType?: string; content?: unknown }>;
  /** When this process received it (ms since epoch). */
  receivedAt: number;
}

/**
 * The socket the playground's own web page listens on (`/_ws_conversation/v1/conversations/stream`): every
 * message the bot posts or updates (updateActivity) arrives here, so this is where a script reads the bot's
 * answers. One caveat from the playground's code: while no page is connected it buffers messages and hands
 * them to the next client that connects, which may then be this stream rather than the browser.
 */
export class PlaygroundStream {
  private readonly received: StreamEvent[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (e) => {
      const event = toEvent(e.data);
      if (!event) return;
      this.received.push(event);
      this.listeners.forEach((l) => l());
    });
  }

  /** Connects; rejects with an AsUserError when nothing answers at `playgroundUrl`. */
  static open(playgroundUrl: string, timeoutMs = 5_000): Promise<PlaygroundStream> {
    if (typeof WebSocket === 'undefined') return Promise.reject(new AsUserError('This Node.js has no WebSocket; run through npm (it uses the project\'s Node 24).'));
    const url = new URL('/_ws_conversation/v1/conversations/stream', playgroundUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        socket.close();
        reject(new AsUserError(`Cannot listen to the playground's conversation stream at ${url.href}: ${why}.`));
      };
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve(new PlaygroundStream(socket));
      });
      socket.addEventListener('error', () => fail('connection failed'));
    });
  }

  /** Everything received so far, oldest first. */
  events(): StreamEvent[] {
    return [...this.received];
  }

  /** Resolves with the first event (already received or later) that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (e: StreamEvent) => boolean, timeoutMs: number): Promise<StreamEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (!found) return false;
        clearTimeout(timer);
        this.listeners.delete(onEvent);
        resolve(found);
        return true;
      };
      const onEvent = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(onEvent);
        reject(new Error(`no matching message from the playground within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.listeners.add(onEvent);
    });
  }

  /**
   * Resolves once no event that `relevant` accepts has arrived for `quietMs` (counted from the last one, or
   * from now when there is none), or at `deadline` (ms since epoch), whichever comes first.
   */
  async settle(relevant: (e: StreamEvent) => boolean, quietMs: number, deadline: number): Promise<void> {
    const from = Date.now();
    while (Date.now() < deadline) {
      const last = this.received.filter(relevant).at(-1)?.receivedAt ?? from;
      const quietUntil = Math.max(last, from) + quietMs;
      if (Date.now() >= quietUntil) return;
      await new Promise((r) => setTimeout(r, Math.min(quietUntil, deadline) - Date.now()));
    }
  }

  close(): void {
    this.socket.close();
  }
}

function toEvent(data: unknown): StreamEvent | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8'));
  } catch {
    return undefined;
  }
  const m = msg as { action?: unknown; actionConversationId?: unknown; message?: Record<string, unknown> };
  if ((m.action !== 'createMessage' && m.action !== 'updateMessage') || typeof m.actionConversationId !== 'string' || !m.message) return undefined;
  const message = m.message;
  return {
    action: m.action,
    conversationId: m.actionConversationId,
    messageId: String(message.messageId ?? ''),
    fromId: String((message.from as { id?: unknown } | undefined)?.id ?? ''),
    ...(typeof message.text === 'string' && message.text ? { text: message.text } : {}),
    attachments: Array.isArray(message.attachments) ? (message.attachments as StreamEvent['attachments']) : [],
    receivedAt: Date.now(),
  };
}
