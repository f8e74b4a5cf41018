import type { AsUserRequest } from './act-as-user';

export const AS_USER_USAGE = `Usage: npm run as -- <user> "<command>" [--channel[=<channel id>]] [--wait=<seconds>] [--no-wait]

Sends a command to GalleryOps as another user of the Agents Playground started by \`npm start\`
(users from GALLERYOPS_PLAYGROUND_CONFIG, default config/playground.yml), and prints the bot's answer.
  <user>        first name or full name, any letter case: adele, "Adele Vance", patti, megan
  --channel     post in the approvals channel (the policy's) instead of the group chat; or --channel=<id>
  --wait=N      wait up to N seconds for the answer (default 20); --no-wait does not wait

Examples:
  npm run as -- adele "approve CR-7K3F9QXM"
  npm run as -- patti "reject CR-7K3F9QXM because replication to centralus failed"
  npm run as -- megan "promote gal_staging/dispatch 2026.6.0 to production"
  npm run as -- adele pending --channel`;

/** The command line, or `help`/`error` (with what was wrong) when it cannot be read. */
export type AsUserArgs = { kind: 'run'; request: AsUserRequest } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseAsUserArgs(argv: readonly string[]): AsUserArgs {
  const words: string[] = [];
  let channel: true | string | undefined;
  let waitMs: number | undefined;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--channel') channel = true;
    else if (arg.startsWith('--channel=')) {
      const id = arg.slice('--channel='.length).trim();
      if (!id) return { kind: 'error', message: '--channel= needs a channel id (or use --channel alone for the approvals channel).' };
      channel = id;
    } else if (arg === '--no-wait') waitMs = 0;
    else if (arg.startsWith('--wait=')) {
      const seconds = Number(arg.slice('--wait='.length));
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > 600) return { kind: 'error', message: '--wait= takes a number of seconds between 0 and 600.' };
      waitMs = Math.round(seconds * 1000);
    } else if (arg.startsWith('--')) return { kind: 'error', message: `Unknown option ${arg}.` };
    else words.push(arg);
  }
  const [who, ...text] = words;
  if (!who) return { kind: 'error', message: 'Name a user and a command.' };
  if (text.length === 0) return { kind: 'error', message: `What should ${who} say? Put the command after the name, in quotes.` };
  return { kind: 'run', request: { who, text: text.join(' '), ...(channel !== undefined ? { channel } : {}), ...(waitMs !== undefined ? { waitMs } : {}) } };
}
