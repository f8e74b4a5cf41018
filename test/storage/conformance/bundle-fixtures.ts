import { EVIDENCE_SCHEMA, type EvidenceArmResponse, type EvidenceBundle, type EvidenceSnapshot } from '../../../src/evidence/evidence-bundle';
import { splitBundle } from '../../../src/evidence/bundle-parts';
import type { JsonValue } from '../../../src/json-value';
import { minutes, pendingRequest, SUB } from '../../approvals/fixtures';
import { sealBundle } from '../../../src/evidence/seal-bundle';
import { entry } from './fixtures';
import { chainRecords } from '../../../src/audit/chain-records';

/** A version snapshot as the bot reads it; the same `tag` gives the same body (a part two bundles share). */
export function snapshot(tag: string, kind: EvidenceSnapshot['kind'] = 'version'): EvidenceSnapshot {
  return {
    kind,
    readAt: minutes(1).toISOString(),
    azCommand: `az sig image-version show --gallery-name gal_golden --gallery-image-definition dispatch --gallery-image-version ${tag}`,
    armRequest: { method: 'GET', path: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/${tag}`, apiVersion: '2025-03-03' },
    body: {
      name: tag,
      publishingProfile: { excludeFromLatest: false, targetRegions: [{ name: 'West Europe', regionalReplicaCount: 1 }], publishedDate: '2026-11-01T08:00:00.000Z' },
      replicationStatus: { summary: [{ region: 'westeurope', state: 'Completed', progress: 100 }] },
      note: 'zürich ✓ 𝄞',
      ratio: 0.1,
    },
    verbatim: { responses: [armResponse(`{"name":"${tag}", "properties":{"ratio":1.0,"note":"z\u00fcrich ✓ 𝄞"}}`)] },
  };
}

/**
 * ARM's answer as received: `body` is the text itself. `minBytes` pads it with a long field (non-ASCII and
 * quotes, which stores escape) until its UTF-8 form is at least that long, as a 60-region version can be.
 */
export function armResponse(body: string, minBytes = 0): EvidenceArmResponse {
  // 'ü' 2 bytes, '✓' 3, '\"' 2, 'x' 1: 8 bytes per repeat.
  const padded = minBytes > 0 ? `${body.slice(0, -1)},"padding":"${'ü✓\\"x'.repeat(Math.ceil(minBytes / 8))}"}` : body;
  return {
    method: 'GET',
    url: `https://management.azure.com/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/x?api-version=2025-12-03&$expand=ReplicationStatus`,
    apiVersion: '2025-12-03',
    status: 200,
    requestId: '0f6c2d3e-0000-4000-8000-000000000001',
    readAt: minutes(1).toISOString(),
    contentType: 'application/json; charset=utf-8',
    body: padded,
  };
}

/** A sealed bundle about `version` with the given snapshots; `tag` varies the bundle's own fields. */
export function bundle(version: string, snapshots: EvidenceSnapshot[], tag = version): EvidenceBundle {
  const request = pendingRequest();
  const records = chainRecords(undefined, [entry(1, { requestId: request.id, image: 'gal_golden/dispatch', version })]);
  return sealBundle({
    schema: EVIDENCE_SCHEMA,
    generatedAt: minutes(2).toISOString(),
    generatedBy: { name: `Alex Wilber (${tag})`, aadObjectId: '00000000-0000-0000-0000-000000000020' },
    subject: { subscription: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version },
    snapshots,
    changeRequests: [request as unknown as JsonValue],
    auditRecords: records,
    usage: { readAt: minutes(2).toISOString(), azCommand: 'az graph query -q "…"', scaleSets: [{ name: 'vmss-dispatch-prod' }], vms: [] },
    auditHead: { seq: 1, hash: records[0]!.hash },
  }).bundle;
}

/** The content hashes of a bundle's parts, as the core splits it. */
export const partsOf = (b: EvidenceBundle): Set<string> => new Set(splitBundle(b).parts.map((p) => p.hash));
