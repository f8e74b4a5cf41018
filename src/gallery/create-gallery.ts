import { readFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import type { GallerySettings } from '../config';
import { createArmGallery, staticTokenCredential, type ArmCallObserver, type ArmGallery, type GalleryScope } from './arm';

/** Where the gallery port points: Azure (from settings) or an emulator that `npm start` or a test started. */
export type GalleryTarget =
  | { mode: 'azure'; settings: Extract<GallerySettings, { mode: 'azure' }> }
  | { mode: 'emulator'; endpoint: string; ca: string; scopes: GalleryScope[] };

/**
 * Builds the ARM adapter for a target. Only the endpoint, the trusted certificate and the credential differ
 * between Azure and the emulator; the adapter and SDK are the same.
 */
export function createGallery(target: GalleryTarget, options: { observer?: ArmCallObserver } = {}): ArmGallery {
  if (target.mode === 'emulator') {
    return createArmGallery({ scopes: target.scopes, credential: staticTokenCredential(), endpoint: target.endpoint, ca: target.ca, observer: options.observer });
  }
  const s = target.settings;
  return createArmGallery({
    scopes: s.scopes,
    // Managed identity in Azure, `az login` on a laptop: the chain DefaultAzureCredential tries in order.
    credential: new DefaultAzureCredential(),
    endpoint: s.armEndpoint,
    ca: s.armCaFile ? readFileSync(s.armCaFile, 'utf8') : undefined,
    observer: options.observer,
  });
}
