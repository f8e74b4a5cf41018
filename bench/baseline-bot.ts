/**
 * The floor for the approval-under-load rows: a minimal bot on the same stack as GalleryOps (restify +
 * botbuilder CloudAdapter, no app id, no GalleryOps code, no send pacing) that answers every message with a
 * plain Adaptive Card of about the size of GalleryOps' replies, and a card click (`adaptiveCard/action`
 * invoke) with a plain card of about the size of GalleryOps' "You approved" answer; after answering it updates
 * the clicked card twice through `continueConversationAsync`, as GalleryOps' notifier does (approved, final).
 * Protocol on stdout: {"ready":url} once listening. Sizes (bytes of card JSON) can be given as arguments.
 */
import restify from 'restify';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';

/** GalleryOps' mix averages ~3.5 KB of card per reply, its request card ~4.3 KB, its approval answer ~3.1 KB. */
const MESSAGE_CARD_BYTES = Number(process.argv[2] ?? 4000);
const INVOKE_CARD_BYTES = Number(process.argv[3] ?? 3200);

/** A plain card (no templating) of about `bytes` bytes of JSON: a heading and a fact list. */
export function plainCard(title: string, bytes: number): Record<string, unknown> {
  const facts: Array<{ title: string; value: string }> = [];
  const card = () => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts },
    ],
    actions: [{ type: 'Action.Execute', verb: 'baseline.click', title: 'Click', data: { n: 1 } }],
  });
  while (JSON.stringify(card()).length < bytes) facts.push({ title: `Fact ${facts.length + 1}`, value: 'A plain value of about the length GalleryOps uses' });
  return card();
}

const messageCard = CardFactory.adaptiveCard(plainCard('Baseline reply', MESSAGE_CARD_BYTES));
const invokeCard = plainCard('You clicked', INVOKE_CARD_BYTES);

async function main(): Promise<void> {
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
      await context.sendActivity({ type: ActivityTypes.Message, attachments: [messageCard] });
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
  process.stdout.write(`${JSON.stringify({ ready: `http://127.0.0.1:${server.address().port}` })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
