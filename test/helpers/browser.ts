import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it so CI always runs the browser tests. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** Screenshots land here (ignored by git; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'test-artifacts', 'e2e');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
    // sandbox refuses; --no-sandbox because CI runs as root.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A port that was free a moment ago (the playground needs a number, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Types a message into the Agents Playground's compose box (a lexical editor) and sends it. */
export async function sendInPlayground(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').last().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Posts `@GalleryOps <text>` in the open channel: the channel's "Start a new post" box (the first editor), the
 * playground's mention typeahead (which turns "@Gall" into a real mention entity, as Teams does), then Post.
 */
export async function postMentionInChannel(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').first().click();
  await page.keyboard.type('@Gall');
  await page.locator('#typeahead-menu').getByRole('menuitem', { name: /GalleryOps/ }).click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post' }).click();
}
