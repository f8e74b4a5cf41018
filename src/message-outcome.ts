/**
 * What one POST /api/messages comes to; the HTTP server turns it into a status code. Plain data, so the server
 * knows nothing of the Bot Framework SDK (only src/teams/ imports botbuilder).
 */
export type MessageOutcome =
  | { kind: 'handled'; status: number; body?: unknown }
  /** Not an activity: nothing ran. */
  | { kind: 'bad-request'; reason: string }
  /** Token missing or invalid, whatever the validator threw: nothing ran. `reason` is for the log only. */
  | { kind: 'unauthorized'; reason: string };

/** Handles one Bot Framework request: authenticates it, then runs the bot's turn. */
export type MessageHandler = (body: unknown, authorization: string | undefined) => Promise<MessageOutcome>;
