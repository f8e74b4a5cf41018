import { randomUUID } from 'node:crypto';
import { AsUserError } from './as-user-error';
import { cardLines } from './card-lines';
import type { PlaygroundUser } from './playground-setup';
import { PlaygroundStream, type StreamEvent } from './playground-stream';

/** Where the message goes: the playground's group chat, or a channel of its team. */
export interface PlaygroundConversation {
  kind: 'groupChat' | 'channel';
  id: string;
  name: string;
  /** The team of a channel (Teams puts it in channelData). */
  teamId?: string;
}

/** How long `npm run as` waits for the bot's first answer unless told otherwise. */
export const DEFAULT_WAIT_MS = 20_000;

export interface PostAsUserOptions {
  /** The Agents Playground, e.g. http://127.0.0.1:56150. */
  playgroundUrl: string;
  user: Pick<PlaygroundUser, 'id' | 'name' | 'aadObjectId'>;
  conversation: PlaygroundConversation;
  /** The command, without the @mention (it is added, as Teams would in a group chat or channel). */
  text: string;
  /** How long to wait for the bot's first answer; 0 returns once the playground took the message. Default 20 s. */
  waitMs?: number;
  /** After an answer, how long the bot must stay quiet (no new message or card update) before returning. Default 2 s. */
  settleMs?: number;
}

/** One message the bot posted in answer, as it looked when we stopped listening. */
export interface BotAnswer {
  messageId: string;
  /** Its text, and each card's text blocks, facts and buttons, in order, as last shown (updates applied). */
  lines: string[];
  /** The same as first shown: a decision's answer says "You approved …" before later updates replace it. */
  firstLines: string[];
  /** How many times the bot updated it in place (updateActivity) while we listened. */
  updates: number;
}

export interface PostAsUserResult {
  /** The identity the bot received the message from (as the playground knows the member). */
  from: { id: string; name: string; aadObjectId?: string };
  answers: BotAnswer[];
}

interface ActivityTemplate {
  serviceUrl?: string;
  channelId?: string;
  recipient?: { id: string; name?: string };
  conversation?: { id: string; tenantId?: string; isGroup?: boolean; conversationType?: string };
}

/**
 * Sends `text` to the bot as another configured user. The playground's "send message" API
 * (`POST /_conversation/v1/conversations/:id/messages`) checks that `from` is a member but then always sends the
 * activity as the current user, so it cannot act as someone else; its custom-activity API (the UI's "Mock an
 * Activity") forwards an activity as given. We build that activity from the playground's own template for
 * the conversation (service URL, bot, tenant), put the member's identity in `from`, and read the bot's answer
 * from the playground's conversation stream. The message itself is not shown in the chat (the playground
 * only shows what its current user types); the bot's answer is.
 */
export async function postAsUser(o: PostAsUserOptions): Promise<PostAsUserResult> {
  const base = o.playgroundUrl.replace(/\/+$/, '');
  const template = await getJson<ActivityTemplate>(
    `${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(o.conversation.id)}`,
    base,
    (_status, body) => (/ConversationNotFound/i.test(body) ? `The playground at ${base} has no conversation ${o.conversation.id} (${o.conversation.name}); was it started with another configuration file?` : undefined),
  );
  if (!template.recipient?.id || !template.serviceUrl) throw new AsUserError(`${base} answered, but not like the Agents Playground (no activity template).`);
  const member = await getJson<{ id?: string; name?: string; aadObjectId?: string }>(
    `${base}/_connector/v3/conversations/${encodeURIComponent(o.conversation.id)}/members/${encodeURIComponent(o.user.id)}`,
    base,
    (status) => (status === 404 || status === 400 ? `${o.user.name} (${o.user.id}) is not a member of ${o.conversation.name} in the running playground.` : undefined),
  );
  const from = { id: o.user.id, name: member.name ?? o.user.name, ...((member.aadObjectId ?? o.user.aadObjectId) ? { aadObjectId: member.aadObjectId ?? o.user.aadObjectId } : {}) };

  const waitMs = o.waitMs ?? DEFAULT_WAIT_MS;
  const stream = waitMs > 0 ? await PlaygroundStream.open(base) : undefined;
  try {
    const mention = `<at>${template.recipient.name ?? 'bot'}</at>`;
    const tenantId = template.conversation?.tenantId;
    const activity = {
      ...template,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      type: 'message',
      text: `${mention} ${o.text}`,
      textFormat: 'plain',
      locale: 'en-US',
      from,
      entities: [{ type: 'mention', text: mention, mentioned: { id: template.recipient.id, name: template.recipient.name } }],
      channelData: {
        ...(tenantId ? { tenant: { id: tenantId } } : {}),
        ...(o.conversation.kind === 'channel'
          ? { teamsChannelId: o.conversation.id, channel: { id: o.conversation.id }, ...(o.conversation.teamId ? { teamsTeamId: o.conversation.teamId, team: { id: o.conversation.teamId } } : {}) }
          : {}),
      },
    };
    const sentAt = Date.now();
    await send(`${base}/_internal/v1/customActivities`, activity, base);
    if (!stream) return { from, answers: [] };
    return { from, answers: await collectAnswers(stream, o.conversation.id, template.recipient.id, sentAt, waitMs, o.settleMs ?? 2_000) };
  } finally {
    stream?.close();
  }
}

/** The bot's messages in the conversation since `sentAt`, each as last shown (updates applied). */
async function collectAnswers(stream: PlaygroundStream, conversationId: string, botId: string, sentAt: number, waitMs: number, settleMs: number): Promise<BotAnswer[]> {
  // A channel post lands in the channel; a reply in its thread `channel;messageid=…`.
  const here = (e: StreamEvent) => e.fromId === botId && e.receivedAt >= sentAt && (e.conversationId === conversationId || e.conversationId.startsWith(`${conversationId};`));
  const deadline = sentAt + waitMs;
  try {
    await stream.waitFor((e) => here(e) && e.action === 'createMessage', waitMs);
  } catch {
    return [];
  }
  await stream.settle(here, settleMs, deadline);
  const answers = new Map<string, BotAnswer>();
  for (const e of stream.events().filter(here)) {
    const seen = answers.get(e.messageId);
    if (!seen && e.action === 'updateMessage') continue; // an older message of the conversation, updated meanwhile
    const lines = [...(e.text ? [e.text] : []), ...e.attachments.flatMap((a) => cardLines(a.content))];
    answers.set(e.messageId, { messageId: e.messageId, lines, firstLines: seen ? seen.firstLines : lines, updates: seen ? seen.updates + 1 : 0 });
  }
  return [...answers.values()];
}

async function getJson<T>(url: string, base: string, explain: (status: number, body: string) => string | undefined): Promise<T> {
  const res = await request(url, { method: 'GET' }, base);
  const body = await res.text();
  if (!res.ok) throw new AsUserError(explain(res.status, body) ?? `${url} answered HTTP ${res.status}: ${body.slice(0, 200)}`);
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new AsUserError(`${base} answered, but not like the Agents Playground (${url} did not return JSON).`);
  }
}

async function send(url: string, body: unknown, base: string): Promise<void> {
  const res = await request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, base);
  if (!res.ok) throw new AsUserError(`The playground refused the message: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}

async function request(url: string, init: RequestInit, base: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new AsUserError(`The Agents Playground is not running at ${base} (${code}). Start the demo with \`npm start\`, which starts it; if it listens on another port, set GALLERYOPS_PLAYGROUND_PORT.`);
  }
}
