import { joinBundle, splitBundle, type BundleSkeleton } from '../../evidence/bundle-parts';
import type { EvidenceBundle, EvidenceSubject } from '../../evidence/evidence-bundle';
import type { EvidenceStore, PruneResult } from '../../evidence/evidence-store';
import type { JsonValue } from '../../json-value';
import type { DamageRegister } from '../damage-register';
import type { SqliteDatabase } from './sqlite-database';
import { packText, unpackText } from './packed-text';

/**
 * Evidence bundles in the embedded database: each bundle row holds its skeleton, and each repeated part (an ARM
 * snapshot body, a change request, an audit record, usage) is kept once in `evidence_parts`, referenced from
 * `evidence_refs`. Pruning removes old bundles, then the parts nothing refers to.
 */
export class SqliteEvidenceStore implements EvidenceStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly damage: DamageRegister,
  ) {}

  async put(bundle: EvidenceBundle, at: Date): Promise<void> {
    this.database.transaction(() => insertBundle(this.database, bundle, at.toISOString()));
  }

  async get(sha256: string): Promise<JsonValue | undefined> {
    const row = this.database.get<{ body: unknown }>('SELECT body FROM evidence_bundles WHERE sha256 = ?', sha256);
    if (!row) return undefined;
    let skeleton: BundleSkeleton;
    try {
      skeleton = JSON.parse(unpackText(row.body) ?? '') as BundleSkeleton;
    } catch {
      skeleton = { bundle: null, parts: [] };
    }
    const partJson = (hash: string): string | undefined => unpackText(this.database.get<{ body: unknown }>('SELECT body FROM evidence_parts WHERE hash = ?', hash)?.body);
    const joined = Array.isArray(skeleton.parts) ? joinBundle(skeleton, partJson) : undefined;
    if (joined === undefined || joined === null) {
      // Returned as something that is not a bundle: verification then says "altered", never crashes.
      this.damage.report({ kind: 'evidence', key: sha256, problem: 'the bundle or one of its parts cannot be read' });
      return null;
    }
    return joined;
  }

  async hashesStartingWith(prefix: string, limit: number): Promise<string[]> {
    if (!/^[0-9a-f]{1,64}$/.test(prefix)) return [];
    // A range on the key (hex sorts below 'g'), so the primary key's index answers it.
    const rows = this.database.all<{ sha256: string }>('SELECT sha256 FROM evidence_bundles WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT ?', prefix, `${prefix}g`, limit);
    return rows.map((row) => row.sha256);
  }

  async prune(storedBefore: Date, keep: (subject: EvidenceSubject) => boolean): Promise<PruneResult> {
    const old = this.database.all<{ sha256: string; subject: string }>('SELECT sha256, subject FROM evidence_bundles WHERE stored_at < ?', storedBefore.toISOString());
    const doomed = old.filter((row) => !keep(parseSubject(row.subject))).map((row) => row.sha256);
    return this.database.transaction(() => {
      for (const sha256 of doomed) {
        this.database.run('DELETE FROM evidence_bundles WHERE sha256 = ?', sha256);
        this.database.run('DELETE FROM evidence_refs WHERE bundle = ?', sha256);
      }
      const before = this.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM evidence_parts')?.n ?? 0;
      this.database.run('DELETE FROM evidence_parts WHERE hash NOT IN (SELECT part FROM evidence_refs)');
      const after = this.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM evidence_parts')?.n ?? 0;
      return { bundles: doomed.length, parts: before - after };
    });
  }
}

/** Inside a transaction: stores the bundle under its `sha256` with its parts, unless it is there already. */
export function insertBundle(database: SqliteDatabase, bundle: EvidenceBundle, storedAt: string): void {
  if (database.get('SELECT 1 AS found FROM evidence_bundles WHERE sha256 = ?', bundle.sha256)) return;
  const { skeleton, parts } = splitBundle(bundle);
  for (const part of parts) {
    database.run('INSERT INTO evidence_parts (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING', part.hash, packText(part.json));
    database.run('INSERT INTO evidence_refs (bundle, part) VALUES (?, ?) ON CONFLICT DO NOTHING', bundle.sha256, part.hash);
  }
  database.run('INSERT INTO evidence_bundles (sha256, stored_at, subject, body) VALUES (?, ?, ?, ?)', bundle.sha256, storedAt, JSON.stringify(bundle.subject), packText(JSON.stringify(skeleton)));
}

function parseSubject(text: string): EvidenceSubject {
  try {
    return JSON.parse(text) as EvidenceSubject;
  } catch {
    return { subscription: '', resourceGroup: '', gallery: '', image: '', version: '' };
  }
}
