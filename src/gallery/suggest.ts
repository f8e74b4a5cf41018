import { distance } from 'fastest-levenshtein';

/**
 * The candidates a user most likely meant: prefix and substring matches first (people type `callcenter` for
 * `callcenter-desktop`), then anything within a small edit distance (typos). Case-insensitive.
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  if (!needle) return [];
  const maxDistance = Math.max(2, Math.floor(needle.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const hay = name.toLowerCase();
    if (hay === needle) continue;
    let score: number;
    if (hay.startsWith(needle) || needle.startsWith(hay)) score = 0;
    else if (hay.includes(needle) || (needle.length >= 4 && needle.includes(hay))) score = 1;
    else {
      const d = distance(needle, hay);
      if (d > maxDistance) continue;
      score = 1 + d;
    }
    scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
