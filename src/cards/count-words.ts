/** `1 audit record`, `3 audit records`, `0 change requests`: a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `#16` for one record, `#16–#18` for a run: a range never repeats its only member. */
export function seqRange(first: number, last: number): string {
  return first === last ? `#${first}` : `#${first}–#${last}`;
}
