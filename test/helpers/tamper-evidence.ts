import { DatabaseSync } from 'node:sqlite';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import type { Store } from '../../src/storage/store';

/**
 * Rewrites a stored evidence bundle behind the bot's back, the way someone with access to the database file
 * would: the bundle's row is replaced by the edited content, kept whole (no parts), under the original hash.
 */
export async function tamperStoredBundle(store: Store, hash: string, edit: (bundle: EvidenceBundle) => unknown): Promise<void> {
  const original = (await store.evidence.get(hash)) as unknown as EvidenceBundle;
  const edited = edit(JSON.parse(JSON.stringify(original)) as EvidenceBundle);
  const db = new DatabaseSync(store.location);
  try {
    db.prepare('UPDATE evidence_bundles SET body = ? WHERE sha256 = ?').run(JSON.stringify({ bundle: edited, parts: [] }), hash);
  } finally {
    db.close();
  }
}
