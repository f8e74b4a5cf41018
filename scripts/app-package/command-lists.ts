import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import type { ManifestCommand } from '../../src/commands/registry';

/** One `bots[].commandLists` entry of the manifest schema we build against. */
export type CommandList = TeamsManifestV1D30.CommandList;

/** `commandLists[].commands` maxItems in the 1.30 schema (10 before 1.24); a test reads the bundled schema. */
export const MAX_COMMANDS_PER_LIST = 12;

/**
 * The bot's command suggestions: one list for personal chat and one for channels and group chats (where the
 * user @mentions the bot), both from the registry's popular commands, in registry order. Empty when nothing
 * is popular, because Teams shows an empty list as a blank menu.
 */
export function buildCommandLists(commands: readonly ManifestCommand[]): CommandList[] {
  if (commands.length > MAX_COMMANDS_PER_LIST) {
    // Failing beats silently dropping a command the author chose to advertise.
    throw new Error(
      `${commands.length} commands are marked popular, but a Teams command list holds at most ${MAX_COMMANDS_PER_LIST}: ` +
        `set popular: false on some of ${commands.map((c) => c.title).join(', ')}`,
    );
  }
  if (commands.length === 0) return [];
  const entries = commands.map((c) => ({ title: c.title, description: c.description }));
  return [
    { scopes: ['personal'], commands: entries },
    { scopes: ['team', 'groupChat'], commands: entries.map((e) => ({ ...e })) },
  ];
}
