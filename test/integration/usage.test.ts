/**
 * `usage` through the real HTTP endpoint: a Teams activity in, the real Resource Graph SDK over HTTPS to the
 * emulator (which evaluates the query against its seed), an Adaptive Card out.
 */
import { demoSeedDir } from '../../emulator/seed-location';
import { readSeedDir } from '../../emulator/seed-loader';
import type { SeedEntry } from '../../emulator/start-emulator';
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';
import { aliasSeed } from '../gallery/arm/usage-alias-seed';

const SUB = '11111111-2222-3333-4444-555555555555';
const DISPATCH = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch`;

let bot: BotUnderTest;
let n = 0;
beforeAll(async () => {
  bot = await startBotUnderTest();
});
afterEach(() => bot.emulator.setFaults({}));
afterAll(async () => {
  await bot?.stop();
});

async function ask(on: BotUnderTest, text: string, timeoutMs?: number) {
  const conversationId = `usage-${++n}`;
  expect((await post(on.botUrl, message(text, { serviceUrl: on.serviceUrl, conversationId }))).status).toBe(200);
  const [reply] = await on.connector.waitForMessages(conversationId, 1, timeoutMs);
  const card = cardOf(reply!);
  expectValidCard(card);
  return { card, lines: cardText(card), text: cardText(card).join('\n') };
}

it('usage dispatch 2026.5.0 lists vmss-dispatch-prod, pinned', async () => {
  const { lines, text } = await ask(bot, 'usage dispatch 2026.5.0');
  expect(lines[0]).toBe('dispatch 2026.5.0: 1 scale set, no VMs');
  expect(text).toMatch(/Version 2026\.5\.0\nvmss-dispatch-prod\nScale set\nResource group rg-dispatch-prod · subscription 11111111-2222-3333-4444-555555555555 · East US 2\nPinned to version 2026\.5\.0/);
  expect(text).not.toMatch(/depends on latest/i);
  expect(text).toMatch(/Read \d{4}-\d{2}-\d{2}/);
});

it('usage callcenter-desktop flags vmss-callcenter as depending on latest', async () => {
  const { lines, text } = await ask(bot, 'usage callcenter-desktop');
  expect(lines[0]).toBe('callcenter-desktop: 1 scale set, no VMs');
  expect(text).toContain('1 deployment depends on latest');
  expect(text).toContain('Recovery templates should pin a version');
  expect(text).toMatch(/The definition \(latest\)\n.*today 2026\.5\.0.*\nvmss-callcenter\nScale set\n.*\n⚠ Depends on latest/);
});

it('usage gpu-analytics 1.0.0 lists vm-analytics-01 on a version past end of life', async () => {
  const { lines, text } = await ask(bot, 'usage gpu-analytics 1.0.0');
  expect(lines[0]).toBe('gpu-analytics 1.0.0: no scale sets, 1 VM');
  expect(text).toMatch(/Version 1\.0\.0\n✗ End of life .*past end of life\nvm-analytics-01\nVM/);
});

it('a Resource Graph outage is a clear card, not a crash', async () => {
  bot.emulator.setFaults({ serverError: { status: 503, code: 'ServiceUnavailable', message: 'try later', match: 'ResourceGraph' } });
  const { lines, text } = await ask(bot, 'usage dispatch 2026.5.0', 25_000);
  expect(lines[0]).toBe('✗ Azure did not answer');
  expect(text).toContain('Azure Resource Graph');
  expect(text).toContain('HTTP 503');
  expect(text).not.toMatch(/Something went wrong/);
});

it('throttled Resource Graph queries say when to try again', async () => {
  bot.emulator.setFaults({ throttle: { match: 'ResourceGraph', retryAfterSeconds: 0 } });
  const { lines } = await ask(bot, 'usage callcenter-desktop');
  expect(lines[0]).toBe('⚠ Azure is busy');
});

describe('with one Resource Graph row per page', () => {
  let paged: BotUnderTest;
  const graphCalls: string[] = [];
  const workload = (name: string, imageId: string): SeedEntry => ({
    resource: {
      id: `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
      name,
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      location: 'centralus',
      properties: { virtualMachineProfile: { storageProfile: { imageReference: { id: imageId } } } },
    },
  });
  beforeAll(async () => {
    paged = await startBotUnderTest(
      {
        graphPageSize: 1,
        seed: [
          ...readSeedDir(demoSeedDir()),
          workload('vmss-dispatch-dr', `${DISPATCH}/versions/latest`),
          workload('vmss-dispatch-canary', `${DISPATCH.toLowerCase()}/versions/2026.05.1`),
          workload('vmss-dispatch-old', `${DISPATCH}/versions/2026.4.0`),
        ],
      },
      {},
      { armObserver: (call) => void (/ResourceGraph/.test(call.url) && graphCalls.push(`${call.method} ${call.status}`)) },
    );
  });
  afterAll(async () => {
    await paged?.stop();
  });

  it('usage dispatch follows every page and shows every reference, grouped by version', async () => {
    const { lines, text } = await ask(paged, 'usage dispatch');
    expect(lines[0]).toBe('dispatch: 4 scale sets, no VMs');
    // Four references and the gallery's own row (it carries the shared and community aliases).
    expect(graphCalls).toEqual(Array(5).fill('POST 200'));
    const order = ['Version 2026.5.1 (latest today)', 'vmss-dispatch-canary', 'Version 2026.5.0', 'vmss-dispatch-prod', 'Version 2026.4.0', 'vmss-dispatch-old', '⚠ The definition (latest)', 'vmss-dispatch-dr'].map((l) =>
      lines.indexOf(l),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('1 deployment depends on latest');
  });

  it('offers the version list under the qualified name', async () => {
    const { card } = await ask(paged, 'usage dispatch 2026.5.0');
    expect(runButtons(card).map((b) => b.command)).toEqual(['versions gal_golden/dispatch']);
  });
});

describe('with references through the direct shared gallery id and the community gallery id', () => {
  let shared: BotUnderTest;
  beforeAll(async () => {
    shared = await startBotUnderTest({ seed: aliasSeed() });
  });
  afterAll(async () => {
    await shared?.stop();
  });

  it('usage dispatch 2026.5.0 lists them beside the ARM-id references, saying which alias each one uses', async () => {
    const { lines, text } = await ask(shared, 'usage dispatch 2026.5.0');
    expect(lines[0]).toBe('dispatch 2026.5.0: 3 scale sets, 2 VMs');
    expect(text).toMatch(/vmss-partner-shared\nScale set\nResource group rg-partners · .*\nPinned to version 2026\.5\.0, through the direct shared gallery id/);
    expect(text).toMatch(/vm-partner-community\nVM\n.*\nPinned to version 2026\.5\.0, through the community gallery id/);
    expect(text).toMatch(/vmss-partner-community\nScale set\n.*\n⚠ Depends on latest: references the definition, not a version, through the community gallery id/);
    expect(text).toMatch(/vm-partner-shared\nVM\n.*\n⚠ Depends on latest: .*, through the direct shared gallery id/);
    // Another gallery's alias and another image's id are not this image's users.
    expect(text).not.toMatch(/vmss-partner-staging|vmss-partner-lookalike/);
  });
});
