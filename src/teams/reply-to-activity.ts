import { CardFactory, type Activity } from 'botbuilder';
import type { CardReply, Reply } from '../cards/reply';
import { inertTags } from '../cards/escape-text';
import { jsonBytesAtMost } from '../cards/json-size';
import type { CardRenderer } from '../cards/render-card';

/** Teams refuses bot messages over 100 KB; we stay under 80 KB so the envelope and card JSON fit. */
export const MAX_MESSAGE_BYTES = 80 * 1024;

/** Expands a card reply into Adaptive Card JSON (injected: the cards module owns the templates). */
export type { CardRenderer };

/** Turns a command's Reply into the activity the bot sends. */
export function replyToActivity(reply: Reply, render: CardRenderer): Partial<Activity> {
  if (reply.kind === 'text') return { type: 'message', text: reply.text, textFormat: 'markdown' };
  // The renderer's bound was added up while the card was built; a bare renderer's card is bounded here.
  const { card, jsonBytesBound } = render.sized?.(reply) ?? { card: render(reply), jsonBytesBound: undefined };
  if (!jsonBytesAtMost(card, MAX_MESSAGE_BYTES, jsonBytesBound)) {
    // Builders page long lists, so this is a bug, not user error: say so rather than let Teams reject it.
    throw new Error(`card ${reply.template} is ${Buffer.byteLength(JSON.stringify(card))} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit`);
  }
  return { type: 'message', summary: reply.summary, attachments: [CardFactory.adaptiveCard(card)] };
}

/** The body of an `adaptiveCard/action` invoke response (always sent with HTTP 200; see platform-facts). */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: object }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

/** A card replaces the clicked card in place; text shows as a message under it. */
export function replyToInvokeResponse(reply: Reply, render: CardRenderer): CardActionResponse {
  if (reply.kind === 'text') return messageResponse(reply.brief ?? reply.text);
  const activity = replyToActivity(reply, render);
  const content = activity.attachments?.[0]?.content as object;
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: content };
}

export function messageResponse(text: string): CardActionResponse {
  // An invoke's answer is not sent through the turn's send handlers (inertTagsMiddleware): guarded here.
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: inertTags(text) };
}
