/**
 * What every end-to-end test in the real chat client starts with: the real bot (against the emulator through the
 * real SDK), the Agents Playground pointed at it, headless Chromium on the playground's page, and the ways a test
 * acts and looks there (Alex types, another demo user acts through `npm run as`'s code, a card's text is polled).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { actAsUser } from '../../scripts/as-user/act-as-user';
import type { EmulatorOptions } from '../../emulator/start-emulator';
import { loadConfig } from '../../src/config';
import type { Child } from '../../src/launcher/child-process';
import { startPlayground } from '../../src/launcher/playground';
import { projectPath } from '../../src/project-root';
import { freePort, launchChromium, sendInPlayground } from './browser';
import { startBotUnderTest, type BotUnderTest } from './bot-under-test';

export interface PlaygroundSession {
  bot: BotUnderTest;
  uiPort: number;
  page: Page;
  /** Every Adaptive Card on the page, oldest first. */
  cards: Locator;
  /** Alex (the playground's current user) types `text`. */
  send(text: string): Promise<void>;
  /** Another demo user (`adele`, `patti`, …) says `text` in the group chat, as `npm run as` does. */
  asUser(who: string, text: string): ReturnType<typeof actAsUser>;
  /** Polls the card's text until it matches (the bot updates cards in place, in the background). */
  waitForText(card: Locator, pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export interface PlaygroundSessionOptions {
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
  app?: Parameters<typeof startBotUnderTest>[2];
  /** Tall enough for the tallest card a test screenshots whole. */
  viewport?: { width: number; height: number };
}

export async function openPlaygroundSession(o: PlaygroundSessionOptions = {}): Promise<PlaygroundSession> {
  const bot = await startBotUnderTest(o.emulator ?? {}, o.env ?? {}, o.app ?? {});
  let playground: Child | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await playground?.stop();
    await bot.stop();
  };
  try {
    const uiPort = await freePort();
    playground = await startPlayground({ botPort: Number(new URL(bot.botUrl).port), uiPort, configFile: projectPath('config', 'playground.yml'), echo: () => undefined });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: o.viewport ?? { width: 1400, height: 1400 } });
    await page.goto(`http://127.0.0.1:${uiPort}`, { waitUntil: 'networkidle' });
    await page.getByText('GalleryOps commands').first().waitFor();
    return {
      bot,
      uiPort,
      page,
      cards: page.locator('.ac-adaptiveCard'),
      send: (text) => sendInPlayground(page, text),
      asUser: (who, text) => actAsUser(loadConfig({ LOG_LEVEL: 'silent', GALLERYOPS_PLAYGROUND_PORT: String(uiPort) }), { who, text }),
      async waitForText(card, pattern, timeoutMs = 20_000) {
        const deadline = Date.now() + timeoutMs;
        let text = '';
        while (Date.now() < deadline) {
          text = await card.innerText();
          if (pattern.test(text)) return text;
          await page.waitForTimeout(150);
        }
        throw new Error(`the card never showed ${pattern} within ${timeoutMs} ms; it shows:\n${text}`);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
