import type { Gallery, ImageDefinition, ImageVersion, ReplicaEncryption } from '../gallery/model';
import { shortenResourceId } from './shorten-resource-id';

export interface Fact {
  title: string;
  value: string;
}

/** `OS disk: diskEncryptionSets des-1 (ConfidentialVM EncryptedWithCmk) · LUN 0: …`. Not escaped. */
export function describeEncryption(e: ReplicaEncryption): string {
  const parts: string[] = [];
  if (e.osDiskEncryptionSetId) parts.push(`OS disk ${shortenResourceId(e.osDiskEncryptionSetId)}`);
  if (e.confidentialVMEncryptionType) parts.push(`confidential VM ${e.confidentialVMEncryptionType}`);
  if (e.secureVMDiskEncryptionSetId) parts.push(`secure VM key ${shortenResourceId(e.secureVMDiskEncryptionSetId)}`);
  for (const d of e.dataDisks) parts.push(`data disk LUN ${d.lun ?? '?'} ${d.diskEncryptionSetId ? shortenResourceId(d.diskEncryptionSetId) : 'platform-managed key'}`);
  return parts.length ? parts.join(' · ') : 'platform-managed keys';
}

/**
 * The security group: keys per region and edge zone (customer-managed or not), UEFI keys, the definition's
 * security features (e.g. SecurityType) and who the gallery is shared with. Values are not escaped.
 */
export function securityFacts(v: ImageVersion, definition: ImageDefinition | undefined, gallery: Gallery | undefined): Fact[] {
  const facts: Fact[] = [];
  // One fact per region or edge zone: keys differ by region, and a responder looks one region up.
  const encrypted = [
    ...v.targetRegions.filter((r) => r.encryption).map((r) => ({ title: `Encryption in ${r.name}`, value: describeEncryption(r.encryption!) })),
    ...(v.extendedLocations ?? []).filter((e) => e.encryption).map((e) => ({ title: `Encryption in ${e.region} ${e.edgeZone ?? 'edge zone'}`, value: describeEncryption(e.encryption!) })),
  ];
  const plain = v.targetRegions.filter((r) => !r.encryption).map((r) => r.name);
  if (encrypted.length === 0) facts.push({ title: 'Encryption', value: 'platform-managed keys in every region' });
  else facts.push(...encrypted, ...(plain.length ? [{ title: 'Encryption elsewhere', value: `platform-managed keys in ${plain.join(', ')}` }] : []));
  if (v.uefi) {
    const templates = v.uefi.signatureTemplateNames.join(', ') || 'none';
    const keys = v.uefi.additionalSignatures.map((k) => `${k.kind} ${k.values} ${k.type ?? ''}`.trim()).join(', ');
    facts.push({ title: 'UEFI keys', value: `templates ${templates}${keys ? ` · additional ${keys}` : ''}` });
  } else if (v.validation !== undefined && definition?.hyperVGeneration?.toUpperCase() === 'V2') {
    // A full read (it carries validation) of a Gen2 image, which boots with UEFI: say that the keys were not
    // asked for, so a missing fact is not read as "no custom keys". $expand=UefiSettings is not combined with the
    // status read's expands (no Microsoft example shows the three together; a refusal would break every read).
    facts.push({ title: 'UEFI keys', value: 'not read: GalleryOps does not ask Azure for them' });
  }
  const more = definition?.more;
  if (more?.features.length) {
    facts.push({ title: 'Features', value: more.features.map((f) => `${f.name}=${f.value ?? ''}${f.startsAtVersion ? ` (from ${f.startsAtVersion})` : ''}`).join(', ') });
  }
  if (more?.disallowedDiskTypes.length) facts.push({ title: 'Disk types not allowed', value: more.disallowedDiskTypes.join(', ') });
  if (gallery) {
    const shared = gallery.sharedWith.length ? ` with ${gallery.sharedWith.join(', ')}` : '';
    const state = gallery.more?.sharingState ? ` (sharing ${gallery.more.sharingState})` : '';
    facts.push({ title: 'Gallery sharing', value: `${gallery.sharing}${shared}${state}` });
    const c = gallery.more?.community;
    if (c) {
      const names = [c.publicNames.length ? `public names ${c.publicNames.join(', ')}` : undefined, c.publicNamePrefix ? `prefix ${c.publicNamePrefix}` : undefined];
      const state = c.enabled === undefined ? undefined : c.enabled ? 'enabled' : 'not enabled';
      facts.push({ title: 'Community gallery', value: [state, ...names, c.publisherUri, c.publisherContact, c.eula ? `EULA ${c.eula}` : undefined].filter(Boolean).join(' · ') });
    }
    if (gallery.more?.identityType) facts.push({ title: 'Gallery identity', value: `${gallery.more.identityType}${gallery.more.userAssignedIdentities ? ` (${gallery.more.userAssignedIdentities} user-assigned)` : ''}` });
  }
  return facts;
}
