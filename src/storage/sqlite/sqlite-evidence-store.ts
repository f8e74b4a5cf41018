import { joinBundle, splitBundle, type BundleSkeleton } from '../../evidence/bundle-parts';
import type { EvidenceBundle, EvidenceSubject } from '../../evidence/evidence-bundle';
import type { EvidenceStore, PruneResult } from '../../evidence/evidence-store';
import type { JsonValue } from '../../json-value';
import type { DamageRegister } from '../damage-register';
import type { SqliteDatabase } from './sqlite-database';
import { packText, unpackText } from './packed-text';

/**
 * Evidence bundles in the embedded database: each bundle row holds its skeleton, and each repeated part (an ARM
 * snapshot body, a change request, an audit record, usage) is kept once in `evidence_parts`, its uses recorded
 * in `evidence_uses` (binary hashes, keyed by part). Pruning removes old bundles, then the parts nothing refers to.
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
        const parts = partsOf(this.database, sha256);
        this.database.run('DELETE FROM evidence_bundles WHERE sha256 = ?', sha256);
        if (parts) {
          for (const part of parts) this.database.run('DELETE FROM evidence_uses WHERE part = unhex(?) AND bundle = unhex(?)', part, sha256);
        } else {
          // A skeleton that cannot be read no longer says what it used: find its uses the slow way.
          this.database.run('DELETE FROM evidence_uses WHERE bundle = unhex(?)', sha256);
        }
      }
      // Then every part no bundle uses any more; the primary key on part answers each probe.
      const orphans = this.database.all<{ hash: string }>('SELECT hash FROM evidence_parts WHERE NOT EXISTS (SELECT 1 FROM evidence_uses WHERE part = unhex(evidence_parts.hash))');
      for (const { hash } of orphans) this.database.run('DELETE FROM evidence_parts WHERE hash = ?', hash);
      return { bundles: doomed.length, parts: orphans.length };
    });
  }
}

/** The part hashes a stored bundle's skeleton lists; undefined when the skeleton cannot be read. */
function partsOf(database: SqliteDatabase, sha256: string): string[] | undefined {
  const row = database.get<{ body: unknown }>('SELECT body FROM evidence_bundles WHERE sha256 = ?', sha256);
  try {
    const skeleton = JSON.parse(unpackText(row?.body) ?? '') as BundleSkeleton;
    return Array.isArray(skeleton.parts) ? [...new Set(skeleton.parts.map((p) => p.hash))] : undefined;
  } catch {
    return undefined;
  }
}

/** Inside a transaction: stores the bundle under its `sha256` with its parts, unless it is there already. */
export function insertBundle(database: SqliteDatabase, bundle: EvidenceBundle, storedAt: string): void {
  if (database.get('SELECT 1 AS found FROM evidence_bundles WHERE sha256 = ?', bundle.sha256)) return;
  const { skeleton, parts } = splitBundle(bundle);
  for (const part of parts) {
    database.run('INSERT INTO evidence_parts (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING', part.hash, packText(part.json));
    database.run('INSERT INTO evidence_uses (part, bundle) VALUES (unhex(?), unhex(?)) ON CONFLICT DO NOTHING', part.hash, bundle.sha256);
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
