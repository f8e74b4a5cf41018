import type { Activity } from 'botbuilder';

/** Who sent an activity, as the Teams layer hands it to the core. */
export interface ChatUser {
  /** Teams user id (`29:…`), needed for `refresh.userIds`. */
  id: string;
  name?: string;
  /** Entra object id: the identity policies use. Missing for non-Teams channels. */
  aadObjectId?: string;
}

/** Identity comes from the activity's `from`, never from a card payload. */
export function chatUserOf(activity: Partial<Activity>): ChatUser {
  const from = activity.from;
  return { id: from?.id ?? 'unknown', name: from?.name || undefined, aadObjectId: from?.aadObjectId || undefined };
}
