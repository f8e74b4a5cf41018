import type { Gallery, ImageDefinition, ImageVersion } from '../gallery/model';
import { replicasOf } from '../report/replica-storage';
import { describeDisk, describeSource } from './describe-source';
import { escapeMarkdown } from './escape-text';
import { formatDay, formatRelativeDay } from './format-date';
import { securityFacts, type Fact } from './security-facts';

/** One titled group of facts on `image status` and `evidence`. */
export interface FactGroup {
  title: string;
  facts: Fact[];
}

export interface FactGroupInput {
  version: ImageVersion;
  definition?: ImageDefinition;
  gallery?: Gallery;
  readAt: Date;
  /** The card's own first facts (e.g. Latest), put at the head of Publishing. */
  publishing?: Fact[];
}

/**
 * Everything ARM says about a version (and the definition and gallery it is in) that a responder may need,
 * in the six groups the README lists: source, publishing, safety and validation, replication, storage,
 * security. The highlighted findings (violations, end of life, each validation) stay above them; these are
 * the facts behind them. Values are escaped here, once.
 */
export function versionFactGroups(input: FactGroupInput): FactGroup[] {
  const { version: v, definition: d, readAt } = input;
  const groups: FactGroup[] = [
    { title: 'Source', facts: sourceFacts(v) },
    { title: 'Publishing', facts: [...(input.publishing ?? []), ...publishingFacts(v, d, input.gallery, readAt)] },
    { title: 'Safety and validation', facts: safetyFacts(v, input.gallery) },
    { title: 'Replication', facts: replicationFacts(v) },
    { title: 'Storage', facts: storageFacts(v) },
    { title: 'Security', facts: securityFacts(v, d, input.gallery) },
  ];
  return groups
    .filter((g) => g.facts.length > 0)
    .map((g) => ({ title: g.title, facts: g.facts.map((f) => ({ title: escapeMarkdown(f.title), value: escapeMarkdown(f.value) })) }));
}

function sourceFacts(v: ImageVersion): Fact[] {
  return [
    { title: 'Built from', value: describeSource(v) ?? 'not reported' },
    ...(v.disks ?? []).map((disk) => ({ title: capital(disk.disk), value: describeDisk(disk, v.sourceKind === 'VHD' ? v.sourceId : undefined) })),
  ];
}

function publishingFacts(v: ImageVersion, d: ImageDefinition | undefined, g: Gallery | undefined, readAt: Date): Fact[] {
  const facts: Fact[] = [
    { title: 'Published', value: v.publishedDate ? formatRelativeDay(v.publishedDate, readAt) : 'not yet' },
    { title: 'Provisioning', value: v.provisioningState ?? 'not reported' },
  ];
  if (v.restore) facts.push({ title: 'Restored', value: 'from soft delete' });
  if (d) {
    const state = d.provisioningState && d.provisioningState !== 'Succeeded' ? ` · provisioning ${d.provisioningState}` : '';
    facts.push({ title: 'Definition', value: `${d.publisher}/${d.offer}/${d.sku} · ${d.osType} ${d.osState}${d.hyperVGeneration ? ` · Hyper-V ${d.hyperVGeneration}` : ''}${d.architecture ? ` · ${d.architecture}` : ''}${state}` });
    if (d.description) facts.push({ title: 'Definition description', value: d.description });
    if (d.endOfLifeDate) facts.push({ title: 'Definition end of life', value: formatDay(d.endOfLifeDate) });
    const m = d.more;
    if (m?.releaseNoteUri) facts.push({ title: 'Release notes', value: m.releaseNoteUri });
    if (m?.privacyStatementUri) facts.push({ title: 'Privacy statement', value: m.privacyStatementUri });
    if (m?.eula) facts.push({ title: 'EULA', value: m.eula });
    if (m?.purchasePlan) facts.push({ title: 'Purchase plan', value: [m.purchasePlan.publisher, m.purchasePlan.product, m.purchasePlan.name].filter(Boolean).join('/') });
    const r = m?.recommended;
    if (r) facts.push({ title: 'Recommended', value: `${range(r.vCPUs)} vCPUs · ${range(r.memoryGB)} GB memory` });
    if (m?.allowUpdateImage !== undefined) facts.push({ title: 'Definition updatable', value: m.allowUpdateImage ? 'yes' : 'no' });
  }
  if (g?.description) facts.push({ title: 'Gallery description', value: g.description });
  return facts;
}

function safetyFacts(v: ImageVersion, gallery: Gallery | undefined): Fact[] {
  const facts: Fact[] = [];
  if (v.validation === undefined) facts.push({ title: 'Validation', value: 'not read' });
  else {
    const attributes = v.validation.platformAttributes.map((a) => `${a.name}=${a.value ?? ''}`).join(', ');
    if (attributes) facts.push({ title: 'Platform attributes', value: attributes });
    if (v.validation.etag) facts.push({ title: 'Validation etag', value: v.validation.etag });
  }
  if (gallery) facts.push({ title: 'Soft delete', value: gallery.softDeleteEnabled ? 'on in this gallery (a deleted version can be restored)' : 'off in this gallery' });
  return facts;
}

function replicationFacts(v: ImageVersion): Fact[] {
  const edge = v.extendedLocations ?? [];
  const facts: Fact[] = [
    { title: 'Replicas', value: `${replicasOf(v)} in ${v.targetRegions.length} ${v.targetRegions.length === 1 ? 'region' : 'regions'}${edge.length ? ` and ${edge.length} edge ${edge.length === 1 ? 'zone' : 'zones'}` : ''}` },
    { title: 'Default replicas', value: `${v.replicaCount ?? 'not set'} · ${v.storageAccountType ?? 'storage type not set'}` },
    // The headline is judged from the regions; ARM's own aggregate is shown beside it, as ARM said it.
    { title: "Azure's aggregate", value: v.replication ? String(v.replication.aggregatedState) : 'not read' },
    { title: 'Home region', value: v.location || 'not reported' },
  ];
  if (v.replicationMode) facts.push({ title: 'Replication mode', value: v.replicationMode });
  for (const e of edge) {
    facts.push({ title: 'Edge zone', value: `${e.region} · ${e.edgeZone ?? 'unnamed'}${e.type ? ` (${e.type})` : ''} · ${e.replicaCount ?? 1} ${e.replicaCount === 1 || e.replicaCount === undefined ? 'replica' : 'replicas'} · ${e.storageAccountType ?? 'storage type not set'}` });
  }
  const excluded = v.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  // Latest is per region: a region excluded here resolves latest to an older version there.
  facts.push({ title: 'Per-region latest', value: v.excludeFromLatest ? 'excluded everywhere' : excluded.length ? `excluded in ${excluded.join(', ')}; eligible elsewhere` : 'eligible in every region' });
  return facts;
}

function storageFacts(v: ImageVersion): Fact[] {
  const facts: Fact[] = [];
  const sizes = [v.osDiskSizeGB, ...v.dataDiskSizesGB].filter((n): n is number => n !== undefined);
  if (sizes.length) facts.push({ title: 'Size per replica', value: `${sizes.reduce((a, b) => a + b, 0)} GB` });
  if (v.storageAccountStrategy) facts.push({ title: 'Storage strategy', value: v.storageAccountStrategy });
  const extra = v.targetRegions.flatMap((r) => (r.additionalReplicaSets ?? []).map((a) => `${r.name} +${a.regionalReplicaCount ?? 1} ${a.storageAccountType ?? ''}`.trim()));
  if (extra.length) facts.push({ title: 'Additional replica sets', value: extra.join(', ') });
  return facts;
}

function range(r: { min?: number; max?: number } | undefined): string {
  if (r === undefined) return 'any';
  return `${r.min ?? '?'}–${r.max ?? '?'}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
