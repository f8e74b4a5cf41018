/**
 * Through the real HTTP endpoint: Bot Framework activities POSTed to /api/messages, replies read at a local
 * connector, the real @azure/arm-compute SDK talking HTTPS to the emulator with the demo seed.
 */
import { BOT, cardAction, cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';

let bot: BotUnderTest;
let n = 0;
beforeAll(async () => {
  bot = await startBotUnderTest();
});
afterAll(async () => {
  await bot?.stop();
});

/** Sends one message in a fresh conversation; returns the single reply's card (validated) and its text. */
async function ask(text: string, options: { mentionBot?: boolean; conversationType?: 'personal' | 'channel' } = {}) {
  const conversationId = `conv-${++n}`;
  const res = await post(bot.botUrl, message(text, { serviceUrl: bot.serviceUrl, conversationId, ...options }));
  expect(res.status).toBe(200);
  const [reply] = await bot.connector.waitForMessages(conversationId, 1);
  const card = cardOf(reply!);
  expectValidCard(card);
  return { card, text: cardText(card).join('\n'), reply: reply! };
}

describe('questions about the demo gallery', () => {
  it('image status dispatch 2026.05 shows 2026.5.1 with centralus failed, first', async () => {
    const { text } = await ask('image status dispatch 2026.05');
    expect(text).toContain('dispatch 2026.5.1');
    expect(text).toMatch(/gal_golden/);
    expect(text).toMatch(/11111111-2222-3333-4444-555555555555/);
    expect(text).toMatch(/Read \d{4}-\d{2}-\d{2}/);
    const central = text.indexOf('Central US');
    const east = text.indexOf('East US 2');
    expect(central).toBeGreaterThan(-1);
    expect(central).toBeLessThan(east);
    expect(text.slice(central, east)).toContain('Failed');
  });

  it('status is an alias, and latest is the default version', async () => {
    const { text } = await ask('STATUS gal_golden/dispatch');
    expect(text).toContain('dispatch 2026.5.1');
  });

  it('an @mention in a channel is stripped: versions callcenter-desktop lists newest first with the latest marked', async () => {
    const { text } = await ask('versions callcenter-desktop', { mentionBot: true, conversationType: 'channel' });
    const rows = text.replace(/Latest: \S+/, '');
    const order = ['2026.6.0', '2026.5.0', '2026.4.0', '2026.3.0'].map((v) => rows.indexOf(v));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Latest: 2026\.5\.0/);
    expect(text).toMatch(/past end of life/);
  });

  it('versions dispatch names the failed region of the latest version', async () => {
    const { text } = await ask('versions dispatch');
    expect(text).toMatch(/2026\.5\.1[\s\S]*Replication FAILED in Central US/);
  });

  it('galleries lists both galleries with their sharing', async () => {
    const { text } = await ask('galleries');
    expect(text).toMatch(/gal_golden[\s\S]*Private/);
    expect(text).toMatch(/gal_staging[\s\S]*Groups/);
  });

  it('images gal_golden lists its five definitions', async () => {
    const { text } = await ask('images gal_golden');
    for (const image of ['callcenter-desktop', 'gpu-analytics', 'dispatch', 'records', 'reporting']) expect(text).toContain(image);
  });

  it('help lists the commands', async () => {
    const { text } = await ask('help');
    for (const c of ['galleries', 'images', 'versions', 'image status']) expect(text).toContain(c);
  });
});

describe('bad input always gets an answer, never a 500', () => {
  it.each<[string, string, RegExp]>([
    ['a typo', 'verisons dispatch', /Did you mean `versions`/],
    ['an unknown image', 'image status dispatchh 2026.05', /dispatch/],
    ['an unknown version', 'image status dispatch 1999', /1999/],
    ['an empty message', '', /galleries/],
    ['control characters', 'versions \u0007dispatch\u0000', /control/i],
    ['100 KB of text', 'x'.repeat(100 * 1024), /long/i],
    ['markdown and HTML in a name', 'versions <b>**dispatch**</b>', /Did you mean|not found|No image/i],
  ])('%s', async (_name, input, expected) => {
    const { text } = await ask(input);
    expect(text).toMatch(expected);
  });

  it('refuses a body that is not JSON with 400, not 500', async () => {
    const res = await post(bot.botUrl, '{"type": "message", ', true);
    expect(res.status).toBe(400);
  });

  it('answers an activity without text', async () => {
    const conversationId = `conv-${++n}`;
    const activity = { ...message('x', { serviceUrl: bot.serviceUrl, conversationId }) };
    delete activity.text;
    expect((await post(bot.botUrl, activity)).status).toBe(200);
    const [reply] = await bot.connector.waitForMessages(conversationId, 1);
    expect(String(reply!.text)).toMatch(/help/);
  });
});

describe('card actions', () => {
  it('a button runs its command and the card is replaced in place', async () => {
    const { card } = await ask('verisons callcenter-desktop');
    const button = runButtons(card).find((b) => b.command.startsWith('versions'));
    expect(button).toBeDefined();
    const res = await post(bot.botUrl, cardAction(button!.verb, { verb: button!.verb, command: button!.command }, { serviceUrl: bot.serviceUrl, conversationId: 'conv-actions' }));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: object };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(body.value);
    expect(cardText(body.value).join('\n')).toContain('2026.6.0');
  });

  it('a forged or unknown payload gets an answer, HTTP 200, and runs nothing', async () => {
    const before = bot.armCalls;
    const cases: Array<[string, unknown, RegExp]> = [
      ['galleryops.approve', { verb: 'galleryops.approve', requestId: 'x' }, /No such request/],
      ['galleryops.approve', { verb: 'galleryops.approve', requestId: { $ne: null } }, /No such request/],
      ['galleryops.reject', { verb: 'galleryops.reject', requestId: '../../etc/passwd' }, /No such request/],
      ['galleryops.approve', 'not an object', /No such request/],
      ['galleryops.unknown', { verb: 'galleryops.unknown' }, /not one I know/],
      ['galleryops.run', { verb: 'galleryops.run', command: 42 }, /not one I know/],
    ];
    for (const [verb, data, expected] of cases) {
      const res = await post(bot.botUrl, cardAction(verb, data, { serviceUrl: bot.serviceUrl, conversationId: 'conv-forged' }));
      expect(res.status).toBe(200);
      const body = res.body as { statusCode: number; type: string; value: unknown };
      expect(body.statusCode).toBe(200);
      const shown = body.type === 'application/vnd.microsoft.card.adaptive' ? cardText(body.value as object).join(' ') : String(body.value);
      expect(shown).toMatch(expected);
    }
    expect(bot.armCalls).toBe(before);
  });

  it('the Action.Submit fallback of old clients runs the same command', async () => {
    const conversationId = `conv-${++n}`;
    const activity = { ...message('', { serviceUrl: bot.serviceUrl, conversationId }), value: { verb: 'galleryops.run', command: 'versions dispatch' } };
    await post(bot.botUrl, activity);
    const [reply] = await bot.connector.waitForMessages(conversationId, 1);
    expect(cardText(cardOf(reply!)).join('\n')).toContain('2026.5.1');
  });
});

describe('the bot is added to a conversation', () => {
  it('sends a welcome card with the commands', async () => {
    const conversationId = `conv-${++n}`;
    const activity = { ...message('', { serviceUrl: bot.serviceUrl, conversationId }), type: 'conversationUpdate', membersAdded: [BOT] };
    await post(bot.botUrl, activity);
    const [reply] = await bot.connector.waitForMessages(conversationId, 1);
    expect(cardText(cardOf(reply!)).join('\n')).toContain('image status');
  });
});

describe('Teams limits', () => {
  it('a reply the connector throttles (429 with Retry-After) is retried until it arrives', async () => {
    bot.connector.retryAfterSeconds = 0;
    bot.connector.throttleNext = 5; // more than botbuilder's own three retries: the send pacing retries on top
    const { text } = await ask('versions records');
    expect(text).toContain('2026.5.0');
    expect(bot.connector.throttleNext).toBe(0);
  });
});

describe('health', () => {
  it('answers /healthz and, once names are loaded, /readyz', async () => {
    expect((await fetch(`${bot.botUrl}/healthz`)).status).toBe(200);
    await bot.app.names.snapshot();
    expect((await fetch(`${bot.botUrl}/readyz`)).status).toBe(200);
  });
});
