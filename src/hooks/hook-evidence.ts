import type { EvidenceSettings } from '../config';
import { collectEvidence, type EvidenceSources } from '../evidence/collect-evidence';
import { evidenceLink } from '../evidence/download-link';
import type { EvidenceStore } from '../evidence/evidence-store';
import type { WatchEvent } from '../subscriptions/watch-event';
import type { EvidenceLink } from './webhook-body';

/**
 * Makes and stores the evidence bundle of an event's version, as `evidence <image> <version>` does, and returns
 * its signed, expiring download link: an incident opened from a hook points at the facts as they were when it
 * was sent. Only wired when the bot has a public URL (GALLERYOPS_PUBLIC_URL): a loopback link would reach no one.
 */
export function hookEvidence(sources: EvidenceSources, bundles: Pick<EvidenceStore, 'put'>, settings: Pick<EvidenceSettings, 'publicBaseUrl' | 'signingKey' | 'linkTtlMinutes'>): (event: WatchEvent) => Promise<EvidenceLink> {
  return async (event) => {
    const collected = await collectEvidence(sources, event.image, () => event.version, { name: 'GalleryOps outgoing hook' });
    const now = sources.now();
    await bundles.put(collected.sealed.bundle, now);
    const link = evidenceLink(settings, collected.sealed.bundle.sha256, now);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  };
}
