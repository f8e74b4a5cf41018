/**
 * The floor for the approval-under-load rows: a minimal bot on the same stack as GalleryOps (restify +
 * botbuilder CloudAdapter, no app id, no GalleryOps code, no send pacing) that answers every message with a
 * plain Adaptive Card of about the size of GalleryOps' replies, and a card click (`adaptiveCard/action`
 * invoke) with a plain card of about the size of GalleryOps' "You approved" answer; after answering it updates
 * the clicked card twice through `continueConversationAsync`, as GalleryOps' notifier does (approved, final).
 * Protocol on stdout: {"ready":url} once listening, then what the bench asks for on stdin (bench-requests.ts).
 *
 * Modes (`--mode`), the floors of `npm run bench -- --only ratios` (ratios.ts): `plain` (the default) sends the
 * prepared plain card; `templated` expands the same card through adaptivecards-templating, the Template
 * prepared once as GalleryOps' renderer does; `arm` makes GalleryOps' ARM calls for `image status dispatch
 * 2026.05` through the real SDK (baseline-arm.ts; `--endpoint`, `--ca` in base64, `--subscription`) and sends a
 * plain card of the same size with what ARM answered. `--card-bytes` / `--invoke-bytes`: sizes of card JSON.
 */
import { parseArgs } from 'node:util';
import * as ACData from 'adaptivecards-templating';
import restify from 'restify';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type Attachment,
  type ConversationReference,
} from 'botbuilder';
import { armReader, type ArmRead } from './baseline-arm';
import { serveBenchRequests } from './bench-requests';

const { values: opts } = parseArgs({
  options: {
    mode: { type: 'string', default: 'plain' },
    'card-bytes': { type: 'string' },
    'invoke-bytes': { type: 'string' },
    endpoint: { type: 'string' },
    ca: { type: 'string' },
    subscription: { type: 'string' },
  },
});
/** GalleryOps' mix averages ~3.5 KB of card per reply, its request card ~4.3 KB, its approval answer ~3.1 KB. */
const MESSAGE_CARD_BYTES = Number(opts['card-bytes'] ?? 4000);
const INVOKE_CARD_BYTES = Number(opts['invoke-bytes'] ?? 3200);

type Fact = { title: string; value: string };

/**
 * How many filler facts bring a card to `bytes`, by the card's title, size and first facts. Measuring the size
 * takes a JSON.stringify per added fact: done once per shape, not per reply (the `arm` mode builds a card per
 * command, and that measuring cost ~0.4 ms a reply, which a minimal bot does not pay).
 */
const fillerCounts = new Map<string, number>();

/** A plain card (no templating) of about `bytes` bytes of JSON: a heading and a fact list (starting with `first`). */
export function plainCard(title: string, bytes: number, first: Fact[] = []): Record<string, unknown> {
  const filler = (n: number): Fact => ({ title: `Fact ${n}`, value: 'A plain value of about the length GalleryOps uses' });
  const card = (facts: Fact[]) => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
    ],
    actions: [{ type: 'Action.Execute', verb: 'baseline.click', title: 'Click', data: { n: 1 } }],
  });
  const shape = JSON.stringify([title, bytes, first]);
  let count = fillerCounts.get(shape);
  if (count === undefined) {
    const facts = [...first];
    while (JSON.stringify(card(facts)).length < bytes) facts.push(filler(facts.length + 1));
    count = facts.length - first.length;
    fillerCounts.set(shape, count);
  }
  const facts = [...first];
  for (let i = 0; i < count; i++) facts.push(filler(facts.length + 1));
  return card(facts);
}

const messageCard = CardFactory.adaptiveCard(plainCard('Baseline reply', MESSAGE_CARD_BYTES));
const invokeCard = plainCard('You clicked', INVOKE_CARD_BYTES);

/** The reply card of each mode: the `templated` one binds the plain card's heading and facts, as GalleryOps' templates bind theirs. */
async function replyCard(mode: string): Promise<(conversationId: string) => Promise<Attachment>> {
  if (mode === 'plain') return async () => messageCard;
  if (mode === 'templated') {
    const card = plainCard('Baseline reply', MESSAGE_CARD_BYTES) as { body: unknown[] };
    const data = { title: 'Baseline reply', facts: (card.body[1] as { facts: Fact[] }).facts };
    const template = new ACData.Template({ ...card, body: [{ ...(card.body[0] as object), text: '${title}' }, { type: 'FactSet', facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }] }] });
    return async () => CardFactory.adaptiveCard(template.expand({ $root: data }));
  }
  if (mode !== 'arm') throw new Error(`unknown mode ${mode}`);
  const read: ArmRead = await armReader({ endpoint: opts.endpoint!, ca: Buffer.from(opts.ca!, 'base64').toString('utf8'), subscriptionId: opts.subscription! });
  return async (conversationId) => CardFactory.adaptiveCard(plainCard('Baseline image status', MESSAGE_CARD_BYTES, await read(conversationId)));
}

async function main(): Promise<void> {
  const reply = await replyCard(opts.mode!);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_context, error) => console.error('baseline bot turn error', error);

  const updateTwice = async (reference: Partial<ConversationReference>, activityId: string) => {
    for (const label of ['Approved', 'Final']) {
      await adapter.continueConversationAsync('', reference, async (ctx) => {
        await ctx.updateActivity({ type: ActivityTypes.Message, id: activityId, attachments: [CardFactory.adaptiveCard(plainCard(label, MESSAGE_CARD_BYTES))] });
      });
    }
  };

  const logic = async (context: TurnContext) => {
    const a = context.activity;
    if (a.type === ActivityTypes.Message) {
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [await reply(a.conversation.id)] });
    } else if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
      const { activityId: _incoming, ...reference } = TurnContext.getConversationReference(a as Activity);
      if (a.replyToId) void updateTwice(reference, a.replyToId).catch((err: unknown) => console.error('baseline bot update failed', err));
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: invokeCard } },
      });
    }
  };

  const server = restify.createServer({ name: 'baseline' });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, logic);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serveBenchRequests();
  process.stdout.write(`${JSON.stringify({ ready: `http://127.0.0.1:${server.address().port}` })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
