import { imageKeyOf, type ChangeRequest } from '../approvals/change-request';
import type { AuditHead, AuditRecord } from '../audit/audit-record';
import { NotFoundError, UserFacingError } from '../errors';
import type { GalleryPort } from '../gallery/gallery-port';
import { sameVersion } from '../gallery/image-reference';
import type { ImageDefinition, ImageKey, ImageVersion } from '../gallery/model';
import type { UsageReader, UsageRef, VersionUsage } from '../gallery/usage-port';
import { latestVersion } from '../gallery/version-match';
import { byCreation } from '../approvals/request-order';
import type { ChangeRequestStore } from '../approvals/request-store';
import type { AuditStore } from '../audit/audit-store';
import type { ArmResponseRecorder } from './arm-response-recorder';
import type { EvidenceRequester, EvidenceSnapshot, EvidenceUsage } from './evidence-bundle';
import { EVIDENCE_SCHEMA } from './evidence-bundle';
import { definitionRead, usageQueryCommand, versionListRead, versionRead } from './reproduce-commands';
import { sealBundle, type SealedBundle } from './seal-bundle';
import { toJson } from './to-json';
import { verbatimReader } from './verbatim-reads';

/** Where evidence is read from: ARM (through the ports) and the store. */
export interface EvidenceSources {
  gallery: GalleryPort;
  usage?: UsageReader;
  audit: Pick<AuditStore, 'list' | 'head'>;
  requests: Pick<ChangeRequestStore, 'listByImage'>;
  /** Keeps ARM's answers to the reads below verbatim; absent, the bundle says it has none. */
  armResponses?: ArmResponseRecorder;
  now(): Date;
}

/** Usage as read, or why it could not be. */
export type UsageReading = { readAt: Date; refs: VersionUsage } | { readAt: Date; unavailable: string };

/** Everything the card shows, and the sealed bundle made of the same reads. */
export interface CollectedEvidence {
  definition: ImageDefinition;
  /** Read with replication status. */
  version: ImageVersion;
  /** The version `latest` deploys now (undefined: every version is excluded). */
  latest?: string;
  requests: ChangeRequest[];
  auditRecords: AuditRecord[];
  usage: UsageReading;
  auditHead?: AuditHead;
  sealed: SealedBundle;
}

/**
 * Reads everything about one version once, stamps each read with the clock, and seals the bundle from exactly
 * those reads, so the card and the bundle cannot disagree. `choose` picks the version from the definition's
 * list (exact, prefix or latest) and returns ARM's name of it; the list is evidence of what latest was.
 */
export async function collectEvidence(
  sources: EvidenceSources,
  image: ImageKey,
  choose: (versions: readonly ImageVersion[]) => string,
  generatedBy: EvidenceRequester,
): Promise<CollectedEvidence> {
  // Each read in its own capture scope, so each snapshot holds the answers to its own GETs (usage is not ARM's
  // gallery and stays outside).
  const timed = verbatimReader(sources.armResponses, () => sources.now());
  const [definitions, list] = await Promise.all([timed(() => sources.gallery.listImages(image)), timed(() => sources.gallery.listVersions(image))]);
  const version = choose(list.value);
  const [got, usage] = await Promise.all([timed(() => sources.gallery.getVersion(image, version, { withReplication: true })), readUsage(sources, image, version)]);
  const definition = definitions.value.find((d) => d.image.toLowerCase() === image.image.toLowerCase());
  if (!definition) throw new NotFoundError(`Image definition \`${image.gallery}/${image.image}\` no longer exists.`);
  const v = got.value;

  const requests = (await sources.requests.listByImage(image.gallery, image.image)).filter((r) => sameVersion(r.target.version, v.version)).sort(byCreation);
  const auditRecords = await relatedRecords(sources, image, v.version, requests);
  // Read after the records: the head then covers every record in the bundle.
  const auditHead = await sources.audit.head();

  const snapshots: EvidenceSnapshot[] = [
    { kind: 'definition', readAt: iso(definitions.readAt), ...definitionRead(image), body: toJson(definition), verbatim: definitions.verbatim },
    { kind: 'version', readAt: iso(got.readAt), ...versionRead(image, v.version), body: toJson(v), verbatim: got.verbatim },
    { kind: 'versions', readAt: iso(list.readAt), ...versionListRead(image), body: toJson(list.value), verbatim: list.verbatim },
  ];
  const sealed = sealBundle({
    schema: EVIDENCE_SCHEMA,
    generatedAt: iso(sources.now()),
    generatedBy,
    subject: { subscription: image.subscriptionId, resourceGroup: image.resourceGroup, gallery: image.gallery, image: image.image, version: v.version },
    snapshots,
    changeRequests: requests.map(({ cards: _where, ...r }) => toJson(r)),
    auditRecords,
    usage: usageJson(usage, image, v.version),
    auditHead: auditHead ? { seq: auditHead.seq, hash: auditHead.hash } : null,
  });
  return {
    definition,
    version: v,
    latest: latestVersion(list.value)?.version,
    requests,
    auditRecords,
    usage,
    ...(auditHead ? { auditHead } : {}),
    sealed,
  };
}

/**
 * Records about the version, plus every record of its requests: a stage promotion's records name the source
 * gallery's image, yet they are evidence for the copy too.
 */
async function relatedRecords(sources: EvidenceSources, image: ImageKey, version: string, requests: ChangeRequest[]): Promise<AuditRecord[]> {
  const lists = await Promise.all([
    sources.audit.list({ image: imageKeyOf(image), version }),
    ...requests.map((r) => sources.audit.list({ requestId: r.id })),
  ]);
  const bySeq = new Map<number, AuditRecord>();
  for (const record of lists.flat()) bySeq.set(record.seq, record);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A failed usage read costs the bundle its usage section, not the whole bundle: it is wanted mid-incident. */
async function readUsage(sources: EvidenceSources, image: ImageKey, version: string): Promise<UsageReading> {
  if (!sources.usage) return { readAt: sources.now(), unavailable: 'usage is not configured in this deployment' };
  try {
    const refs = await sources.usage.findUsage(image, version);
    return { readAt: sources.now(), refs: { scaleSets: sortRefs(refs.scaleSets), vms: sortRefs(refs.vms), ...(refs.aliases ? { aliases: refs.aliases } : {}) } };
  } catch (err) {
    if (err instanceof UserFacingError) return { readAt: sources.now(), unavailable: err.userMessage };
    throw err;
  }
}

function usageJson(usage: UsageReading, image: ImageKey, version: string): EvidenceUsage {
  if ('unavailable' in usage) return { readAt: iso(usage.readAt), unavailable: usage.unavailable };
  return {
    readAt: iso(usage.readAt),
    azCommand: usageQueryCommand(image, version, usage.refs.aliases),
    scaleSets: usage.refs.scaleSets.map((r) => toJson(r)),
    vms: usage.refs.vms.map((r) => toJson(r)),
  };
}

/** Readers list in whatever order ARM pages; the bundle must not depend on it. */
function sortRefs(refs: UsageRef[]): UsageRef[] {
  return [...refs].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : a.id.toLowerCase() > b.id.toLowerCase() ? 1 : 0));
}

const iso = (d: Date): string => d.toISOString();
