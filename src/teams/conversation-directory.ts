import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { JsonValue } from '../json-value';
import type { Logger } from '../logging/logger';
import { BatchingWriter, type BatchingWriterOptions } from '../conversations/batching-writer';
import type { ConversationStore } from '../conversations/conversation-store';

/** A Teams member the bot has seen: the Teams user id `refresh.userIds` needs, by Entra object id. */
export interface KnownMember {
  teamsUserId: string;
  name?: string;
}

/**
 * Where the bot can reach people and channels later. Teams only lets a bot message a person or a channel
 * it has a conversation reference for, and the only way to get one is to see an activity from there, so every
 * incoming activity is remembered (writes are skipped when nothing changed). Keys:
 * `user:<aadObjectId>` (their personal chat), `channel:<channel id>`, `member:<aadObjectId>`, and
 * `conversation:<conversation id>` for group chats (where subscriptions there deliver their cards).
 */
export class ConversationDirectory {
  /**
   * Last value written per key, so the hot path writes only when a reference changes. Bounded: the oldest
   * entries are forgotten (costing at most a repeated write), so many conversations cannot grow memory.
   */
  private readonly written = new Map<string, string>();
  /**
   * Writes leave the turn's path and go in batches (see BatchingWriter): a reference is stored within
   * `batching.delayMs` (50 ms by default). A process killed in that window loses the newest reference, which
   * the person's next message brings back; reads here see it at once, and `flush` stores it on shutdown.
   */
  private readonly writer: BatchingWriter<string>;

  constructor(
    private readonly store: ConversationStore,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly maxRemembered = 10_000,
    batching: BatchingWriterOptions = {},
  ) {
    this.writer = new BatchingWriter((entries) => {
      const updatedAt = this.now().toISOString();
      return this.store.putMany(entries.map(([key, json]) => ({ key, value: JSON.parse(json) as JsonValue, updatedAt })));
    }, batching);
  }

  /** Reference writes in flight or waiting. */
  get pendingWrites(): number {
    return this.writer.pendingKeys;
  }

  /** Stores every reference still waiting (on shutdown, before the store closes). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Learns from one incoming activity; never throws (an unreachable store must not fail the turn). */
  async remember(activity: Partial<Activity>): Promise<void> {
    try {
      // The incoming activity's id is part of a reference but says nothing about where to reach someone; kept,
      // it would make every message look like a new reference and cost a store write on the hot path.
      const { activityId: _incoming, ...reference } = TurnContext.getConversationReference(activity);
      const aad = activity.from?.aadObjectId?.toLowerCase();
      const writes: Array<[string, object]> = [];
      if (aad && activity.from?.id) writes.push([`member:${aad}`, { teamsUserId: activity.from.id, ...(activity.from.name ? { name: activity.from.name } : {}) }]);
      const type = activity.conversation?.conversationType;
      if (aad && type === 'personal') writes.push([`user:${aad}`, reference]);
      const channelId = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
      if (type === 'channel' && typeof channelId === 'string') writes.push([`channel:${channelId}`, channelReference(reference, channelId)]);
      if (type === 'groupChat' && activity.conversation?.id) writes.push([`conversation:${activity.conversation.id}`, reference]);
      // All puts are issued now, in this turn's order: awaiting one before the next would let a later turn's
      // reference be queued before this one's and then be overwritten by it (an old chat winning).
      await Promise.all(writes.map(([key, value]) => this.put(key, value)));
    } catch (err) {
      this.logger.warn({ err }, 'could not remember a conversation reference');
    }
  }

  /** Records a channel found another way (a team's channel list when the bot is added to a team). */
  async rememberChannel(from: Partial<ConversationReference>, channelId: string): Promise<void> {
    await this.put(`channel:${channelId}`, channelReference(from, channelId));
  }

  async personalChatOf(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.read(`user:${aadObjectId.toLowerCase()}`)) as Partial<ConversationReference> | undefined;
  }

  async channel(channelId: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.read(`channel:${channelId}`)) as Partial<ConversationReference> | undefined;
  }

  /** A reference by its directory key (`channel:…`, `conversation:…`), as a subscription stores it. */
  async reference(key: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.read(key)) as Partial<ConversationReference> | undefined;
  }

  async member(aadObjectId: string): Promise<KnownMember | undefined> {
    return (await this.read(`member:${aadObjectId.toLowerCase()}`)) as KnownMember | undefined;
  }

  /** A value not stored yet wins over the stored one: it is newer. */
  private async read(key: string): Promise<JsonValue | undefined> {
    const unstored = this.writer.latest(key);
    if (unstored !== undefined) return JSON.parse(unstored) as JsonValue;
    return (await this.store.get(key))?.value;
  }

  private async put(key: string, value: object): Promise<void> {
    const json = JSON.stringify(value);
    if (this.written.get(key) === json) return;
    // Marked before the write so concurrent turns of one conversation write once; forgotten if it fails.
    this.written.delete(key);
    this.written.set(key, json);
    if (this.written.size > this.maxRemembered) this.written.delete(this.written.keys().next().value as string);
    try {
      await this.writer.put(key, json);
    } catch (err) {
      if (this.written.get(key) === json) this.written.delete(key);
      throw err;
    }
  }
}

/**
 * A channel message's conversation id names its thread (`19:…;messageid=…`); posting a new card goes to the
 * channel itself, so the reference is rewritten to the channel id and loses its activity id.
 */
function channelReference(from: Partial<ConversationReference>, channelId: string): Partial<ConversationReference> {
  const { activityId: _thread, ...rest } = from;
  return { ...rest, conversation: { ...(from.conversation ?? {}), id: channelId, isGroup: true, conversationType: 'channel', name: from.conversation?.name ?? '' } as ConversationReference['conversation'] };
}
