import type { Config } from '../config';
import { DEMO_DIGEST_TIME, type DemoSubscriptions } from '../demo/seed-demo-subscription';

/**
 * What `npm start` prints once the bot listens: where to chat, what to try, and (demo) how the Image approvals
 * channel's subscription gets its conversation reference. Pure, so its promises to the user can be tested.
 */
export function startBanner(config: Readonly<Config>, storeLocation: string, port: number, chatUrl: string | undefined, demoRequestId: string | undefined, demoSubscription?: DemoSubscriptions): string {
  const lines = ['', 'GalleryOps is running.', `  Bot endpoint:  http://${config.host}:${port}/api/messages`];
  if (config.gallery.mode === 'embedded') lines.push('  Galleries:     the embedded demo (gallery emulator with the demo seed)');
  else lines.push(`  Galleries:     ${config.gallery.scopes.map((s) => `/subscriptions/${s.subscriptionId}${s.resourceGroup ? `/resourceGroups/${s.resourceGroup}` : ''}`).join(', ')}`);
  lines.push(`  Approvals:     policy ${config.policyFile ?? '(none: every change is refused)'}`, `  Data:          ${storeLocation}${config.store.kind === 'embedded' && config.store.demo ? ' (the demo\'s own, emptied at every start)' : ''}`);
  if (chatUrl) {
    lines.push(`  Chat:          open ${chatUrl} in your browser`, '', 'Try typing:', '  image status dispatch 2026.05', '  versions callcenter-desktop', '  promote gal_staging/dispatch 2026.6.0 to production', '  pending', '  help');
  }
  if (demoRequestId) {
    lines.push('', `Waiting for your approval: ${demoRequestId}, asked by Megan Bowen (type \`pending\`, click Open, then Approve).`);
    lines.push('To act as another demo user (e.g. Adele approving your request): npm run as -- adele "approve CR-…" (see README).');
  }
  if (demoSubscription) {
    lines.push('', `The Image approvals channel is subscribed to gal_golden (${demoSubscription.id}): click "Image approvals" in the chat once,`);
    lines.push('so GalleryOps learns the channel (the chat client tells it the bot was added there); published, replication and latest');
    lines.push(`cards then arrive there, e.g. after an approved promote gal_staging/dispatch 2026.6.0 to production.${config.eventGrid ? ' The emulator pushes its writes to /api/events (Event Grid), so they come within seconds.' : ''}`);
    if (demoSubscription.digestId) lines.push(`It also gets a daily digest of report and drift changes at ${DEMO_DIGEST_TIME} (${demoSubscription.digestId}).`);
  }
  if (!config.bot.appId && !/^(127\.|localhost$|::1$)/.test(config.host)) {
    lines.push('', `WARNING: no MicrosoftAppId, yet listening on ${config.host} (ALLOW_UNAUTHENTICATED_PUBLIC_BIND):`, '  anyone who can reach this port can talk to the bot without a token.');
  }
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
