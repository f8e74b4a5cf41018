/**
 * The stable gallery (GalleryRP) api-versions the emulator answers, oldest first. Each one exists as a stable
 * folder in Azure/azure-rest-api-specs under specification/compute/resource-manager/Microsoft.Compute/:
 * GalleryRP/stable/{2021-07-01, 2021-10-01, 2022-01-03, 2022-03-03, 2022-08-03, 2023-07-03, 2024-03-03, 2025-03-03,
 * 2025-12-03}/ and Compute/stable/2026-03-03/GalleryRP.json (the newest stable). ARM's own refusal message of 2024
 * listed the same run up to 2023-07-03 (see api-version.ts). Older ones (2018-06-01 … 2021-03-01) predate shapes
 * the bot reads and are refused; previews are refused too.
 */
export const GALLERY_API_VERSIONS = [
  '2021-07-01',
  '2021-10-01',
  '2022-01-03',
  '2022-03-03',
  '2022-08-03',
  '2023-07-03',
  '2024-03-03',
  '2025-03-03',
  '2025-12-03',
  '2026-03-03',
] as const;

/** One accepted gallery api-version. */
export type GalleryApiVersion = (typeof GALLERY_API_VERSIONS)[number];

export const NEWEST_GALLERY_API_VERSION: GalleryApiVersion = '2026-03-03';
