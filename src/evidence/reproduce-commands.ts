import type { GalleryAliases } from '../gallery/image-reference';
import type { ImageKey } from '../gallery/model';
import type { ArmRequest } from './evidence-bundle';

/**
 * The gallery api-version `@azure/arm-compute` 25 sends (test/evidence checks it against the SDK), so the
 * recorded ARM request is the one that was made, and a replay returns the same shape.
 */
export const GALLERY_API_VERSION = '2025-12-03';

/**
 * What the ARM adapter expands when it reads one version in full (replication and validation results in one
 * GET), so the recorded request and `az` command ask ARM for what the bot asked; test/evidence compares it with
 * the URL the bot really sent, kept in the bundle's verbatim answers.
 */
export const VERSION_READ_EXPAND = 'ReplicationStatus,ValidationProfile';

/** The ARM path of a definition; `/versions/<v>` is appended for a version. */
export function definitionPath(k: ImageKey): string {
  const seg = encodeURIComponent;
  return `/subscriptions/${seg(k.subscriptionId)}/resourceGroups/${seg(k.resourceGroup)}/providers/Microsoft.Compute/galleries/${seg(k.gallery)}/images/${seg(k.image)}`;
}

export function versionPath(k: ImageKey, version: string): string {
  return `${definitionPath(k)}/versions/${encodeURIComponent(version)}`;
}

/** Words a POSIX shell passes through as they are; anything else is single-quoted. */
function sh(word: string): string {
  return /^[\w.@:/=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const scopeArgs = (k: ImageKey): string =>
  `--subscription ${sh(k.subscriptionId)} --resource-group ${sh(k.resourceGroup)} --gallery-name ${sh(k.gallery)} --gallery-image-definition ${sh(k.image)}`;

/** `az sig image-definition show …` and the GET it sends. */
export function definitionRead(k: ImageKey): { azCommand: string; armRequest: ArmRequest } {
  return {
    azCommand: `az sig image-definition show ${scopeArgs(k)}`,
    armRequest: { method: 'GET', path: definitionPath(k), apiVersion: GALLERY_API_VERSION },
  };
}

/** `az sig image-version show … --expand ReplicationStatus,ValidationProfile` and the GET it sends. */
export function versionRead(k: ImageKey, version: string): { azCommand: string; armRequest: ArmRequest } {
  return {
    azCommand: `az sig image-version show ${scopeArgs(k)} --gallery-image-version ${sh(version)} --expand ${VERSION_READ_EXPAND}`,
    armRequest: { method: 'GET', path: versionPath(k, version), apiVersion: GALLERY_API_VERSION, expand: VERSION_READ_EXPAND },
  };
}

/** `az sig image-version list …` and the GET it sends (ARM pages it; `az` follows every nextLink). */
export function versionListRead(k: ImageKey): { azCommand: string; armRequest: ArmRequest } {
  return {
    azCommand: `az sig image-version list ${scopeArgs(k)}`,
    armRequest: { method: 'GET', path: `${definitionPath(k)}/versions`, apiVersion: GALLERY_API_VERSION },
  };
}

/** A KQL string literal (single-quoted; names cannot hold quotes today, but a literal must never end early). */
const kql = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `coalesce` of an image reference property on a scale set (under its VM profile) and on a VM, in lower case. */
const referenceProperty = (property: string): string =>
  `tolower(tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.${property}, properties.storageProfile.imageReference.${property})))`;

/**
 * A Resource Graph query (the `resource-graph` az extension) for the scale sets and VMs that reference the
 * version, or the definition (which deploys latest), the ways `usage` looks for them: by ARM id, and through the
 * gallery's direct shared name (`sharedGalleryImageId`) and community names (`communityGalleryImageId`) that
 * usage read from the gallery (absent: usage matched ARM ids only, and so does the query). Ids are compared in
 * lower case: ARM's vary. One difference stays: usage compares version numbers as numbers (`2026.05.1` is
 * `2026.5.1`), the query compares text.
 */
export function usageQueryCommand(k: ImageKey, version: string, aliases?: GalleryAliases): string {
  const def = definitionPath(k).toLowerCase();
  const targets = (base: string): string[] => [base, `${base}/versions/latest`, `${base}/versions/${version.toLowerCase()}`];
  const alias = (prefix: string, name: string): string[] => targets(`/${prefix}/${name.toLowerCase()}/images/${k.image.toLowerCase()}`);
  const shared = aliases?.sharedGalleryName === undefined ? [] : alias('sharedgalleries', aliases.sharedGalleryName);
  const community = (aliases?.communityGalleryNames ?? []).flatMap((name) => alias('communitygalleries', name));
  const list = (ids: string[]): string => `(${ids.map(kql).join(', ')})`;
  const query = [
    "resources | where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines')",
    `| extend imageId = ${referenceProperty('id')}, sharedGalleryImageId = ${referenceProperty('sharedGalleryImageId')}, communityGalleryImageId = ${referenceProperty('communityGalleryImageId')}`,
    [
      `| where imageId in ${list(targets(def))}`,
      ...(shared.length ? [`or sharedGalleryImageId in ${list(shared)}`] : []),
      ...(community.length ? [`or communityGalleryImageId in ${list(community)}`] : []),
    ].join(' '),
    '| project id, name, type, resourceGroup, subscriptionId, imageId, sharedGalleryImageId, communityGalleryImageId',
  ].join(' ');
  // Double quotes keep the query's single-quoted KQL strings readable; nothing in it is special to the shell.
  return `az graph query --first 1000 -q "${query.replace(/[\\"$`]/g, '\\$&')}"`;
}
