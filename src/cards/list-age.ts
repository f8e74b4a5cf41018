/**
 * `version list read 40 s ago`: how old the version index's listing is, for cards built from it; undefined when it
 * was read within the second (for this very command: the card's own read time covers it). Seconds matter here (the
 * index refreshes on a TTL of about a minute), so this does not round to "just now" as dates do.
 */
export function listAge(readAt: Date, now: Date): string | undefined {
  const seconds = Math.floor((now.getTime() - readAt.getTime()) / 1000);
  if (seconds < 1) return undefined;
  const ago = seconds < 120 ? `${seconds} s ago` : seconds < 7200 ? `${Math.floor(seconds / 60)} min ago` : `${Math.floor(seconds / 3600)} h ago`;
  return `version list read ${ago}`;
}
