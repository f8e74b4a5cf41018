import type { RunningEmulator } from '../../../emulator/start-emulator';
import { createArmGallery, staticTokenCredential, type ArmCall, type ArmGallery, type ArmGalleryOptions } from '../../../src/gallery/arm';
import { DEMO_GROUP, DEMO_SUBSCRIPTION } from '../../emulator/emulator-fixture';

export const GOLDEN = { subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP, gallery: 'gal_golden' };
export const STAGING = { ...GOLDEN, gallery: 'gal_staging' };
export const image = (name: string, gallery = GOLDEN) => ({ ...gallery, image: name });

/** The adapter against an emulator, recording every ARM call it makes. */
export function adapterFor(emulator: RunningEmulator, options: Partial<ArmGalleryOptions> = {}): { gallery: ArmGallery; calls: ArmCall[] } {
  const calls: ArmCall[] = [];
  const gallery = createArmGallery({
    scopes: [{ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP }],
    credential: staticTokenCredential(),
    endpoint: emulator.url,
    ca: emulator.ca,
    observer: (call) => calls.push(call),
    retryOptions: { maxRetries: 0 },
    pollIntervalMs: 10,
    ...options,
  });
  return { gallery, calls };
}
