import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { joinBundle, splitBundle, type BundleSkeleton } from '../../evidence/bundle-parts';
import type { EvidenceBundle, EvidenceSubject } from '../../evidence/evidence-bundle';
import type { EvidenceStore, PruneResult } from '../../evidence/evidence-store';
import type { JsonValue } from '../../json-value';
import { StoreError } from '../../errors';
import type { DamageRegister } from '../damage-register';
import { decodeEntity } from './decode-entity';
import { toBodyColumns } from './entity-body';
import { partEntities, partOfRowKey, readPartText } from './evidence-part-entities';
import { transactionBatches } from './transaction-batches';
import { BUNDLES, PARTS, SCHEMA_VERSION } from './table-layout';
import { isConflict, isNotFound, storeFailure } from './table-errors';

type Row = Record<string, unknown> & { rowKey?: string; etag?: string };
const SHA256 = /^[0-9a-f]{64}$/;
const skeletonSchema: z.ZodType<BundleSkeleton> = z.object({
  bundle: z.json(),
  parts: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), hash: z.string() })),
});

/**
 * Evidence bundles as skeletons (partition `evidence`, row key = the bundle's sha256) whose repeated parts are
 * kept once each, by content hash (partition `evidence-part`; a part too large for one entity, such as ARM's
 * verbatim answer about a 60-region version, continues in `<hash>:1`, `<hash>:2`, …). A put writes the skeleton
 * first (marked incomplete), then upserts every part, then marks it complete.
 *
 * Pruning scans rather than counting references: a count would live in another partition than the bundle, so
 * no transaction could keep the two in step, and a crash between them would leak or lose parts. The scan lists
 * the parts (with their ETags) first, then every bundle that is left, and deletes an unreferenced part only with
 * the ETag it listed. A put racing the prune either wrote its skeleton before the scan began (its parts are
 * seen as referenced) or upserts its parts after the listing (their ETags changed, so the delete is refused).
 */
export class TableEvidenceStore implements EvidenceStore {
  constructor(
    private readonly client: TableClient,
    private readonly damage: DamageRegister,
    private readonly readOnly: boolean,
  ) {}

  async put(bundle: EvidenceBundle, at: Date): Promise<void> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    if (!SHA256.test(bundle.sha256)) throw new StoreError(`refusing evidence bundle key ${JSON.stringify(bundle.sha256)}`);
    const { skeleton, parts } = splitBundle(bundle);
    try {
      const existing = await this.row(BUNDLES, bundle.sha256);
      if (existing?.['complete'] === true) return;
      if (!existing) {
        const entity = { partitionKey: BUNDLES, rowKey: bundle.sha256, schemaVersion: SCHEMA_VERSION, storedAt: at.toISOString(), subject: JSON.stringify(bundle.subject), complete: false };
        await this.client.createEntity({ ...entity, ...toBodyColumns(JSON.stringify(skeleton)) }).catch((err: unknown) => {
          if (!isConflict(err)) throw err;
        });
      }
      const actions: TransactionAction[] = parts.flatMap((part) => partEntities(part)).map((entity) => ['upsert', entity as { partitionKey: string; rowKey: string }, 'Replace']);
      for (const batch of transactionBatches(actions)) await this.client.submitTransaction(batch);
      await this.client.updateEntity({ partitionKey: BUNDLES, rowKey: bundle.sha256, complete: true }, 'Merge');
    } catch (err) {
      throw err instanceof StoreError ? err : storeFailure('storing an evidence bundle', err);
    }
  }

  async get(sha256: string): Promise<JsonValue | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const row = await this.row(BUNDLES, sha256);
    // An incomplete bundle is one whose put has not returned (or crashed): nobody was given its link.
    if (!row || row['complete'] !== true) return undefined;
    const skeleton = decodeEntity(row, skeletonSchema);
    let joined: JsonValue | undefined;
    if (skeleton.ok) {
      const hashes = [...new Set(skeleton.value.parts.map((p) => p.hash))];
      const bodies = new Map<string, string>();
      await Promise.all(hashes.map(async (hash) => {
        const text = SHA256.test(hash) ? await readPartText(hash, (rowKey) => this.row(PARTS, rowKey)) : undefined;
        if (text !== undefined) bodies.set(hash, text);
      }));
      joined = joinBundle(skeleton.value, (hash) => bodies.get(hash));
    }
    if (joined === undefined || joined === null) {
      // Returned as something that is not a bundle: verification then says "altered", never crashes.
      this.damage.report({ kind: 'evidence', key: sha256, problem: skeleton.ok ? 'a part of the bundle is missing or unreadable' : skeleton.problem });
      return null;
    }
    return joined;
  }

  async hashesStartingWith(prefix: string, limit: number): Promise<string[]> {
    if (!/^[0-9a-f]{1,64}$/.test(prefix)) return [];
    // A row-key range within one partition (hex sorts below 'g'); incomplete bundles were never handed out.
    const rows = await this.query(odata`PartitionKey eq ${BUNDLES} and RowKey ge ${prefix} and RowKey lt ${`${prefix}g`}`, ['RowKey', 'complete']);
    return rows.filter((row) => row['complete'] === true).map((row) => row.rowKey!).sort().slice(0, limit);
  }

  async prune(storedBefore: Date, keep: (subject: EvidenceSubject) => boolean): Promise<PruneResult> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    const old = await this.query(`${odata`PartitionKey eq ${BUNDLES} and storedAt lt ${storedBefore.toISOString()}`}`, ['RowKey', 'subject']);
    let bundles = 0;
    for (const row of old) {
      if (keep(parseSubject(row['subject']))) continue;
      await this.client.deleteEntity(BUNDLES, row.rowKey!).catch((err: unknown) => {
        if (!isNotFound(err)) throw storeFailure('deleting an evidence bundle', err);
      });
      bundles++;
    }
    // Parts first, then the bundles: see the class comment for why this order (and the ETags) is safe.
    const listed = await this.query(odata`PartitionKey eq ${PARTS}`, ['RowKey']);
    const referenced = new Set<string>();
    for (const row of await this.query(odata`PartitionKey eq ${BUNDLES}`)) {
      const skeleton = decodeEntity(row, skeletonSchema);
      if (skeleton.ok) for (const part of skeleton.value.parts) referenced.add(part.hash);
      else this.damage.report({ kind: 'evidence', key: row.rowKey!, problem: skeleton.problem });
    }
    let parts = 0;
    for (const row of listed) {
      // A large part's later pieces (`<hash>:1`, …) go with the part.
      if (referenced.has(partOfRowKey(row.rowKey!))) continue;
      try {
        await this.client.deleteEntity(PARTS, row.rowKey!, { etag: row.etag! });
        // Counted once per part, by its first piece.
        if (partOfRowKey(row.rowKey!) === row.rowKey) parts++;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw storeFailure('deleting an evidence part', err);
      }
    }
    return { bundles, parts };
  }

  /** Bundles stored (for `check`), complete or not. */
  async count(): Promise<number> {
    return (await this.query(odata`PartitionKey eq ${BUNDLES}`, ['RowKey'])).length;
  }

  private async row(partition: string, rowKey: string): Promise<Row | undefined> {
    try {
      return await this.client.getEntity<Record<string, unknown>>(partition, rowKey);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading evidence', err);
    }
  }

  private async query(filter: string, select?: string[]): Promise<Row[]> {
    const rows: Row[] = [];
    try {
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(select ? { select } : {}) } })) rows.push(row);
    } catch (err) {
      throw storeFailure('listing evidence', err);
    }
    return rows;
  }
}


function parseSubject(text: unknown): EvidenceSubject {
  try {
    return JSON.parse(String(text)) as EvidenceSubject;
  } catch {
    return { subscription: '', resourceGroup: '', gallery: '', image: '', version: '' };
  }
}
