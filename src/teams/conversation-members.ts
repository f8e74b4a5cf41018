import { TeamsInfo, type TurnContext } from 'botbuilder';
import { MAX_REFRESH_USERS } from '../cards/change-request-card';

/**
 * The Teams user ids of a conversation's members (first page, at most 60), so that everyone in it gets a
 * per-user view of a request card: approvers with the buttons, the others read-only. Best-effort: clients
 * without the members API (or a failure) leave the list empty, and the base card's buttons stay guarded by
 * the server's checks.
 */
export async function conversationMemberIds(context: TurnContext): Promise<string[]> {
  try {
    const page = await TeamsInfo.getPagedMembers(context, MAX_REFRESH_USERS);
    return page.members.map((m) => m.id).filter((id): id is string => typeof id === 'string' && id !== '');
  } catch {
    return [];
  }
}
