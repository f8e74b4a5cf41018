/**
 * ARM's answers verbatim in the bundle, through the real HTTP endpoint, the real SDK and the emulator: each
 * snapshot holds the exact bytes the emulator served to the bot's own GETs (checked against a raw HTTPS GET of
 * the recorded URL), with the URL, api-version, x-ms-request-id and read time, and a field no SDK knows yet is
 * kept there while the card still renders.
 */
import type { EvidenceArmResponse, EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { GALLERY_API_VERSION } from '../../src/evidence/reproduce-commands';
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, expectValidCard } from '../helpers/validate-card';
import { loadExample, parentSeed, pathsOf, PLACEHOLDERS } from '../emulator/arm-examples';
import { armRequest } from '../emulator/emulator-fixture';

const KEY = 'verbatim-signing-key-0123456789abcdefghijkl';
const definition = loadExample('2025-12-03/GalleryImage_Get.json');
const example = loadExample('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json');
const p = example.parameters;
const paths = pathsOf(p);
const REGIONS = ['West US', 'East US', ...Array.from({ length: 58 }, (_, i) => `Region ${String(i).padStart(2, '0')}`)];

/** The example version with a field from a future api-version and 60 target regions (a large answer). */
function futureVersion(): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(example.responses['200']!.body)) as { properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  body.properties['quantumAttestationProfile'] = { attested: true, verdict: 'Entangled ✓', scores: [1.5, 2], nested: { since: '2031-01-01' } };
  const template = body.properties['publishingProfile'].targetRegions[0];
  body.properties['publishingProfile'].targetRegions = REGIONS.map((name) => ({ ...template, name }));
  return body;
}

let bot: BotUnderTest;
let n = 0;
beforeAll(async () => {
  bot = await startBotUnderTest(
    { placeholders: PLACEHOLDERS, seed: [parentSeed(p)[0]!, { resource: definition.responses['200']!.body, at: paths.image }, { resource: futureVersion(), at: paths.version }] },
    { EVIDENCE_SIGNING_KEY: KEY },
  );
});
afterAll(async () => {
  await bot?.stop();
});

async function evidence(text: string): Promise<{ lines: string; hash: string; bundle: EvidenceBundle; started: Date; ended: Date }> {
  const conversationId = `verbatim-${++n}`;
  const started = new Date();
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId }));
  expect(res.status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1);
  const ended = new Date();
  const card = cardOf(reply!);
  expectValidCard(card);
  const lines = cardText(card).join('\n');
  const hash = /\b[0-9a-f]{64}\b/.exec(lines)![0];
  return { lines, hash, bundle: (await bot.store.evidence.get(hash)) as unknown as EvidenceBundle, started, ended };
}

const responsesOf = (bundle: EvidenceBundle, kind: string): EvidenceArmResponse[] => {
  const verbatim = bundle.snapshots.find((s) => s.kind === kind)!.verbatim;
  if (!('responses' in verbatim)) throw new Error(`no verbatim answers for ${kind}: ${verbatim.unavailable}`);
  return verbatim.responses;
};

test('every snapshot holds the bytes the emulator served to the bot, with URL, api-version, x-ms-request-id and read time', async () => {
  const { lines, bundle, started, ended } = await evidence(`evidence ${p['galleryImageName']} ${p['galleryImageVersionName']}`);
  expect(lines).toMatch(/ARM's answers: \d+ responses kept verbatim \(exact body, URL, api-version, x-ms-request-id, read time\)/);
  const all = bundle.snapshots.flatMap((s) => responsesOf(bundle, s.kind));
  expect(all.length).toBeGreaterThanOrEqual(3);
  for (const response of all) {
    expect(response).toMatchObject({ method: 'GET', status: 200, apiVersion: GALLERY_API_VERSION, contentType: expect.stringMatching(/^application\/json/) });
    expect(new URL(response.url).searchParams.get('api-version')).toBe(GALLERY_API_VERSION);
    expect(response.url.startsWith(bot.emulator.url)).toBe(true);
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/i);
    // Read by the bot's clock while the command ran.
    expect(Date.parse(response.readAt)).toBeGreaterThanOrEqual(started.getTime());
    expect(Date.parse(response.readAt)).toBeLessThanOrEqual(ended.getTime());
    // The auditor's replay: the same URL, read raw, gives the same bytes.
    const raw = await armRequest(bot.emulator, response.url);
    expect(raw.status).toBe(200);
    expect(Buffer.from(response.body!, 'utf8').equals(Buffer.from(raw.text, 'utf8'))).toBe(true);
  }
  expect(new Set(all.map((r) => r.requestId)).size).toBe(all.length);
  // The snapshot's recorded request (and its az command) is the GET the bot really sent.
  const recorded = bundle.snapshots.find((s) => s.kind === 'version')!.armRequest;
  const sent = responsesOf(bundle, 'version').map((r) => new URL(r.url));
  expect(sent.map((u) => [u.pathname, u.searchParams.get('api-version'), u.searchParams.get('$expand')])).toEqual([[recorded.path, recorded.apiVersion, recorded.expand]]);
  expect(responsesOf(bundle, 'versions').some((r) => new URL(r.url).pathname === `${paths.image}/versions`)).toBe(true);
});

test('a field from a future api-version is kept in the bundle, and the card with 60 regions still renders', async () => {
  const { lines, bundle } = await evidence(`evidence ${p['galleryImageName']} ${p['galleryImageVersionName']}`);
  expect(lines).toContain(`Evidence: ${p['galleryImageName']} ${p['galleryImageVersionName']}`);
  expect(lines).toContain('Region 57');
  const served = responsesOf(bundle, 'version').find((r) => new URL(r.url).pathname === paths.version)!;
  const parsed = JSON.parse(served.body!) as { properties: Record<string, unknown> };
  expect(parsed.properties['quantumAttestationProfile']).toEqual({ attested: true, verdict: 'Entangled ✓', scores: [1.5, 2], nested: { since: '2031-01-01' } });
  expect((parsed.properties['publishingProfile'] as { targetRegions: unknown[] }).targetRegions).toHaveLength(60);
  // The bot's own summary does not model it: the verbatim answer is the only place it survives.
  expect(JSON.stringify(bundle.snapshots.find((s) => s.kind === 'version')!.body)).not.toContain('quantumAttestationProfile');
});

test('asked again with the same answers from ARM (new request ids, new read times), the stored bundle is handed out again', async () => {
  const first = await evidence(`evidence ${p['galleryImageName']} ${p['galleryImageVersionName']}`);
  const again = await evidence(`evidence ${p['galleryImageName']} ${p['galleryImageVersionName']}`);
  expect(again.hash).toBe(first.hash);
  expect(again.lines).toMatch(/Bundle made: .*with the same facts as read now \(no new bundle stored\)/);
});
