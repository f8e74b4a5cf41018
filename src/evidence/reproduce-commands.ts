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

/**
 * A Resource Graph query (the `resource-graph` az extension) for the scale sets and VMs whose image reference
 * is the version, or the definition (which deploys latest). Ids are compared in lower case: ARM's vary.
 */
export function usageQueryCommand(k: ImageKey, version: string): string {
  const def = definitionPath(k).toLowerCase();
  const ids = [def, `${def}/versions/latest`, versionPath(k, version).toLowerCase()].map((id) => `'${id.replace(/'/g, "\\'")}'`);
  const query = [
    "resources | where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines')",
    '| extend imageId = tolower(tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.id, properties.storageProfile.imageReference.id)))',
    `| where imageId in (${ids.join(', ')})`,
    '| project id, name, type, resourceGroup, subscriptionId, imageId',
  ].join(' ');
  // Double quotes keep the query's single-quoted KQL strings readable; nothing in it is special to the shell.
  return `az graph query --first 1000 -q "${query.replace(/[\\"$`]/g, '\\$&')}"`;
}
