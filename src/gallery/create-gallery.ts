import { readFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import type { GallerySettings } from '../config';
import { createArmGallery, createGraphUsage, staticTokenCredential, type ArmCallObserver, type ArmGallery, type GalleryScope } from './arm';
import { createResponseCapture } from './arm/response-capture';
import type { ArmResponseRecorder } from '../evidence/arm-response-recorder';
import type { UsageReader } from './usage-port';

/** Where the gallery port points: Azure (from settings) or an emulator that `npm start` or a test started. */
export type GalleryTarget =
  | { mode: 'azure'; settings: Extract<GallerySettings, { mode: 'azure' }> }
  | { mode: 'emulator'; endpoint: string; ca: string; scopes: GalleryScope[] };

/** The ARM adapters the app needs: galleries (reads and approved writes) and who runs which version (Resource Graph). */
export interface GalleryAccess {
  gallery: ArmGallery;
  usage: UsageReader;
  /** ARM's answers verbatim, for the evidence bundle (the adapters' GETs inside a capture scope). */
  armResponses: ArmResponseRecorder;
}

/**
 * Builds the ARM adapters for a target. Only the endpoint, the trusted certificate and the credential differ
 * between Azure and the emulator; the adapters and SDK are the same.
 */
export function createGallery(target: GalleryTarget, options: { observer?: ArmCallObserver } = {}): GalleryAccess {
  const capture = createResponseCapture();
  const common =
    target.mode === 'emulator'
      ? { scopes: target.scopes, credential: staticTokenCredential(), endpoint: target.endpoint, ca: target.ca, observer: options.observer, capture }
      : {
          scopes: target.settings.scopes,
          // Managed identity in Azure, `az login` on a laptop: the chain DefaultAzureCredential tries in order.
          // A user-assigned identity (AZURE_CLIENT_ID) must be named: a container app may carry several.
          credential: new DefaultAzureCredential(target.settings.managedIdentityClientId ? { managedIdentityClientId: target.settings.managedIdentityClientId } : {}),
          endpoint: target.settings.armEndpoint,
          ca: target.settings.armCaFile ? readFileSync(target.settings.armCaFile, 'utf8') : undefined,
          observer: options.observer,
          capture,
        };
  return { gallery: createArmGallery(common), usage: createGraphUsage(common), armResponses: capture };
}
