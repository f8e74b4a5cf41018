/**
 * Through the real HTTP endpoint: `evidence dispatch 2026.5.1` POSTed to /api/messages (real SDK, emulator with
 * the demo seed), then the card's link downloaded over real HTTP from the bot, and refused when tampered with,
 * forged, expired, garbage, or pointing at an altered record. No answer is a 500 or carries a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../src/audit/canonical-json';
import { tamperStoredBundle } from '../helpers/tamper-evidence';
import { signEvidenceToken } from '../../src/evidence/download-link';
import type { JsonValue } from '../../src/json-value';
import { createLogger } from '../../src/logging/logger';
import { createServer, listen } from '../../src/server';
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { allActions, cardText, expectValidCard } from '../helpers/validate-card';

const KEY = 'integration-signing-key-0123456789abcdefghij';
/** The README's check of a downloaded bundle, without GalleryOps: recompute the canonical JSON's SHA-256. */
const VERIFY_ONE_LINER =
  'const c=v=>Array.isArray(v)?"["+v.map(c)+"]":v&&typeof v=="object"?"{"+Object.keys(v).sort().map(k=>JSON.stringify(k)+":"+c(v[k]))+"}":JSON.stringify(v);' +
  'const b=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const h=b.sha256;delete b.sha256;' +
  'console.log(require("crypto").createHash("sha256").update(c(b)).digest("hex")===h?"intact "+h:"ALTERED")';

let bot: BotUnderTest;
const clock = { offsetMs: 0 };
let n = 0;

beforeAll(async () => {
  bot = await startBotUnderTest({}, { EVIDENCE_SIGNING_KEY: KEY }, { now: () => new Date(Date.now() + clock.offsetMs) });
});
afterAll(async () => {
  await bot?.stop();
});
afterEach(() => {
  clock.offsetMs = 0;
});

async function say(text: string): Promise<Record<string, unknown>> {
  const conversationId = `evidence-${++n}`;
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId }));
  expect(res.status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1);
  return reply!;
}

/** The card's download link, pointed at the bot under test (it listens on a free port, not the configured one). */
async function evidenceCard(text = 'evidence dispatch 2026.5.1'): Promise<{ lines: string; hash: string; token: string; url: string }> {
  const card = cardOf(await say(text));
  expectValidCard(card);
  const lines = cardText(card).join('\n');
  const link = String(allActions(card).find((a) => a.type === 'Action.OpenUrl' && a.title === 'Download evidence bundle')!.url);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3978\/evidence\//);
  const token = link.split('/evidence/')[1]!;
  return { lines, hash: /\b[0-9a-f]{64}\b/.exec(lines)![0], token, url: `${bot.botUrl}/evidence/${token}` };
}

async function get(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

function expectRefusal(res: { status: number; headers: Headers; body: Buffer }, status: number, error: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const text = res.body.toString('utf8');
  expect(JSON.parse(text)).toMatchObject({ error });
  expect(text).not.toMatch(/stack|\bat \w+ \(|node_modules|Error:/);
  expect(text).not.toContain(KEY);
}

test('evidence dispatch 2026.5.1 shows the centralus failure and the bundle link, which downloads the exact canonical bytes', async () => {
  const { lines, hash, url } = await evidenceCard();
  expect(lines).toContain('Evidence: dispatch 2026.5.1');
  expect(lines).toMatch(/Replication FAILED in Central US/);
  expect(lines.indexOf('Central US')).toBeLessThan(lines.indexOf('East US 2'));
  expect(lines).toMatch(/Built from: /);
  expect(lines).toMatch(/Latest: yes/);
  expect(lines).toMatch(/Link expires: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in (59 min|1 h)\)/);

  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="galleryops-evidence-dispatch-2026.5.1-${hash.slice(0, 8)}.json"`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const text = res.body.toString('utf8');
  const bundle = JSON.parse(text) as { sha256: string; subject: unknown; snapshots: Array<{ kind: string; azCommand: string; body: { replication?: { regions: Array<{ region: string; state: string }> } }; verbatim: { responses?: Array<{ body: string }> } }> };
  // Canonical: parsing and re-canonicalising gives the same bytes.
  expect(canonicalJson(bundle as unknown as JsonValue)).toBe(text);
  expect(bundle.sha256).toBe(hash);
  const { sha256: _h, ...content } = bundle;
  expect(createHash('sha256').update(canonicalJson(content as unknown as JsonValue), 'utf8').digest('hex')).toBe(hash);
  expect(bundle.subject).toEqual({ subscription: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1' });
  const version = bundle.snapshots.find((s) => s.kind === 'version')!;
  expect(version.azCommand).toMatch(/--gallery-image-version 2026\.5\.1 --expand ReplicationStatus,ValidationProfile$/);
  // ARM's verbatim answers ride in the same canonical bytes, so the one-liner below covers them too.
  expect(version.verbatim.responses?.[0]?.body).toMatch(/^\{.*"replicationStatus"/s);
  expect(version.body.replication!.regions).toContainEqual(expect.objectContaining({ state: 'Failed' }));

  // The README's offline check agrees, and catches an edit.
  const dir = mkdtempSync(join(tmpdir(), 'galleryops-evidence-'));
  try {
    const file = join(dir, 'bundle.json');
    writeFileSync(file, res.body);
    expect(execFileSync(process.execPath, ['-e', VERIFY_ONE_LINER, file], { encoding: 'utf8' }).trim()).toBe(`intact ${hash}`);
    writeFileSync(file, text.replace('"Failed"', '"Completed"'));
    expect(execFileSync(process.execPath, ['-e', VERIFY_ONE_LINER, file], { encoding: 'utf8' }).trim()).toBe('ALTERED');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const verdict = await say(`evidence verify ${url}`);
  expect(String(verdict.text)).toMatch(new RegExp(`The link is genuine[\\s\\S]*Bundle \`${hash}\` intact`));
});

test('tampered links are refused with 403: a flipped byte in the payload or the signature, swapped signatures, another key', async () => {
  const a = await evidenceCard();
  const b = await evidenceCard('evidence dispatch 2026.5.0');
  const [payload, signature] = a.token.split('.') as [string, string];
  const flip = (s: string, i: number): string => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
  const tampered = [
    `${flip(payload, 5)}.${signature}`,
    `${flip(payload, payload.length - 1)}.${signature}`,
    `${payload}.${flip(signature, 0)}`,
    `${payload}.${flip(signature, signature.length - 1)}`,
    `${payload}.${b.token.split('.')[1]}`,
    `${b.token.split('.')[0]}.${signature}`,
    signEvidenceToken({ hash: a.hash, exp: Math.floor(Date.now() / 1000) + 3600 }, 'not-the-bot-key-but-long-enough-1234567890'),
  ];
  for (const token of tampered) expectRefusal(await get(`${bot.botUrl}/evidence/${token}`), 403, 'invalid-link');
  // Positive control: both genuine links still download.
  expect((await get(a.url)).status).toBe(200);
  expect((await get(b.url)).status).toBe(200);
});

test('garbage tokens, an empty one included, get 403, never a 500', async () => {
  const garbage = ['', 'x', 'a.b', '%00', '%2e%2e%2f%2e%2e', 'ünïcödé', encodeURIComponent('<script>alert(1)</script>'), 'A'.repeat(5000), `${'A'.repeat(300)}.${'A'.repeat(43)}`];
  for (const token of garbage) expectRefusal(await get(`${bot.botUrl}/evidence/${token}`), 403, 'invalid-link');
});

test('an expired link answers 410 by the app\'s clock, and can still be verified in chat', async () => {
  const { url, hash } = await evidenceCard();
  clock.offsetMs = 61 * 60_000;
  expectRefusal(await get(url), 410, 'link-expired');
  const verdict = await say(`evidence verify ${url}`);
  expect(String(verdict.text)).toMatch(new RegExp(`expired at[\\s\\S]*Bundle \`${hash}\` intact`));
  clock.offsetMs = 0;
  expect((await get(url)).status).toBe(200);
});

test('a genuine link to a record that was edited in the store answers 409, and one to a missing record 404', async () => {
  const { url, hash } = await evidenceCard('evidence records 2026.5.0');
  await tamperStoredBundle(bot.store, hash, (bundle) => ({ ...bundle, generatedBy: { name: 'Mallory' } }));
  expectRefusal(await get(url), 409, 'bundle-altered');
  expect(String((await say(`evidence verify ${hash}`)).text)).toMatch(/ALTERED/);

  const missing = signEvidenceToken({ hash: 'c3'.repeat(32), exp: Math.floor(Date.now() / 1000) + 600 }, KEY);
  expectRefusal(await get(`${bot.botUrl}/evidence/${missing}`), 404, 'bundle-not-found');
});

test('a store that fails answers 503 with no detail, never a 500 or a stack trace', async () => {
  const server = createServer({
    messages: async () => ({ kind: 'handled', status: 200 }),
    logger: createLogger('silent'),
    readiness: () => ({ ready: true, damagedRecords: [] }),
    evidence: async () => {
      throw new Error('EIO: /var/lib/galleryops/secret-path');
    },
  });
  const port = await listen(server, 0, '127.0.0.1');
  try {
    const res = await get(`http://127.0.0.1:${port}/evidence/anything`);
    expect(res.status).toBe(503);
    expect(res.body.toString()).not.toMatch(/EIO|secret-path|stack/);
  } finally {
    server.close();
  }
});
