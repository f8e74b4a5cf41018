/** One finding as a digest remembers it: a stable key, and the words that name it when it is resolved. */
export interface DigestFindingRecord {
  key: string;
  label: string;
}

/** The last digest sent to a subscription: its local day and what it found (the next digest's baseline). */
export interface DigestRecord {
  /** The local day (`YYYY-MM-DD` in the subscription's zone) it was for. */
  day: string;
  /** ISO 8601 UTC: when it was sent. */
  sentAt: string;
  findings: DigestFindingRecord[];
}

/**
 * What the daily digest keeps beside the delivered event ids, in the same store: the embedded store writes the
 * digest's event id and its findings in one transaction, the Table store in one entity-group transaction of the
 * subscription's delivered partition, so a restart or another instance never sends a day twice nor loses the
 * baseline (a crash between Teams' answer and that write repeats the card once, as for every event).
 */
export interface DigestStore {
  /** The last digest recorded for a subscription; undefined before its first (or when the record is damaged). */
  lastDigest(subscriptionId: string): Promise<DigestRecord | undefined>;
  /** Records a digest as delivered: `eventId` among the subscription's delivered ids, and `digest` as its last one. */
  recordDigest(subscriptionId: string, eventId: string, digest: DigestRecord): Promise<void>;
}
