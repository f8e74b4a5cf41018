/**
 * A published card offers the next promotion along the policy's stages as a button: a version published to
 * gal_staging (written through the real SDK, seen by the real watcher) is announced with "Promote to production",
 * and clicking it through the real HTTP endpoint creates a change request (approvers decide; nothing changes yet).
 */
import { sdkFor, DEMO_GROUP } from '../emulator/emulator-fixture';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { DEMO } from '../helpers/activities';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { RUN_VERB } from '../../src/cards/run-button';

const SOURCE = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-image-builds/providers/Microsoft.Compute/images/img-dispatch-2026.6.0';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 30 });
});
afterAll(async () => {
  await bot?.stop();
});

// Megan Bowen may ask for promotions into production (config/policy.demo.json).
const chat = new SubscriptionChat(() => bot, 'promote-button-chat', { from: DEMO.megan });

it('a version published in staging is announced with a Promote to production button that asks for approval', async () => {
  await chat.say('subscribe gal_staging/dispatch to published');
  await bot.app.runWatcher(); // the baseline
  const before = chat.count();
  const poller = await sdkFor(bot.emulator).galleryImageVersions.beginCreateOrUpdate(DEMO_GROUP, 'gal_staging', 'dispatch', '2026.9.0', {
    location: 'eastus2',
    publishingProfile: { targetRegions: [{ name: 'East US 2' }] },
    storageProfile: { source: { id: SOURCE } },
  });
  await poller.pollUntilDone();
  await bot.app.runWatcher();
  const [card, ...others] = chat.cardsSince(before);
  expect(others).toEqual([]);
  expect(card!.text).toContain('gal_staging/dispatch 2026.9.0 was published');
  const promote = card!.buttons.find((b) => b.title === 'Promote to production');
  expect(promote?.command).toBe('promote gal_staging/dispatch 2026.9.0 to production');

  const click = await chat.click(RUN_VERB, { verb: RUN_VERB, command: promote!.command });
  const answer = JSON.stringify(click.body);
  expect(answer).not.toContain('Type this one');
  expect(answer).toMatch(/CR-[0-9A-Z]+/);
  expect(answer).toMatch(/[Pp]romote dispatch 2026\.9\.0 to production/);
  // Nothing changed in Azure: production has no 2026.9.0 until someone approves.
  await expect(sdkFor(bot.emulator).galleryImageVersions.get(DEMO_GROUP, 'gal_golden', 'dispatch', '2026.9.0')).rejects.toMatchObject({ statusCode: 404 });
}, 30_000);
