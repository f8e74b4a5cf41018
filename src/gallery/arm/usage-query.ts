/**
 * The Resource Graph query behind `usage`: every scale set and VM whose image reference is an image
 * definition or one of its versions. Versions are not filtered here: ids may spell a version `2026.05.0` and
 * Resource Graph compares text, so the adapter narrows to a version with numeric comparison instead.
 */
import type { ImageKey } from '../model';

/** The definition's ARM id, the form a scale set's image reference uses for "latest". */
export function definitionId(image: ImageKey): string {
  return `/subscriptions/${image.subscriptionId}/resourceGroups/${image.resourceGroup}/providers/Microsoft.Compute/galleries/${image.gallery}/images/${image.image}`;
}

/** A KQL string literal: names cannot hold quotes or backslashes today, but a literal must never end early. */
export function kqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The query text. `=~` and `startswith` ignore case, as ARM ids do; the `/` after the definition id keeps
 * `images/dispatch` from matching `images/dispatch-v2`. Rows keep ARM's id case, and `id` is projected so
 * Resource Graph can page the result.
 */
export function usageQuery(image: ImageKey): string {
  const id = definitionId(image);
  return [
    'resources',
    "| where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines')",
    '| extend imageReferenceId = tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.id, properties.storageProfile.imageReference.id))',
    `| where imageReferenceId =~ ${kqlString(id)} or imageReferenceId startswith ${kqlString(`${id}/`)}`,
    '| project id, name, type, location, resourceGroup, subscriptionId, imageReferenceId',
    '| order by name asc, id asc',
  ].join('\n');
}
