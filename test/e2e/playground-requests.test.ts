/**
 * Change requests that make sense before anyone clicks, in the real chat client (Agents Playground in headless
 * Chromium, the real bot, the emulator behind the real SDK): a promotion that cannot pass is refused with its
 * fix, and that fix (`repair`) is approved and carried out until Central US is Completed; a gate that stops an
 * approved change says GalleryOps stopped it; an approve-ahead request runs once the emulator finishes
 * replicating; asking twice answers with the request already open. Adele approves through `npm run as`'s code.
 * Screenshots of each card go to test-artifacts/e2e/requests-*.png.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR, HAS_CHROMIUM } from '../helpers/browser';
import type { BotUnderTest } from '../helpers/bot-under-test';
import { openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-session';

const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;
jest.setTimeout(120_000);
const REQUEST_ID = /CR-[0-9A-Z]{8}/;
const SEA = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0', region: 'Southeast Asia' };

describeWithBrowser('change requests in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  let bot: BotUnderTest;
  let page: Page;
  let cards: Locator;

  beforeAll(async () => {
    session = await openPlaygroundSession({
      emulator: { lroRetryAfterSeconds: 0, lroPollDelayMs: 300, replicationMs: 3000 },
      env: { GATE_RECHECK_SECONDS: '5' },
      viewport: { width: 1400, height: 1600 },
    });
    ({ bot, page, cards } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  const send = (text: string): Promise<void> => session.send(text);
  const asAdele = async (text: string) => (await session.asUser('adele', text)).answers[0]?.firstLines ?? [];
  const shot = (card: Locator, name: string) => card.screenshot({ path: join(ARTIFACTS_DIR, `requests-${name}.png`) });
  const waitForText = (card: Locator, pattern: RegExp, timeoutMs = 30_000): Promise<string> => session.waitForText(card, pattern, timeoutMs);

  /** Alex types; the newest card showing `pattern` is the answer, and stays at its position from then on. */
  async function answerTo(text: string, pattern: RegExp): Promise<Locator> {
    const before = await cards.count();
    await send(text);
    await cards.filter({ hasText: pattern }).nth(0).waitFor();
    for (let i = 0; i < 100 && (await cards.count()) <= before; i++) await page.waitForTimeout(100);
    const card = cards.nth((await cards.count()) - 1);
    await waitForText(card, pattern);
    return card;
  }

  it('a promotion that cannot pass is refused with its fix; the fix, repair, is approved and carried out until Central US is Completed', async () => {
    const refused = await answerTo('promote dispatch 2026.5.1 to westus2', /Request refused/);
    const text = await refused.innerText();
    expect(text).toMatch(/Central US Failed/);
    expect(text).toMatch(/Nothing was sent to the approvers/);
    expect(text).toMatch(/To fix it, type: repair gal_golden\/dispatch 2026\.5\.1/);
    expect(text).not.toMatch(REQUEST_ID);
    await shot(refused, '1-refused-with-fix');

    const repair = await answerTo('repair gal_golden/dispatch 2026.5.1', /PENDING/);
    const id = REQUEST_ID.exec(await repair.innerText())![0];
    await shot(repair, '2-repair-pending');
    expect(await asAdele(`approve ${id}`)).toContain(`You approved ${id}.`);
    const done = await waitForText(repair, /SUCCEEDED/);
    expect(done).toMatch(/Central US/);
    await shot(repair, '3-repair-succeeded');

    const status = await answerTo('image status dispatch 2026.5.1', /Central US/);
    expect(await status.innerText()).not.toMatch(/Failed/);
    await shot(status, '4-status-after-repair');
  });

  it('a promotion waiting on replication whose region then fails: approved, it is stopped by GalleryOps before calling Azure', async () => {
    const asked = await answerTo('promote gal_golden/callcenter-desktop 2026.6.0 to latest', /Runs when Southeast Asia finishes replicating/);
    const id = REQUEST_ID.exec(await asked.innerText())![0];
    bot.emulator.setReplication({ ...SEA, state: 'Failed', progress: 55, details: 'Disk copy timed out.' });
    try {
      expect(await asAdele(`approve ${id}`)).toContain(`You approved ${id}.`);
      const stopped = await waitForText(asked, /FAILED/);
      expect(stopped).toMatch(/Stopped by GalleryOps before calling Azure/);
      expect(stopped).toMatch(/Azure was not called/);
      await shot(asked, '5-stopped-by-galleryops');
    } finally {
      bot.emulator.setReplication({ ...SEA, state: 'Replicating', progress: 40 });
    }
  });

  it('approve ahead: approved while Southeast Asia replicates, it runs once the emulator finishes replicating', async () => {
    const asked = await answerTo('promote gal_golden/callcenter-desktop 2026.6.0 to latest', /Runs when Southeast Asia finishes replicating \(40 % now\)/);
    const id = REQUEST_ID.exec(await asked.innerText())![0];
    await shot(asked, '6-approve-ahead-pending');
    expect(await asAdele(`approve ${id}`)).toContain(`You approved ${id}.`);
    await waitForText(asked, /APPROVED · WAITING/);
    await shot(asked, '7-approved-waiting');
    bot.emulator.setReplication({ ...SEA, state: 'Completed' });
    await waitForText(asked, /SUCCEEDED/);
    await shot(asked, '8-ran-when-replicated');
  });

  it('asking for the same change twice answers with the request already open', async () => {
    const first = await answerTo('retire dispatch 2026.4.0 because superseded by 2026.5.0', /PENDING/);
    const id = REQUEST_ID.exec(await first.innerText())![0];
    const before = await cards.count();
    await send('retire dispatch 2026.4.0 because superseded by 2026.5.0');
    // The words come as their own message, the request's card right after it (the one already open, not a new one).
    const words = page.getByText(/Already requested by Alex Wilber/).filter({ visible: true }).first();
    await words.waitFor();
    for (let i = 0; i < 100 && (await cards.count()) <= before; i++) await page.waitForTimeout(100);
    const again = cards.nth((await cards.count()) - 1);
    expect(await again.innerText()).toContain(id);
    expect((await bot.store.requests.listOpen()).filter((r) => r.target.image === 'dispatch' && r.target.version === '2026.4.0')).toHaveLength(1);
    await words.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'requests-9-duplicate-answered.png') });
  });
});
