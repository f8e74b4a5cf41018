import { imageKeyOf } from '../approvals/change-request';
import type { AuditRecord } from '../audit/audit-record';
import { sameVersion } from '../gallery/image-reference';
import type { ImageKey } from '../gallery/model';
import type { ChangeRequestStore } from '../approvals/request-store';
import type { AuditStore } from '../audit/audit-store';

/**
 * The audit trail of a definition (or one of its versions), newest first. Records are filed under the image
 * a request is about; a stage promotion is about the source version, yet it writes into this definition, so
 * the requests that changed it from elsewhere are looked up and their records added.
 */
export async function readHistory(store: { audit: Pick<AuditStore, 'list'>; requests: Pick<ChangeRequestStore, 'listByImage'> }, image: ImageKey, version?: string): Promise<AuditRecord[]> {
  const key = imageKeyOf(image);
  const direct = await store.audit.list({ image: key, ...(version !== undefined ? { version } : {}) });
  const requests = await store.requests.listByImage(image.gallery, image.image);
  const fromElsewhere = requests.filter((r) => imageKeyOf(r.target) !== key && (version === undefined || sameVersion(r.target.version, version)));
  const extra = await Promise.all(fromElsewhere.map((r) => store.audit.list({ requestId: r.id })));
  const bySeq = new Map<number, AuditRecord>();
  for (const r of [...direct, ...extra.flat()]) bySeq.set(r.seq, r);
  // The chain's order is the order things were recorded, across instances whose clocks may differ slightly.
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}
