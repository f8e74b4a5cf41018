import { ConversationLanes } from '../../src/teams/send-pacing-lanes';
import { TEAMS_CONVERSATION_LIMITS } from '../../src/teams/send-pacing-window';
import { FakeTime, withinWindow } from './fake-time';

function setup(options: { maxConversations?: number } = {}) {
  const time = new FakeTime();
  const evictions: string[][] = [];
  const lanes = new ConversationLanes({ limits: TEAMS_CONVERSATION_LIMITS, clock: time, onLossyEviction: (keys) => void evictions.push([...keys]), ...options });
  const t0 = time.nowMs;
  const sent: Array<{ key: string; label: string; at: number }> = [];
  /** One paced send in `key`, recorded with the (fake) time since the start at which it went out. */
  const send = (key: string, label: string) => lanes.run(key, (lane) => lane.paced(async () => void sent.push({ key, label, at: time.nowMs - t0 })));
  return { time, lanes, sent, send, evictions, evicted: () => evictions.flat() };
}

describe('ConversationLanes', () => {
  it('paces 20 sends in one conversation to the Teams windows, in order, never dropping one', async () => {
    const { send, sent, time } = setup();
    await Promise.all(Array.from({ length: 20 }, (_, i) => send('c1', `m${i}`)));
    expect(sent.map((s) => s.label)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    const at = sent.map((s) => s.at);
    expect(at).toEqual([0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 3000, 4000, 4000, 4000, 4000]);
    for (const { windowMs, max } of TEAMS_CONVERSATION_LIMITS) expect(withinWindow(at, windowMs, max)).toBe(true);
  });

  it('shares a conversation\'s windows across separate runs (turns)', async () => {
    const { send, sent, time } = setup();
    for (let turn = 0; turn < 8; turn++) await send('c1', `turn${turn}`);
    expect(sent.map((s) => s.at)).toEqual([0, 0, 0, 0, 0, 0, 0, 1000]);
  });

  it('does not make one conversation wait for another', async () => {
    const { send, sent, time } = setup();
    for (let i = 0; i < 7; i++) await send('busy', `b${i}`);
    await send('quiet', 'q0');
    expect(sent.find((s) => s.label === 'q0')!.at).toBe(0);
  });

  it('runs work in one conversation one at a time in arrival order, even while earlier work waits to retry', async () => {
    const { lanes, time } = setup();
    const events: string[] = [];
    const first = lanes.run('c1', async (lane) => {
      events.push('first: attempt 1');
      await time.sleep(1000); // a retry wait
      await lane.paced(async () => events.push('first: attempt 2'));
    });
    const second = lanes.run('c1', (lane) => lane.paced(async () => events.push('second')));
    await Promise.all([first, second]);
    expect(events).toEqual(['first: attempt 1', 'first: attempt 2', 'second']);
  });

  it('a failed item does not block the ones behind it, and the failure reaches its caller', async () => {
    const { lanes, send, sent } = setup();
    const failing = lanes.run('c1', (lane) => lane.paced(() => Promise.reject(new Error('boom'))));
    const after = send('c1', 'after');
    await expect(failing).rejects.toThrow('boom');
    await after;
    expect(sent.map((s) => s.label)).toEqual(['after']);
  });

  it('counts failed attempts in the windows too (the connector saw them)', async () => {
    const { lanes, send, sent, time } = setup();
    for (let i = 0; i < 7; i++) await lanes.run('c1', (lane) => lane.paced(() => Promise.reject(new Error('x')))).catch(() => undefined);
    await send('c1', 'eighth');
    expect(sent[0]!.at).toBe(1000);
  });

  it('work that sends again in its own conversation does not wait for itself', async () => {
    const { lanes, send, sent } = setup();
    await lanes.run('c1', async () => {
      await send('c1', 'nested');
    });
    expect(sent.map((s) => s.label)).toEqual(['nested']);
  });

  it('isFree: false while work is queued or a window is full', async () => {
    const { lanes, send, time } = setup();
    expect(lanes.isFree('c1')).toBe(true);
    let release!: () => void;
    const holding = lanes.run('c1', () => new Promise<void>((r) => (release = r)));
    expect(lanes.isFree('c1')).toBe(false);
    await new Promise((r) => setImmediate(r));
    release();
    await holding;
    expect(lanes.isFree('c1')).toBe(true);
    for (let i = 0; i < 7; i++) await send('c1', `m${i}`);
    expect(lanes.isFree('c1')).toBe(false);
    time.advance(1000);
    expect(lanes.isFree('c1')).toBe(true);
  });

  it('forgets conversations idle for longer than the longest window (nothing lost)', async () => {
    const { lanes, send, time, evicted } = setup();
    await send('old', 'x');
    time.advance(3_600_001);
    await send('new', 'y');
    expect(lanes.size).toBe(1);
    expect(evicted()).toEqual([]);
  });

  it('keeps memory bounded: past maxConversations, idle conversations go least-recently-used first', async () => {
    const { lanes, send, evicted } = setup({ maxConversations: 3 });
    for (const key of ['a', 'b', 'c']) await send(key, key);
    await send('a', 'a again'); // a is now the most recently used
    await send('d', 'd');
    await send('e', 'e');
    expect(lanes.size).toBeLessThanOrEqual(3);
    expect(evicted()).toEqual(['b', 'c']);
  });

  it('at the bound with every conversation still counting, a new one frees a tenth of the bound at once, reported once', async () => {
    // 10,000 conversations within the hour window (the bench's back-to-back load makes that many in seconds):
    // freeing one lane per new conversation made each of them scan every lane, so every turn cost O(bound).
    const { lanes, send, evictions } = setup({ maxConversations: 1000 });
    for (let i = 0; i < 1000; i++) await send(`c${i}`, 'x');
    expect(lanes.size).toBe(1000);
    await send('c1000', 'x');
    expect(lanes.size).toBe(901);
    expect(evictions).toEqual([Array.from({ length: 100 }, (_, i) => `c${i}`)]);
    // The next 99 new conversations fit without forgetting anyone.
    for (let i = 1001; i < 1100; i++) await send(`c${i}`, 'x');
    expect(lanes.size).toBe(1000);
    expect(evictions).toHaveLength(1);
  });

  it('never forgets a conversation with work in flight', async () => {
    const { lanes, send } = setup({ maxConversations: 1 });
    let release!: () => void;
    const holding = lanes.run('busy', () => new Promise<void>((r) => (release = r)));
    await send('other', 'o');
    const order: string[] = [];
    const behind = lanes.run('busy', async () => void order.push('behind'));
    order.push('queued');
    release();
    await Promise.all([holding, behind]);
    expect(order).toEqual(['queued', 'behind']);
  });

  it('a reply to a turn goes ahead of queued background sends (event cards), each kind in its own order, within the windows', async () => {
    const { lanes, sent, time } = setup();
    const t0 = time.nowMs;
    const paced = (label: string, priority: 'turn' | 'background') => lanes.run('c1', (lane) => lane.paced(async () => void sent.push({ key: 'c1', label, at: time.nowMs - t0 })), priority);
    // Seven cards fill the 1 s window; five more wait in the lane when two replies arrive.
    const cards = Array.from({ length: 12 }, (_, i) => paced(`card${i}`, 'background'));
    const replies = [paced('reply1', 'turn'), paced('reply2', 'turn')];
    await Promise.all([...cards, ...replies]);
    const order = sent.map((s) => s.label);
    // card0 was running when the replies came; they go next, then the cards carry on in their order.
    expect(order).toEqual(['card0', 'reply1', 'reply2', ...Array.from({ length: 11 }, (_, i) => `card${i + 1}`)]);
    const at = sent.map((s) => s.at);
    for (const { windowMs, max } of TEAMS_CONVERSATION_LIMITS) expect(withinWindow(at, windowMs, max)).toBe(true);
  });
});
