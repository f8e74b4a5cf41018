import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:galleryops-bot', name: 'GalleryOps' };
export const ALEX = { id: '29:user-alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020' };

interface Common {
  serviceUrl: string;
  conversationId: string;
  from?: { id: string; name: string; aadObjectId?: string };
  conversationType?: 'personal' | 'groupChat' | 'channel';
}

/** A Teams message activity as the channel would POST it to /api/messages. */
export function message(text: string, c: Common & { mentionBot?: boolean }): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...envelope(c),
    type: 'message',
    text: c.mentionBot ? `${mention} ${text}` : text,
    entities: c.mentionBot ? [{ type: 'mention', text: mention, mentioned: BOT }] : [],
  };
}

/** An `adaptiveCard/action` invoke, as Teams sends it when a user clicks an Action.Execute button. */
export function cardAction(verb: string, data: unknown, c: Common): Record<string, unknown> {
  return { ...envelope(c), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } };
}

function envelope(c: Common): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    timestamp: new Date().toISOString(),
    from: c.from ?? ALEX,
    recipient: BOT,
    conversation: { id: c.conversationId, conversationType: c.conversationType ?? 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  };
}

/** POSTs an activity (or any body) to the bot over real HTTP. */
export async function post(botUrl: string, body: unknown, raw = false): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed };
}

/** All TextBlock / FactSet text of an Adaptive Card, flattened: what a user reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') out.push(o[key] as string);
      Object.values(o).forEach((v) => typeof v === 'object' && walk(v));
    }
  };
  walk(card);
  return out.join('\n');
}

/** The Adaptive Card content of a message activity the bot sent. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`not a card message: ${JSON.stringify(activity).slice(0, 300)}`);
  return card.content;
}

/** The demo chat client's people (config/playground.yml), as config/policy.demo.json names them. */
export const DEMO = {
  alex: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  megan: { id: 'user-id-1', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
  adele: { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' },
  isaiah: { id: 'user-id-3', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023' },
  patti: { id: 'user-id-4', name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024' },
  lynne: { id: 'user-id-5', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025' },
} as const;
