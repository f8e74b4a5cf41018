/**
 * Chat load as a team makes it: N conversations with stable ids, each with one sender, ~20 people across
 * them (each person's personal chat plus group chats where they @mention the bot), sending a mix of commands.
 * Each conversation sends its next command once the previous one was answered (a person waits for the
 * answer), either at once (back to back) or no sooner than `intervalMs` after the previous one (a fixed
 * offered rate while the bot keeps up). An answer counts when the bot's HTTP answer arrived and its reply
 * reached the connector.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { message } from '../test/helpers/activities';
import { postActivity as post } from './http-post';
import type { LoadConnector } from './load-connector';

/** The mix, in turn: reads with ARM calls, a store read, an evidence bundle (a store write), a typed refusal. */
export const LOAD_MIX = ['image status dispatch 2026.05', 'versions callcenter-desktop', 'pending', 'evidence dispatch 2026.5.1', 'approve CR-<random unknown id>'] as const;

export interface LoadOptions {
  botUrl: string;
  serviceUrl: string;
  connector: LoadConnector;
  conversations: number;
  /** Distinct senders; conversation c belongs to person c mod users. The first `users` conversations are their personal chats. */
  users: number;
  /** 0: back to back; otherwise each conversation starts a command at most once per this many ms. */
  intervalMs: number;
  /** Prefix of the conversation ids (one bot process may see several loads). */
  tag: string;
  /** Back to back: conversations start at random within this many ms (default 5000), not all at once. */
  rampMs?: number;
  /** The commands sent in turn (default LOAD_MIX). */
  commands?: readonly string[];
  /**
   * Each conversation loop takes turns over this many conversations (default 1), each a personal chat of a person
   * of its own (`users` is then ignored): back to back, one conversation would soon meet Teams' limit of 60
   * messages per 30 s, which GalleryOps' send pacing enforces, and the bench would measure the limit. Spread over
   * 20, each conversation of a loop answering ~20 commands a second gets about one a second.
   */
  rotate?: number;
}

/** What the load saw between two `take()` calls. */
export interface LoadWindow {
  seconds: number;
  /** Answer times (ms) of the commands answered in the window, by mix entry. */
  byCommand: number[][];
  answered: number;
  /** HTTP errors, refused connections, or an HTTP answer without a reply at the connector. */
  failures: number;
  lastFailure?: string;
}

/** The load's people: not in the demo policy, so they read and are refused, never decide. */
export function loadUser(n: number): { id: string; name: string; aadObjectId: string } {
  const nn = String(n).padStart(2, '0');
  // 12 decimal digits (hex digits too): …000142 for person 42, as before rotations needed more than 100 people.
  return { id: `29:load-user-${nn}`, name: `Load User ${nn}`, aadObjectId: `00000000-0000-0000-0000-${String(100 + n).padStart(12, '0')}` };
}

const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class ConversationLoad {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private window: LoadWindow;
  private windowStart = performance.now();
  /** Commands started before this (a warm-up) are not counted, even when answered later. */
  private countFrom = 0;

  constructor(private readonly o: LoadOptions) {
    this.window = emptyWindow(o.commands ?? LOAD_MIX);
  }

  start(): void {
    this.windowStart = performance.now();
    for (let c = 0; c < this.o.conversations; c++) this.loops.push(this.conversation(c));
  }

  /** Forgets what was measured so far, including commands still waiting for their answer (after a warm-up). */
  reset(): void {
    this.take();
    this.countFrom = performance.now();
  }

  /** The window since the last call (or start), and opens a new one; a command counts in the window it was answered in. */
  take(): LoadWindow {
    const now = performance.now();
    const w = { ...this.window, seconds: (now - this.windowStart) / 1000 };
    this.window = emptyWindow(this.o.commands ?? LOAD_MIX);
    this.windowStart = now;
    return w;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async conversation(c: number): Promise<void> {
    const rotate = this.o.rotate ?? 1;
    const personal = rotate > 1 || c < this.o.users;
    const conversation = `${this.o.tag}-${personal ? 'personal' : 'group'}-${c}`;
    const mix = this.o.commands ?? LOAD_MIX;
    const pace = this.o.intervalMs;
    // Spread the first commands so the conversations do not march in step.
    const ramp = this.o.rampMs ?? 5000;
    await sleep(pace > 0 ? randomInt(pace) : ramp > 0 ? randomInt(ramp) : 0);
    for (let i = 0; !this.stopped; i++) {
      const kind = (c + i) % mix.length;
      const text = mix[kind] === LOAD_MIX[4] ? `approve CR-${Array.from({ length: 8 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('')}` : mix[kind]!;
      const turn = i % rotate;
      const conversationId = rotate > 1 ? `${conversation}-${turn}` : conversation;
      const from = loadUser(rotate > 1 ? c * rotate + turn : c % this.o.users);
      const activity = message(text, { serviceUrl: this.o.serviceUrl, conversationId, from, conversationType: personal ? 'personal' : 'groupChat', mentionBot: !personal });
      const t0 = performance.now();
      try {
        const res = await post(this.o.botUrl, activity);
        // A person waits for the answer, which may come after the HTTP answer (a progress card, then its update).
        const replied = res.status < 300 ? await this.o.connector.waitReply(activity.id as string, 60_000) : undefined;
        if (t0 < this.countFrom) {
          /* started during the warm-up */
        } else if (res.status >= 300 || replied === undefined) this.fail(`${text}: HTTP ${res.status}${replied === undefined ? ', no reply at the connector' : ''}`);
        else {
          this.window.byCommand[kind]!.push(performance.now() - t0);
          this.window.answered++;
        }
      } catch (err) {
        if (t0 >= this.countFrom) this.fail(`${text}: ${(err as Error).message}`);
        await sleep(100);
      }
      if (pace > 0) await sleep(Math.max(0, t0 + pace - performance.now()));
    }
  }

  private fail(what: string): void {
    this.window.failures++;
    this.window.lastFailure = what;
  }
}

function emptyWindow(mix: readonly string[]): LoadWindow {
  return { seconds: 0, byCommand: mix.map(() => []), answered: 0, failures: 0 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
