/**
 * What a PUT or PATCH of an image version turns the stored document into — pure functions, so the merge rules
 * (defaults, read-only fields kept, properties that may not change) are unit-testable without HTTP.
 */
import { ArmError, invalidParameter } from './arm-error';
import { armType, canonicalId, type ResourceAddress } from './arm-route';
import { cloneJson, compact, isObject, objectAt, stringAt, type JsonObject } from './json';
import { regionDisplayName } from './regions';
import { regionKey } from './replication';

const STORAGE_TYPES = ['Standard_LRS', 'Standard_ZRS', 'Premium_LRS', 'PremiumV2_LRS'];
/** From this api-version on, new versions get an end of life 6 months out and deletion blocked until then. */
const EOL_DEFAULT_API_VERSION = '2026-03-03';

export interface PutInput {
  address: ResourceAddress;
  body: unknown;
  existing?: JsonObject;
  /** The source's document when `storageProfile.source.id` is a gallery image version in the store. */
  sourceVersion?: JsonObject;
  now: Date;
  apiVersion: string;
}

/** The target region names a version document lists. */
export function targetRegionNames(doc: unknown): string[] {
  const regions = objectAt(objectAt(doc, 'properties'), 'publishingProfile')?.['targetRegions'];
  return Array.isArray(regions) ? regions.map((r) => stringAt(r, 'name')).filter((n): n is string => n !== undefined) : [];
}

/** The source id (managed image, VM, other version) a version document names, if any. */
export function sourceIdOf(doc: unknown): string | undefined {
  const source = objectAt(objectAt(objectAt(doc, 'properties'), 'storageProfile'), 'source');
  return stringAt(source, 'id') ?? stringAt(source, 'virtualMachineId');
}

function requireProperties(body: unknown): JsonObject {
  const properties = objectAt(body, 'properties');
  if (properties === undefined) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the "properties" object is missing.');
  }
  return properties;
}

function isoDate(value: unknown, target: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw invalidParameter(`The value '${String(value)}' of '${target}' is not a valid date-time.`, target);
  return new Date(parsed).toISOString();
}

function checkStorageType(value: unknown, target: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !STORAGE_TYPES.includes(value)) {
    throw invalidParameter(`The storage account type '${String(value)}' is not supported. Use one of ${STORAGE_TYPES.join(', ')}.`, target);
  }
  return value;
}

function checkReplicaCount(value: unknown, target: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw invalidParameter(`The replica count '${String(value)}' is invalid; it must be an integer from 1 to 100.`, target);
  }
  return value;
}

/**
 * One target region as ARM stores it: the request's fields over the existing entry's, then the profile's defaults.
 * A region the request lists without its keys or additional replica sets keeps the ones it has, as Microsoft's
 * GalleryImageVersion_Update example answers (its PATCH names West US without `encryption`; the response still
 * has it). A region added (or re-added after its removal) has only what the request gives it.
 */
function mergeRegion(requested: unknown, existing: JsonObject | undefined, defaults: { replicaCount: number; storageAccountType: string }, index: number): JsonObject {
  const target = `galleryImageVersion.properties.publishingProfile.targetRegions[${index}]`;
  const name = stringAt(requested, 'name');
  if (name === undefined || name.trim() === '') throw invalidParameter('Every target region needs a name.', `${target}.name`);
  const req = requested as JsonObject;
  const excludeFromLatest = req['excludeFromLatest'] ?? existing?.['excludeFromLatest'] ?? false;
  if (typeof excludeFromLatest !== 'boolean') throw invalidParameter('excludeFromLatest must be true or false.', `${target}.excludeFromLatest`);
  return compact({
    name: regionDisplayName(name),
    regionalReplicaCount: checkReplicaCount(req['regionalReplicaCount'], `${target}.regionalReplicaCount`) ?? existing?.['regionalReplicaCount'] ?? defaults.replicaCount,
    storageAccountType: checkStorageType(req['storageAccountType'], `${target}.storageAccountType`) ?? existing?.['storageAccountType'] ?? defaults.storageAccountType,
    encryption: req['encryption'] ?? existing?.['encryption'],
    excludeFromLatest,
    additionalReplicaSets: req['additionalReplicaSets'] ?? existing?.['additionalReplicaSets'],
  });
}

function mergeRegions(requested: unknown, existingProfile: JsonObject | undefined, defaults: { replicaCount: number; storageAccountType: string }): JsonObject[] {
  if (!Array.isArray(requested)) {
    throw invalidParameter('targetRegions must be an array.', 'galleryImageVersion.properties.publishingProfile.targetRegions');
  }
  const previous = Array.isArray(existingProfile?.['targetRegions']) ? (existingProfile['targetRegions'] as unknown[]) : [];
  const byKey = new Map(previous.filter(isObject).map((r) => [regionKey(String(r['name'] ?? '')), r]));
  const merged = requested.map((r, i) => mergeRegion(r, byKey.get(regionKey(stringAt(r, 'name') ?? '')), defaults, i));
  const keys = merged.map((r) => regionKey(String(r['name'])));
  if (new Set(keys).size !== keys.length) {
    throw invalidParameter('A region is listed more than once in targetRegions.', 'galleryImageVersion.properties.publishingProfile.targetRegions');
  }
  return merged;
}

function assertSameSource(existing: JsonObject | undefined, requestedId: string | undefined): void {
  const existingId = sourceIdOf(existing);
  if (existing === undefined || requestedId === undefined || existingId === undefined) return;
  if (existingId.toLowerCase() !== requestedId.toLowerCase()) {
    throw new ArmError(409, 'PropertyChangeNotAllowed', "Changing property 'galleryImageVersion.properties.storageProfile.source.id' is not allowed.", {
      target: 'galleryImageVersion.properties.storageProfile.source.id',
    });
  }
}

/** PUT: create or replace. Read-only facts (published date, disk sizes, policy reports) survive a replace. */
export function buildVersionForPut(input: PutInput): JsonObject {
  const { body, existing, now } = input;
  const properties = requireProperties(body);
  const location = stringAt(body, 'location');
  if (location === undefined) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  const existingProps = objectAt(existing, 'properties');
  const oldProfile = objectAt(existingProps, 'publishingProfile');
  const profile = objectAt(properties, 'publishingProfile') ?? {};
  const storageProfile = objectAt(properties, 'storageProfile');
  const requestedSource = objectAt(storageProfile, 'source');
  const source = requestedSource ?? objectAt(objectAt(existingProps, 'storageProfile'), 'source');
  if (source === undefined) {
    throw invalidParameter('The image version needs a source: storageProfile.source.id (a managed image, VM or image version).', 'galleryImageVersion.properties.storageProfile.source');
  }
  assertSameSource(existing, stringAt(requestedSource, 'id') ?? stringAt(requestedSource, 'virtualMachineId'));
  if (existing !== undefined && stringAt(existing, 'location') !== undefined && regionKey(stringAt(existing, 'location') ?? '') !== regionKey(location)) {
    throw invalidParameter(`The location of an existing image version cannot change from '${stringAt(existing, 'location')}' to '${location}'.`, 'location');
  }

  const replicaCount = checkReplicaCount(profile['replicaCount'], 'galleryImageVersion.properties.publishingProfile.replicaCount') ?? 1;
  const storageAccountType = checkStorageType(profile['storageAccountType'], 'galleryImageVersion.properties.publishingProfile.storageAccountType') ?? 'Standard_LRS';
  const publishedDate = stringAt(oldProfile, 'publishedDate') ?? now.toISOString();
  const newStyleDefaults = existing === undefined && input.apiVersion >= EOL_DEFAULT_API_VERSION;
  const defaultEol = newStyleDefaults ? new Date(new Date(publishedDate).setUTCMonth(new Date(publishedDate).getUTCMonth() + 6)).toISOString() : undefined;
  const requestedRegions = profile['targetRegions'] ?? [{ name: location }];
  const safety = objectAt(properties, 'safetyProfile') ?? {};
  const oldSafety = objectAt(existingProps, 'safetyProfile');
  const oldStorage = objectAt(existingProps, 'storageProfile');
  const sourceStorage = objectAt(objectAt(input.sourceVersion, 'properties'), 'storageProfile');

  return compact({
    id: stringAt(existing, 'id') ?? canonicalId(input.address),
    name: stringAt(existing, 'name') ?? input.address.names[2],
    type: existing === undefined ? armType('version') : existing['type'],
    // ARM echoes the location as the request spelled it (the upstream examples keep "West US").
    location: stringAt(existing, 'location') ?? location,
    tags: isObject(body) ? (body['tags'] as unknown) : undefined,
    properties: compact({
      publishingProfile: compact({
        targetRegions: mergeRegions(requestedRegions, oldProfile, { replicaCount, storageAccountType }),
        replicaCount,
        excludeFromLatest: typeof profile['excludeFromLatest'] === 'boolean' ? profile['excludeFromLatest'] : undefined,
        publishedDate,
        endOfLifeDate: isoDate(profile['endOfLifeDate'], 'galleryImageVersion.properties.publishingProfile.endOfLifeDate') ?? defaultEol,
        storageAccountType,
        replicationMode: profile['replicationMode'],
        targetExtendedLocations: profile['targetExtendedLocations'],
        storageAccountStrategy: profile['storageAccountStrategy'],
      }),
      storageProfile: compact({
        source: cloneJson(source),
        osDiskImage: oldStorage?.['osDiskImage'] ?? sourceStorage?.['osDiskImage'] ?? { sizeInGB: 30, hostCaching: 'ReadOnly' },
        dataDiskImages: oldStorage?.['dataDiskImages'] ?? sourceStorage?.['dataDiskImages'],
      }),
      safetyProfile: {
        allowDeletionOfReplicatedLocations: safety['allowDeletionOfReplicatedLocations'] ?? false,
        reportedForPolicyViolation: oldSafety?.['reportedForPolicyViolation'] ?? false,
        policyViolations: oldSafety?.['policyViolations'] ?? [],
        blockDeletionBeforeEndOfLife: safety['blockDeletionBeforeEndOfLife'] ?? newStyleDefaults,
      },
      securityProfile: properties['securityProfile'] ?? existingProps?.['securityProfile'],
      provisioningState: existing === undefined ? 'Creating' : 'Updating',
    }),
  });
}

/** PATCH: merges updatable fields into the stored document; non-updatable ones must not change. */
export function buildVersionForPatch(existing: JsonObject, body: unknown): JsonObject {
  const properties = objectAt(body, 'properties') ?? {};
  const doc = cloneJson(existing);
  const props = (objectAt(doc, 'properties') ?? {}) as JsonObject;
  doc['properties'] = props;
  const oldProfile = objectAt(existing['properties'], 'publishingProfile');
  const profile = { ...(oldProfile ?? {}) } as JsonObject;
  const patch = objectAt(properties, 'publishingProfile') ?? {};

  for (const fixed of ['storageAccountType', 'replicationMode'] as const) {
    if (patch[fixed] !== undefined && oldProfile?.[fixed] !== undefined && patch[fixed] !== oldProfile[fixed]) {
      throw new ArmError(409, 'PropertyChangeNotAllowed', `Changing property 'galleryImageVersion.properties.publishingProfile.${fixed}' is not allowed.`);
    }
  }
  if (patch['excludeFromLatest'] !== undefined) {
    if (typeof patch['excludeFromLatest'] !== 'boolean') throw invalidParameter('excludeFromLatest must be true or false.', 'galleryImageVersion.properties.publishingProfile.excludeFromLatest');
    profile['excludeFromLatest'] = patch['excludeFromLatest'];
  }
  const eol = isoDate(patch['endOfLifeDate'], 'galleryImageVersion.properties.publishingProfile.endOfLifeDate');
  if (eol !== undefined) profile['endOfLifeDate'] = eol;
  const replicaCount = checkReplicaCount(patch['replicaCount'], 'galleryImageVersion.properties.publishingProfile.replicaCount');
  if (replicaCount !== undefined) profile['replicaCount'] = replicaCount;
  // Updatable, and replaced as sent like every list in a PATCH: the edge zones are whatever the request lists.
  if (patch['targetExtendedLocations'] !== undefined) {
    if (!Array.isArray(patch['targetExtendedLocations'])) throw invalidParameter('targetExtendedLocations must be an array.', 'galleryImageVersion.properties.publishingProfile.targetExtendedLocations');
    profile['targetExtendedLocations'] = cloneJson(patch['targetExtendedLocations']);
  }
  if (patch['targetRegions'] !== undefined) {
    profile['targetRegions'] = mergeRegions(patch['targetRegions'], oldProfile, {
      replicaCount: typeof profile['replicaCount'] === 'number' ? profile['replicaCount'] : 1,
      storageAccountType: stringAt(profile, 'storageAccountType') ?? 'Standard_LRS',
    });
  }
  props['publishingProfile'] = profile;

  const requestedSource = objectAt(objectAt(properties, 'storageProfile'), 'source');
  assertSameSource(existing, stringAt(requestedSource, 'id') ?? stringAt(requestedSource, 'virtualMachineId'));

  const safetyPatch = objectAt(properties, 'safetyProfile');
  if (safetyPatch !== undefined) {
    const safety = { ...(objectAt(props, 'safetyProfile') ?? {}) } as JsonObject;
    for (const key of ['allowDeletionOfReplicatedLocations', 'blockDeletionBeforeEndOfLife']) {
      if (typeof safetyPatch[key] === 'boolean') safety[key] = safetyPatch[key];
    }
    props['safetyProfile'] = safety;
  }
  if (isObject(body) && isObject(body['tags'])) doc['tags'] = cloneJson(body['tags']);
  props['provisioningState'] = 'Updating';
  return doc;
}
