/** The ARM adapter: the GalleryPort over `@azure/arm-compute`, the UsageReader over Resource Graph, and the emulator's credential. */
export { createArmGallery, type ArmGallery, type ArmGalleryOptions, type GalleryScope } from './arm-gallery';
export type { ArmCall, ArmCallObserver } from './observer-policy';
export { staticTokenCredential } from './static-credential';
export { createGraphUsage, type GraphUsageOptions } from './graph-usage';
