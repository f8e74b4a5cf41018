import type { Caller, CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import { parseSubscribe } from '../../src/subscriptions/parse-subscribe';
import { commandContext } from '../fixtures/command-harness';
import { DEMO_SUB } from '../fixtures/gallery-builder';
import { MemorySubscriptionStore } from './memory-subscription-store';
import { readFileSync } from 'node:fs';
import { parsePolicy } from '../../src/approvals/policy';
import { subscriptionHome } from '../../src/commands/subscription-target';
import { MemoryConversationStore } from '../helpers/memory-conversation-store';
import { createLogger } from '../../src/logging/logger';
import { projectPath } from '../../src/project-root';
import { ConversationDirectory } from '../../src/teams/conversation-directory';
import { message } from '../helpers/activities';
import { DEMO_NOW } from '../fixtures/demo-gallery';

const ALEX: Caller = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020', conversationId: 'a:chat-1', conversationType: 'personal' };
const CHANNEL: Caller = { ...ALEX, conversationId: '19:ops@thread.tacv2;messageid=42', conversationType: 'channel', channelId: '19:ops@thread.tacv2' };

describe('parseSubscribe', () => {
  test.each([
    [['gal_golden'], { target: 'gal_golden', events: ['published', 'replication', 'latest', 'eol', 'requests'] }],
    [['dispatch', 'to', 'eol,stuck'], { target: 'dispatch', events: ['eol', 'replication'] }],
    [['dispatch', 'to', 'replication'], { target: 'dispatch', events: ['replication'] }],
    [['all', 'TO', 'Published,latest'], { target: 'all', events: ['published', 'latest'] }],
    [['gal_golden/dispatch', 'to', 'latest,', 'replication', 'latest'], { target: 'gal_golden/dispatch', events: ['latest', 'replication'] }],
  ])('%j reads as %j', (args, expected) => {
    expect(parseSubscribe(args)).toEqual(expected);
  });

  test.each([
    [[], /Say what to watch/],
    [['gal_golden', 'dispatch'], /did not expect `dispatch`/],
    [['gal_golden', 'to'], /Name the events after `to`/],
    [['gal_golden', 'to', 'publish'], /`publish` is not an event I know; choose from published, replication, latest, eol, requests/],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseSubscribe(args)).toThrow(message);
  });
});

describe('subscribe, subscriptions, unsubscribe', () => {
  let store: MemorySubscriptionStore;
  let ctx: CommandContext;
  let ids: number;
  beforeEach(() => {
    store = new MemorySubscriptionStore();
    ids = 0;
    ctx = { ...commandContext(), subscriptions: { store, newId: () => `S-00000${++ids}` } };
  });
  const text = async (line: string, caller: Caller = ALEX, c: CommandContext = ctx): Promise<string> => {
    const reply = await runCommand(line, { ...c, caller });
    return reply.kind === 'text' ? reply.text : JSON.stringify(reply.data);
  };

  test.each([
    ['subscribe gal_golden', { kind: 'gallery', gallery: 'gal_golden' }, 'gal_golden', /Subscribed this chat to \*\*published, replication, latest, eol, requests\*\* in gal_golden \(\*\*S-000001\*\*\)/],
    ['subscribe gal_golden/dispatch to replication', { kind: 'image', gallery: 'gal_golden', image: 'dispatch' }, 'gal_golden/dispatch', /\*\*replication\*\* in gal_golden\/dispatch/],
    // An image name in several stages means the production stage's, as everywhere else.
    ['subscribe dispatch to latest', { kind: 'image', gallery: 'gal_golden', image: 'dispatch' }, 'gal_golden/dispatch', /\*\*latest\*\*/],
    ['subscribe callcenter-desktop', { kind: 'image', gallery: 'gal_golden', image: 'callcenter-desktop' }, 'gal_golden/callcenter-desktop', /Subscribed/],
    ['subscribe all to published', { kind: 'all' }, 'all galleries', /\*\*published\*\* in all galleries/],
  ])('%s stores the scope it resolved to', async (line, scope, label, answer) => {
    expect(await text(line)).toMatch(answer);
    const [stored] = store.subscriptions;
    expect(stored).toMatchObject({ id: 'S-000001', conversationId: 'a:chat-1', address: 'user:00000000-0000-0000-0000-000000000020', label, scope, createdBy: { id: '29:alex', name: 'Alex Wilber' } });
    if (scope.kind !== 'all') expect(stored!.scope).toMatchObject({ subscriptionId: DEMO_SUB, resourceGroup: 'rg-images' });
  });

  test('an unknown name is not found, and nothing is stored', async () => {
    expect(await text('subscribe nosuchthing')).toMatch(/nosuchthing/);
    expect(store.subscriptions).toEqual([]);
  });

  test('a channel subscription belongs to the channel, not the thread, and the same one twice is named, not doubled', async () => {
    await text('subscribe gal_golden', CHANNEL);
    expect(store.subscriptions[0]).toMatchObject({ conversationId: '19:ops@thread.tacv2', address: 'channel:19:ops@thread.tacv2' });
    expect(await text('subscribe gal_golden', { ...CHANNEL, conversationId: '19:ops@thread.tacv2;messageid=99' })).toMatch(/already has that subscription: \*\*S-000001\*\*/);
    expect(store.subscriptions).toHaveLength(1);
  });

  test('the policy may name who subscribes in channels; chats stay their members\' own', async () => {
    const strict = { ...ctx, subscriptions: { store, channelSubscribers: [{ id: '00000000-0000-0000-0000-000000000099' }], newId: () => 'S-000009' } };
    expect(await text('subscribe gal_golden', CHANNEL, strict)).toMatch(/Not allowed|not one of them/);
    expect(await text('subscribe gal_golden', ALEX, strict)).toMatch(/Subscribed this chat/);
    expect(await text('subscribe gal_golden', { ...CHANNEL, aadObjectId: '00000000-0000-0000-0000-000000000099' }, strict)).toMatch(/Subscribed this channel/);
  });

  test('subscriptions lists this conversation\'s, with who and when; unsubscribe removes only its own', async () => {
    expect(await text('subscriptions')).toMatch(/has no subscriptions/);
    await text('subscribe gal_golden');
    await text('subscribe dispatch to replication');
    await text('subscribe all', CHANNEL);
    const list = await text('subscriptions');
    expect(list).toContain('(2):');
    expect(list).toContain('**S-000001**: gal_golden, published, replication, latest, eol, requests (by Alex Wilber, 2026-11-23 12:00 UTC)');
    expect(list).toContain('**S-000002**: gal_golden/dispatch, replication');
    expect(list).not.toContain('S-000003');
    expect(await text('unsubscribe S-000003')).toMatch(/no subscription `S-000003`/);
    expect(await text('unsubscribe s000001, S-000002')).toMatch(/Unsubscribed \*\*S-000001\*\* \(gal_golden: .*\), \*\*S-000002\*\*/);
    expect(store.subscriptions.map((s) => s.id)).toEqual(['S-000003']);
  });

  test('unmute lifts a mute early, says events meanwhile stay skipped, and answers plainly when there is none', async () => {
    await text('subscribe gal_golden');
    await text('subscribe dispatch to replication', CHANNEL);
    const until = new Date(DEMO_NOW.getTime() + 3_600_000).toISOString();
    await store.muteSubscription('a:chat-1', 'S-000001', { until, by: 'Megan Bowen' });
    expect(await text('subscriptions')).toContain('muted until 2026-11-23 13:00 UTC by Megan Bowen, events skipped (`unmute S-000001` lifts it)');
    // Another conversation's id is not found here, and its mute (none) is untouched.
    expect(await text('unmute S-000002')).toMatch(/no subscription `S-000002`/);
    expect(await text('unmute s000001')).toBe(
      'Unmuted **S-000001** (gal_golden) by Alex Wilber (it was muted by Megan Bowen until 2026-11-23 13:00 UTC). Cards resume with the next event; events during the mute stay skipped and are not sent now.',
    );
    expect(store.subscriptions[0]).not.toHaveProperty('mutedUntil');
    expect(store.subscriptions[0]).not.toHaveProperty('mutedBy');
    expect(await text('subscriptions')).not.toMatch(/muted/);
    expect(await text('unmute S-000001')).toBe('**S-000001** (gal_golden) is not muted: its cards are already arriving.');
    // A mute that ran out is no mute either.
    await store.muteSubscription('a:chat-1', 'S-000001', { until: new Date(DEMO_NOW.getTime() - 1).toISOString(), by: 'Megan Bowen' });
    expect(await text('unmute S-000001')).toMatch(/is not muted/);
    expect(await text('unmute')).toMatch(/Name the subscription to unmute/);
    expect(await text('unmute S-000001 S-000002')).toMatch(/One subscription at a time/);
  });

  test('unmute in a channel is allowed to whom the policy lets subscribe there, and runs from a button', async () => {
    await text('subscribe gal_golden', CHANNEL);
    const until = new Date(DEMO_NOW.getTime() + 3_600_000).toISOString();
    await store.muteSubscription('19:ops@thread.tacv2', 'S-000001', { until, by: 'Alex Wilber' });
    const strict = { ...ctx, subscriptions: { store, channelSubscribers: [{ id: '00000000-0000-0000-0000-000000000099' }] } };
    expect(await text('unmute S-000001', CHANNEL, strict)).toMatch(/not one of them/);
    expect(store.subscriptions[0]!.mutedUntil).toBe(until);
    const click = await runCommand('unmute S-000001', { ...strict, caller: { ...CHANNEL, aadObjectId: '00000000-0000-0000-0000-000000000099' } }, { source: 'card' });
    expect(click).toMatchObject({ kind: 'text', brief: 'Unmuted S-000001.' });
    expect(store.subscriptions[0]!.mutedUntil).toBeUndefined();
  });

  test('did-you-mean knows unmute from the registry', async () => {
    expect(await text('unmte S-000001')).toMatch(/Did you mean `unmute`/);
  });

  test('unsubscribe runs from a card button (it changes nothing in Azure); subscribe must be typed', async () => {
    await text('subscribe gal_golden');
    const click = await runCommand('unsubscribe S-000001', { ...ctx, caller: ALEX }, { source: 'card' });
    expect(click).toMatchObject({ kind: 'text', brief: 'Unsubscribed S-000001.' });
    const typed = await runCommand('subscribe gal_golden', { ...ctx, caller: ALEX }, { source: 'card' });
    expect(JSON.stringify(typed)).toMatch(/Type this one/);
  });
});

describe('where subscriptions deliver, and who may make them', () => {
  test.each([
    [{ conversationType: 'personal', conversationId: 'a:1' }, { conversationId: 'a:1', address: 'user:00000000-0000-0000-0000-000000000020' }],
    [{ conversationType: 'groupChat', conversationId: '19:group@thread.v2' }, { conversationId: '19:group@thread.v2', address: 'conversation:19:group@thread.v2' }],
    [{ conversationType: 'channel', conversationId: '19:c@thread.tacv2;messageid=1', channelId: '19:c@thread.tacv2' }, { conversationId: '19:c@thread.tacv2', address: 'channel:19:c@thread.tacv2' }],
    // A channel message always names its channel; without one it is never sent to someone's personal chat instead.
    [{ conversationType: 'channel', conversationId: '19:c@thread.tacv2;messageid=1' }, { conversationId: '19:c@thread.tacv2', address: 'conversation:19:c@thread.tacv2' }],
  ] as const)('%j is reached at %j', (where, expected) => {
    expect(subscriptionHome({ ...ALEX, ...where })).toMatchObject(expected);
  });

  test('the directory keeps a group chat\'s reference under its conversation id', async () => {
    const directory = new ConversationDirectory(new MemoryConversationStore(), () => DEMO_NOW, createLogger('silent'));
    await directory.remember(message('subscribe gal_golden', { serviceUrl: 'https://smba.example', conversationId: '19:group@thread.v2', conversationType: 'groupChat' }));
    expect((await directory.reference('conversation:19:group@thread.v2'))?.conversation?.id).toBe('19:group@thread.v2');
  });

  test('the policy file\'s subscriptions.channelSubscribers is read (absent: anyone)', () => {
    const demo = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as Record<string, unknown>;
    expect(parsePolicy(demo).channelSubscribers).toBeUndefined();
    const strict = parsePolicy({ ...demo, subscriptions: { channelSubscribers: [{ id: '00000000-0000-0000-0000-000000000099', name: 'Ops lead' }] } });
    expect(strict.channelSubscribers).toEqual([{ id: '00000000-0000-0000-0000-000000000099', name: 'Ops lead' }]);
    expect(() => parsePolicy({ ...demo, subscriptions: { channelSubscribers: ['ops@contoso.com'] } })).toThrow(/Entra object id/);
  });
});
