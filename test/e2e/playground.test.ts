/**
 * End to end in a real chat client: the Microsoft 365 Agents Playground, driven by headless Chromium, talking to
 * the real bot, which reads the emulator through the real SDK. Screenshots go to test-artifacts/e2e/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Child } from '../../src/launcher/child-process';
import { startPlayground } from '../../src/launcher/playground';
import { projectPath } from '../../src/project-root';
import { ARTIFACTS_DIR, CHROMIUM_PATH, HAS_CHROMIUM, freePort, launchChromium, postMentionInChannel, sendInPlayground } from '../helpers/browser';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';

if (!HAS_CHROMIUM) {
  console.warn(
    `\n${'!'.repeat(72)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run does.\n${'!'.repeat(72)}\n`,
  );
}
const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;

jest.setTimeout(90_000);

describeWithBrowser('in the Agents Playground (headless Chromium)', () => {
  let bot: BotUnderTest;
  let playground: Child;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    bot = await startBotUnderTest();
    const botPort = Number(new URL(bot.botUrl).port);
    const uiPort = await freePort();
    playground = await startPlayground({ botPort, uiPort, configFile: projectPath('config', 'playground.yml'), echo: () => undefined });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
    await page.goto(`http://127.0.0.1:${uiPort}`, { waitUntil: 'networkidle' });
    // The welcome card is the bot's answer to being installed: proof the playground reached the bot.
    await page.getByText('GalleryOps commands').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  const send = (text: string): Promise<void> => sendInPlayground(page, text);

  it('personal chat: image status dispatch 2026.05 renders the status card with centralus failed', async () => {
    await send('image status dispatch 2026.05');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'dispatch 2026.5.1' }).last();
    await card.waitFor();
    await card.getByText('✗ Failed', { exact: true }).waitFor();
    await card.getByText('Central US').waitFor();
    await card.getByText('Replication FAILED in 1 of 2 regions').waitFor();
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'status-card.png') });
  });

  it('a card button round-trips and the card updates in place', async () => {
    const cards = page.locator('.ac-adaptiveCard');
    const before = await cards.count();
    const status = cards.filter({ hasText: 'dispatch 2026.5.1' }).last();
    await status.getByRole('button', { name: 'All versions' }).click();
    const updated = cards.filter({ hasText: 'dispatch: 3 versions' }).last();
    await updated.waitFor();
    expect(await cards.count()).toBe(before);
    await updated.getByText('Replication FAILED in Central US (1 of 2 regions)').waitFor();
    await updated.screenshot({ path: join(ARTIFACTS_DIR, 'versions-card-after-click.png') });
  });

  it('evidence, usage and report render in the chat client with the facts responders need', async () => {
    const cards = page.locator('.ac-adaptiveCard');
    await send('evidence dispatch 2026.5.1');
    const evidence = cards.filter({ hasText: 'Download evidence bundle' }).last();
    await evidence.waitFor();
    await evidence.getByText('Central US').first().waitFor();
    await evidence.getByText('✗ Failed', { exact: true }).first().waitFor();
    await evidence.screenshot({ path: join(ARTIFACTS_DIR, 'evidence-card.png') });

    await send('usage dispatch 2026.5.0');
    const pinned = cards.filter({ hasText: 'vmss-dispatch-prod' }).last();
    await pinned.waitFor();
    await pinned.screenshot({ path: join(ARTIFACTS_DIR, 'usage-pinned.png') });

    await send('usage callcenter-desktop');
    const latest = cards.filter({ hasText: 'vmss-callcenter' }).last();
    await latest.waitFor();
    await latest.getByText(/latest/i).first().waitFor();
    await latest.screenshot({ path: join(ARTIFACTS_DIR, 'usage-latest.png') });

    await send('report');
    const report = cards.filter({ hasText: '2026.3.0' }).last();
    await report.waitFor();
    await report.getByText(/end of life/i).first().waitFor();
    await report.screenshot({ path: join(ARTIFACTS_DIR, 'report-card.png') });
  });

  it('team channel: @GalleryOps versions callcenter-desktop works with the mention', async () => {
    await page.getByText('General', { exact: true }).first().click();
    await postMentionInChannel(page, 'versions callcenter-desktop');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'callcenter-desktop: 4 versions' }).last();
    await card.waitFor();
    await card.getByText('Latest: 2026.5.0').waitFor();
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'channel-versions.png') });
  });
});
