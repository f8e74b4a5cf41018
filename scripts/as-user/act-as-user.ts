import { isAbsolute, relative, resolve } from 'node:path';
import type { Config } from '../../src/config';
import { projectRoot } from '../../src/project-root';
import { AsUserError } from './as-user-error';
import { findUser, readPlaygroundSetup, type PlaygroundSetup, type PlaygroundUser } from './playground-setup';
import { postAsUser, type PlaygroundConversation, type PostAsUserResult } from './post-as-user';

/** What `npm run as` was asked to do. */
export interface AsUserRequest {
  /** A configured user: first name, full name or id, any letter case. */
  who: string;
  text: string;
  /** Post in a channel instead of the group chat: `true` for the policy's approvals channel, or a channel id. */
  channel?: true | string;
  /** See PostAsUserOptions.waitMs. */
  waitMs?: number;
  settleMs?: number;
}

export interface AsUserOutcome extends PostAsUserResult {
  user: PlaygroundUser;
  conversation: PlaygroundConversation;
  playgroundUrl: string;
}

/**
 * Posts `text` into the playground as another of its configured users, using the same settings `npm start`
 * uses (GALLERYOPS_PLAYGROUND_CONFIG for the file, GALLERYOPS_PLAYGROUND_PORT for the port; the policy for the
 * approvals channel).
 */
export async function actAsUser(config: Readonly<Config>, request: AsUserRequest): Promise<AsUserOutcome> {
  const file = resolve(projectRoot(), config.playground.configFile);
  const shown = relative(projectRoot(), file);
  const setup = readPlaygroundSetup(file, shown.startsWith('..') || isAbsolute(shown) ? file : shown);
  const user = findUser(setup, request.who);
  const text = request.text.trim();
  if (!text) throw new AsUserError(`What should ${user.name} say? Give the command after the name, e.g. "approve CR-7K3F9QXM".`);
  const conversation = request.channel ? channelOf(config, setup, request.channel) : groupChatOf(setup);
  const playgroundUrl = `http://127.0.0.1:${config.playground.port}`;
  try {
    const result = await postAsUser({ playgroundUrl, user, conversation, text, waitMs: request.waitMs, settleMs: request.settleMs });
    return { ...result, user, conversation, playgroundUrl };
  } catch (err) {
    if (err instanceof AsUserError && !config.playground.enabled && /not running/.test(err.message)) {
      throw new AsUserError(`${err.message} (GALLERYOPS_PLAYGROUND is off, so \`npm start\` does not start it.)`);
    }
    throw err;
  }
}

function groupChatOf(setup: PlaygroundSetup): PlaygroundConversation {
  if (!setup.groupChat) throw new AsUserError(`${setup.file} has no groupChat; use --channel to post in a channel of its team.`);
  return { kind: 'groupChat', ...setup.groupChat };
}

/** `--channel`: the approvals channel the policy names (it must be a channel of the playground's team). */
function channelOf(config: Readonly<Config>, setup: PlaygroundSetup, channel: true | string): PlaygroundConversation {
  const team = setup.team;
  if (!team) throw new AsUserError(`${setup.file} has no team, so there is no channel to post in.`);
  // The playground adds General itself, with the team's id.
  const channels = [{ id: team.id, name: 'General' }, ...team.channels];
  const byId = (id: string) => channels.find((c) => c.id.toLowerCase() === id.toLowerCase());
  let id: string;
  if (channel === true) {
    const named = [...new Set(config.policy.rules.map((r) => r.approvalsChannel).filter((c): c is string => !!c))];
    const usable = named.filter((c) => byId(c));
    if (usable.length !== 1) {
      const why = named.length === 0 ? 'the policy names no approvals channel' : usable.length === 0 ? `the policy's approvals channel (${named.join(', ')}) is not a channel of the playground's team` : `the policy names several approvals channels (${usable.join(', ')})`;
      throw new AsUserError(`Which channel? ${why}; say --channel=<id> (channels: ${channels.map((c) => `${c.id} "${c.name}"`).join(', ')}).`);
    }
    id = usable[0]!;
  } else {
    id = channel;
  }
  const found = byId(id);
  if (!found) throw new AsUserError(`No channel ${id} in ${setup.file}; its team's channels: ${channels.map((c) => `${c.id} "${c.name}"`).join(', ')}.`);
  return { kind: 'channel', id: found.id, name: found.name, teamId: team.id };
}
