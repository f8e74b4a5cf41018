import { invalidParameter } from './arm-error';

/** One page of a list answer, ARM style: `nextLink` is absolute and present only when more items follow. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/**
 * Slices `items` at the offset carried in `$skiptoken`. `linkFor(offset)` builds the absolute next link; the
 * token is opaque to clients, who follow the link as given.
 */
export function paginate<T>(items: T[], skipToken: string | null, pageSize: number, linkFor: (offset: number) => string): Page<T> {
  const offset = skipToken === null ? 0 : Number(skipToken);
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter(`The $skiptoken '${skipToken}' is invalid.`, '$skiptoken');
  const value = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < items.length ? { value, nextLink: linkFor(next) } : { value };
}
