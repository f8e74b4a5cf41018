/**
 * The embedded store keeps evidence deflated, so repeated `evidence` does not grow the data folder with
 * text that compresses ten to one; rows written as plain text before packing still read, and the hash an
 * auditor checks is unaffected (it covers the bundle's canonical JSON, not the stored bytes).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { recomputeBundleHash } from '../../src/evidence/seal-bundle';
import { splitBundle } from '../../src/evidence/bundle-parts';
import { SCHEMA_STEPS } from '../../src/storage/sqlite/sqlite-schema';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { armResponse, bundle, snapshot } from './conformance/bundle-fixtures';
import { minutes } from '../approvals/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

const sixtyRegions = JSON.stringify({
  name: '2026.5.1',
  properties: { publishingProfile: { targetRegions: Array.from({ length: 60 }, (_, i) => ({ name: `Region ${i}`, regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS', excludeFromLatest: false })) } },
});

test('a bundle with a 60-region ARM body is stored in a fraction of its JSON size, and reads back to the same hash', async () => {
  const dir = tempDataDir();
  const store = await openSqliteStore(dir);
  try {
    const big = bundle('2026.5.1', [{ ...snapshot('big'), verbatim: { responses: [armResponse(sixtyRegions)] } }]);
    await store.evidence.put(big, minutes(3));
    const { skeleton, parts } = splitBundle(big);
    const textBytes = parts.reduce((sum, p) => sum + Buffer.byteLength(p.json), 0) + Buffer.byteLength(JSON.stringify(skeleton));
    const storedBytes = withRawDatabase(dir, (db) => {
      const sizes = [...db.prepare('SELECT length(body) AS n FROM evidence_parts').all(), ...db.prepare('SELECT length(body) AS n FROM evidence_bundles').all()] as Array<{ n: number }>;
      return sizes.reduce((sum, r) => sum + r.n, 0);
    });
    expect(storedBytes).toBeLessThan(textBytes / 3);
    expect(recomputeBundleHash((await store.evidence.get(big.sha256))!)).toBe(big.sha256);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bundle stored by an older GalleryOps (plain text, hex references) reads back whole after the upgrade, and is pruned with its parts', async () => {
  const dir = tempDataDir();
  const old = bundle('2026.4.0', [snapshot('old')]);
  const { skeleton, parts } = splitBundle(old);
  // Schema version 3, as written before packing and before evidence_uses.
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  for (const step of SCHEMA_STEPS.slice(0, 3)) db.exec(step);
  db.exec('PRAGMA user_version = 3');
  for (const part of parts) {
    db.prepare('INSERT INTO evidence_parts (hash, body) VALUES (?, ?)').run(part.hash, part.json);
    db.prepare('INSERT INTO evidence_refs (bundle, part) VALUES (?, ?)').run(old.sha256, part.hash);
  }
  db.prepare('INSERT INTO evidence_bundles (sha256, stored_at, subject, body) VALUES (?, ?, ?, ?)').run(old.sha256, minutes(3).toISOString(), JSON.stringify(old.subject), JSON.stringify(skeleton));
  db.close();
  const store = await openSqliteStore(dir);
  try {
    expect(recomputeBundleHash((await store.evidence.get(old.sha256))!)).toBe(old.sha256);
    expect(withRawDatabase(dir, (raw) => (raw.prepare('SELECT COUNT(*) AS n FROM evidence_uses').get() as { n: number }).n)).toBe(parts.length);
    // Pruning the old bundle removes the parts only it used and keeps those a newer bundle shares.
    const kept = bundle('2026.5.0', [snapshot('kept')]);
    await store.evidence.put(kept, minutes(10));
    const keptParts = new Set(splitBundle(kept).parts.map((p) => p.hash));
    const onlyOld = parts.filter((p) => !keptParts.has(p.hash)).length;
    expect(onlyOld).toBeGreaterThan(0);
    expect(await store.evidence.prune(minutes(5), () => false)).toEqual({ bundles: 1, parts: onlyOld });
    const left = withRawDatabase(dir, (raw) => (raw.prepare('SELECT hash FROM evidence_parts').all() as Array<{ hash: string }>).map((r) => r.hash));
    expect(new Set(left)).toEqual(keptParts);
    expect(await store.evidence.get(old.sha256)).toBeUndefined();
    expect(recomputeBundleHash((await store.evidence.get(kept.sha256))!)).toBe(kept.sha256);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
