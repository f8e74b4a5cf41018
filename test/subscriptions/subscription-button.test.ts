/**
 * Mute and Unsubscribe from an event card: allowed as subscribing is, only for the clicking conversation's own
 * subscription; the answer is the clicked card with a line saying who did what; anything else changes nothing.
 */
import type { Caller, CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import { runSubscriptionButton, type SubscriptionClick } from '../../src/commands/subscription-button';
import type { CardReply, Reply } from '../../src/cards/reply';
import type { WatchEventCardData } from '../../src/cards/watch-event-card';
import { SentEventCards } from '../../src/subscriptions/sent-event-cards';
import type { Subscription } from '../../src/subscriptions/subscription';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { commandContext } from '../fixtures/command-harness';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { DEMO_SUB } from '../fixtures/gallery-builder';
import { MemorySubscriptionStore } from './memory-subscription-store';

const image = { subscriptionId: DEMO_SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const CHANNEL = '19:ops@thread.tacv2';
const MEGAN: Caller = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000030', conversationId: `${CHANNEL};messageid=7`, conversationType: 'channel', channelId: CHANNEL };
const subscription: Subscription = {
  id: 'S-7K3F9Q',
  conversationId: CHANNEL,
  address: `channel:${CHANNEL}`,
  scope: { kind: 'image', ...image },
  label: 'gal_golden/dispatch',
  events: ['replication'],
  createdBy: { id: '29:alex', name: 'Alex Wilber' },
  createdAt: DEMO_NOW.toISOString(),
};
const done = (region: string): WatchEvent => ({ id: `replication|x/2026.7.0|${region}|Completed`, kind: 'replication', image: { ...image } as WatchEvent['image'], version: '2026.7.0', region, state: 'Completed' });

let store: MemorySubscriptionStore;
let cards: SentEventCards;
let ctx: CommandContext;
beforeEach(async () => {
  store = new MemorySubscriptionStore();
  await store.addSubscription(subscription);
  cards = new SentEventCards(5 * 60_000);
  cards.remember({ activityId: 'card-1', subscriptionId: subscription.id, conversationId: CHANNEL, groupKey: 'g', events: [done('East US'), done('West US')], postedAt: DEMO_NOW.getTime(), seenAt: DEMO_NOW });
  ctx = { ...commandContext(), now: () => DEMO_NOW, subscriptions: { store, cards } };
});
const click = (c: Partial<SubscriptionClick>, caller: Caller = MEGAN, c2: CommandContext = ctx): Promise<Reply> =>
  runSubscriptionButton({ verb: 'mute', subscriptionId: subscription.id, cardId: 'card-1', ...c }, { ...c2, caller });
const cardData = (r: Reply): WatchEventCardData => {
  expect(r.kind).toBe('card');
  return (r as CardReply).data as WatchEventCardData;
};

it('Mute answers with the same card and who muted it until when, hides Mute, and `subscriptions` lists the mute', async () => {
  const data = cardData(await click({}));
  expect(data.title).toBe('gal_golden/dispatch 2026.7.0 finished replicating to 2 regions');
  expect(data.note).toBe('Muted until 2026-11-24 12:00 UTC by Megan Bowen: events until then are skipped, not sent later. `unmute S-7K3F9Q` lifts it.');
  expect([data.subscriptionId, data.showMute]).toEqual([subscription.id, false]);
  // The way back for a mute clicked by mistake: a run button (unmute changes nothing in Azure).
  expect(data.buttons.at(-1)).toEqual({ title: 'Unmute', command: 'unmute S-7K3F9Q' });
  expect(store.subscriptions[0]).toMatchObject({ mutedUntil: '2026-11-24T12:00:00.000Z', mutedBy: 'Megan Bowen' });
  const list = await runCommand('subscriptions', { ...ctx, caller: MEGAN });
  expect(list.kind === 'text' && list.text).toMatch(/\*\*S-7K3F9Q\*\*: gal_golden\/dispatch, .*; muted until 2026-11-24 12:00 UTC by Megan Bowen, events skipped/);
  // The card's burst is over: later events of its group start a new card.
  expect(cards.open(subscription.id, 'g', DEMO_NOW.getTime())).toBeUndefined();
});

it('Unsubscribe removes the subscription and answers with the card, its subscription buttons gone', async () => {
  const data = cardData(await click({ verb: 'unsubscribe' }));
  expect(data.note).toBe('Unsubscribed by Megan Bowen: no more cards from S-7K3F9Q.');
  expect(data.subscriptionId).toBe('');
  expect(data.buttons.map((b) => b.title)).not.toContain('Unmute');
  expect(store.subscriptions).toEqual([]);
});

it('a card this process did not post (a restart) still mutes, and says so in a message', async () => {
  const reply = await click({ cardId: 'unknown-card' });
  expect(reply).toEqual({ kind: 'text', text: expect.stringMatching(/^Muted until 2026-11-24 12:00 UTC by Megan Bowen/) });
  expect(store.subscriptions[0]!.mutedUntil).toBeDefined();
});

test.each<[string, Partial<SubscriptionClick>, Caller | undefined, RegExp]>([
  ['an unknown id', { subscriptionId: 'S-ZZZZZZ' }, undefined, /no subscription `S-ZZZZZZ` \(any more\): nothing changed/],
  ['no id', { subscriptionId: undefined }, undefined, /names no subscription/],
  ['an id that is not text', { subscriptionId: { $ne: 1 } }, undefined, /names no subscription/],
  ["another conversation's subscription", {}, { ...MEGAN, conversationId: 'a:personal', conversationType: 'personal', channelId: undefined }, /no subscription `S-7K3F9Q`/],
])('%s is refused and changes nothing', async (_label, c, caller, answer) => {
  for (const verb of ['mute', 'unsubscribe'] as const) {
    const reply = await click({ verb, ...c }, caller);
    expect(reply.kind === 'text' && reply.text).toMatch(answer);
  }
  expect(store.subscriptions).toEqual([subscription]);
});

it("in a channel whose subscribers the policy names, someone else's click is refused", async () => {
  const only = { ...ctx, subscriptions: { store, cards, channelSubscribers: [{ id: '00000000-0000-0000-0000-000000000020', name: 'Alex Wilber' }] } };
  const reply = await click({ verb: 'unsubscribe' }, MEGAN, only);
  expect(reply.kind === 'text' && reply.text).toMatch(/policy file names who may change subscriptions in channels/);
  expect(store.subscriptions).toEqual([subscription]);
});
