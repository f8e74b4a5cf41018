/**
 * The approval engine's truths, seen in the real chat client (Agents Playground in headless Chromium, the real bot,
 * the emulator behind the real SDK): a change whose outcome is lost shows CHECKING AZURE and then the outcome read
 * back from Azure; a decision storage could not record says so; a damaged request record is named as such while
 * everything else works; the audit record a card names proves the log with `audit verify --anchor`. Screenshots of
 * each go to test-artifacts/e2e/engine-*.png.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR, HAS_CHROMIUM } from '../helpers/browser';
import type { BotUnderTest } from '../helpers/bot-under-test';
import { openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-session';

const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;
jest.setTimeout(90_000);
const REQUEST_ID = /CR-[0-9A-Z]{8}/;

describeWithBrowser('the approval engine in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  let bot: BotUnderTest;
  let page: Page;
  let cards: Locator;

  beforeAll(async () => {
    session = await openPlaygroundSession({ emulator: { lroRetryAfterSeconds: 0, lroPollDelayMs: 1500 }, app: { observeIntervalMs: 3000 } });
    ({ bot, page, cards } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  const send = (text: string): Promise<void> => session.send(text);
  const asAdele = (text: string) => session.asUser('adele', text);
  const waitForText = (card: Locator, pattern: RegExp, timeoutMs?: number): Promise<string> => session.waitForText(card, pattern, timeoutMs);

  /**
   * Alex asks; the request card is the newest card with that title, pinned by the request id it shows through
   * every update (the first card naming it). Not "the last card": under load another card can land after it.
   */
  async function ask(text: string, title: RegExp): Promise<{ id: string; card: Locator }> {
    await send(text);
    const answer = cards.filter({ hasText: title }).last();
    await answer.getByRole('button', { name: 'Approve' }).waitFor();
    const id = REQUEST_ID.exec(await answer.innerText())?.[0];
    if (!id) throw new Error(`no request id on the card answering "${text}": ${await answer.innerText()}`);
    return { id, card: cards.filter({ hasText: id }).first() };
  }

  it('the answer to an approved change is lost: the card says CHECKING AZURE, then SUCCEEDED as read back from Azure', async () => {
    bot.emulator.setFaults({ malformed: { match: '^GET .*/capsOperations/' } });
    const { id, card } = await ask('retire dispatch 2026.4.0 because superseded by 2026.5.0', /Retire dispatch 2026\.4\.0/);
    expect((await asAdele(`approve ${id}`)).answers[0]?.firstLines).toContain(`You approved ${id}.`);
    const checking = await waitForText(card, /CHECKING AZURE/);
    expect(checking).toMatch(/Outcome unknown, checking Azure/);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'engine-1-checking-azure.png') });
    const done = await waitForText(card, /SUCCEEDED/);
    expect(done).toMatch(/Done, confirmed by reading the version back from Azure/);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'engine-2-succeeded-read-back.png') });
    bot.emulator.setFaults({});
  });

  it('an approval storage cannot record is answered "NOT recorded", and the request stays pending', async () => {
    const { id, card } = await ask('retire gpu-analytics 1.1.0 because replaced by 1.2.0', /Retire gpu-analytics 1\.1\.0/);
    const db = new DatabaseSync(bot.store.location);
    db.exec(`CREATE TRIGGER e2e_full_disk BEFORE INSERT ON audit WHEN NEW.action = 'request.approved' BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END;`);
    try {
      const answer = await asAdele(`approve ${id}`);
      expect(answer.answers.flatMap((a) => a.lines).join('\n')).toMatch(new RegExp(`Your approval of ${id} was NOT recorded`));
    } finally {
      db.exec('DROP TRIGGER e2e_full_disk');
      db.close();
    }
    expect((await bot.store.requests.get(id))!.state).toBe('pending');
    await page.getByText('Image publishers', { exact: true }).first().click();
    // The first match is the chat's own message (the log panel on the right repeats it).
    const notRecorded = page.getByText(`Your approval of ${id} was NOT recorded`).first();
    await notRecorded.waitFor();
    await notRecorded.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'engine-3-not-recorded.png') });
    await page.getByText('Personal Chat', { exact: true }).first().click();
    expect(await card.innerText()).toMatch(/PENDING/);
  });

  it('a damaged request record is named as damaged; pending and every other request still work; the card\'s audit record proves the log', async () => {
    const { id: broken } = await ask('retire dispatch 2026.5.0 because superseded by 2026.5.1', /Retire dispatch 2026\.5\.0/);
    const db = new DatabaseSync(bot.store.location);
    db.prepare('UPDATE requests SET body = ? WHERE id = ?').run('{ not json', broken);
    db.close();
    await send(`request ${broken}`);
    const damaged = cards.filter({ hasText: 'Damaged request record' }).last();
    await damaged.waitFor();
    expect(await damaged.innerText()).toMatch(/is damaged.*Tell the bot's operators/s);
    await damaged.screenshot({ path: join(ARTIFACTS_DIR, 'engine-4-damaged-record.png') });

    // The answer to `pending` is the first card after it: "Waiting for" alone would also match the request card
    // above ("Waiting for 1 more approval"), and did when the answer came a moment later.
    const before = await cards.count();
    await send('pending');
    const pending = cards.nth(before);
    await waitForText(pending, /Waiting for your approval|Your open requests/);
    expect(await pending.innerText()).not.toContain(broken);

    // The footer of a request card names its audit record; the log still holds it.
    const { card } = await ask('retire callcenter-desktop 2026.4.0 because superseded', /Retire callcenter-desktop 2026\.4\.0/);
    const anchor = /audit record #(\d+:[0-9a-f]{16})/.exec(await card.innerText())![1]!;
    await send(`audit verify --anchor ${anchor}`);
    const verified = page.getByText(/It still holds anchor #\d+/).last();
    await verified.waitFor();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'engine-5-audit-anchor.png') });
  });
});
