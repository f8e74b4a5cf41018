import { ConfigError, loadConfig, loadDotEnv } from '../src/config';
import { actAsUser, type AsUserOutcome } from './as-user/act-as-user';
import { AsUserError } from './as-user/as-user-error';
import { AS_USER_USAGE, parseAsUserArgs } from './as-user/parse-as-user-args';
import { DEFAULT_WAIT_MS } from './as-user/post-as-user';

/**
 * `npm run as -- adele "approve CR-7K3F9QXM"`: the Agents Playground has one current user and no way to switch,
 * so this sends a command as another of its users (an approver, say) and prints the bot's answer. Settings
 * come from the environment and `.env`, as for `npm start`.
 */
async function main(): Promise<number> {
  const args = parseAsUserArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    console.log(AS_USER_USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    console.error(`${args.message}\n\n${AS_USER_USAGE}`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  const outcome = await actAsUser(config, args.request);
  return report(outcome, args.request.text, args.request.waitMs);
}

function report(o: AsUserOutcome, text: string, waitMs = DEFAULT_WAIT_MS): number {
  console.log(`${o.from.name} in "${o.conversation.name}" (${o.conversation.id}, playground ${o.playgroundUrl}): ${text.trim()}`);
  if (waitMs === 0) {
    console.log('Sent; the answer shows in the playground.');
    return 0;
  }
  if (o.answers.length === 0) {
    console.error(`Sent, but GalleryOps did not answer within ${waitMs / 1000} s. Is the bot running? (\`npm start\` runs it together with the playground.)`);
    return 1;
  }
  for (const answer of o.answers) {
    console.log(`\nGalleryOps answered${answer.updates ? ` (then updated the message ${answer.updates} time${answer.updates === 1 ? '' : 's'})` : ''}:`);
    for (const line of answer.lines) console.log(`  ${line.replace(/\n/g, '\n  ')}`);
  }
  if (o.answers.some((a) => a.lines.some((l) => /^Request CR-/.test(l)))) {
    console.log('\nThe bot keeps every copy of a request card up to date in the chat (the Azure operation runs on after this answer).');
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Settings and playground problems carry their own fix; anything else is a bug worth its stack.
    const known = err instanceof AsUserError || err instanceof ConfigError;
    console.error(known ? err.message : err);
    process.exitCode = err instanceof ConfigError ? 2 : 1;
  },
);
