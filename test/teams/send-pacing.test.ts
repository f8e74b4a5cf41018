/**
 * The middleware inside real botbuilder TurnContexts, against a scripted adapter standing in for the
 * connector (each call can be made to fail the way botframework-connector fails), on a fake clock.
 */
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { createLogger } from '../../src/logging/logger';
import { createSendPacing } from '../../src/teams/send-pacing';
import { FakeTime } from './fake-time';

interface Call {
  op: 'send' | 'update' | 'delete';
  label: string;
  conversationId: string;
  at: number;
  outcome: 'ok' | number;
}

/** Records every connector call with the fake time; `failNext` scripts the outcomes of the next calls. */
class ScriptedAdapter extends BotAdapter {
  readonly calls: Call[] = [];
  readonly failNext: RestError[] = [];
  /** How many activities each sendActivities call carried. */
  readonly batchSizes: number[] = [];
  private n = 0;
  constructor(private readonly time: FakeTime) {
    super();
  }
  private call(op: Call['op'], a: Partial<Activity> | Partial<ConversationReference>, label: string): void {
    const failure = this.failNext.shift();
    this.calls.push({ op, label, conversationId: a.conversation?.id ?? '', at: this.time.nowMs - T0, outcome: failure?.statusCode ?? 'ok' });
    if (failure) throw failure;
  }
  override async sendActivities(_c: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.batchSizes.push(activities.length);
    return activities.map((a) => {
      if (a.type !== ActivityTypes.InvokeResponse) this.call('send', a, a.type === 'message' ? String(a.text) : String(a.type));
      return { id: `id-${++this.n}` };
    });
  }
  override async updateActivity(_c: TurnContext, a: Partial<Activity>): Promise<ResourceResponse> {
    this.call('update', a, String(a.text));
    return { id: a.id! };
  }
  override async deleteActivity(_c: TurnContext, ref: Partial<ConversationReference>): Promise<void> {
    this.call('delete', ref, String(ref.activityId));
  }
  override async continueConversation(): Promise<void> {}
}

const T0 = 1_700_000_000_000;

function restError(status: number, retryAfter?: string): RestError {
  const request = createPipelineRequest({ url: 'https://smba.example/v3/conversations/c/activities' });
  const headers = createHttpHeaders(retryAfter === undefined ? {} : { 'Retry-After': retryAfter });
  return new RestError(`HTTP ${status}`, { statusCode: status, request, response: { status, headers, request } });
}

function setup() {
  const time = new FakeTime(T0);
  const adapter = new ScriptedAdapter(time);
  const pacing = createSendPacing({ logger: createLogger('silent'), clock: time.clock, sleep: time.sleep, random: () => 0 });
  /** Runs one turn in `conversationId` through the middleware. */
  const turn = (logic: (ctx: TurnContext) => Promise<void>, conversationId = 'conv-1', extra: Partial<Activity> = {}) => {
    const ctx = new TurnContext(adapter, {
      type: 'message',
      id: 'incoming',
      channelId: 'msteams',
      serviceUrl: 'https://smba.example',
      from: { id: 'user', name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: conversationId, name: '', isGroup: false },
      ...extra,
    } as Activity);
    return pacing.onTurn(ctx, () => logic(ctx)).then(() => ctx);
  };
  return { time, adapter, pacing, turn };
}

const sends = (calls: Call[]) => calls.filter((c) => c.outcome === 'ok').map((c) => c.label);

describe('send pacing middleware', () => {
  it('sends each activity of a batch on its own, in order, and returns every id', async () => {
    const { adapter, turn } = setup();
    let responses: ResourceResponse[] = [];
    const ctx = await turn(async (c) => {
      responses = await c.sendActivities([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
    });
    expect(sends(adapter.calls)).toEqual(['one', 'two', 'three']);
    expect(adapter.batchSizes).toEqual([1, 1, 1]);
    expect(responses.map((r) => r.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(ctx.responded).toBe(true);
  });

  it('delays (never drops) replies past 7 per second, across turns of the same conversation', async () => {
    const { adapter, turn } = setup();
    await turn(async (c) => void (await c.sendActivities(Array.from({ length: 5 }, (_, i) => ({ text: `a${i}` })))));
    await turn(async (c) => void (await c.sendActivities(Array.from({ length: 5 }, (_, i) => ({ text: `b${i}` })))));
    expect(adapter.calls.map((c) => `${c.label}@${c.at}`)).toEqual([
      ...['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1'].map((l) => `${l}@0`),
      'b2@1000',
      'b3@2000',
      'b4@2000',
    ]);
  });

  it('treats a channel thread as part of its channel, and other conversations separately', async () => {
    const { adapter, turn } = setup();
    for (let i = 0; i < 7; i++) await turn((c) => c.sendActivity(`t${i}`).then(() => undefined), `19:chan@thread.tacv2;messageid=${i}`);
    await turn((c) => c.sendActivity('other chat').then(() => undefined), 'conv-other');
    await turn((c) => c.sendActivity('same channel, new thread').then(() => undefined), '19:chan@thread.tacv2;messageid=99');
    const at = Object.fromEntries(adapter.calls.map((c) => [c.label, c.at]));
    expect(at['other chat']).toBe(0);
    expect(at['same channel, new thread']).toBe(1000);
  });

  it.each<[string, RestError[], string[], number[]]>([
    ['429 with Retry-After: 2 waits 2 s and sends the same activity again', [restError(429, '2')], ['hello'], [2000]],
    ['429 twice with Retry-After dates', [restError(429, new Date(T0 + 3000).toUTCString()), restError(429, '1')], ['hello'], [3000, 1000]],
    ['429 asking for an hour waits the 60 s cap', [restError(429, '3600')], ['hello'], [60_000]],
    ['503 backs off, then succeeds', [restError(503), restError(503)], ['hello'], [250, 500]],
    ['412 and 502 and 504 back off', [restError(412), restError(502), restError(504)], ['hello'], [250, 500, 1000]],
  ])('%s', async (_name, failures, delivered, waits) => {
    const { adapter, turn, time } = setup();
    adapter.failNext.push(...failures);
    await turn((c) => c.sendActivity('hello').then(() => undefined));
    expect(sends(adapter.calls)).toEqual(delivered);
    expect(time.sleeps).toEqual(waits);
    expect(adapter.calls).toHaveLength(failures.length + 1);
  });

  it.each<[string, RestError[], number, number]>([
    ['400 propagates at once', [restError(400)], 400, 1],
    ['413 (message too big) propagates at once', [restError(413)], 413, 1],
    ['429 four times gives up after 3 retries', [429, 429, 429, 429].map((s) => restError(s, '1')), 429, 4],
  ])('%s', async (_name, failures, status, attempts) => {
    const { adapter, turn } = setup();
    adapter.failNext.push(...failures);
    await expect(turn((c) => c.sendActivity('hello').then(() => undefined))).rejects.toMatchObject({ statusCode: status });
    expect(adapter.calls).toHaveLength(attempts);
  });

  it('a throttled reply holds back later replies of the conversation, even from another turn', async () => {
    const { adapter, turn } = setup();
    adapter.failNext.push(restError(429, '1'));
    await Promise.all([turn((c) => c.sendActivity('first').then(() => undefined)), turn((c) => c.sendActivity('second').then(() => undefined))]);
    expect(adapter.calls.map((c) => `${c.label}:${c.outcome}@${c.at}`)).toEqual(['first:429@0', 'first:ok@1000', 'second:ok@1000']);
  });

  it('drops a typing indicator when the conversation is at its limit, sends it when there is room', async () => {
    const { adapter, turn, time } = setup();
    await turn(async (c) => void (await c.sendActivities(Array.from({ length: 7 }, (_, i) => ({ text: `m${i}` })))));
    let dropped: ResourceResponse | undefined;
    await turn(async (c) => void (dropped = await c.sendActivity({ type: ActivityTypes.Typing })));
    expect(dropped).toEqual({ id: '' });
    expect(adapter.calls.filter((c) => c.label === 'typing')).toEqual([]);
    expect(time.sleeps).toEqual([]);
    time.advance(1000);
    await turn((c) => c.sendActivity({ type: ActivityTypes.Typing }).then(() => undefined));
    expect(adapter.calls.filter((c) => c.label === 'typing')).toHaveLength(1);
  });

  it('drops a typing indicator that is throttled instead of retrying it, but not one that is refused', async () => {
    const { adapter, turn, time } = setup();
    adapter.failNext.push(restError(429, '5'));
    await turn((c) => c.sendActivity({ type: ActivityTypes.Typing }).then(() => undefined));
    expect(adapter.calls).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
    adapter.failNext.push(restError(403));
    await expect(turn((c) => c.sendActivity({ type: ActivityTypes.Typing }).then(() => undefined))).rejects.toMatchObject({ statusCode: 403 });
  });

  it('never holds an invoke response behind paced messages', async () => {
    const { adapter, turn, time } = setup();
    await turn(async (c) => void (await c.sendActivities(Array.from({ length: 7 }, (_, i) => ({ text: `m${i}` })))));
    const ctx = await turn((c) => c.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } }).then(() => undefined));
    expect(time.sleeps).toEqual([]);
    expect(adapter.calls).toHaveLength(7);
    expect(ctx.responded).toBe(true);
  });

  it('paces and retries updateActivity and deleteActivity in the same lane as sends', async () => {
    const { adapter, turn, time } = setup();
    await turn(async (c) => void (await c.sendActivities(Array.from({ length: 6 }, (_, i) => ({ text: `m${i}` })))));
    adapter.failNext.push(restError(429, '2'));
    await turn(async (c) => {
      await c.updateActivity({ id: 'card-1', type: 'message', text: 'updated card' });
      await c.deleteActivity('old-1');
    });
    expect(adapter.calls.slice(6).map((c) => `${c.op} ${c.label}:${c.outcome}@${c.at}`)).toEqual([
      'update updated card:429@0',
      'update updated card:ok@2000',
      'delete old-1:ok@2000',
    ]);
    expect(time.sleeps).toEqual([2000]);
  });

  it('leaves expectReplies turns alone (their replies are buffered, not sent)', async () => {
    const { adapter, turn } = setup();
    const ctx = await turn(async (c) => void (await c.sendActivities(Array.from({ length: 10 }, (_, i) => ({ text: `m${i}` })))), 'conv-1', {
      deliveryMode: 'expectReplies',
    });
    expect(adapter.calls).toEqual([]);
    expect(ctx.bufferedReplyActivities).toHaveLength(10);
  });

  it('tracks conversations in a bounded map', async () => {
    const { turn, pacing, time } = setup();
    await turn((c) => c.sendActivity('a').then(() => undefined), 'c-a');
    await turn((c) => c.sendActivity('b').then(() => undefined), 'c-b');
    expect(pacing.trackedConversations).toBe(2);
    time.advance(3_600_001);
    await turn((c) => c.sendActivity('c').then(() => undefined), 'c-c');
    expect(pacing.trackedConversations).toBe(1);
  });
});
