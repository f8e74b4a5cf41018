import type { CommandInfo, RegisteredCommand } from './command-spec';
import { galleriesCommand } from './galleries-command';
import { helpCommand } from './help-command';
import { imageStatusCommand } from './image-status-command';
import { usageCommand } from './usage-command';
import { imagesCommand } from './images-command';
import { versionsCommand } from './versions-command';
import { promoteCommand } from './promote-command';
import { retireCommand } from './retire-command';
import { repairCommand } from './repair-command';
import { pendingCommand } from './pending-command';
import { cancelCommand } from './cancel-command';
import { approveCommand, rejectCommand } from './decide-command';
import { requestCommand } from './request-command';
import { auditVerifyCommand } from './audit-verify-command';
import { evidenceCommand } from './evidence-command';
import { evidenceVerifyCommand } from './evidence-verify-command';
import { historyCommand } from './history-command';
import { reportCommand } from './report-command';
import { driftCommand } from './drift-command';
import { subscribeCommand } from './subscribe-command';
import { subscriptionsCommand } from './subscriptions-command';
import { unsubscribeCommand } from './unsubscribe-command';
import { unmuteCommand } from './unmute-command';

/**
 * Every implemented command, in the order `help` lists them. A new command is one file with a
 * `defineCommand(...)` spec plus one line here; `help` and the manifest's command list follow automatically.
 */
export const commandRegistry: readonly RegisteredCommand[] = buildRegistry([
  galleriesCommand,
  imagesCommand,
  versionsCommand,
  imageStatusCommand,
  usageCommand,
  promoteCommand,
  retireCommand,
  repairCommand,
  pendingCommand,
  requestCommand,
  approveCommand,
  rejectCommand,
  cancelCommand,
  evidenceCommand,
  evidenceVerifyCommand,
  auditVerifyCommand,
  historyCommand,
  reportCommand,
  driftCommand,
  subscribeCommand,
  unsubscribeCommand,
  unmuteCommand,
  subscriptionsCommand,
]);

/** `help` first, then the given commands; `help` describes exactly this list. */
export function buildRegistry(commands: readonly RegisteredCommand[]): readonly RegisteredCommand[] {
  const all: RegisteredCommand[] = [];
  all.push(helpCommand(() => all), ...commands);
  return Object.freeze(all);
}

/** One entry of a Teams manifest `commandLists[].commands` (title ≤ 32, description ≤ 128 characters). */
export interface ManifestCommand {
  title: string;
  description: string;
}

/** The popular commands for the manifest's command list (Teams shows them as suggestions in the compose box). */
export function manifestCommands(commands: readonly CommandInfo[] = commandRegistry): ManifestCommand[] {
  return commands
    .filter((c) => c.popular)
    .map((c) => ({ title: c.name.slice(0, 32), description: c.summary.slice(0, 128) }));
}
