/**
 * `evidence verify` as a handler: intact, altered (the stored record edited through the store), unknown; from a
 * hash or a link (valid, expired, forged); and whether the bundle's audit anchor is still in today's chain.
 */
import type { AuditRecord } from '../../src/audit/audit-record';
import { hashAuditRecord } from '../../src/audit/hash-record';
import { tamperStoredBundle } from '../helpers/tamper-evidence';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { sealBundle } from '../../src/evidence/seal-bundle';
import type { JsonValue } from '../../src/json-value';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { allActions } from '../helpers/validate-card';
import { cardOf, evidenceHarness, hashOn, sampleEntries, sampleRequest, textOf, type EvidenceHarness } from './evidence-fixture';

let h: EvidenceHarness;
beforeEach(async () => {
  h = await evidenceHarness();
});
afterEach(async () => {
  await h.close();
});

/** A bundle of dispatch 2026.5.1 with one request and its three audit records. */
async function makeBundle(): Promise<{ hash: string; url: string }> {
  await h.store.requests.commit({ request: { create: sampleRequest() }, audit: [] });
  await h.ctx.audit!.append(...sampleEntries(sampleRequest()));
  const { rendered, text } = cardOf(await h.ask('evidence dispatch 2026.5.1'));
  return { hash: hashOn(text), url: String(allActions(rendered).find((a) => a.type === 'Action.OpenUrl')!.url) };
}

test('intact: the stored bundle hashes to its name, and its audit anchor and records are still in the log', async () => {
  const { hash } = await makeBundle();
  const text = textOf(await h.ask(`evidence verify ${hash.toUpperCase()}`));
  expect(text).toMatch(new RegExp(`^Bundle \`${hash}\` intact: gal_golden/dispatch 2026\\.5\\.1, made 2026-11-23 12:00 UTC, 3 audit records`));
  expect(text).toContain("Audit anchor: record #3 is still in today's log with the same hash");
  expect(text).toContain("Every audit record in the bundle is still in today's log, unchanged.");
  expect(text).toContain("Today's audit chain is intact");
});

test('altered: an edit of the stored record is found, and re-sealing the edit does not make it the bundle again', async () => {
  const { hash } = await makeBundle();
  let edited: EvidenceBundle | undefined;
  await tamperStoredBundle(h.store, hash, (bundle: EvidenceBundle) => (edited = { ...bundle, changeRequests: [] }));
  expect(textOf(await h.ask(`evidence verify ${hash}`))).toMatch(/ALTERED: the stored record no longer hashes to its name \(its content now hashes to `[0-9a-f]{64}`\)/);

  const { sha256: _old, ...content } = edited!;
  await tamperStoredBundle(h.store, hash, () => sealBundle(content).bundle);
  expect(textOf(await h.ask(`evidence verify ${hash}`))).toMatch(/ALTERED/);

  await tamperStoredBundle(h.store, hash, () => 'not a bundle');
  expect(textOf(await h.ask(`evidence verify ${hash}`))).toMatch(/ALTERED: the stored record no longer hashes to its name \(it is not a bundle any more\)/);
});

test('unknown: no bundle under that hash; no hash at all is a usage error', async () => {
  expect(textOf(await h.ask(`evidence verify ${'ab'.repeat(32)}`))).toMatch(/^Unknown: no evidence bundle with hash `(ab){32}` is stored here/);
  expect(cardOf(await h.ask('evidence verify 1234')).text).toMatch(/64 hex characters/);
  expect(cardOf(await h.ask('evidence verify')).text).toMatch(/evidence verify ‹bundle hash or link›/);
});

test('from a link: valid, expired (still verifiable), forged; also when Teams delivers the link as an HTML anchor', async () => {
  const { hash, url } = await makeBundle();
  expect(textOf(await h.ask(`evidence verify ${url}`))).toMatch(/^The link is genuine and downloads until 2026-11-23 13:00 UTC\.\n\nBundle `[0-9a-f]{64}` intact/);
  expect(textOf(await h.ask(`evidence verify <a href="${url}">${url}</a>`))).toContain(`Bundle \`${hash}\` intact`);
  expect(textOf(await h.ask(`evidence verify ${url.split('/evidence/')[1]}`))).toContain(`Bundle \`${hash}\` intact`);
  h.clock.now = new Date(DEMO_NOW.getTime() + 61 * 60_000);
  expect(textOf(await h.ask(`evidence verify ${url}`))).toMatch(/^The link is genuine but expired at 2026-11-23 13:00 UTC; the bundle it names can still be checked\.\n\nBundle `[0-9a-f]{64}` intact/);
  const forged = url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  expect(textOf(await h.ask(`evidence verify ${forged}`))).toMatch(/not signed by this GalleryOps/);
});

test("a rewritten audit log: the anchor and the bundle's records no longer match today's chain, though the chain itself links", async () => {
  const { hash } = await makeBundle();
  // The chain re-hashed from #2 on, head included: `audit verify` alone cannot tell.
  const records = await h.store.audit.list();
  const rewritten: AuditRecord[] = [records[0]!];
  let prev = records[0]!.hash;
  for (const r of records.slice(1)) {
    const { hash: _h, ...rest } = { ...r, actor: r.seq === 2 ? { id: 'x', name: 'Mallory' } : r.actor, prevHash: prev };
    const next = { ...rest, hash: hashAuditRecord(rest) };
    rewritten.push(next);
    prev = next.hash;
  }
  h.ctx.store = { ...h.store, audit: { ...h.store.audit, list: async () => rewritten, head: async () => ({ seq: 3, hash: prev }) } };
  const text = textOf(await h.ask(`evidence verify ${hash}`));
  expect(text).toContain('Audit anchor REWRITTEN: record #3');
  expect(text).toContain("Audit records in the bundle that today's log no longer holds unchanged: #2, #3.");
  expect(text).toContain("Today's audit chain is intact link by link");

  h.ctx.store = { ...h.store, audit: { ...h.store.audit, list: async () => records.slice(0, 2), head: async () => ({ seq: 2, hash: records[1]!.hash }) } };
  expect(textOf(await h.ask(`evidence verify ${hash}`))).toContain("Audit anchor MISSING: the bundle recorded head #3, and today's log has no record #3");
});
