import type { Activity, Middleware } from 'botbuilder';
import { inertTags } from '../cards/escape-text';

/**
 * Every message the bot sends or updates, in a turn or proactively (middleware runs for both), leaves with its
 * text's tag-like `<word>` turned into `‹word›` (see inertTags). The bot's plain-text messages are written in
 * many places (replies, request notices, reminders, a late answer's preface); a hint such as
 * `unsubscribe <id>` in any of them reached Teams users as `unsubscribe `. Cards are escaped where they are built.
 */
export const inertTagsMiddleware: Middleware = {
  async onTurn(context, next) {
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      activities.forEach(guard);
      return nextSend();
    });
    context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
      guard(activity);
      return nextUpdate();
    });
    await next();
  },
};

function guard(activity: Partial<Activity>): void {
  if (activity.type === 'message' && typeof activity.text === 'string') activity.text = inertTags(activity.text);
}
