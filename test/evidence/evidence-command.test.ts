/**
 * `evidence` as a handler: the demo gallery behind a fake port, a real file store, the demo's scale sets and VMs.
 * What a responder reads on the card, and what an auditor finds in the stored bundle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { evidenceLink } from '../../src/evidence/download-link';
import { GALLERY_API_VERSION } from '../../src/evidence/reproduce-commands';
import { NOT_CAPTURED } from '../../src/evidence/verbatim-reads';
import { recomputeBundleHash } from '../../src/evidence/seal-bundle';
import { UpstreamError } from '../../src/errors';
import type { JsonValue } from '../../src/json-value';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import { allActions, runButtons } from '../helpers/validate-card';
import { BASE_URL, cardOf, evidenceHarness, hashOn, sampleEntries, sampleRequest, SIGNING_KEY, storedBundle, type EvidenceHarness } from './evidence-fixture';

let h: EvidenceHarness;
beforeEach(async () => {
  h = await evidenceHarness();
});
afterEach(async () => {
  await h.close();
});

describe('evidence <image> <version>: the card', () => {
  test('dispatch 2026.5.1: centralus failed first in the attention colour, source, dates, latest, usage and the bundle link', async () => {
    const { rendered, text } = cardOf(await h.ask('evidence dispatch 2026.5.1'));
    expect(text).toContain('Evidence: dispatch 2026.5.1');
    expect(text).toMatch(/Gallery gal_golden · subscription 11111111-2222-3333-4444-555555555555/);
    expect(text).toMatch(/Replication FAILED in Central US/);
    expect(text.indexOf('Central US')).toBeLessThan(text.indexOf('East US 2'));
    expect(text).toContain('disk copy timed out');
    const failedState = JSON.stringify(rendered).match(/"text":"✗ Failed","wrap":true,"weight":"Bolder","color":"(\w+)"/);
    expect(failedState?.[1]).toBe('attention');
    expect(text).toMatch(/Built from: managed image dispatch-2026\.5\.1/);
    expect(text).toMatch(/Published: 2026-11-20 \(3 days ago\)/);
    expect(text).toMatch(/End of life: 2027-11-18 \(in 360 days\)/);
    expect(text).toContain('Eligible for latest');
    expect(text).toMatch(/Latest: yes/);
    expect(text).toContain('Run this version (pinned): none');
    expect(text).toContain("Follow the definition's latest: none");
    expect(text).toContain('Change requests: none for this version');

    const hash = hashOn(text);
    const download = allActions(rendered).find((a) => a.type === 'Action.OpenUrl')!;
    expect(download.title).toBe('Download evidence bundle');
    expect(String(download.url)).toMatch(new RegExp(`^${BASE_URL}/evidence/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    expect(download.url).toBe(evidenceLink({ publicBaseUrl: BASE_URL, signingKey: SIGNING_KEY, linkTtlMinutes: 60 }, hash, DEMO_NOW).url);
    expect(text).toMatch(/Link expires: 2026-11-23 13:00 UTC \(in 1 h\)/);
    expect(text).toMatch(/Contents: 3 ARM snapshots · 0 change requests · 0 audit records/);
    expect(runButtons(rendered).map((b) => b.command)).toEqual([`evidence verify ${hash}`, 'image status gal_golden/dispatch 2026.5.1']);
  });

  test('who ran it: pinned scale sets, and those following latest only while this version is latest', async () => {
    const pinned = cardOf(await h.ask('evidence dispatch 2026.5.0')).text;
    expect(pinned).toMatch(/Run this version \(pinned\): vmss-dispatch-prod \(scale set, rg-dispatch-prod\)/);
    expect(pinned).toMatch(/Latest: no \(latest is 2026\.5\.1\)/);

    const latest = cardOf(await h.ask('evidence callcenter-desktop latest')).text;
    expect(latest).toContain('Evidence: callcenter-desktop 2026.5.0');
    expect(latest).toMatch(/Follow the definition's latest \(latest is this version, so they deploy it\): vmss-callcenter/);
    const older = cardOf(await h.ask('evidence callcenter-desktop 2026.4')).text;
    expect(older).toMatch(/Follow the definition's latest \(latest is 2026\.5\.0, not this one\): vmss-callcenter/);

    const eol = cardOf(await h.ask('evidence gpu-analytics 1.0.0')).text;
    expect(eol).toMatch(/vm-analytics-01 \(VM, rg-analytics\)/);
    expect(eol).toMatch(/past end of life/);
  });

  test('requests and their decisions are on the card, newest first, escaped', async () => {
    const done = sampleRequest();
    const rejected = sampleRequest({
      id: 'CR-REJECTED1',
      kind: 'retire',
      createdAt: '2026-11-21T08:00:00.000Z',
      approvals: [],
      state: 'rejected',
      rejection: { by: { aadObjectId: 'x', name: 'Patti Fernandez' }, at: '2026-11-21T08:05:00.000Z', comment: 'still in use' },
      execution: undefined,
    });
    for (const r of [done, rejected]) await h.store.requests.commit({ request: { create: r }, audit: [] });
    await h.ctx.audit!.append(...sampleEntries(done));
    const { text } = cardOf(await h.ask('evidence gal_golden/dispatch 2026.5.1'));
    expect(text).toContain('Change requests (2)');
    expect(text.indexOf('CR-REJECTED1')).toBeLessThan(text.indexOf('CR-7QK2M9XA'));
    expect(text).toContain('Retire dispatch 2026.5.1 (gal_golden) · CR-REJECTED1');
    expect(text).toContain('Rejected by Patti Fernandez · 2026-11-21 08:05 UTC · still in use');
    expect(text).toContain('Promote dispatch 2026.5.1 to latest (gal_golden) · CR-7QK2M9XA');
    expect(text).toContain('Requested by Alex Wilber · 2026-11-20 09:00 UTC · because fixes the dispatcher \\*login\\*');
    expect(text).toContain('Approved by Adele Vance · 2026-11-20 09:30 UTC');
    expect(text).toMatch(/Azure change started 2026-11-20 09:30 UTC, finished 2026-11-20 09:31 UTC · done: dispatch 2026\.5\.1 is eligible for latest/);
    expect(text).toContain('3 audit records (#1–#3) in the bundle');
  });

  test('a prefix resolves like image status; a missing version or a missing argument is answered, not thrown', async () => {
    expect(cardOf(await h.ask('evidence dispatch 2026.05')).text).toContain('Evidence: dispatch 2026.5.1');
    expect(cardOf(await h.ask('evidence dispatch 1999.1.1')).text).toMatch(/no version 1999\.1\.1/);
    expect(cardOf(await h.ask('evidence dispatch')).text).toMatch(/evidence ‹image› ‹version›/);
    expect(cardOf(await h.ask('evidence dispatch banana')).text).toMatch(/is not a version/);
  });

  test('when usage cannot be read, the evidence is still made and says so', async () => {
    h.ctx.usage = { findUsage: async () => { throw new UpstreamError('Resource Graph answered 503.'); } };
    const { text } = cardOf(await h.ask('evidence dispatch 2026.5.1'));
    expect(text).toContain('Scale sets and VMs could not be read: Resource Graph answered 503.');
    const bundle = await storedBundle(h.store, hashOn(text));
    expect(bundle.usage).toEqual({ readAt: DEMO_NOW.toISOString(), unavailable: 'Resource Graph answered 503.' });
  });
});

describe('evidence: the stored bundle', () => {
  test('holds the snapshots with the az commands and ARM requests that reproduce them, the reads\' times, the caller and the audit head', async () => {
    await h.store.requests.commit({ request: { create: sampleRequest() }, audit: [] });
    await h.ctx.audit!.append(...sampleEntries(sampleRequest()));
    // An unrelated record after them: the head anchors the whole log, not just this version's records.
    await h.ctx.audit!.append({ at: DEMO_NOW.toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: 'request.expired', requestId: 'CR-OTHER123', image: 'gal_golden/records', version: '2026.5.0', details: {} });
    const { text } = cardOf(await h.ask('evidence dispatch 2026.5.1'));
    const hash = hashOn(text);
    const bundle = await storedBundle(h.store, hash);

    expect(bundle.schema).toBe('galleryops.evidence/2');
    expect(bundle.sha256).toBe(hash);
    expect(recomputeBundleHash(bundle as unknown as JsonValue)).toBe(hash);
    expect(bundle.generatedAt).toBe(DEMO_NOW.toISOString());
    expect(bundle.generatedBy).toEqual({ aadObjectId: '00000000-0000-0000-0000-000000000020', teamsUserId: '29:alex', name: 'Alex Wilber' });
    expect(bundle.subject).toEqual({ subscription: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1' });

    const [definition, version, versions] = bundle.snapshots;
    const scope = '--subscription 11111111-2222-3333-4444-555555555555 --resource-group rg-images --gallery-name gal_golden --gallery-image-definition dispatch';
    expect(definition).toMatchObject({
      kind: 'definition',
      readAt: DEMO_NOW.toISOString(),
      azCommand: `az sig image-definition show ${scope}`,
      armRequest: { method: 'GET', path: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch', apiVersion: '2025-12-03' },
      body: { image: 'dispatch', publisher: 'SentinelCounty', offer: 'Dispatch', sku: 'server' },
    });
    expect(version).toMatchObject({
      kind: 'version',
      azCommand: `az sig image-version show ${scope} --gallery-image-version 2026.5.1 --expand ReplicationStatus,ValidationProfile`,
      armRequest: { method: 'GET', path: expect.stringMatching(/\/images\/dispatch\/versions\/2026\.5\.1$/), apiVersion: '2025-12-03', expand: 'ReplicationStatus,ValidationProfile' },
      body: { version: '2026.5.1', publishedDate: '2026-11-20T12:00:00.000Z', replication: { aggregatedState: 'Failed' } },
    });
    const regions = (version!.body as { replication: { regions: Array<{ region: string; state: string }> } }).replication.regions;
    expect(regions).toContainEqual(expect.objectContaining({ region: 'Central US', state: 'Failed' }));
    expect(versions).toMatchObject({ kind: 'versions', azCommand: `az sig image-version list ${scope}` });
    expect((versions!.body as unknown[]).length).toBe(3);
    // A fake port keeps no raw answers: the bundle says so rather than passing the summary off as ARM's words.
    for (const snapshot of bundle.snapshots) expect(snapshot.verbatim).toEqual({ unavailable: NOT_CAPTURED });
    expect(text).toContain(`ARM's answers: not in this bundle: ${NOT_CAPTURED}`);

    expect(bundle.changeRequests).toHaveLength(1);
    expect(bundle.changeRequests[0]).toMatchObject({ id: 'CR-7QK2M9XA', requester: { name: 'Alex Wilber' }, approvals: [{ by: { name: 'Adele Vance' } }] });
    // Where the card was posted is delivery detail, not evidence.
    expect(bundle.changeRequests[0]).not.toHaveProperty('cards');
    expect(bundle.auditRecords.map((r) => [r.seq, r.action])).toEqual([[1, 'request.created'], [2, 'request.approved'], [3, 'execution.succeeded']]);
    expect(bundle.auditHead).toEqual({ seq: 4, hash: (await h.store.audit.head())!.hash });
    expect(bundle.usage).toMatchObject({ scaleSets: [], vms: [], azCommand: expect.stringMatching(/^az graph query .*gal_golden\/images\/dispatch\/versions\/2026\.5\.1/) });
  });

  test('the same reads at the same moment give the same bytes and hash; a later moment gives another', async () => {
    const first = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    const again = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    expect(again).toBe(first);
    const other = await evidenceHarness();
    try {
      expect(hashOn(cardOf(await other.ask('evidence dispatch 2026.5.1')).text)).toBe(first);
      other.clock.now = new Date(DEMO_NOW.getTime() + 1);
      expect(hashOn(cardOf(await other.ask('evidence dispatch 2026.5.1')).text)).not.toBe(first);
    } finally {
      await other.close();
    }
  });

  test('an empty audit log is anchored as null', async () => {
    const bundle = await storedBundle(h.store, hashOn(cardOf(await h.ask('evidence records 2026.5.0')).text));
    expect(bundle.auditHead).toBeNull();
  });

  test('GALLERY_API_VERSION is the api-version the installed @azure/arm-compute sends for gallery image versions', () => {
    const sdk = readFileSync(join(require.resolve('@azure/arm-compute').replace(/index\.js$/, ''), 'api', 'galleryImageVersions', 'operations.js'), 'utf8');
    const sent = new Set([...sdk.matchAll(/apiVersion: "([\d-]+)"/g)].map((m) => m[1]));
    expect([...sent]).toEqual([GALLERY_API_VERSION]);
  });

  test('a bundle far beyond a card still fits the store: 60 regions, 40 requests with approvals, their records', async () => {
    const b = demoGallery().image('gal_golden', 'wide');
    b.version('gal_golden', 'wide', '1.0.0', { publishedDays: -1, eolDays: 100, regions: Array.from({ length: 60 }, (_, i) => [`region${i}`, i % 5 ? 'Completed' : 'Failed', i]) });
    const big = await evidenceHarness(b.port);
    try {
      for (let i = 0; i < 40; i++) {
        const r = sampleRequest({ id: `CR-WIDE${String(i).padStart(4, '0')}`, target: { ...sampleRequest().target, image: 'wide', version: '1.0.0' }, createdAt: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T00:00:${String(i).padStart(2, '0')}.000Z` });
        await big.store.requests.commit({ request: { create: r }, audit: [] });
        await big.ctx.audit!.append(...sampleEntries(r).map((e) => ({ ...e, image: 'gal_golden/wide', version: '1.0.0' })));
      }
      const { text } = cardOf(await big.ask('evidence wide 1.0.0'));
      expect(text).toContain('Change requests (40)');
      expect(text).toContain('and 32 older requests (in the bundle)');
      const bundle = (await big.store.evidence.get(hashOn(text))) as unknown as EvidenceBundle;
      expect(bundle.changeRequests).toHaveLength(40);
      expect(bundle.auditRecords).toHaveLength(120);
      // Table Storage holds up to 15 × 30 000 characters per record (src/storage/table/entity-body.ts).
      expect(JSON.stringify(bundle).length).toBeLessThan(450_000);
    } finally {
      await big.close();
    }
  });
});
