/**
 * The GalleryPort over Azure Resource Manager, through the real `@azure/arm-compute` client — against Azure or
 * the emulator alike. The only module (with its siblings here) that knows the SDK.
 */
import { isRestError } from '@azure/core-rest-pipeline';
import { OutcomeUnknownError } from '../../errors';
import type { CallOptions, GalleryPort, GalleryWriter, NewVersion, VersionPatch, WriteOptions } from '../gallery-port';
import { normaliseArmId, parseImageReference } from '../image-reference';
import type { Gallery, GalleryKey, ImageDefinition, ImageKey, ImageVersion } from '../model';
import type { InventoryReader } from '../inventory-port';
import { computeClients, type ComputeClientOptions } from './compute-clients';
import { createGraphInventory } from './graph-inventory';
import { mapArmError } from './map-errors';
import { mapGallery, mapImage } from './map-gallery';
import { mapVersion } from './map-version';
import { toSdkEdgeZone, toSdkRegion, versionUpdateBody } from './version-update-body';
import { createWriteBodyKeeper } from './write-body-policy';
import { createRegionsSeen } from './regions-seen';
import { versionArmId } from './arm-ids';
import type { JsonValue } from '../../json-value';

/**
 * What a full version read expands, in one GET (as Microsoft's GalleryImageVersion_Get_WithValidationProfile-
 * AndReplicationStatus example does): replication per region and the validation results. The SDK types
 * `expand` as a string with only ReplicationStatus and UefiSettings as known values, and sends it as given
 * (the comma percent-encoded, which ARM decodes).
 */
export const FULL_READ_EXPAND = 'ReplicationStatus,ValidationProfile';

/** A subscription, or one resource group of it, whose galleries GalleryOps reads. */
export interface GalleryScope {
  subscriptionId: string;
  resourceGroup?: string;
}

export interface ArmGalleryOptions extends ComputeClientOptions {
  scopes: GalleryScope[];
  /** LRO poll interval when ARM sends no Retry-After (ms). Default 2000. */
  pollIntervalMs?: number;
}

/** The gallery port and the write port over ARM, and the inventory over Resource Graph (report, drift). */
export interface ArmGallery extends GalleryPort, GalleryWriter, InventoryReader {}

/** The poller's operation URL, once submitted; best-effort, as the serialized form is the SDK's own. */
async function reportOperation(poller: { submitted(): Promise<void>; serialize(): Promise<string> }, onOperation?: (operation: string) => void): Promise<void> {
  if (onOperation === undefined) return;
  try {
    await poller.submitted();
    const state = (JSON.parse(await poller.serialize()) as { state?: { config?: { operationLocation?: unknown; resourceLocation?: unknown } } }).state;
    const location = state?.config?.operationLocation ?? state?.config?.resourceLocation;
    if (typeof location === 'string') onOperation(location);
  } catch {
    // Not knowing the operation URL costs the card a detail, never the change.
  }
}

/**
 * A write answered with a definite refusal (4xx: bad request, forbidden, not found, throttled, a property that
 * may not change) was not made. A 409 AnotherOperationInProgress (possibly this very change, sent by an earlier
 * attempt), a 408, a 5xx, a lost connection or an unreadable answer leave it open whether ARM made it.
 */
function mayHaveBeenAccepted(error: unknown): boolean {
  if (!isRestError(error)) return true;
  const status = error.statusCode;
  if (status === undefined) return true;
  // A 409 for a property that may not change (or a blocked delete) is a plain refusal; only "another operation
  // is in progress" leaves open that this very change is what is running (sent by an earlier attempt).
  if (status === 409) return armErrorCode(error) === undefined || armErrorCode(error) === 'AnotherOperationInProgress';
  return status === 408 || status >= 500;
}

function armErrorCode(error: { code?: string; details?: unknown }): string | undefined {
  const inner = (error.details as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof inner === 'string' ? inner : error.code;
}

/** What went wrong in a few words, for a card: `HTTP 500 InternalServerError`, `an unreadable reply`, `ECONNRESET`. */
function shortCause(error: unknown): string {
  if (isRestError(error)) {
    if (error.code === 'PARSE_ERROR') return 'an unreadable reply';
    if (error.statusCode !== undefined) return `HTTP ${error.statusCode}${armErrorCode(error) ? ` ${armErrorCode(error)}` : ''}`;
    return error.code ?? 'the connection was lost';
  }
  return error instanceof SyntaxError ? 'an unreadable reply' : 'no usable reply';
}

/** The SDK's poller reached a terminal Failed (or Canceled) status: ARM's verdict, not a polling problem. */
function isFailedOperation(error: unknown): boolean {
  return error instanceof Error && /^The long-running operation has (failed|been canceled)/i.test(error.message);
}

const scopeText = (s: GalleryScope): string => (s.resourceGroup === undefined ? `subscription ${s.subscriptionId}` : `resource group ${s.resourceGroup} (subscription ${s.subscriptionId})`);
const versionText = (image: ImageKey, version: string): string => `image version ${image.image} ${version} in gallery ${image.gallery}`;

export function createArmGallery(options: ArmGalleryOptions): ArmGallery {
  // Writes keep what the SDK's models drop (fields of newer api-versions) in the lists they send back.
  const keeper = createWriteBodyKeeper();
  const client = computeClients(options, [keeper.policy]);
  const regionsSeen = createRegionsSeen();
  const inventory = createGraphInventory(options);
  const pollIntervalMs = options.pollIntervalMs ?? 2000;

  /** Runs an ARM interaction and turns whatever it throws into a typed error about `subject`. */
  async function call<T>(subject: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapArmError(error, subject);
    }
  }

  /**
   * A long-running write: errors before ARM accepted it are refusals (typed as usual); after acceptance, or
   * when the answer may have been lost (5xx, network) or ARM reports another operation running (409), the
   * outcome is unknown and only a read-back can tell.
   */
  async function write<T>(subject: string, work: (track: (poller: { submitted(): Promise<void> }) => void) => Promise<T>): Promise<T> {
    let accepted = false;
    try {
      return await work((poller) => {
        poller.submitted().then(
          () => (accepted = true),
          () => undefined,
        );
      });
    } catch (error) {
      const mapped = mapArmError(error, subject);
      if (accepted && isFailedOperation(error)) {
        throw new OutcomeUnknownError(`Azure accepted the change to ${subject}, then reported its operation failed.`, true, { cause: error, armFailure: mapped.userMessage });
      }
      // Short and without advice: the request card says what happens next (a read-back), and "try again" would be wrong.
      if (accepted) throw new OutcomeUnknownError(`Azure accepted the change, but its answer about the outcome could not be read (${shortCause(error)}).`, true, { cause: error });
      if (mayHaveBeenAccepted(error)) {
        throw new OutcomeUnknownError(`Azure's answer to the change does not say whether it was made (${shortCause(error)}).`, false, { cause: error });
      }
      throw mapped;
    }
  }

  /**
   * ARM's raw answer for a stage copy's source version, or null (not a gallery version, or unreadable: the copy
   * is then written from the SDK's model alone, as before, and the PUT itself says whether the source exists).
   */
  async function rawSourceVersion(sourceId: string, abortSignal?: AbortSignal): Promise<JsonValue> {
    const ref = parseImageReference(sourceId);
    if (ref?.version === undefined) return null;
    let raw: JsonValue = null;
    try {
      await client(ref.subscriptionId).galleryImageVersions.get(ref.resourceGroup, ref.gallery, ref.image, ref.version, {
        abortSignal,
        onResponse: (response) => (raw = (response.parsedBody ?? null) as JsonValue),
      });
    } catch {
      return null;
    }
    return raw;
  }

  async function getVersion(image: ImageKey, version: string, opts?: CallOptions & { withReplication?: boolean }): Promise<ImageVersion> {
    const withReplication = opts?.withReplication === true;
    return call(versionText(image, version), async () => {
      const sdk = await client(image.subscriptionId).galleryImageVersions.get(image.resourceGroup, image.gallery, image.image, version, {
        abortSignal: opts?.abortSignal,
        ...(withReplication ? { expand: FULL_READ_EXPAND } : {}),
      });
      return mapVersion(sdk, image, withReplication);
    });
  }

  return {
    async listGalleries(opts) {
      const perScope = await Promise.all(
        options.scopes.map((scope) =>
          call(`the galleries of ${scopeText(scope)}`, async () => {
            const galleries = client(scope.subscriptionId).galleries;
            const pages = scope.resourceGroup === undefined ? galleries.list({ abortSignal: opts?.abortSignal }) : galleries.listByResourceGroup(scope.resourceGroup, { abortSignal: opts?.abortSignal });
            const found: Gallery[] = [];
            for await (const sdk of pages) found.push(mapGallery(sdk, scope));
            return found;
          }),
        ),
      );
      // Overlapping scopes (a subscription and one of its groups) would list a gallery twice.
      const seen = new Set<string>();
      return perScope.flat().filter((g) => {
        const key = normaliseArmId(g.id);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },

    async listImages(gallery: GalleryKey, opts) {
      return call(`the image definitions of gallery ${gallery.gallery}`, async () => {
        const found: ImageDefinition[] = [];
        for await (const sdk of client(gallery.subscriptionId).galleryImages.listByGallery(gallery.resourceGroup, gallery.gallery, { abortSignal: opts?.abortSignal })) {
          found.push(mapImage(sdk, gallery));
        }
        return found;
      });
    },

    async listVersions(image: ImageKey, opts) {
      return call(`the versions of image ${image.image} in gallery ${image.gallery}`, async () => {
        const found: ImageVersion[] = [];
        for await (const sdk of client(image.subscriptionId).galleryImageVersions.listByGalleryImage(image.resourceGroup, image.gallery, image.image, { abortSignal: opts?.abortSignal })) {
          found.push(mapVersion(sdk, image, false));
        }
        return found;
      });
    },

    getVersion,

    readInventory: (opts) => inventory.readInventory(opts),
    readFleetUsage: (galleries, definitions, opts) => inventory.readFleetUsage(galleries, definitions, opts),

    async updateVersion(image, version, patch, opts) {
      // Rewriting the target regions replaces ARM's list: read what ARM has now, so every region keeps what
      // GalleryOps does not decide (keys, additional replica sets) and the edge zones go with it. ARM's answer
      // is kept as sent too (the SDK's model drops fields it does not know), to fill the PATCH from.
      let raw: JsonValue = null;
      const current =
        patch.targetRegions === undefined
          ? undefined
          : await call(versionText(image, version), () =>
              client(image.subscriptionId).galleryImageVersions.get(image.resourceGroup, image.gallery, image.image, version, {
                abortSignal: opts?.abortSignal,
                onResponse: (response) => (raw = (response.parsedBody ?? null) as JsonValue),
              }),
            );
      return write(versionText(image, version), (track) =>
        keeper.within(versionArmId(image, version), regionsSeen.withRegionsSeen(versionArmId(image, version), raw), async () => {
          const update = versionUpdateBody(patch, current);
          const poller = client(image.subscriptionId).galleryImageVersions.update(image.resourceGroup, image.gallery, image.image, version, update, {
            abortSignal: opts?.abortSignal,
            updateIntervalInMs: pollIntervalMs,
          });
          track(poller);
          // Reported before this returns, so the caller records the operation before it records the outcome.
          const [done] = await Promise.all([poller.pollUntilDone(), reportOperation(poller, opts?.onOperation)]);
          return mapVersion(done, image, false);
        }),
      );
    },

    async createVersion(image, version, spec, opts) {
      // A copy of another gallery version sends its regions and edge zones back: read the source as ARM sends
      // it, so what the SDK's models drop there (fields of newer api-versions) reaches the copy too.
      const source = await rawSourceVersion(spec.sourceVersionId, opts?.abortSignal);
      return write(versionText(image, version), (track) => keeper.within(versionArmId(image, version), source, async () => {
        const compute = client(image.subscriptionId);
        const location = spec.location ?? (await compute.galleryImages.get(image.resourceGroup, image.gallery, image.image, { abortSignal: opts?.abortSignal })).location;
        const poller = compute.galleryImageVersions.createOrUpdate(
          image.resourceGroup,
          image.gallery,
          image.image,
          version,
          {
            location,
            publishingProfile: {
              targetRegions: spec.targetRegions.map(toSdkRegion),
              excludeFromLatest: spec.excludeFromLatest,
              ...(spec.endOfLifeDate === undefined ? {} : { endOfLifeDate: spec.endOfLifeDate }),
              ...(spec.targetExtendedLocations === undefined ? {} : { targetExtendedLocations: spec.targetExtendedLocations.map(toSdkEdgeZone) }),
              ...(spec.replicaCount === undefined ? {} : { replicaCount: spec.replicaCount }),
              ...(spec.storageAccountType === undefined ? {} : { storageAccountType: spec.storageAccountType }),
              ...(spec.storageAccountStrategy === undefined ? {} : { storageAccountStrategy: spec.storageAccountStrategy }),
            },
            storageProfile: { source: { id: spec.sourceVersionId } },
          },
          { abortSignal: opts?.abortSignal, updateIntervalInMs: pollIntervalMs },
        );
        track(poller);
        // Reported before this returns, so the caller records the operation before it records the outcome.
        const [done] = await Promise.all([poller.pollUntilDone(), reportOperation(poller, opts?.onOperation)]);
        return mapVersion(done, image, false);
      }));
    },
  };
}
