/** Entra object ids and ARM names are case-insensitive; every comparison of them goes through here. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
