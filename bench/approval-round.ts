/**
 * One approval as people make it, timed from the load generator: Alex asks for a retirement in a group chat
 * with Adele (time until the request card arrives), Adele clicks Approve on it (time until the invoke's HTTP
 * answer), and the posted card is updated to approved, then to its final state (times from the click). Against
 * the baseline bot the same steps get a plain card, a plain invoke answer and two plain updates.
 */
import { cardAction, DEMO, message } from '../test/helpers/activities';
import type { WarmConnection } from './http-post';
import type { LocalConnector } from '../test/helpers/local-connector';

export interface RoundTimes {
  requestCardMs: number;
  invokeMs: number;
  approvedUpdateMs: number;
  finalUpdateMs: number;
  /** GalleryOps: the final badge (SUCCEEDED / FAILED); baseline: 'plain'. */
  outcome: string;
}

export interface RoundOptions {
  bot: 'galleryops' | 'baseline';
  /** The approvers' connection to the bot, opened before the load (see WarmConnection). */
  connection: WarmConnection;
  connector: LocalConnector;
  serviceUrl: string;
  /** A fresh conversation per round, so the card to update is unambiguous. */
  conversationId: string;
  /** The end-of-life date asked for (yyyy-mm-dd): a different one each round makes each round a real change. */
  day: string;
  timeoutMs?: number;
}

export async function approvalRound(o: RoundOptions): Promise<RoundTimes> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const common = { serviceUrl: o.serviceUrl, conversationId: o.conversationId, conversationType: 'groupChat' as const };
  // Teams lists the chat's members; GalleryOps gives each of them a per-user view of the request card.
  o.connector.members.set(o.conversationId, [DEMO.alex, DEMO.adele]);

  const asked = await o.connection.post(message(`retire gal_golden/dispatch 2026.4.0 on ${o.day} because approval under load`, { ...common, from: DEMO.alex, mentionBot: true }));
  if (asked.status >= 300) throw new Error(`the retirement request was answered ${asked.status}`);
  const askedAt = asked.sentAt;
  // The request card, posted at once or (the retirement outlasting PROGRESS_AFTER_MS) replacing a progress card.
  const isCard = (s: { conversationId: string; method: string; body: Record<string, unknown> }): boolean =>
    s.conversationId === o.conversationId && Array.isArray(s.body.attachments) && !JSON.stringify(s.body).includes('Working on: ');
  const card = await waitFor(o, timeoutMs, () => o.connector.sent.find(isCard));
  const requestId = /CR-[0-9A-Z]{8}/.exec(JSON.stringify(card.body))?.[0];
  if (o.bot === 'galleryops' && !requestId) throw new Error(`no request card in ${o.conversationId}: ${JSON.stringify(card.body).slice(0, 500)}`);

  const click = cardAction(o.bot === 'galleryops' ? 'galleryops.approve' : 'baseline.click', { requestId }, { ...common, from: DEMO.adele });
  click.replyToId = 'the-request-card';
  const answer = await o.connection.post(click);
  const [clickedAt, invokeMs] = [answer.sentAt, answer.ms];
  if (answer.status !== 200 || (o.bot === 'galleryops' && !JSON.stringify(answer.body).includes(`You approved ${requestId}`))) {
    throw new Error(`the click on ${requestId ?? 'the card'} was answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 1000)}`);
  }
  const updates = () => o.connector.sent.filter((s) => s.conversationId === o.conversationId && s.method === 'PUT' && s.receivedAt >= clickedAt);
  const approvedBadge = o.bot === 'galleryops' ? /\bAPPROVED\b|\bEXECUTING\b|\bSUCCEEDED\b|\bFAILED\b/ : /Approved/;
  // The badge is the only all-capitals SUCCEEDED / FAILED on the card (gate texts say "Failed").
  const finalBadge = o.bot === 'galleryops' ? /\bSUCCEEDED\b|\bFAILED\b/ : /Final/;
  const approved = await waitFor(o, timeoutMs, () => updates().find((u) => approvedBadge.test(JSON.stringify(u.body))));
  const final = await waitFor(o, timeoutMs, () => updates().find((u) => finalBadge.test(JSON.stringify(u.body))));
  return {
    requestCardMs: card.receivedAt - askedAt,
    invokeMs,
    approvedUpdateMs: approved.receivedAt - clickedAt,
    finalUpdateMs: final.receivedAt - clickedAt,
    outcome: finalBadge.exec(JSON.stringify(final.body))?.[0] === 'Final' ? 'plain' : (finalBadge.exec(JSON.stringify(final.body))?.[0] ?? '?'),
  };
}

async function waitFor<T>(o: RoundOptions, timeoutMs: number, find: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in vain in ${o.conversationId}: ${JSON.stringify(o.connector.sent.filter((s) => s.conversationId === o.conversationId).map((s) => [s.method, JSON.stringify(s.body).slice(0, 300)]))}`);
    o.connection.keepWarm();
    await new Promise((r) => setTimeout(r, 20));
  }
}
