/**
 * `image status` as a Teams user sees it for a version with the facts issue 11 added: built from a VHD (with its
 * storage account), validations run with their platform attributes, and an edge zone. The demo's records
 * 2026.5.0 carries them; the card's screenshot is kept in test-artifacts/e2e/ (docs/ holds the one the README shows).
 */
import { join } from 'node:path';
import { ARTIFACTS_DIR, CHROMIUM_PATH, HAS_CHROMIUM } from '../helpers/browser';
import { openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-session';

if (!HAS_CHROMIUM) console.warn(`BROWSER TEST SKIPPED: no Chromium at ${CHROMIUM_PATH}.`);
const describeWithBrowser = HAS_CHROMIUM ? describe : describe.skip;
jest.setTimeout(90_000);

describeWithBrowser('image status of a VHD-built, validated version with an edge zone (headless Chromium)', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await openPlaygroundSession({ viewport: { width: 1400, height: 3000 } });
  });
  afterAll(() => session?.close());

  it('shows the VHD, the validations and the edge zone in their groups', async () => {
    await session.send('image status records 2026.5.0');
    const card = session.cards.filter({ hasText: 'records 2026.5.0' }).last();
    await card.waitFor();
    const text = await session.waitForText(card, /attatlanta1/);
    expect(text).toMatch(/records-2026\.5\.0\.vhd/);
    expect(text).toMatch(/stimagebuilds/);
    expect(text).toMatch(/SecurityBaseline/);
    expect(text).toMatch(/CIS Level 1/);
    await card.screenshot({ path: join(ARTIFACTS_DIR, 'status-card-version-facts.png') });
  });
});
