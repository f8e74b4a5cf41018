import type { DiskImage, ImageVersion } from '../gallery/model';
import { shortenResourceId } from './shorten-resource-id';

/**
 * A VHD's blob URI without its query: a SAS token there would be a secret on a chat card, and the path
 * alone is what a responder traces. Bounded so one odd value cannot crowd the card.
 */
export function safeUri(uri: string): string {
  const bare = uri.split(/[?#]/)[0] ?? uri;
  return bare.length > 200 ? `${bare.slice(0, 199)}…` : bare;
}

/** `VHD https://…/os.vhd`, `managed image img-1`, `snapshot snap-os`; undefined when ARM named no source. Not escaped. */
export function describeSource(v: Pick<ImageVersion, 'sourceId' | 'sourceKind'>): string | undefined {
  if (v.sourceId === undefined) return undefined;
  if (v.sourceKind === 'VHD') return `VHD ${safeUri(v.sourceId)}`;
  const short = shortenResourceId(v.sourceId);
  // shortenResourceId names the kind for ids it knows; a community or other id gets the kind ARM's field implies.
  return v.sourceKind && !short.toLowerCase().startsWith(v.sourceKind.toLowerCase()) && !/^\/subscriptions\//i.test(v.sourceId)
    ? `${v.sourceKind} ${short}`
    : short;
}

/** The full source for the card's "Full source id" panel (a VHD without its query). */
export function fullSource(v: Pick<ImageVersion, 'sourceId' | 'sourceKind'>): string {
  if (v.sourceId === undefined) return '';
  return v.sourceKind === 'VHD' ? safeUri(v.sourceId) : v.sourceId;
}

/**
 * `30 GB · ReadOnly caching · from VHD https://…/os.vhd (storage account sa1)`. `builtFrom`: the VHD URI the
 * "Built from" fact already shows, which this disk then names as "the VHD above" (a long URI twice in a row
 * pushed the facts a responder scans for off a phone's screen). Not escaped.
 */
export function describeDisk(d: DiskImage, builtFrom?: string): string {
  const parts = [d.sizeGB === undefined ? 'size not reported' : `${d.sizeGB} GB`];
  if (d.hostCaching) parts.push(`${d.hostCaching} caching`);
  // The account's name alone: its kind is in the words ("storage account storageAccounts sa1" read twice).
  const account = d.storageAccountId ? ` (storage account ${d.storageAccountId.split('/').filter(Boolean).pop() ?? d.storageAccountId})` : '';
  if (d.sourceUri) parts.push(`${d.sourceUri === builtFrom ? 'from the VHD above' : `from VHD ${safeUri(d.sourceUri)}`}${account}`);
  if (d.sourceId) parts.push(`from ${shortenResourceId(d.sourceId)}`);
  return parts.join(' · ');
}
