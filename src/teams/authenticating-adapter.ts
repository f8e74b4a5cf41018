import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { MessageOutcome } from '../message-outcome';


/**
 * A CloudAdapter that authenticates before it processes. `CloudAdapter.process` answers 401 only for
 * botbuilder's own AuthenticationError: a wrong signature under a known key id, `alg: none` or a future `nbf`
 * surface as jsonwebtoken errors and become 500, and it echoes error messages in the body. Here every failure
 * of `authenticateRequest` is `unauthorized`, and the turn (the bot) only runs after it succeeded, so errors
 * after that point stay genuine errors.
 */
export class AuthenticatingAdapter extends CloudAdapter {
  constructor(private readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  async processInbound(body: unknown, authorization: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<MessageOutcome> {
    const activity = toActivity(body);
    if (!activity) return { kind: 'bad-request', reason: 'the body is not an activity (a JSON object with a type)' };
    let authenticated: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      authenticated = await this.auth.authenticateRequest(activity, authorization ?? '');
    } catch (err) {
      return { kind: 'unauthorized', reason: describeFailure(err) };
    }
    const response = await this.processActivity(authenticated, activity, logic);
    return { kind: 'handled', status: response?.status ?? 200, body: response?.body };
  }
}

/** Same checks and fixes as botbuilder's validateAndFixActivity (not exported), without throwing. */
function toActivity(body: unknown): Activity | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return undefined;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field]);
    }
  }
  return a as unknown as Activity;
}

const JWT_LIKE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;

/** A short reason for the log. Validator messages do not carry the token, but never risk it: mask anything JWT-shaped. */
function describeFailure(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  return `${e.name}: ${e.message}`.replace(JWT_LIKE, '[token]').slice(0, 300);
}
