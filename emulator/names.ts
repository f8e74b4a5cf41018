import { invalidParameter } from './arm-error';

/** Gallery names: start with a letter or digit, then word characters, '-' or '.', at most 80, not ending in '-' or '.'. */
const GALLERY_NAME = /^[^_\W][\w\-._]{0,79}(?<![-.])$/;
/** Image definition names: 1–80 of letters, digits, '-' and '.'. */
const DEFINITION_NAME = /^[A-Za-z0-9.-]{1,80}$/;
const VERSION_NAME = /^(\d+)\.(\d+)\.(\d+)$/;
const INT32_MAX = 2_147_483_647;

export function isValidGalleryName(name: string): boolean {
  return GALLERY_NAME.test(name);
}

export function isValidDefinitionName(name: string): boolean {
  return DEFINITION_NAME.test(name);
}

/** `Major.Minor.Patch`, each part a non-negative 32-bit integer (ARM rejects `1.0`, `1.0.0.0`, `1.0.x`, overflow). */
export function isValidVersionName(name: string): boolean {
  const match = VERSION_NAME.exec(name);
  if (match === null) return false;
  return match.slice(1).every((part) => Number(part) <= INT32_MAX);
}

/** Throws ARM's 400 InvalidParameter for whichever of the given names is malformed. */
export function assertValidNames(names: { gallery?: string; image?: string; version?: string }): void {
  if (names.gallery !== undefined && !isValidGalleryName(names.gallery)) {
    throw invalidParameter(
      `The gallery name '${names.gallery}' is invalid. It must begin with a letter or number, contain only ` +
        "letters, numbers, underscores, hyphens and periods, be at most 80 characters, and not end with a hyphen or period.",
      'galleryName',
    );
  }
  if (names.image !== undefined && !isValidDefinitionName(names.image)) {
    throw invalidParameter(
      `The gallery image name '${names.image}' is invalid. It must be 1 to 80 characters of letters, numbers, hyphens and periods.`,
      'galleryImageName',
    );
  }
  if (names.version !== undefined && !isValidVersionName(names.version)) {
    throw invalidParameter(
      `The gallery image version name '${names.version}' is invalid. It must follow the pattern ` +
        'Major(int32).Minor(int32).Patch(int32), for example 1.0.0.',
      'galleryImageVersionName',
    );
  }
}
