import { TurnContext, type Activity } from 'botbuilder';

/** The verb of every button that runs a (read-only) command, e.g. "More" or a did-you-mean choice. */
export const RUN_VERB = 'galleryops.run';

/**
 * Hard cap on a card payload's command. Typed text is not cut: the request body is already bounded by the
 * server, and the command parser refuses long messages itself, naming their real length (a message cut here
 * first was reported as 10,000 characters whatever its length).
 */
const MAX_INPUT = 10_000;

/** What the user asked for in a message: typed text, or an Action.Submit fallback of a run button. */
export type CommandInput = { source: 'message' | 'card'; text: string } | { source: 'none' };

/** Reads the command text from a message activity, without the bot's @mention. */
export function commandInputOf(activity: Partial<Activity>): CommandInput {
  const submitted = runCommandFromPayload(activity.value);
  if (submitted !== undefined) return { source: 'card', text: submitted };
  if (typeof activity.text !== 'string') return { source: 'none' };
  // removeRecipientMention handles the `<at>Bot</at>` entity Teams sends in channels and group chats.
  let text = activity.recipient ? TurnContext.removeRecipientMention(activity) ?? activity.text : activity.text;
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  return { source: 'message', text };
}

/**
 * A card payload is untrusted: we read one string from it and treat it exactly like typed text (it is parsed
 * and permission-checked again). Anything else in the payload is ignored.
 */
export function runCommandFromPayload(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.verb !== RUN_VERB || typeof v.command !== 'string') return undefined;
  return v.command.slice(0, MAX_INPUT);
}
