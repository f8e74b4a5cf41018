/** One answer from ARM exactly as it arrived: what an auditor replays with `az rest` and diffs against. */
export interface ArmResponseRecord {
  method: string;
  /** The full request URL as sent, query included (api-version, `$expand`, a page's `$skiptoken`). */
  url: string;
  /** The `api-version` query parameter of `url`; null when the request had none. */
  apiVersion: string | null;
  status: number;
  /** ARM's `x-ms-request-id`: what Microsoft support asks for; null when the answer carried none. */
  requestId: string | null;
  /** When the answer arrived, by the clock the capture was given. */
  readAt: Date;
  contentType: string | null;
  /** The body text unchanged (not parsed and re-serialised); null when the pipeline did not expose it. */
  body: string | null;
}

/** What `capture` saw while `work` ran, beside what `work` returned. */
export interface CapturedReads<T> {
  result: T;
  /** Every GET answer ARM gave inside `work`, in arrival order (retries and further pages included). */
  responses: ArmResponseRecord[];
}

/**
 * The evidence collector's view of the ARM adapter's raw answers: runs `work` (reads through the gallery port)
 * and hands back the exact responses those reads received. The port hides the SDK on purpose, so the bot's
 * summary alone cannot show fields it does not model; this keeps ARM's own words beside it without another
 * request. Absent (fakes in unit tests, a port that is not ARM): the bundle says raw answers are unavailable.
 */
export interface ArmResponseRecorder {
  capture<T>(work: () => Promise<T>, now: () => Date): Promise<CapturedReads<T>>;
}
