/**
 * The nested parts of an SDK image version: encryption, disks and their sources, edge zones, UEFI keys and
 * validation results. Every field is optional in ARM's answers (and newer api-versions add more), so each
 * mapper keeps what is there and never assumes the rest.
 */
import type { GalleryImageVersion as SdkVersion } from '@azure/arm-compute';
import type { DiskImage, ExtendedLocationTarget, ReplicaEncryption, UefiSettings, VersionValidation } from '../model';
import { encryptionFromArm } from '../target-region-arm';
import { validDate } from './map-gallery';

type SdkPublishing = NonNullable<SdkVersion['publishingProfile']>;
type SdkRegion = NonNullable<SdkPublishing['targetRegions']>[number];
type SdkEncryption = SdkRegion['encryption'];
type SdkStorage = NonNullable<SdkVersion['storageProfile']>;

export function mapEncryption(e: SdkEncryption): ReplicaEncryption | undefined {
  return e === undefined || e === null ? undefined : encryptionFromArm(e);
}

export function mapExtendedLocations(p: SdkPublishing | undefined): ExtendedLocationTarget[] {
  return (p?.targetExtendedLocations ?? []).map((t) => ({
    region: t.name ?? '',
    edgeZone: t.extendedLocation?.name,
    type: t.extendedLocation?.type,
    replicaCount: t.extendedLocationReplicaCount,
    storageAccountType: t.storageAccountType,
    encryption: mapEncryption(t.encryption),
  }));
}

export function mapDisks(storage: SdkStorage | undefined): DiskImage[] {
  if (storage === undefined) return [];
  const disk = (name: string, d: { sizeInGB?: number; hostCaching?: string; source?: { id?: string; uri?: string; storageAccountId?: string } }): DiskImage => ({
    disk: name,
    sizeGB: d.sizeInGB,
    hostCaching: d.hostCaching,
    sourceId: d.source?.id,
    sourceUri: d.source?.uri,
    storageAccountId: d.source?.storageAccountId,
  });
  return [
    ...(storage.osDiskImage ? [disk('OS disk', storage.osDiskImage)] : []),
    ...(storage.dataDiskImages ?? []).map((d) => disk(`data disk (LUN ${d.lun})`, d)),
  ];
}

/** Managed image, VM, gallery version or community image; otherwise what the OS disk was built from. */
export function mapSource(storage: SdkStorage | undefined, disks: readonly DiskImage[]): { sourceId?: string; sourceKind?: string } {
  const s = storage?.source;
  if (s?.virtualMachineId) return { sourceId: s.virtualMachineId, sourceKind: 'VM' };
  if (s?.communityGalleryImageId) return { sourceId: s.communityGalleryImageId, sourceKind: 'community gallery image' };
  if (s?.id) return { sourceId: s.id, sourceKind: kindOfId(s.id) };
  // Built from disks: name the OS disk's source, which is what a responder traces first.
  const os = disks[0];
  if (os?.sourceUri) return { sourceId: os.sourceUri, sourceKind: 'VHD' };
  if (os?.sourceId) return { sourceId: os.sourceId, sourceKind: kindOfId(os.sourceId) };
  return { sourceId: undefined };
}

function kindOfId(id: string): string | undefined {
  const lower = id.toLowerCase();
  if (lower.includes('/providers/microsoft.compute/images/')) return 'managed image';
  if (lower.includes('/providers/microsoft.compute/snapshots/')) return 'snapshot';
  if (lower.includes('/providers/microsoft.compute/disks/')) return 'managed disk';
  if (lower.includes('/providers/microsoft.compute/virtualmachines/')) return 'VM';
  if (/\/galleries\/[^/]+\/images\/[^/]+\/versions\//i.test(id)) return 'gallery image version';
  return undefined;
}

export function mapUefi(p: SdkVersion['securityProfile']): UefiSettings | undefined {
  const u = p?.uefiSettings;
  if (u === undefined) return undefined;
  const sig = u.additionalSignatures;
  const keys = (kind: string, list: { type?: string; value?: string[] }[] | undefined) => (list ?? []).map((k) => ({ kind, type: k.type, values: k.value?.length ?? 0 }));
  return {
    signatureTemplateNames: [...(u.signatureTemplateNames ?? [])],
    additionalSignatures: [...keys('pk', sig?.pk ? [sig.pk] : []), ...keys('kek', sig?.kek), ...keys('db', sig?.db), ...keys('dbx', sig?.dbx)],
  };
}

export function mapValidation(p: SdkVersion['validationsProfile']): VersionValidation | undefined {
  if (p === undefined) return undefined;
  return {
    executed: (p.executedValidations ?? []).map((e) => ({
      type: e.type ?? 'unnamed validation',
      status: e.status ?? 'Unknown',
      version: e.version,
      executedAt: validDate(e.executionTime instanceof Date ? e.executionTime : e.executionTime === undefined ? undefined : new Date(String(e.executionTime))),
    })),
    platformAttributes: (p.platformAttributes ?? []).map((a) => ({ name: a.name ?? '', value: a.value })),
    etag: p.validationEtag,
  };
}
