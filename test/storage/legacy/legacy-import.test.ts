/** An old JSON data folder is imported into the embedded database once, at the first start as owner. */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditLog } from '../../../src/audit/audit-log';
import { chainRecords } from '../../../src/audit/chain-records';
import { recomputeBundleHash } from '../../../src/evidence/seal-bundle';
import type { JsonValue } from '../../../src/json-value';
import type { LegacyImportReport } from '../../../src/storage/sqlite/sqlite-legacy-import';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { demoPolicy, latestPromotion, minutes, pendingRequest } from '../../approvals/fixtures';
import { bundle, snapshot } from '../conformance/bundle-fixtures';
import { entry, requestWithEveryField } from '../conformance/fixtures';
import { tempDataDir, withRawDatabase } from '../sqlite-harness';
import { oldAuditPath, oldConversationPath, writeOldLayout } from './old-layout';

let dir: string;
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const requests = [pendingRequest(latestPromotion(), demoPolicy, 'CR-OLD00001'), requestWithEveryField()];
const records = chainRecords(undefined, [1, 2, 3, 4].map((n) => entry(n, { requestId: 'CR-OLD00001', image: 'gal_golden/callcenter-desktop' })));
const conversations = [
  { key: 'user:00000000-0000-0000-0000-000000000021', value: { serviceUrl: 'https://smba.trafficmanager.net/emea/', user: { id: '29:1' } }, updatedAt: minutes(1).toISOString() },
  { key: 'channel:19:abc@thread.tacv2', value: 'zürich ✓', updatedAt: minutes(2).toISOString() },
];
const shared = snapshot('2026.6.0');
const bundles = [bundle('2026.6.0', [shared], 'a'), bundle('2026.6.0', [shared, snapshot('2026.6.1')], 'b')];

async function start(): Promise<{ reports: LegacyImportReport[]; close(): Promise<void> } & Awaited<ReturnType<typeof openSqliteStore>>> {
  const reports: LegacyImportReport[] = [];
  const store = await openSqliteStore(dir, { onLegacyImport: (report) => reports.push(report) });
  return Object.assign(store, { reports });
}

const importedFolder = () => readdirSync(dir).find((n) => n.startsWith('imported-json-')) as string;

test('imports everything once, skips and lists unreadable files, and moves the old folders aside', async () => {
  writeOldLayout(dir, { requests, audit: records, conversations, evidence: bundles.map((b) => ({ bundle: b, at: minutes(5) })) });
  writeFileSync(join(dir, 'requests', 'CR-EMPTY001.json'), '');
  writeFileSync(join(dir, 'requests', 'CR-GARBAGE1.json'), '{"id": "CR-GARB');
  writeFileSync(join(dir, 'requests', '.CR-OLD00001.json.4242.0a1b2c3d.tmp'), '{"half": ');
  writeFileSync(oldConversationPath(dir, 'user:stolen'), readFileSync(oldConversationPath(dir, conversations[0]!.key)));

  const store = await start();
  expect(store.reports).toEqual([
    expect.objectContaining({
      outcome: 'imported',
      folder: expect.stringMatching(/^imported-json-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/),
      counts: { requests: 2, auditRecords: 4, conversations: 2, evidenceBundles: 2 },
      audit: { ok: true, count: 4, head: { seq: 4, hash: records[3]!.hash } },
      problems: [],
    }),
  ]);
  expect(store.reports[0]!.skipped.map((s) => s.path).sort()).toEqual(['conversations/' + oldConversationPath(dir, 'user:stolen').split('/').pop(), 'requests/CR-EMPTY001.json', 'requests/CR-GARBAGE1.json'].sort());

  for (const r of requests) expect(await store.requests.get(r.id)).toEqual(r);
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-OLD00001']);
  expect(await store.audit.list()).toEqual(records);
  expect(await store.audit.head()).toEqual({ seq: 4, hash: records[3]!.hash });
  const [next] = await createAuditLog(store.audit).append(entry(5));
  expect(next).toMatchObject({ seq: 5, prevHash: records[3]!.hash });
  expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 5 });
  for (const c of conversations) expect(await store.conversations.get(c.key)).toEqual(c);
  expect(await store.conversations.get('evidence:' + bundles[0]!.sha256)).toBeUndefined();
  for (const b of bundles) expect(recomputeBundleHash((await store.evidence.get(b.sha256)) as JsonValue)).toBe(b.sha256);
  expect(await store.evidence.prune(minutes(6), () => false)).toMatchObject({ bundles: 2 }); // kept with their old time

  // Moved aside whole, the skipped files included; recorded so it happens once.
  expect(readdirSync(dir).filter((n) => !n.startsWith('galleryops.db')).sort()).toEqual([importedFolder()]);
  expect(readdirSync(join(dir, importedFolder())).sort()).toEqual(['audit', 'conversations', 'requests']);
  expect(existsSync(join(dir, importedFolder(), 'requests', 'CR-EMPTY001.json'))).toBe(true);
  await store.close();
  const again = await start();
  expect(again.reports).toEqual([]);
  await again.close();
});

test('a broken chain is imported as it was and reported, never repaired', async () => {
  writeOldLayout(dir, { audit: records });
  const edited = { ...records[1]!, actor: { id: 'mallory', name: 'Mallory' } };
  writeFileSync(oldAuditPath(dir, 2), JSON.stringify(edited));
  const store = await start();
  expect(store.reports[0]).toMatchObject({ outcome: 'imported', audit: { ok: false, seq: 2, problem: 'edited' } });
  expect(await createAuditLog(store.audit).verify()).toEqual({ ok: false, seq: 2, problem: 'edited' });
  expect((await store.audit.list())[1]).toEqual(edited);
  await store.close();
});

test.each([
  ['behind the last record (a crash between record and head)', { seq: 2, hash: records[1]!.hash }],
  ['missing', null],
])('the head is the old store\'s: head.json %s is rolled forward over records that chain on', async (_name, head) => {
  writeOldLayout(dir, { audit: records, head });
  const store = await start();
  expect(await store.audit.head()).toEqual({ seq: 4, hash: records[3]!.hash });
  expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 4 });
  await store.close();
});

test('a start after a crash between the import and the move only finishes the move', async () => {
  writeOldLayout(dir, { requests, audit: records });
  await (await start()).close();
  renameSync(join(dir, importedFolder(), 'requests'), join(dir, 'requests'));
  const store = await start();
  expect(store.reports).toEqual([expect.objectContaining({ outcome: 'finished-move', problems: [] })]);
  expect(existsSync(join(dir, 'requests'))).toBe(false);
  expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 4 });
  await store.close();
});

test('old folders that appear next to a database with data are not imported, and say so', async () => {
  const store = await start();
  await createAuditLog(store.audit).append(entry(1));
  await store.close();
  writeOldLayout(dir, { requests });
  const cli = await openSqliteStore(dir, { readOnly: true });
  expect(await cli.requests.get('CR-OLD00001')).toBeUndefined(); // a read-only open never imports
  await cli.close();
  const again = await start();
  expect(again.reports).toEqual([expect.objectContaining({ outcome: 'refused', problems: [expect.stringMatching(/already holds data, so nothing was imported/)] })]);
  expect(await again.requests.get('CR-OLD00001')).toBeUndefined();
  expect(existsSync(join(dir, 'requests', 'CR-OLD00001.json'))).toBe(true);
  await again.close();
  expect(withRawDatabase(dir, (db) => db.prepare("SELECT 1 AS found FROM meta WHERE key = 'legacy_import'").get())).toBeUndefined();
});
