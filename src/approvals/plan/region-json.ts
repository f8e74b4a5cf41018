import type { ExtendedLocationTarget, TargetRegion } from '../../gallery/model';
import { extendedLocationFromArm, extendedLocationToArm, targetRegionFromArm, targetRegionToArm, type ArmEncryption, type ArmExtendedLocation, type ArmTargetRegion } from '../../gallery/target-region-arm';
import type { JsonValue } from '../../json-value';

/**
 * Target regions as ARM's publishing profile spells them, as a request stores them (`before` / `after`): every
 * field of each region, its customer-managed keys and additional replica sets included, so what the executor
 * sends back is what ARM had. Unset counts and types are left out, not null.
 */
export function regionsToJson(regions: readonly TargetRegion[]): JsonValue {
  return regions.map((r) => targetRegionToArm(r) as unknown as JsonValue);
}

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: JsonValue | undefined, type: 'string' | 'number' | 'boolean'): boolean => v === undefined || typeof v === type;

/** `encryption` as stored, or undefined when it is not the shape `regionsToJson` writes. */
function encryptionFromJson(value: JsonValue): ArmEncryption | undefined {
  if (!isObject(value)) return undefined;
  const { osDiskImage: os, dataDiskImages: data } = value;
  if (os !== undefined) {
    if (!isObject(os) || !optional(os['diskEncryptionSetId'], 'string')) return undefined;
    const security = os['securityProfile'];
    if (security !== undefined && (!isObject(security) || !optional(security['confidentialVMEncryptionType'], 'string') || !optional(security['secureVMDiskEncryptionSetId'], 'string'))) return undefined;
  }
  if (data !== undefined && (!Array.isArray(data) || !data.every((d) => isObject(d) && optional(d['lun'], 'number') && optional(d['diskEncryptionSetId'], 'string')))) return undefined;
  return value as ArmEncryption;
}

function regionFromJson(item: JsonValue): TargetRegion | undefined {
  if (!isObject(item)) return undefined;
  const { name, regionalReplicaCount, storageAccountType, excludeFromLatest, encryption, additionalReplicaSets } = item;
  if (typeof name !== 'string' || !optional(excludeFromLatest, 'boolean') || !optional(regionalReplicaCount, 'number') || !optional(storageAccountType, 'string')) return undefined;
  const keys = encryption === undefined ? undefined : encryptionFromJson(encryption);
  if (encryption !== undefined && keys === undefined) return undefined;
  if (additionalReplicaSets !== undefined) {
    const valid = Array.isArray(additionalReplicaSets) && additionalReplicaSets.every((a) => isObject(a) && optional(a['storageAccountType'], 'string') && optional(a['regionalReplicaCount'], 'number'));
    if (!valid) return undefined;
  }
  const region = targetRegionFromArm({ ...(item as unknown as ArmTargetRegion), ...(keys ? { encryption: keys } : {}) });
  // Unset values stay absent (not `undefined` keys), as they were written.
  return Object.fromEntries(Object.entries(region).filter(([, v]) => v !== undefined)) as unknown as TargetRegion;
}

/** Reads back what `regionsToJson` wrote (requests stored before keys were kept read the same); undefined when the stored value is not such a list. */
export function regionsFromJson(value: JsonValue): TargetRegion[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const regions: TargetRegion[] = [];
  for (const item of value) {
    const region = regionFromJson(item);
    if (region === undefined) return undefined;
    regions.push(region);
  }
  return regions;
}

/** Edge zones (`targetExtendedLocations`) as ARM spells them, keys included, as a request stores them. */
export function edgeZonesToJson(zones: readonly ExtendedLocationTarget[]): JsonValue {
  return zones.map((z) => extendedLocationToArm(z) as unknown as JsonValue);
}

function edgeZoneFromJson(item: JsonValue): ExtendedLocationTarget | undefined {
  if (!isObject(item)) return undefined;
  const { name, extendedLocation: zone, extendedLocationReplicaCount, storageAccountType, encryption } = item;
  if (typeof name !== 'string' || !optional(extendedLocationReplicaCount, 'number') || !optional(storageAccountType, 'string')) return undefined;
  if (zone !== undefined && (!isObject(zone) || !optional(zone['name'], 'string') || !optional(zone['type'], 'string'))) return undefined;
  const keys = encryption === undefined ? undefined : encryptionFromJson(encryption);
  if (encryption !== undefined && keys === undefined) return undefined;
  return extendedLocationFromArm({ ...(item as unknown as ArmExtendedLocation), ...(keys ? { encryption: keys } : {}) });
}

/** Reads back what `edgeZonesToJson` wrote; undefined when the stored value is not such a list. */
export function edgeZonesFromJson(value: JsonValue): ExtendedLocationTarget[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const zones = value.map(edgeZoneFromJson);
  return zones.every((z): z is ExtendedLocationTarget => z !== undefined) ? zones : undefined;
}
