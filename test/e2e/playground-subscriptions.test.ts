/**
 * Subscriptions end to end in the real chat client: Alex opens the Image approvals channel (the playground then
 * tells the bot it was added there, which is how GalleryOps learns where the channel is), types `@GalleryOps
 * subscribe gal_golden` there (what `npm start` seeds for the demo: test/demo/demo-subscription.test.ts), asks
 * there for a promotion to production, Adele approves it, and the
 * `published` card arrives in the channel, then the replication card (both regions on one card, with Mute and
 * Unsubscribe). The watcher's own schedule is an hour here: the card comes through
 * the emulator's Event Grid push to POST /api/events, as in the demo. Screenshot: test-artifacts/e2e/.
 */
import { join } from 'node:path';
import { actAsUser } from '../../scripts/as-user/act-as-user';
import { loadConfig } from '../../src/config';
import { ARTIFACTS_DIR, HAS_CHROMIUM, postMentionInChannel } from '../helpers/browser';
import { openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-session';
import { waitForValue } from '../helpers/wait-for';

const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;
jest.setTimeout(90_000);

const SECRET = 'e2e-event-grid-secret-0123456789abcdef';

describeWithBrowser('subscriptions in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlaygroundSession({ emulator: { lroRetryAfterSeconds: 0 }, env: { EVENT_GRID_SECRET: SECRET, WATCH_INTERVAL_SECONDS: '3600' } });
    session.bot.emulator.setEventGridWebhook(`${session.bot.botUrl}/api/events?code=${SECRET}`);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a promotion to production approved in Image approvals brings the published card there', async () => {
    const { bot, page, cards } = session;
    const config = loadConfig({ LOG_LEVEL: 'silent', GALLERYOPS_PLAYGROUND_PORT: String(session.uiPort) });
    // Opening the channel is what gives the bot its conversation reference.
    await page.getByText('Image approvals', { exact: true }).first().click();
    await waitForValue('the channel reference', () => bot.store.conversations.get('channel:channel-image-approvals'));

    await postMentionInChannel(page, 'subscribe gal_golden');
    // The answer as the channel shows it (its bold id is an element of its own, so the page's text is read).
    const subscription = await waitForValue('the subscribe answer', async () => /Subscribed this channel to [^\n]* in gal_golden \((S-[0-9A-Z]{6})\)/.exec(await page.locator('body').innerText())?.[1]);
    await bot.app.runWatcher(); // the baseline, as npm start takes it

    await postMentionInChannel(page, 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging');
    const request = cards.filter({ hasText: 'Promote dispatch 2026.6.0 to production' }).last();
    await request.waitFor();
    const id = /CR-[0-9A-Z]{8}/.exec(await session.waitForText(request, /CR-[0-9A-Z]{8}/))![0];

    // Adele, an approver who is not the requester, approves in the same channel.
    const approved = await actAsUser(config, { who: 'adele', text: `approve ${id}`, channel: true });
    expect(approved.conversation.id).toBe('channel-image-approvals');

    const published = cards.filter({ hasText: 'gal_golden/dispatch 2026.6.0 was published' }).last();
    await published.waitFor({ timeout: 30_000 });
    const text = await published.innerText();
    expect(text).toContain('NEW VERSION');
    expect(text).toMatch(/Regions\W*East US 2, Central US/);
    expect(text).toMatch(/Latest\W*no: latest resolves to 2026\.5\.1/);
    expect(text).toContain(`Subscription ${subscription}: gal_golden`);
    await published.scrollIntoViewIfNeeded();
    await published.screenshot({ path: join(ARTIFACTS_DIR, 'subscription-published-card.png') });
    // The channel list, the card, and the request it came from below it (without the playground's log panel).
    const box = (await published.boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'subscription-published-channel.png'), clip: { x: 0, y: 0, width: 1060, height: Math.min(1400, box.y + box.height + 320) } });

    // The emulator replicates the new version region by region; replication has no Event Grid event, so the
    // watcher's check (an hour here) is run directly until both regions are on the one replication card.
    const replicated = cards.filter({ hasText: 'gal_golden/dispatch 2026.6.0 finished replicating' }).last();
    await waitForValue('the replication card', async () => {
      await bot.app.runWatcher();
      const shown = (await replicated.count()) > 0 ? await replicated.innerText() : '';
      return /East US 2/.test(shown) && /Central US/.test(shown) ? shown : undefined;
    }, 20_000);
    const replication = await replicated.innerText();
    expect(replication).toContain('REPLICATION COMPLETED');
    expect(replication).toContain('Mute this subscription for 24 h');
    expect(replication).toContain('Unsubscribe');
    await replicated.scrollIntoViewIfNeeded();
    const last = (await replicated.boundingBox())!;
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'subscription-replication-channel.png'), clip: { x: 0, y: 0, width: 1060, height: Math.min(1400, last.y + last.height + 40) } });
  });
});
