/**
 * The approval flow end to end: real HTTP into /api/messages, the real SDK over HTTPS to the emulator, the
 * file store, and the local connector standing in for Teams. What a user would see is asserted: card facts,
 * the Azure state afterwards, the audit log.
 */
import { DEMO, message, post } from '../../helpers/activities';
import { cardUpdates, click, executeVerbs, requestIdOn, say, waitForFinal } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { cardText } from '../../helpers/validate-card';

let bot: BotUnderTest;
const writes: string[] = [];

beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 }, {}, { armObserver: (call) => void (/^(PUT|PATCH|DELETE)$/.test(call.method) && writes.push(`${call.method} ${new URL(call.url).pathname}`)) });
});
afterAll(async () => {
  await bot?.stop();
});

const golden = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };

test('promote to production: request → approve by another user → version created in gal_golden, excluded from latest → cards updated → audit intact', async () => {
  const asked = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging');
  const id = requestIdOn(asked.text);
  expect(asked.text).toMatch(/Promote dispatch 2026\.6\.0 to production/);
  expect(asked.text).toContain('tested in staging');
  expect(asked.text).toContain('Adele Vance'); // who may approve
  expect(executeVerbs(asked.card)).toEqual(expect.arrayContaining(['galleryops.approve', 'galleryops.reject']));

  const approved = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
  expect(approved.status).toBe(200);
  expect(approved.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(approved.text).toContain(`You approved ${id}`);

  const done = await waitForFinal(bot, id);
  expect(done.state).toBe('succeeded');
  expect(writes.filter((w) => w.includes('/galleries/gal_golden/images/dispatch/versions/2026.6.0'))).toHaveLength(1);

  const created = await bot.app.context.gallery.getVersion(golden, '2026.6.0');
  expect(created.excludeFromLatest).toBe(true);
  expect(created.sourceId?.toLowerCase()).toContain('/galleries/gal_staging/images/dispatch/versions/2026.6.0');
  const versions = await say(bot, DEMO.alex, 'versions gal_golden/dispatch');
  expect(versions.text).toContain('2026.6.0');

  // The card where it was asked now shows the outcome, for everyone (updateActivity on the same message).
  const sentId = (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    const updates = cardUpdates(bot, asked.conversationId, sentId);
    last = updates.length ? cardText((updates[updates.length - 1]!.attachments as Array<{ content: unknown }>)[0]!.content).join('\n') : '';
    if (/succeeded/i.test(last)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(last).toMatch(/succeeded/i);
  expect(executeVerbs(cardUpdates(bot, asked.conversationId, sentId).at(-1)!.attachments)).toEqual([]);

  const verifyConversation = 'approvals-audit-verify';
  await post(bot.botUrl, message('audit verify', { serviceUrl: bot.serviceUrl, conversationId: verifyConversation, from: DEMO.lynne }));
  const [verdict] = await bot.connector.waitForMessages(verifyConversation, 1);
  expect(String(verdict!.text)).toMatch(/^Audit log intact: \d+ records/);

  const records = await bot.store.audit.list({ requestId: id });
  expect(records.map((r) => r.action)).toEqual(['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.operation', 'execution.succeeded']);
});

test('the Azure operation accepted for an approved request is recorded on it and in the audit log', async () => {
  const asked = await say(bot, DEMO.alex, 'retire gal_golden/dispatch 2026.4.0 because superseded by 2026.5.0');
  const id = requestIdOn(asked.text);
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
  const done = await waitForFinal(bot, id);
  expect(done.state).toBe('succeeded');
  // Recorded in the background once ARM accepted the write: wait for the audit record.
  const deadline = Date.now() + 5_000;
  let operation: string | undefined;
  while (!operation && Date.now() < deadline) {
    operation = (await bot.store.audit.list({ requestId: id })).find((r) => r.action === 'execution.operation')?.details.operation as string | undefined;
    if (!operation) await new Promise((r) => setTimeout(r, 25));
  }
  expect(operation).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/11111111-2222-3333-4444-555555555555\/providers\/Microsoft\.Compute\/locations\/[^/]+\/(capsOperations|operations)\//i);
});
