/**
 * `unmute` end to end: typed through the real HTTP endpoint after a card's Mute click, in a group chat and in a
 * channel whose policy names who may change its subscriptions; the real SDK reads replication from the emulator
 * and cards arrive at the local connector. Events during the mute stay skipped: unmuting sends none of them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MUTE_VERB } from '../../src/cards/subscription-verbs';
import { projectPath } from '../../src/project-root';
import { ALEX } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const MEGAN = { id: '29:user-megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000030' };
const CHANNEL = '19:unmute-ops@thread.tacv2';

let bot: BotUnderTest;
beforeAll(async () => {
  // Only Megan may change the channels' subscriptions; chats stay their members' own.
  const policy = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as object;
  const file = join(mkdtempSync(join(tmpdir(), 'unmute-policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify({ ...policy, subscriptions: { channelSubscribers: [{ id: MEGAN.aadObjectId, name: MEGAN.name }] } }));
  bot = await startBotUnderTest({}, { POLICY_FILE: file });
});
afterAll(async () => {
  await bot?.stop();
});

const idIn = (answer: string): string => /\bS-[0-9A-Z]{6}\b/.exec(answer)![0];
/** The text an invoke answered with (a message here: the click names no card this process posted). */
const answered = (body: unknown): string => String((body as { value?: unknown }).value);

it('in a group chat, unmute resumes cards with the next event and sends none of those skipped during the mute', async () => {
  const chat = new SubscriptionChat(() => bot, '19:unmute-group@thread.v2', { conversationType: 'groupChat' });
  const id = idIn(await chat.say('subscribe gal_golden/callcenter-desktop to replication'));
  await bot.app.runWatcher(); // the baseline

  expect(answered((await chat.click(MUTE_VERB, { verb: MUTE_VERB, subscriptionId: id })).body)).toMatch(new RegExp(`^Muted until .* by Alex Wilber: .*\`unmute ${id}\` lifts it\\.$`));
  expect(await chat.say('subscriptions')).toMatch(new RegExp(`\\*\\*${id}\\*\\*.*; muted until .* by Alex Wilber, events skipped \\(\`unmute ${id}\` lifts it\\)`));
  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  let before = chat.count();
  await bot.app.runWatcher();
  expect(chat.count()).toBe(before);

  expect(await chat.say('unmute ' + id.toLowerCase())).toMatch(
    new RegExp(`^Unmuted \\*\\*${id}\\*\\* \\(gal_golden/callcenter-desktop\\) by Alex Wilber \\(it was muted by Alex Wilber until .+ UTC\\)\\. Cards resume with the next event; events during the mute stay skipped and are not sent now\\.$`),
  );
  expect(await chat.say('subscriptions')).not.toMatch(/muted/);
  // The failure seen while muted is not sent late...
  before = chat.count();
  await bot.app.runWatcher();
  expect(chat.count()).toBe(before);
  // ...and the next event is.
  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed', progress: 100 });
  await bot.app.runWatcher();
  const cards = chat.cardsSince(before);
  expect(cards).toHaveLength(1);
  expect(cards[0]!.text).toMatch(/finished replicating to Southeast Asia/);
  expect(cards[0]!.text).not.toMatch(/West Europe/);

  expect(await chat.say(`unmute ${id}`)).toMatch(/is not muted: its cards are already arriving/);
  expect(await chat.read('unmute S-ZZZZZZ')).toMatch(/no subscription `S-ZZZZZZ`/);
}, 30_000);

it("in a channel, only whom the policy names may unmute; someone else's unmute changes nothing", async () => {
  const megan = new SubscriptionChat(() => bot, CHANNEL, { from: MEGAN, conversationType: 'channel' });
  const alex = new SubscriptionChat(() => bot, CHANNEL, { from: ALEX, conversationType: 'channel' });
  const id = idIn(await megan.say('subscribe gal_golden to latest'));
  expect(answered((await megan.click(MUTE_VERB, { verb: MUTE_VERB, subscriptionId: id })).body)).toMatch(/^Muted until .* by Megan Bowen/);

  expect(await alex.read(`unmute ${id}`)).toMatch(/not one of them/);
  expect(await megan.say('subscriptions')).toMatch(/muted until .* by Megan Bowen/);
  // The muted card's Unmute button runs the same command (read-only in Azure terms, so a button may).
  const unmuted = await megan.click('galleryops.run', { verb: 'galleryops.run', command: `unmute ${id}` });
  expect((unmuted.body as { value?: unknown }).value).toBe(`Unmuted ${id}.`);
  expect(await megan.say('subscriptions')).not.toMatch(/muted/);
}, 30_000);
