/**
 * `requests`: a subscribed conversation gets the request card itself when a request in its gallery is made,
 * and that one card is updated in place as the request is decided and carried out (never a second copy); a
 * request left undecided for REMINDER_HOURS brings one reminder that @mentions the approvers the bot knows.
 * Real HTTP into /api/messages, the real SDK against the emulator, the bot's clock injected.
 */
import { DEMO } from '../helpers/activities';
import { click, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { buttonLabel, SubscriptionChat } from '../helpers/subscription-chat';
import { waitForValue } from '../helpers/wait-for';

const HOUR = 3_600_000;
const GROUP = 'gc-release-watch';

let offset = 0;
let bot: BotUnderTest;
const chat = new SubscriptionChat(() => bot, GROUP, { from: DEMO.isaiah, conversationType: 'groupChat' });
beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 }, { REMINDER_HOURS: '4' }, { now: () => new Date(Date.now() + offset) });
});
afterAll(async () => {
  await bot?.stop();
});

/** Request cards POSTed to the group (new messages naming the request), and PUTs updating one of them. */
const posts = (id: string) => bot.connector.sent.filter((s) => s.method === 'POST' && s.conversationId === GROUP && JSON.stringify(s.body).includes(id));
const updates = (activityId: string) => bot.connector.sent.filter((s) => s.method === 'PUT' && s.conversationId === GROUP && s.activityId === activityId);

it('posts the request card to the subscribed chat, reminds its approvers once, and updates that same card to the outcome', async () => {
  await say(bot, DEMO.adele, 'help', 'dm-adele'); // the bot now knows Adele, so it can @mention her
  expect(await chat.say('subscribe gal_golden to requests')).toMatch(/^Subscribed this chat to \*\*requests\*\* in gal_golden/);
  await bot.app.runWatcher(); // the baseline

  const asked = await say(bot, DEMO.megan, 'retire dispatch 2026.4.0 because superseded', 'dm-megan');
  const id = /CR-[0-9A-Z]{8}/.exec(asked.text)![0];
  const [posted] = await waitForValue('the request card in the subscribed chat', () => (posts(id).length > 0 ? posts(id) : undefined));
  expect(JSON.stringify(posted!.body)).toContain('Retire dispatch 2026.4.0');
  // The connector sees the POST before the bot hears its answer (the new activity's id) and records the card:
  // read the record once it is there, not at the moment the POST arrived (a race that failed once in CI).
  const cardActivity = await waitForValue('the request card recorded', async () => (await bot.store.requests.get(id))!.cards.find((c) => c.conversationId === GROUP));
  expect(cardActivity).toBeDefined();

  // Three hours: no reminder yet; four: one, naming the approvers (Adele @mentioned; Alex and Patti named: never seen).
  offset = 3 * HOUR;
  let from = chat.count();
  await bot.app.runWatcher();
  expect(chat.count()).toBe(from);
  offset = 4 * HOUR + 60_000;
  await bot.app.runWatcher();
  const reminders = bot.connector.messages(GROUP).slice(from);
  expect(reminders).toHaveLength(1);
  const reminder = reminders[0]!;
  expect(reminder.text).toBe(`Alex Wilber, <at>Adele Vance</at>, Patti Fernandez: ${id} is waiting for your decision.`);
  expect(reminder.entities).toEqual([{ type: 'mention', text: '<at>Adele Vance</at>', mentioned: { id: DEMO.adele.id, name: 'Adele Vance' } }]);
  const [card] = chat.cardsSince(from);
  expect(card!.text).toMatch(/WAITING FOR A DECISION/);
  expect(card!.text).toContain(`${id} has waited 4 h for approval`);
  expect(card!.text).toContain('Asked by: Megan Bowen');
  expect(card!.buttons.map(buttonLabel)).toEqual([`request ${id}`, 'pending', 'Mute this subscription for 24 h', 'Unsubscribe']);
  from = chat.count();
  offset = 5 * HOUR;
  await bot.app.runWatcher();
  expect(chat.count()).toBe(from);

  // Adele approves; the chat's copy of the card follows to the outcome, in place.
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id }, 'dm-adele')).text).toContain(`You approved ${id}`);
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');
  await waitForValue('the card updated to SUCCEEDED', () => (updates(cardActivity.activityId).some((u) => /\bSUCCEEDED\b/.test(JSON.stringify(u.body))) ? true : undefined));
  expect(posts(id).filter((p) => Array.isArray((p.body as { attachments?: unknown[] }).attachments) && !/WAITING FOR A DECISION/.test(JSON.stringify(p.body)))).toHaveLength(1);
}, 30_000);

it('an approver whose personal chat is subscribed gets one copy of the card there, with the words asking for approval', async () => {
  const adele = new SubscriptionChat(() => bot, 'dm-adele', { from: DEMO.adele });
  expect(await adele.say('subscribe gal_golden to requests')).toMatch(/^Subscribed this chat/);
  await bot.app.runWatcher();
  const asked = await say(bot, DEMO.megan, 'promote gal_golden/callcenter-desktop 2026.6.0 to latest', 'dm-megan');
  const id = /CR-[0-9A-Z]{8}/.exec(asked.text)![0];
  const inAdeles = () => bot.connector.sent.filter((s) => s.method === 'POST' && s.conversationId === 'dm-adele' && JSON.stringify(s.body).includes(id));
  await waitForValue('the approval request in Adele\'s chat', () => (inAdeles().length >= 2 ? true : undefined));
  await new Promise((r) => setTimeout(r, 300)); // a second copy would follow at once
  const cards = inAdeles().filter((s) => Array.isArray((s.body as { attachments?: unknown[] }).attachments));
  expect(cards).toHaveLength(1);
  expect(inAdeles().some((s) => /asks for your approval/.test(String((s.body as { text?: string }).text)))).toBe(true);
  expect((await bot.store.requests.get(id))!.cards.filter((c) => c.conversationId === 'dm-adele')).toHaveLength(1);
});
