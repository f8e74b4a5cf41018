/**
 * EVIDENCE_SIGNING_KEYS=<new>,<old>: the first key signs new links, every listed key verifies, so a rotation
 * does not break links already handed out. Real HTTP: a bot on the old key makes a link; a bot on the rotated
 * list (same store, same emulator) serves it and signs its own with the new key; once the old key is dropped
 * its links are refused.
 */
import { loadConfig } from '../../src/config';
import { configProblems as problemsOf } from '../helpers/config-problems';
import { checkEvidenceToken, signEvidenceToken } from '../../src/evidence/download-link';
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { allActions } from '../helpers/validate-card';

const OLD = 'old-signing-key-0123456789abcdefghijklmnop';
const NEW = 'new-signing-key-0123456789abcdefghijklmnop';
const HASH = 'a'.repeat(64);
const NOW = new Date('2026-12-01T00:00:00Z');


describe('EVIDENCE_SIGNING_KEYS settings', () => {
  it('signs with the first key and verifies with all; the single-key setting still works alone', () => {
    expect(loadConfig({ EVIDENCE_SIGNING_KEYS: `${NEW}, ${OLD}` }).evidence).toMatchObject({ signingKey: NEW, verifyKeys: [NEW, OLD] });
    expect(loadConfig({ EVIDENCE_SIGNING_KEY: OLD }).evidence).toMatchObject({ signingKey: OLD, verifyKeys: [OLD] });
    const local = loadConfig({}).evidence;
    expect(local.verifyKeys).toEqual([local.signingKey]);
  });

  it('refuses both settings at once, a short key (by position, never by value), a repeated key, and counts as the key a deployed bot needs', () => {
    expect(problemsOf({ EVIDENCE_SIGNING_KEY: OLD, EVIDENCE_SIGNING_KEYS: NEW }).join()).toMatch(/set one of them, not both/);
    const short = problemsOf({ EVIDENCE_SIGNING_KEYS: `${NEW},short-key` }).join();
    expect(short).toMatch(/EVIDENCE_SIGNING_KEYS: key 2 must be at least 32/);
    expect(short).not.toContain('short-key');
    expect(problemsOf({ EVIDENCE_SIGNING_KEYS: `${NEW},${NEW}` }).join()).toMatch(/lists a key twice/);
    const deployed = { MicrosoftAppId: '0b5f3c2e-1d4a-4f6b-9c8d-7e6f5a4b3c2d', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
    expect(problemsOf({ ...deployed, EVIDENCE_SIGNING_KEYS: `${NEW},${OLD}` })).toEqual([]);
    expect(problemsOf(deployed).join()).toMatch(/EVIDENCE_SIGNING_KEY: required/);
  });

  it('verifies a token signed with any listed key and refuses one signed with a key not listed', () => {
    const exp = Math.floor(NOW.getTime() / 1000) + 600;
    const byOld = signEvidenceToken({ hash: HASH, exp }, OLD);
    expect(checkEvidenceToken(byOld, [NEW, OLD], NOW)).toEqual({ ok: true, claims: { hash: HASH, exp } });
    expect(checkEvidenceToken(byOld, [NEW], NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(checkEvidenceToken(byOld, OLD, NOW)).toMatchObject({ ok: true });
  });
});

describe('a rotation over HTTP', () => {
  let before: BotUnderTest;
  let rotated: BotUnderTest | undefined;
  let after: BotUnderTest | undefined;
  beforeAll(async () => {
    before = await startBotUnderTest({}, { EVIDENCE_SIGNING_KEY: OLD });
  });
  afterAll(async () => {
    await Promise.allSettled([rotated?.stop(), after?.stop()]);
    await before?.stop();
  });

  async function downloadToken(bot: BotUnderTest, conversationId: string): Promise<string> {
    expect((await post(bot.botUrl, message('evidence gal_golden/dispatch 2026.5.1', { serviceUrl: bot.serviceUrl, conversationId }))).status).toBe(200);
    const [reply] = await bot.connector.waitForMessages(conversationId, 1);
    const link = String(allActions(cardOf(reply!)).find((a) => a.type === 'Action.OpenUrl' && a.title === 'Download evidence bundle')!.url);
    return link.split('/evidence/')[1]!;
  }
  const download = async (bot: BotUnderTest, token: string) => (await fetch(`${bot.botUrl}/evidence/${token}`)).status;

  it('keeps links made before the rotation working, signs new ones with the new key, and drops the old key when told', async () => {
    const oldLink = await downloadToken(before, 'rotation-1');
    // The same store and Azure: another instance (or the restarted one) after the rotation.
    rotated = await startBotUnderTest({}, { EVIDENCE_SIGNING_KEYS: `${NEW},${OLD}` }, { emulator: before.emulator, store: before.store });
    expect(await download(rotated, oldLink)).toBe(200);
    const newLink = await downloadToken(rotated, 'rotation-2');
    expect(checkEvidenceToken(newLink, NEW, new Date())).toMatchObject({ ok: true });
    expect(await download(rotated, newLink)).toBe(200);
    // An instance still on the old key alone cannot verify the new links: why a rotation lists both keys first.
    expect(await download(before, newLink)).toBe(403);
    after = await startBotUnderTest({}, { EVIDENCE_SIGNING_KEYS: NEW }, { emulator: before.emulator, store: before.store });
    expect(await download(after, newLink)).toBe(200);
    expect(await download(after, oldLink)).toBe(403);
  });
});
