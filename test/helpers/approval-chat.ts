import type { ChangeRequest } from '../../src/approvals/change-request';
import { isFinal } from '../../src/approvals/change-request';
import { cardAction, cardOf, message, post } from './activities';
import { waitFor } from './wait-for';
import type { BotUnderTest } from './bot-under-test';
import { allActions, cardText, expectValidCard } from './validate-card';

export type Person = { id: string; name: string; aadObjectId?: string };

let n = 0;

/** A person types a command in a fresh personal chat; returns the validated reply card and its text. */
export async function say(bot: BotUnderTest, from: Person, text: string, conversationId = `approvals-${from.id}-${++n}`) {
  const before = bot.connector.messages(conversationId).length;
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId, from }));
  if (res.status !== 200) throw new Error(`POST answered ${res.status}`);
  // The reply is the first new card: this chat is now the person's personal chat, so a text the bot sends on
  // its own (the outcome of an earlier request, finishing in the background) may arrive here too.
  const deadline = Date.now() + 10_000;
  let reply: Record<string, unknown> | undefined;
  for (let seen = before + 1; reply === undefined; seen++) {
    const messages = await bot.connector.waitForMessages(conversationId, seen, Math.max(0, deadline - Date.now()));
    reply = messages.slice(before).find((m) => Array.isArray(m.attachments) && m.attachments.length > 0);
  }
  const card = cardOf(reply);
  expectValidCard(card);
  // A typed decision's words come as their own message just before its card (so card updates cannot erase them).
  const texts = bot.connector.messages(conversationId).slice(before).filter((m) => typeof m.text === 'string' && m !== reply).map((m) => m.text as string);
  return { card, text: [...texts, ...cardText(card)].join('\n'), conversationId, reply };
}

/** The request id on a request card. */
export function requestIdOn(text: string): string {
  const id = /CR-[0-9A-Z]{8}/.exec(text)?.[0];
  if (!id) throw new Error(`no request id on the card:\n${text}`);
  return id;
}

/** A click on a request card's Action.Execute button, as Teams sends it; returns the invoke response. */
export async function click(bot: BotUnderTest, from: Person, verb: 'galleryops.approve' | 'galleryops.reject' | 'galleryops.refresh', data: unknown, conversationId = 'approvals-clicks') {
  const res = await post(bot.botUrl, cardAction(verb, data, { serviceUrl: bot.serviceUrl, conversationId, from }));
  const body = res.body as { statusCode: number; type: string; value: unknown };
  const text = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value).join('\n') : String(body.value);
  if (body.type === 'application/vnd.microsoft.card.adaptive') expectValidCard(body.value as object);
  return { status: res.status, body, text };
}

/** Verbs of the Action.Execute buttons on a card (inside ShowCards too). */
export function executeVerbs(card: unknown): string[] {
  return allActions(card)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => String(a.verb));
}

/** Polls the store until the request reaches a final state (the executor runs in the background). */
export async function waitForFinal(bot: BotUnderTest, id: string, timeoutMs = 20_000): Promise<ChangeRequest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const request = await bot.store.requests.get(id);
    if (request && isFinal(request.state)) return request;
    if (Date.now() > deadline) throw new Error(`request ${id} is still ${request?.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Card updates (PUT) the bot sent for one posted card, newest last. */
export function cardUpdates(bot: BotUnderTest, conversationId: string, activityId: string): Array<Record<string, unknown>> {
  return bot.connector.sent.filter((s) => s.method === 'PUT' && s.conversationId === conversationId && s.activityId === activityId).map((s) => s.body);
}

/** Records the ARM writes (PUT/PATCH/DELETE) an observer sees, as `METHOD /path`. */
export function writeRecorder(list: string[]) {
  return (call: { method: string; url: string }) => void (/^(PUT|PATCH|DELETE)$/.test(call.method) && list.push(`${call.method} ${new URL(call.url).pathname}`));
}

/** A value once it stopped changing for 300 ms (background notifications have settled). */
export async function quiet<T>(read: () => T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() - since < 300) {
    if (Date.now() > deadline) throw new Error(`still changing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
    const now = read();
    if (JSON.stringify(now) !== JSON.stringify(last)) [last, since] = [now, Date.now()];
  }
  return last;
}


/** Text of the newest update (PUT) of one posted card, once it matches `expected`. */
export async function cardUpdatedTo(b: BotUnderTest, conversationId: string, activityId: string, expected: RegExp): Promise<{ text: string; card: unknown }> {
  const updates = await waitFor(
    () => cardUpdates(b, conversationId, activityId),
    (u) => u.length > 0 && expected.test(cardText((u.at(-1)!.attachments as Array<{ content: unknown }>)[0]!.content).join('\n')),
  );
  const card = (updates.at(-1)!.attachments as Array<{ content: unknown }>)[0]!.content;
  return { text: cardText(card).join('\n'), card };
}

/** The personal message that tells the requester how `id` ended. */
export async function outcomeMessage(b: BotUnderTest, id: string): Promise<string> {
  const found = await waitFor(
    () => b.connector.sent.filter((s) => s.method === 'POST' && typeof s.body.text === 'string' && (s.body.text as string).startsWith(`Your request ${id} `)),
    (list) => list.length > 0,
  );
  expect(found).toHaveLength(1);
  return found[0]!.body.text as string;
}

/** A command whose reply is plain text (e.g. `audit verify`). */
export async function sayText(b: BotUnderTest, from: Person, text: string): Promise<string> {
  const conversationId = `text-${from.id}-${Math.random().toString(36).slice(2)}`;
  const res = await post(b.botUrl, message(text, { serviceUrl: b.serviceUrl, conversationId, from }));
  expect(res.status).toBe(200);
  const [reply] = await b.connector.waitForMessages(conversationId, 1);
  return String(reply!.text);
}
