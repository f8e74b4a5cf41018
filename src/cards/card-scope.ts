import type { GalleryKey } from '../gallery/model';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';

/** Every card says which gallery and subscription it describes, and when its data was read. */
export interface CardScope {
  /** `Gallery gal_golden · subscription 1111… · resource group rg-images`. */
  where: string;
  /** `Read 2026-05-03 14:02 UTC`. */
  readAt: string;
}

export function galleryScope(g: GalleryKey, readAt: Date): CardScope {
  return {
    where: escapeMarkdown(`Gallery ${g.gallery} · subscription ${g.subscriptionId} · resource group ${g.resourceGroup}`),
    readAt: `Read ${formatTimestamp(readAt)}`,
  };
}

/** For cards that span galleries: names the configured scope instead of one gallery. */
export function wideScope(label: string, readAt: Date): CardScope {
  return { where: escapeMarkdown(label), readAt: `Read ${formatTimestamp(readAt)}` };
}
