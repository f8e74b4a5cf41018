import type { Caller, CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import { commandContext } from '../fixtures/command-harness';
import { MemorySubscriptionStore } from './memory-subscription-store';

const ALEX: Caller = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020', conversationId: 'a:chat-1', conversationType: 'personal' };

describe('subscribe … to digest', () => {
  let store: MemorySubscriptionStore;
  let ctx: CommandContext;
  beforeEach(() => {
    store = new MemorySubscriptionStore();
    let ids = 0;
    ctx = { ...commandContext(), now: () => new Date('2026-12-05T10:00:00Z'), subscriptions: { store, newId: () => `S-00000${++ids}` } };
  });
  const text = async (line: string): Promise<string> => {
    const reply = await runCommand(line, { ...ctx, caller: ALEX });
    return reply.kind === 'text' ? reply.text : JSON.stringify(reply.data);
  };

  test('stores the time and zone, and says when the next digest comes', async () => {
    expect(await text('subscribe gal_golden to digest at 09:00 Europe/Berlin')).toMatch(
      /Subscribed this chat to \*\*digest\*\* in gal_golden \(\*\*S-000001\*\*\)\. The digest of `report` and `drift` changes comes daily at 09:00 Europe\/Berlin \(next: 2026-12-06 08:00 UTC\)\./,
    );
    expect(store.subscriptions[0]).toMatchObject({ events: [], digest: { time: '09:00', timeZone: 'Europe/Berlin' } });
    expect(await text('subscriptions')).toContain('**S-000001**: gal_golden, digest daily at 09:00 Europe/Berlin (next: 2026-12-06 08:00 UTC) (by Alex Wilber');
  });

  test('without `at`: 09:00 UTC, and the answer says how to choose another time', async () => {
    expect(await text('subscribe all to replication,digest')).toMatch(/to \*\*replication, digest\*\* in all galleries.*daily at 09:00 UTC \(next: 2026-12-06 09:00 UTC\) \(no time was given; add `at HH:MM Europe\/Berlin` for another\)/s);
  });

  test('the same digest twice is named, not doubled; another time is another subscription', async () => {
    await text('subscribe gal_golden to digest at 9:00 Europe/Berlin');
    expect(await text('subscribe gal_golden to digest at 09:00 europe/berlin')).toMatch(/already has that subscription: \*\*S-000001\*\* \(gal_golden: digest\)/);
    expect(await text('subscribe gal_golden to digest at 17:00 Europe/Berlin')).toMatch(/\*\*S-000002\*\*/);
    expect(store.subscriptions).toHaveLength(2);
  });

  test.each([
    ['subscribe gal_golden to digest at 25:00', /`25:00` is not a time of day/],
    ['subscribe gal_golden to digest at 09:00 Mars/Base', /`Mars\/Base` is not a time zone I know/],
  ])('%s is refused and nothing is stored', async (line, answer) => {
    expect(await text(line)).toMatch(answer);
    expect(store.subscriptions).toEqual([]);
  });
});
