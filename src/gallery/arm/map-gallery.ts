/** SDK gallery and image-definition models → the project's types, tolerating absent optional fields. */
import type { Gallery as SdkGallery, GalleryImage as SdkGalleryImage } from '@azure/arm-compute';
import type { Gallery, GalleryKey, ImageDefinition } from '../model';
import { lastSegment, parseGalleryId } from './arm-ids';

/** A Date the SDK built, or undefined when ARM sent none or garbage (`new Date('x')` is Invalid Date). */
export function validDate(value: Date | undefined): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

/** Thrown when a reply lacks what is needed to address the resource; the adapter maps it to UpstreamError. */
export class MalformedReplyError extends Error {
  override readonly name = 'MalformedReplyError';
}

/** `scope` fills in what a list by resource group already implies when the id is unusable. */
export function mapGallery(sdk: SdkGallery, scope: { subscriptionId: string; resourceGroup?: string }): Gallery {
  const parsed = parseGalleryId(sdk.id);
  const name = sdk.name ?? parsed?.gallery;
  const resourceGroup = parsed?.resourceGroup ?? scope.resourceGroup;
  if (name === undefined || resourceGroup === undefined) {
    throw new MalformedReplyError(`gallery without a usable id or name (id: ${String(sdk.id)})`);
  }
  const subscriptionId = parsed?.subscriptionId ?? scope.subscriptionId;
  const groups = sdk.sharingProfile?.groups ?? [];
  return {
    subscriptionId,
    resourceGroup,
    gallery: name,
    id: sdk.id ?? `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/galleries/${name}`,
    location: sdk.location ?? '',
    description: sdk.description,
    // ARM omits sharingProfile on galleries that were never shared: that is Private.
    sharing: sdk.sharingProfile?.permissions ?? 'Private',
    sharedWith: groups.flatMap((group) => group.ids ?? []),
    softDeleteEnabled: sdk.softDeletePolicy?.isSoftDeleteEnabled ?? false,
    provisioningState: sdk.provisioningState,
    more: galleryMore(sdk),
  };
}

function galleryMore(sdk: SdkGallery): Gallery['more'] {
  const info = sdk.sharingProfile?.communityGalleryInfo;
  return {
    uniqueName: sdk.identifier?.uniqueName,
    identityType: sdk.identity?.type,
    userAssignedIdentities: Object.keys(sdk.identity?.userAssignedIdentities ?? {}).length,
    ...(info
      ? { community: { publisherUri: info.publisherUri, publisherContact: info.publisherContact, eula: info.eula, publicNamePrefix: info.publicNamePrefix, enabled: info.communityGalleryEnabled, publicNames: [...(info.publicNames ?? [])] } }
      : {}),
    sharingState: sdk.sharingStatus?.aggregatedState,
    sharingRegions: (sdk.sharingStatus?.summary ?? []).map((r) => ({ region: r.region ?? '', state: r.state, details: r.details })),
  };
}

export function mapImage(sdk: SdkGalleryImage, gallery: GalleryKey): ImageDefinition {
  const name = sdk.name ?? lastSegment(sdk.id);
  if (name === undefined) throw new MalformedReplyError(`image definition without a name in gallery ${gallery.gallery}`);
  return {
    ...gallery,
    image: name,
    id: sdk.id ?? `/subscriptions/${gallery.subscriptionId}/resourceGroups/${gallery.resourceGroup}/providers/Microsoft.Compute/galleries/${gallery.gallery}/images/${name}`,
    location: sdk.location ?? '',
    description: sdk.description,
    osType: sdk.osType ?? 'Unknown',
    osState: sdk.osState ?? 'Unknown',
    hyperVGeneration: sdk.hyperVGeneration,
    architecture: sdk.architecture,
    publisher: sdk.identifier?.publisher ?? '',
    offer: sdk.identifier?.offer ?? '',
    sku: sdk.identifier?.sku ?? '',
    endOfLifeDate: validDate(sdk.endOfLifeDate),
    provisioningState: sdk.provisioningState,
    more: {
      eula: sdk.eula,
      privacyStatementUri: sdk.privacyStatementUri,
      releaseNoteUri: sdk.releaseNoteUri,
      features: (sdk.features ?? []).map((f) => ({ name: f.name ?? '', value: f.value, startsAtVersion: f.startsAtVersion })),
      ...(sdk.recommended ? { recommended: { vCPUs: sdk.recommended.vCPUs, memoryGB: sdk.recommended.memory } } : {}),
      disallowedDiskTypes: [...(sdk.disallowed?.diskTypes ?? [])],
      ...(sdk.purchasePlan ? { purchasePlan: { name: sdk.purchasePlan.name, publisher: sdk.purchasePlan.publisher, product: sdk.purchasePlan.product } } : {}),
      allowUpdateImage: sdk.allowUpdateImage,
    },
  };
}
