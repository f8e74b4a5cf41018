/**
 * Image version numbers: `Major.Minor.Patch`, each part a 32-bit signed integer (ARM's rule). Versions sort by
 * their parts as numbers, never as strings: `2026.10.0` is newer than `2026.9.0`.
 */

/** A parsed version number. */
export type VersionNumber = readonly [major: number, minor: number, patch: number];

const INT32_MAX = 2_147_483_647;

/** Parses one part; leading zeros are accepted (ARM normalises them away) but signs and blanks are not. */
export function parseVersionPart(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= INT32_MAX ? n : undefined;
}

/** `2026.5.1` → [2026, 5, 1]; anything else (two parts, a fourth part, text) → undefined. */
export function parseVersion(text: string): VersionNumber | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 3) return undefined;
  const [a, b, c] = parts.map(parseVersionPart);
  if (a === undefined || b === undefined || c === undefined) return undefined;
  return [a, b, c];
}

/** Numeric order; negative when `a` is older. */
export function compareVersionNumbers(a: VersionNumber, b: VersionNumber): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Orders version names; names ARM would never return (unparseable) sort before every real version, so a
 * malformed entry can never become "latest".
 */
export function compareVersionNames(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0) || a.localeCompare(b);
  return compareVersionNumbers(pa, pb);
}

/** The canonical text of a version number (no leading zeros). */
export function formatVersion(v: VersionNumber): string {
  return `${v[0]}.${v[1]}.${v[2]}`;
}
