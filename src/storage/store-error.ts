import { UserFacingError } from '../errors';

/** Storage could not be read or written (disk, lock timeout, Table Storage outage, corrupt data). */
export class StoreError extends UserFacingError {
  readonly kind = 'storage';
  constructor(detail: string, options?: { cause?: unknown }) {
    super('GalleryOps could not reach its storage; nothing was changed. Try again in a minute.', options);
    this.message = `storage: ${detail}`;
  }
}
