/**
 * Issue 11, point 2, through the real SDK against the emulator: `image status` and `evidence` read the version
 * with ONE GET asking for `$expand=ReplicationStatus,ValidationProfile` (as Microsoft's example
 * GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus does), never a second GET of it.
 */
import type { ArmCall } from '../../src/gallery/arm';
import { message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';

let bot: BotUnderTest;
const calls: ArmCall[] = [];
let n = 0;
/** Each question comes a few seconds after the last (on the bot's clock), past `image status`'s shared-read window. */
let shift = 0;
beforeAll(async () => {
  bot = await startBotUnderTest({}, {}, { now: () => new Date(Date.now() + shift), armObserver: (call) => calls.push(call) });
});
afterAll(async () => {
  await bot?.stop();
});

async function askAndCollect(text: string): Promise<ArmCall[]> {
  const conversationId = `expand-${++n}`;
  // Names are resolved from the bot's name index; warm it so only the command's own reads are counted.
  await bot.app.names.refresh();
  shift += 5_000;
  calls.length = 0;
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId }));
  expect(res.status).toBe(200);
  await bot.connector.waitForMessages(conversationId, 1);
  return [...calls];
}

/** GETs of the one version resource (not the list under it), with what they expanded. */
function versionGets(made: readonly ArmCall[], version: string): string[] {
  return made
    .filter((c) => c.method === 'GET' && new URL(c.url).pathname.toLowerCase().endsWith(`/versions/${version}`))
    .map((c) => new URL(c.url).searchParams.get('$expand') ?? '(none)');
}

test('image status: one version GET, expanding replication and validation together', async () => {
  const made = await askAndCollect('image status dispatch 2026.5.1');
  expect(versionGets(made, '2026.5.1')).toEqual(['ReplicationStatus,ValidationProfile']);
});

test('image status latest: the list to pick the version, then one version GET with both expands', async () => {
  const made = await askAndCollect('image status dispatch latest');
  expect(versionGets(made, '2026.5.1')).toEqual(['ReplicationStatus,ValidationProfile']);
});

test('evidence: one version GET with both expands', async () => {
  const made = await askAndCollect('evidence dispatch 2026.5.1');
  expect(versionGets(made, '2026.5.1')).toEqual(['ReplicationStatus,ValidationProfile']);
});
