import { describeAuditConformance } from './conformance/audit-conformance';
import { describeClaimConformance } from './conformance/claim-conformance';
import { describeConversationConformance } from './conformance/conversation-conformance';
import { describeDigestConformance } from './conformance/digest-conformance';
import { describeEvidenceConformance } from './conformance/evidence-conformance';
import type { StoreCapabilities, StoreHarness } from './conformance/harness';
import { describeRequestConformance } from './conformance/request-conformance';
import { describeSubscriptionConformance } from './conformance/subscription-conformance';

export type { AuditTamper, StoreCapabilities, StoreHarness } from './conformance/harness';

/** The behaviour every store must have; run by each backend's test file. */
export function describeStoreConformance(name: string, makeHarness: () => Promise<StoreHarness>, capabilities: StoreCapabilities = {}): void {
  const caps: Required<StoreCapabilities> = { concurrentInstances: true, evidenceParts: false, ...capabilities };
  describeRequestConformance(name, makeHarness, caps);
  describeClaimConformance(name, makeHarness, caps);
  describeAuditConformance(name, makeHarness, caps);
  describeConversationConformance(name, makeHarness, caps);
  describeEvidenceConformance(name, makeHarness, caps);
  describeSubscriptionConformance(name, makeHarness, caps);
  describeDigestConformance(name, makeHarness, caps);
}
