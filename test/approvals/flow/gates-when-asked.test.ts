/**
 * Gates are judged when a promotion is asked: a request that can never pass is refused at once (no request, no
 * approvers bothered, the fix offered); one that waits on replication in progress is created, can be approved
 * ahead, and runs once the emulator finishes replicating. Real HTTP into /api/messages, the real SDK.
 */
import { DEMO } from '../../helpers/activities';
import { cardUpdatedTo, click, outcomeMessage, quiet, requestIdOn, say, sayText, waitForFinal, writeRecorder } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { allActions } from '../../helpers/validate-card';

const golden = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden' };
let bot: BotUnderTest;
const writes: string[] = [];

beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, { GATE_RECHECK_SECONDS: '5' }, { armObserver: writeRecorder(writes) });
});
afterAll(async () => {
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});

test('a promotion whose region Failed is refused at once: no request id, nothing to approve, the gate and its fix named, the refusal audited', async () => {
  const before = (await bot.store.audit.list()).length;
  const asked = await say(bot, DEMO.alex, 'promote dispatch 2026.5.1 to westus2');
  expect(asked.text).toMatch(/^✗ Request refused/);
  expect(asked.text).toMatch(/Not requested: Existing regions Completed \(none Failed\) does not hold \(Not Completed: Central US Failed/);
  expect(asked.text).toMatch(/Nothing was sent to the approvers/);
  expect(asked.text).not.toMatch(/CR-[0-9A-Z]{8}/);
  // The fix asks for a change itself, so it is given to type (buttons only run read-only commands).
  expect(asked.text).toMatch(/To fix it, type: `repair gal_golden\/dispatch 2026\.5\.1`/);
  expect((await bot.store.requests.listOpen()).filter((r) => r.target.image === 'dispatch')).toEqual([]);
  const added = (await bot.store.audit.list()).slice(before);
  expect(added.map((r) => [r.action, r.details['code'], r.requestId])).toEqual([['request.refused', 'gate-failed', undefined]]);
});

test('promoting a version already in production is refused at once, pointing at the versions there', async () => {
  // gal_staging/dispatch 2026.6.0 goes to production once (Adele approves) …
  const first = requestIdOn((await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production')).text);
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: first }, `clicks-${DEMO.adele.id}`);
  const done = await waitForFinal(bot, first);
  expect(done.state).toBe('succeeded');
  expect(JSON.stringify(done)).toContain('replication to 2 regions continues in Azure');
  // … and a second time it can never pass as asked.
  const again = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production');
  expect(again.text).toMatch(/Not requested: .*2026\.6\.0 not yet in gal_golden does not hold/);
  expect(allActions(again.card).map((a) => (a.data as { command?: string } | undefined)?.command)).toContain('versions gal_golden/dispatch');
});

test('approve ahead: Southeast Asia still replicating; approved now, the change runs once replication finishes, and the card says so all along', async () => {
  const asked = await say(bot, DEMO.alex, 'promote gal_golden/callcenter-desktop 2026.6.0 to latest');
  const id = requestIdOn(asked.text);
  const lines = asked.text.split('\n');
  expect(lines[0]).toBe('⏳ Runs when Southeast Asia finishes replicating (40 % now).');
  expect(asked.text).toMatch(/⏳ Completed in every target region/);
  const cardId = (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === asked.conversationId)!.activityId;

  const before = writes.length;
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`)).text).toContain(`You approved ${id}`);
  const waiting = await cardUpdatedTo(bot, asked.conversationId, cardId, /APPROVED · WAITING/);
  expect(waiting.text).toMatch(/Approved ahead; runs when Southeast Asia finishes replicating \(40 % now\)\. Nothing has been sent to Azure yet\./);
  expect(writes.length).toBe(before);

  // Azure's replication moves on: the next re-check (every 5 s here) sees it and the change runs.
  bot.emulator.setReplication({ gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0', region: 'Southeast Asia', state: 'Completed' });
  const done = await waitForFinal(bot, id, 30_000);
  expect(done.state).toBe('succeeded');
  await cardUpdatedTo(bot, asked.conversationId, cardId, /SUCCEEDED/);
  expect(await outcomeMessage(bot, id)).toMatch(/carried out/);
  expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/callcenter-desktop\/versions\/2026\.6\.0$/)]);
  expect((await bot.app.context.gallery.getVersion({ ...golden, image: 'callcenter-desktop' }, '2026.6.0')).excludeFromLatest).toBe(false);
  expect(await sayText(bot, DEMO.lynne, 'audit verify')).toMatch(/^Audit log intact/);
});
