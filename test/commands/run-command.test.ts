import { createCommandRunner } from '../../src/commands/run-command';
import { defineCommand } from '../../src/commands/command-spec';
import { buildRegistry, commandRegistry, manifestCommands } from '../../src/commands/registry';
import { errorCard } from '../../src/cards/error-card';
import { renderCard } from '../../src/cards/render-card';
import { commandContext } from '../fixtures/command-harness';
import { cardText } from '../helpers/validate-card';

/** A state-changing command, standing in for promote / retire without their ARM reads. */
const promote = defineCommand({
  name: 'change',
  aliases: [],
  summary: 'Request a promotion.',
  usage: 'change <image> <version> to <target>',
  examples: ['change dispatch 2026.6.0 to production'],
  readOnly: false,
  popular: true,
  paged: false,
  parse: (input) => input.args,
  handler: async (args) => errorCard({ title: 'ran', message: args.join(' ') }),
});

describe('runCommand', () => {
  const run = createCommandRunner(buildRegistry([...commandRegistry.filter((c) => c.name !== 'help'), promote]));

  test('card buttons may only run read-only commands', async () => {
    const fromCard = await run('change dispatch 2026.6.0 to production', commandContext(), { source: 'card' });
    expect(fromCard.kind === 'card' && cardText(renderCard(fromCard)).join(' ')).toContain('Buttons only run read-only commands');
    const typed = await run('change dispatch 2026.6.0 to production', commandContext());
    expect(typed.kind === 'card' && typed.summary).toBe('ran: dispatch 2026.6.0 to production');
  });

  test('a command that only asks approvers (promote: a change request) may run from a button', async () => {
    const asking = { ...promote, name: 'ask', examples: ['ask dispatch 2026.6.0 to production'], asksApproval: true };
    const runAsking = createCommandRunner(buildRegistry([...commandRegistry.filter((c) => c.name !== 'help'), asking]));
    const fromCard = await runAsking('ask dispatch 2026.6.0 to production', commandContext(), { source: 'card' });
    expect(fromCard.kind === 'card' && fromCard.summary).toBe('ran: dispatch 2026.6.0 to production');
    expect(commandRegistry.filter((c) => c.asksApproval).map((c) => c.name)).toEqual(['promote']);
  });

  test('did-you-mean never offers a button for a state-changing command', async () => {
    // `retir` is also close to `repair`: both are named, neither as a button.
    for (const [typo, command] of [['promot', 'promote'], ['retir', 'retire'], ['chang', 'change'], ['repiar', 'repair']]) {
      const reply = await run(`${typo} dispatch`, commandContext());
      const rendered = renderCard(reply as never);
      expect(cardText(rendered).join(' ')).toContain(`Did you mean \`${command}\``);
      expect(JSON.stringify(rendered)).not.toContain(`"command":"${command}`);
    }
  });

  test('help lists what is registered, so new commands appear by registering them', async () => {
    const reply = await run('help', commandContext());
    expect(reply.kind === 'card' && reply.summary).toBe('25 commands: help, galleries, images, versions, image status, usage, promote, retire, repair, pending, request, approve, reject, cancel, evidence, evidence verify, audit verify, history, report, drift, subscribe, unsubscribe, unmute, subscriptions, change');
  });
});

test('manifest command list: popular commands, within Teams limits', () => {
  const list = manifestCommands();
  expect(list.map((c) => c.title)).toEqual(['help', 'galleries', 'images', 'versions', 'image status', 'usage', 'promote', 'retire', 'pending', 'evidence', 'report', 'subscribe']);
  for (const c of list) {
    expect(c.title.length).toBeLessThanOrEqual(32);
    expect(c.description.length).toBeLessThanOrEqual(128);
  }
});
