/** The ARM adapter: the GalleryPort and the UsageReader over `@azure/arm-compute`, and the emulator's credential. */
export { createArmGallery, type ArmGallery, type ArmGalleryOptions, type GalleryScope, type NewVersion, type VersionPatch } from './arm-gallery';
export type { ArmCall, ArmCallObserver } from './observer-policy';
export { staticTokenCredential } from './static-credential';
export { createArmUsage, type ArmUsageOptions } from './arm-usage';
