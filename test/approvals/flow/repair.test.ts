/**
 * `repair dispatch 2026.5.1`, the fix a refused promotion offers, asked by Alex and approved by Adele, carried
 * out until Central US is Completed: the card follows each step and ends SUCCEEDED, `image status` shows the
 * region Completed, and the promotion refused before now goes through. Real HTTP into /api/messages, the real
 * SDK against the emulator (replication kept short).
 */
import { DEMO } from '../../helpers/activities';
import { cardUpdatedTo, cardUpdates, click, outcomeMessage, quiet, requestIdOn, say, sayText, waitForFinal, writeRecorder } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { allActions, cardText } from '../../helpers/validate-card';
import { waitFor } from '../../helpers/wait-for';

let bot: BotUnderTest;
const writes: string[] = [];

/** The text of some update of one posted card that matches (card updates are paced, so one may be skipped). */
async function cardShowed(conversationId: string, activityId: string, expected: RegExp): Promise<string> {
  const texts = () => cardUpdates(bot, conversationId, activityId).map((u) => cardText((u.attachments as Array<{ content: unknown }>)[0]!.content).join('\n'));
  return (await waitFor(texts, (all) => all.some((t) => expected.test(t)), 15_000)).find((t) => expected.test(t))!;
}

beforeAll(async () => {
  // Replication outlasts the SDK's 2 s poll of the update's operation, so the card has a retry to follow.
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50, replicationMs: 3500 }, {}, { armObserver: writeRecorder(writes), observeIntervalMs: 100 });
});
afterAll(async () => {
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});

test('repair dispatch 2026.5.1: approved by Adele, Azure retries Central US, the card follows it to Completed', async () => {
  // The promotion is refused at once, offering the repair as its fix.
  const refused = await say(bot, DEMO.alex, 'promote dispatch 2026.5.1 to westus2');
  expect(refused.text).toMatch(/Request refused/);
  expect(refused.text).toMatch(/To fix it, type: `repair gal_golden\/dispatch 2026\.5\.1`/);

  const asked = await say(bot, DEMO.alex, 'repair dispatch 2026.5.1');
  const id = requestIdOn(asked.text);
  expect(asked.text).toContain('Repair replication of dispatch 2026.5.1 in Central US (gal_golden)');
  expect(asked.text).toContain('PENDING');
  expect(asked.text).toContain("If Azure's retry leaves Central US Failed, GalleryOps removes Central US from the target regions and adds it back (two more updates): Central US has no replica of 2026.5.1 in between.");
  expect(asked.text).toMatch(/Failed → Completed|Failed[\s\S]*Completed/);
  const cardId = (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;

  const before = writes.length;
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`)).text).toContain(`You approved ${id}`);
  const following = await cardShowed(asked.conversationId, cardId, /Central US: retrying \(Replicating \d+ %\)/);
  expect(following).toContain('EXECUTING');

  const done = await waitForFinal(bot, id, 30_000);
  expect(done.state).toBe('succeeded');
  const final = await cardUpdatedTo(bot, asked.conversationId, cardId, /SUCCEEDED/);
  expect(final.text).toContain('Central US Completed after Azure retried the replication (an update with the unchanged target regions).');
  expect(await outcomeMessage(bot, id)).toMatch(/carried out/);
  // One update, re-sending the unchanged target regions: the non-destructive way was enough.
  expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/dispatch\/versions\/2026\.5\.1$/)]);

  const status = await say(bot, DEMO.lynne, 'image status dispatch 2026.5.1');
  const regions = status.text.split('\n');
  const at = regions.indexOf('Central US');
  expect(at).toBeGreaterThan(-1);
  expect(regions.slice(at, at + 3).join(' ')).toMatch(/Completed/);
  expect(status.text).not.toMatch(/Failed/);

  // What was refused before now passes its gates and waits for approval.
  const promoted = await say(bot, DEMO.alex, 'promote dispatch 2026.5.1 to westus2');
  expect(requestIdOn(promoted.text)).not.toBe(id);
  expect(promoted.text).toContain('PENDING');
  expect(await sayText(bot, DEMO.lynne, 'audit verify')).toMatch(/^Audit log intact/);
});
