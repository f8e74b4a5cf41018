/** Evidence retention: old bundles go, unless an open request is about their version; shared parts stay while used. */
import { pruneEvidence } from '../../src/evidence/prune-evidence';
import { createLogger } from '../../src/logging/logger';
import { latestPromotion, minutes, pendingRequest } from '../approvals/fixtures';
import { openTempStore } from '../helpers/temp-store';
import { bundle, snapshot } from '../storage/conformance/bundle-fixtures';

const DAY = 86_400_000;

test('removes bundles older than the retention period except those about a version with an open request', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    const shared = snapshot('shared');
    const old = bundle('2026.4.0', [shared, snapshot('old-only')]);
    const kept = bundle('2026.5.1', [shared]);
    const fresh = bundle('2026.5.0', [shared], 'fresh');
    await store.evidence.put(old, new Date(minutes(0).getTime() - 400 * DAY));
    await store.evidence.put(kept, new Date(minutes(0).getTime() - 400 * DAY));
    await store.evidence.put(fresh, minutes(0));
    // An open request about 2026.5.1 keeps its old evidence: an approver may still be weighing it.
    const base = pendingRequest(latestPromotion());
    const open = { ...base, target: { ...base.target, image: 'dispatch', version: '2026.5.1' } };
    await store.requests.commit({ request: { create: open }, audit: [] });

    await pruneEvidence({ evidence: store.evidence, requests: store.requests, now: () => minutes(0), retentionDays: 365, logger: createLogger('silent') });

    expect(await store.evidence.get(old.sha256)).toBeUndefined();
    expect(await store.evidence.get(kept.sha256)).toEqual(kept);
    expect(await store.evidence.get(fresh.sha256)).toEqual(fresh);
  } finally {
    await cleanup();
  }
});
