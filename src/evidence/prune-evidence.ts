import type { ChangeRequestStore } from '../approvals/request-store';
import { sameVersion } from '../gallery/image-reference';
import type { Logger } from '../logging/logger';
import type { EvidenceStore } from './evidence-store';

export interface PruneEvidenceDeps {
  evidence: EvidenceStore;
  requests: Pick<ChangeRequestStore, 'listOpen'>;
  now: () => Date;
  retentionDays: number;
  logger: Logger;
}

/**
 * Removes evidence bundles older than the retention period, except bundles about a version that an open
 * change request is about (an approver may still be weighing that evidence). Parts nothing refers to go too.
 */
export async function pruneEvidence(deps: PruneEvidenceDeps): Promise<void> {
  const open = await deps.requests.listOpen();
  const before = new Date(deps.now().getTime() - deps.retentionDays * 86_400_000);
  const result = await deps.evidence.prune(before, (subject) =>
    open.some((r) => r.target.gallery.toLowerCase() === subject.gallery.toLowerCase() && r.target.image.toLowerCase() === subject.image.toLowerCase() && sameVersion(r.target.version, subject.version)),
  );
  if (result.bundles > 0 || result.parts > 0) deps.logger.info({ ...result, olderThan: before.toISOString() }, 'pruned old evidence bundles');
}
