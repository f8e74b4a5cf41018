import { AsyncLocalStorage } from 'node:async_hooks';
import { earliestSendTime, longestWindowMs, pruneLog, validateLimits, type RateLimit } from './send-pacing-window';

/** Time and waiting, injected so tests run on a fake clock. */
export interface PacingClock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Whose work it is: a reply to a user's turn, or a background send (a proactive event card or digest). In a
 * conversation, turn work goes ahead of background work still queued, so a command is never answered after a
 * burst of cards; each kind keeps its own arrival order.
 */
export type LanePriority = 'turn' | 'background';

/** One conversation's state: its recent send times and its queues (one per priority). */
interface Lane {
  log: number[];
  /** Whether an item runs now: the next one starts when it settles. */
  running: boolean;
  waiting: Record<LanePriority, Array<() => void>>;
  /** Work items queued or running. */
  pending: number;
}

/** Options for {@link ConversationLanes}. */
export interface LanesOptions {
  limits: readonly RateLimit[];
  clock: PacingClock;
  /** Above this many tracked conversations, idle ones are forgotten oldest-use first (default 10 000). */
  maxConversations?: number;
  /** Called with the conversations whose sends still counted that were forgotten at once to stay under `maxConversations`. */
  onLossyEviction?(keys: readonly string[]): void;
}

/** Handed to work running in a lane: `paced(fn)` runs one connector call inside the conversation's windows. */
export interface LaneHandle {
  /** Waits until every window has room, runs `fn`, and counts it when it settles (success or failure). */
  paced<T>(fn: () => Promise<T>): Promise<T>;
  /** Milliseconds until the windows would admit a send now (0 = now). */
  waitMs(): number;
}

/**
 * Per-conversation send queues with sliding-window pacing, shared across turns. Work in one conversation
 * runs one item at a time (so a retried send is never overtaken once it started), turn work before background
 * work that is still queued, each in arrival order; different conversations do not wait for each other. A send is counted when its call settles, which keeps the
 * connector's view of the windows (arrival times) within the limits whatever the network latency.
 * Memory stays bounded: a conversation is forgotten once idle for the longest window (nothing is lost),
 * and past `maxConversations` idle ones are forgotten least-recently-used first.
 */
export class ConversationLanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly limits: readonly RateLimit[];
  private readonly horizonMs: number;
  private readonly maxConversations: number;
  private readonly inside = new AsyncLocalStorage<ReadonlySet<string>>();
  private lastSweep = -Infinity;

  constructor(private readonly options: LanesOptions) {
    this.limits = validateLimits(options.limits);
    this.horizonMs = longestWindowMs(this.limits);
    this.maxConversations = options.maxConversations ?? 10_000;
  }

  /** Conversations currently tracked (for tests and metrics). */
  get size(): number {
    return this.lanes.size;
  }

  /** Work items queued or running across all conversations (a telemetry gauge, read once per export). */
  get queued(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.pending;
    return total;
  }

  /** True when a send in `key` could go out right now: nothing queued and every window has room. */
  isFree(key: string): boolean {
    const lane = this.lanes.get(key);
    if (!lane) return true;
    return lane.pending === 0 && this.handle(lane).waitMs() === 0;
  }

  /**
   * Runs `work` once the conversation's running item has settled and every earlier item of the same priority
   * (and, for background work, every queued turn item) has run. Work that is already running in this
   * conversation's lane (a send handler that sends) runs at once instead of waiting for itself.
   */
  run<T>(key: string, work: (lane: LaneHandle) => Promise<T>, priority: LanePriority = 'turn'): Promise<T> {
    const lane = this.laneFor(key);
    const handle = this.handle(lane);
    const held = this.inside.getStore();
    if (held?.has(key)) return work(handle);

    lane.pending++;
    return new Promise<T>((resolve, reject) => {
      // The lane is released before the caller hears the outcome, so a caller sees its own item gone.
      const settle = () => {
        lane.pending--;
        this.startNext(lane);
      };
      lane.waiting[priority].push(() => {
        Promise.resolve()
          .then(() => this.inside.run(new Set([...(held ?? []), key]), () => work(handle)))
          .then(
            (value) => (settle(), resolve(value)),
            (err: unknown) => (settle(), reject(err)),
          );
      });
      if (!lane.running) this.startNext(lane);
    });
  }

  private startNext(lane: Lane): void {
    const next = lane.waiting.turn.shift() ?? lane.waiting.background.shift();
    lane.running = next !== undefined;
    next?.();
  }

  private handle(lane: Lane): LaneHandle {
    const { clock } = this.options;
    return {
      waitMs: () => Math.max(0, earliestSendTime(pruneLog(lane.log, this.limits, clock.now()), this.limits, clock.now()) - clock.now()),
      paced: async <T>(fn: () => Promise<T>): Promise<T> => {
        for (;;) {
          const now = clock.now();
          const wait = earliestSendTime(pruneLog(lane.log, this.limits, now), this.limits, now) - now;
          if (wait <= 0) break;
          await clock.sleep(wait);
        }
        try {
          return await fn();
        } finally {
          // Keep the log ascending even if the wall clock steps back.
          lane.log.push(Math.max(clock.now(), lane.log.at(-1) ?? -Infinity));
        }
      },
    };
  }

  private laneFor(key: string): Lane {
    let lane = this.lanes.get(key);
    // Re-insert so the map's order is least-recently-used first.
    if (lane) this.lanes.delete(key);
    this.sweep(lane === undefined);
    lane ??= { log: [], running: false, waiting: { turn: [], background: [] }, pending: 0 };
    this.lanes.set(key, lane);
    return lane;
  }

  /** Forgets idle conversations; runs at most once a minute unless a new one would exceed the bound. */
  private sweep(adding: boolean): void {
    const now = this.options.clock.now();
    const full = adding && this.lanes.size >= this.maxConversations;
    if (!full && now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, lane] of this.lanes) {
      if (lane.pending === 0 && (lane.log.length === 0 || lane.log.at(-1)! <= now - this.horizonMs)) this.lanes.delete(key);
    }
    if (!adding) return;
    if (this.lanes.size < this.maxConversations) return;
    // Still full of conversations whose sends count: forget the least recently used down to 90 % of the bound in
    // one pass. Freeing one lane at a time made every later new conversation pay this scan of every lane again.
    const target = Math.min(this.maxConversations - 1, Math.floor(this.maxConversations * 0.9));
    const forgotten: string[] = [];
    for (const [key, lane] of this.lanes) {
      if (this.lanes.size <= target) break;
      if (lane.pending > 0) continue;
      this.lanes.delete(key);
      forgotten.push(key);
    }
    if (forgotten.length > 0) this.options.onLossyEviction?.(forgotten);
  }
}
