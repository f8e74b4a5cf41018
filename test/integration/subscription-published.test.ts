/**
 * `published` end to end: a new version written to the emulator through the real SDK (as a pipeline publishing to
 * Azure would) is announced once, with its regions and whether it is latest, to a chat subscribed through the real
 * HTTP endpoint; then the emulator replicates it over time and the same chat gets the replication card, once.
 */
import { sdkFor, DEMO_GROUP, DEMO_SUBSCRIPTION } from '../emulator/emulator-fixture';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { buttonLabel, SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';

const REPLICATION_MS = 1500;
const IMAGES = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute`;

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ replicationMs: REPLICATION_MS, lroRetryAfterSeconds: 0, lroPollDelayMs: 30 });
});
afterAll(async () => {
  await bot?.stop();
});

const chat = new SubscriptionChat(() => bot, 'published-chat');
/** What Azure (the emulator) says of the new version's replication, read as the bot reads it. */
const replicationState = async () =>
  (await sdkFor(bot.emulator).galleryImageVersions.get(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', '2026.7.0', { expand: 'ReplicationStatus' })).replicationStatus?.aggregatedState;

it('a version published to Azure is one published card, then one card as its regions finish replicating', async () => {
  const id = /\bS-[0-9A-Z]{6}\b/.exec(await chat.say('subscribe gal_golden/callcenter-desktop to published,replication'))![0];
  await bot.app.runWatcher(); // the baseline: what exists is known, not announced
  const before = chat.count();
  await bot.app.runWatcher();
  expect(chat.count()).toBe(before);

  // Azure lists a new version while it is still being created and replicated: the watcher sees it then.
  const poller = await sdkFor(bot.emulator).galleryImageVersions.beginCreateOrUpdate(DEMO_GROUP, 'gal_golden', 'callcenter-desktop', '2026.7.0', {
    location: 'eastus2',
    publishingProfile: { targetRegions: [{ name: 'East US 2' }, { name: 'West Europe' }] },
    storageProfile: { source: { id: `${IMAGES}/images/img-callcenter-2026-7` } },
  });

  await bot.app.runWatcher();
  const [published, ...others] = chat.cardsSince(before);
  expect(others).toEqual([]);
  expect(published!.text).toContain('NEW VERSION');
  expect(published!.text).toContain('gal_golden/callcenter-desktop 2026.7.0 was published');
  expect(published!.text).toMatch(/East US 2, West Europe/);
  expect(published!.text).toContain('yes: deployments of latest get it');
  expect(published!.text).toContain(`Subscription ${id}: gal_golden/callcenter-desktop`);
  expect(published!.buttons.map(buttonLabel)).toEqual(expect.arrayContaining(['image status gal_golden/callcenter-desktop 2026.7.0', 'Mute this subscription for 24 h', 'Unsubscribe']));

  // Still replicating: nothing more until the emulator finishes, then one card for both regions.
  const afterPublished = chat.count();
  await bot.app.runWatcher();
  expect(chat.count()).toBe(afterPublished);
  expect((await poller.pollUntilDone()).provisioningState).toBe('Succeeded');
  await waitFor(() => replicationState(), (state) => state === 'Completed', REPLICATION_MS + 5000);
  await bot.app.runWatcher();
  const replicated = chat.cardsSince(afterPublished);
  expect(replicated).toHaveLength(1);
  expect(replicated[0]!.text).toContain('gal_golden/callcenter-desktop 2026.7.0 finished replicating to 2 regions');

  await bot.app.runWatcher();
  expect(chat.count()).toBe(afterPublished + 1);
}, 30_000);
