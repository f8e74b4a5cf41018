/**
 * Approvals end to end in the real chat client: the Agents Playground in headless Chromium, the real bot with
 * the demo's pending request (by Megan Bowen), the emulator behind the real SDK. Alex clicks through `pending`
 * → Open → Approve; then Alex asks for a promotion and Adele (another playground user) approves it through
 * `npm run as`'s code. What is asserted is what Alex sees: the same card, updated in place by the bot's
 * updateActivity, ending in "succeeded". Screenshots of each card state go to test-artifacts/e2e/.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { cardLines } from '../../scripts/as-user/card-lines';
import { PlaygroundStream, type StreamEvent } from '../../scripts/as-user/playground-stream';
import { ARTIFACTS_DIR, HAS_CHROMIUM } from '../helpers/browser';
import type { BotUnderTest } from '../helpers/bot-under-test';
import { openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-session';

// playground.test.ts prints the warning when Chromium is missing.
const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;

jest.setTimeout(90_000);

const PERSONAL_CHAT = 'personal-chat-galleryops';
const ADELE = { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' };
const REQUEST_ID = /CR-[0-9A-Z]{8}/;

describeWithBrowser('approvals in the Agents Playground (headless Chromium)', () => {
  let session: PlaygroundSession;
  let bot: BotUnderTest;
  let page: Page;
  let cards: Locator;
  /** What the playground pushed to its page (the same socket `npm run as` reads): proof of in-place updates. */
  let stream: PlaygroundStream;

  beforeAll(async () => {
    session = await openPlaygroundSession({ emulator: { lroRetryAfterSeconds: 0 }, app: { seedDemoRequest: true } });
    ({ bot, page, cards } = session);
    // Connected after the page, so the playground has nothing buffered to hand this listener instead of the page.
    stream = await PlaygroundStream.open(`http://127.0.0.1:${session.uiPort}`);
  });

  afterAll(async () => {
    stream?.close();
    await session?.close();
  });

  const send = (text: string): Promise<void> => session.send(text);
  const waitForText = (card: Locator, pattern: RegExp, timeoutMs?: number): Promise<string> => session.waitForText(card, pattern, timeoutMs);

  /** The playground's updateMessage pushes for one personal-chat message whose card matches `pattern`. */
  function updatesOf(messageId: string, pattern: RegExp): StreamEvent[] {
    return stream
      .events()
      .filter((e) => e.action === 'updateMessage' && e.conversationId === PERSONAL_CHAT && e.messageId === messageId)
      .filter((e) => pattern.test(e.attachments.flatMap((a) => cardLines(a.content)).join('\n')));
  }

  /** The personal-chat message the bot created with a card matching `pattern` (its id, as the playground knows it). */
  async function createdMessageId(pattern: RegExp): Promise<string> {
    const created = await stream.waitFor(
      (e) => e.action === 'createMessage' && e.conversationId === PERSONAL_CHAT && pattern.test(e.attachments.flatMap((a) => cardLines(a.content)).join('\n')),
      10_000,
    );
    return created.messageId;
  }

  it("pending → Open → Approve: Megan's request card turns into the request card, then updates in place until it succeeded", async () => {
    await send('pending');
    const pending = cards.filter({ hasText: 'Waiting for your approval (1)' }).last();
    await pending.waitFor();
    await pending.getByText(/asked by Megan Bowen/).waitFor();
    const id = REQUEST_ID.exec(await pending.innerText())![0];
    const messageId = await createdMessageId(/Waiting for your approval \(1\)/);
    await pending.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-1-pending-card.png') });

    // The pending card is the newest message; it stays at this position from here on.
    const count = await cards.count();
    const card = cards.nth(count - 1);
    expect(await card.innerText()).toContain('Waiting for your approval (1)');

    await card.getByRole('button', { name: 'Open' }).click();
    let text = await waitForText(card, /PENDING/);
    expect(text).toContain(`Request ${id}`);
    expect(text).toContain('Retire callcenter-desktop 2026.4.0 (gal_golden)');
    expect(text).toContain('Requested by\n\nMegan Bowen');
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    expect(await cards.count()).toBe(count);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-2-request-card-pending.png') });

    const answered = page.waitForResponse((r) => r.url().includes('/_conversation/v1/invoke'));
    await card.getByRole('button', { name: 'Approve' }).click();
    const answer = (await (await answered).json()) as { type?: string; value?: unknown };
    const answerText = cardLines(answer.value).join('\n');
    expect(answerText).toContain(`You approved ${id}.`);

    text = await waitForText(card, /SUCCEEDED/);
    expect(text).toContain('Done: gal_golden/callcenter-desktop 2026.4.0 updated');
    expect(text).toContain('✓ Alex Wilber');
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await cards.count()).toBe(count);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-3-request-card-succeeded.png') });

    // "Succeeded" was not in the click's answer: it reached this very message through the bot's updateActivity,
    // which the playground pushes to the page as an update of the same message id.
    expect(answerText).not.toMatch(/SUCCEEDED/);
    expect(updatesOf(messageId, /SUCCEEDED/).length).toBeGreaterThan(0);
  });

  it('Alex asks to promote to production; Adele approves as another user (npm run as); Alex sees the card succeed and the new version excluded from latest', async () => {
    await send('promote gal_staging/dispatch 2026.6.0 to production');
    const asked = cards.filter({ hasText: 'Promote dispatch 2026.6.0 to production' }).last();
    await asked.getByRole('button', { name: 'Approve' }).waitFor();
    const count = await cards.count();
    const card = cards.nth(count - 1);
    const text = await card.innerText();
    expect(text).toContain('Promote dispatch 2026.6.0 to production');
    expect(text).toContain('PENDING');
    const id = REQUEST_ID.exec(text)![0];
    const messageId = await createdMessageId(new RegExp(`Request ${id}`));
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-4-promote-request-pending.png') });

    // Adele is not the current user: `npm run as -- adele "approve <id>"` runs exactly this.
    const adele = await session.asUser('adele', `approve ${id}`);
    expect(adele.from).toEqual(ADELE);
    expect(adele.conversation.id).toBe('group-chat-image-publishers');
    expect(adele.answers[0]?.firstLines).toContain(`You approved ${id}.`);

    const done = await waitForText(card, /SUCCEEDED/);
    expect(done).toContain('✓ Adele Vance');
    expect(done).toMatch(/Done: .*gal_golden\/dispatch/);
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await cards.count()).toBe(count);
    expect(updatesOf(messageId, /SUCCEEDED/).length).toBeGreaterThan(0);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-5-promote-card-succeeded.png') });

    // Adele's answer is in the group chat (the playground does not show her message, only the bot's answer).
    await page.getByText('Image publishers', { exact: true }).first().click();
    const inGroup = cards.filter({ hasText: `Request ${id}` }).last();
    await inGroup.waitFor();
    await waitForText(inGroup, /SUCCEEDED/);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-6-group-chat-adele-approval.png') });

    await page.getByText('Personal Chat', { exact: true }).first().click();
    await send('versions gal_golden/dispatch');
    const versions = cards.filter({ hasText: 'dispatch: 4 versions' }).last();
    await versions.waitFor();
    const rows = await versions.innerText();
    expect(rows).toContain('Latest: 2026.5.1');
    expect(versionRow(rows, '2026.6.0')).toContain('Excluded from latest');
    expect(versionRow(rows, '2026.5.1')).not.toContain('Excluded from latest');
    await versions.screenshot({ path: join(ARTIFACTS_DIR, 'approvals-7-versions-after-promotion.png') });
  });
});

/** The lines of a versions card from `version`'s line to the next version's line. */
function versionRow(cardText: string, version: string): string {
  const lines = cardText.split('\n').map((l) => l.trim()).filter(Boolean);
  const start = lines.indexOf(version);
  if (start === -1) throw new Error(`no row for ${version} in:\n${cardText}`);
  const end = lines.findIndex((l, i) => i > start && /^\d+\.\d+\.\d+$/.test(l));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}
