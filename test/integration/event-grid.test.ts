/**
 * Azure Event Grid's webhook, through real HTTP: the bot's POST /api/events (shared secret, validation handshake,
 * bad bodies) and the emulator posting ResourceWriteSuccess after an ARM write, which wakes the watcher (its own
 * schedule is an hour here, so a card within seconds can only come from the event) and refreshes `latest`.
 */
import { say as ask } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';
import { armRequest, API, DEMO_GROUP, DEMO_SUBSCRIPTION } from '../emulator/emulator-fixture';

const SECRET = 'e'.repeat(20) + '0123456789abcdef-._~';
const ALEX = { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
const VERSION_ID = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute/galleries/gal_golden/images/callcenter-desktop/versions/2026.6.0`;

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ lroPollDelayMs: 30, lroRetryAfterSeconds: 0 }, { EVENT_GRID_SECRET: SECRET, WATCH_INTERVAL_SECONDS: '3600' }, { wakeTiming: { minGapMs: 200 } });
  bot.emulator.setEventGridWebhook(`${bot.botUrl}/api/events?code=${SECRET}`);
});
afterAll(async () => {
  await bot?.stop();
});

const chat = new SubscriptionChat(() => bot, 'event-grid-chat');

/** A POST to /api/events; `body` is sent as given when a string. */
async function events(body: unknown, init: { query?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${bot.botUrl}/api/events${init.query ?? ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

const writeEvent = (resourceUri: string, eventType = 'Microsoft.Resources.ResourceWriteSuccess') => [
  { id: 'e-1', topic: `/subscriptions/${DEMO_SUBSCRIPTION}`, subject: resourceUri, eventType, eventTime: new Date().toISOString(), data: { resourceUri, operationName: 'Microsoft.Compute/galleries/images/versions/write', status: 'Succeeded' }, dataVersion: '2', metadataVersion: '1' },
];
const validation = [{ id: 'v-1', topic: `/subscriptions/${DEMO_SUBSCRIPTION}`, subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: new Date().toISOString(), data: { validationCode: 'CODE-1234', validationUrl: 'https://rp.example/validate' }, dataVersion: '2', metadataVersion: '1' }];

it('answers the validation handshake only with the secret, in the query or the header', async () => {
  expect(await events(validation, { query: `?code=${SECRET}` })).toEqual({ status: 200, text: JSON.stringify({ validationResponse: 'CODE-1234' }) });
  expect(await events(validation, { headers: { 'X-GalleryOps-Event-Secret': SECRET } })).toEqual({ status: 200, text: JSON.stringify({ validationResponse: 'CODE-1234' }) });
  for (const init of [{}, { query: '?code=wrong' }, { query: `?code=${SECRET}x` }, { query: `?code=${SECRET}&code=${SECRET}` }, { headers: { 'X-GalleryOps-Event-Secret': SECRET.slice(1) } }, { query: `?Code=${SECRET}` }]) {
    const answer = await events(validation, init);
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain('CODE-1234');
  }
});

it('never reads Azure for an event without the secret, and reads at once with it', async () => {
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to latest')).toMatch(/^Subscribed this chat/);
  await bot.app.runWatcher(); // the baseline
  const calls = bot.armCalls;
  expect((await events(writeEvent(VERSION_ID), { query: '?code=nope' })).status).toBe(401);
  expect((await events(writeEvent(VERSION_ID))).status).toBe(401);
  await new Promise((r) => setTimeout(r, 1500)); // three times the wake's debounce
  expect(bot.armCalls).toBe(calls);
  // Positive control: the same event with the secret makes the watcher read (no card: nothing changed).
  expect(await events(writeEvent(VERSION_ID), { query: `?code=${SECRET}` })).toEqual({ status: 200, text: JSON.stringify({ accepted: 1, ignored: 0 }) });
  await waitFor(() => bot.armCalls, (n) => n > calls, 5000);
});

it('refuses bodies that are not Event Grid events with a 4xx, and keeps answering', async () => {
  const q = { query: `?code=${SECRET}` };
  expect((await events('{"not json', q)).status).toBe(400);
  expect(await events({ eventType: 'Microsoft.Resources.ResourceWriteSuccess' }, q)).toMatchObject({ status: 400, text: expect.stringContaining('JSON array') });
  expect((await events([], q)).status).toBe(400);
  expect((await events([1, 'two'], q)).status).toBe(400);
  expect((await events([{ eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: {} }], q)).status).toBe(400);
  expect((await events('[]', { ...q, headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
  expect((await events(validation, { ...q, headers: { 'Content-Type': 'application/cloudevents-batch+json' } })).status).toBe(415);
  expect((await events(`[${'"x",'.repeat(400_000)}"x"]`, q)).status).toBe(413);
  // Events about other resources are accepted (Event Grid would retry anything else) and ignored.
  const other = writeEvent(`/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Storage/storageAccounts/st1`);
  expect(await events(other, q)).toEqual({ status: 200, text: JSON.stringify({ accepted: 0, ignored: 1 }) });
  expect((await fetch(`${bot.botUrl}/healthz`)).status).toBe(200);
  expect(await chat.say('subscriptions')).toMatch(/gal_golden\/callcenter-desktop, latest/);
});

it('an ARM write in the emulator reaches the subscribed chat within seconds, and `latest` reads it at once', async () => {
  expect((await ask(bot, ALEX, 'image status callcenter-desktop latest')).text).toContain('2026.5.0');
  const before = chat.count();
  const patch = await armRequest(bot.emulator, `${VERSION_ID}?${API}`, { method: 'PATCH', body: { properties: { publishingProfile: { excludeFromLatest: false } } } });
  expect(patch.status).toBe(200);
  // The emulator publishes when the operation succeeds; someone polling it settles it (as the SDK would).
  await waitFor(async () => (await armRequest(bot.emulator, `${VERSION_ID}?${API}`)).json?.properties?.provisioningState, (state) => state === 'Succeeded', 5000);
  await waitFor(() => chat.count(), (n) => n > before, 10_000);
  const [card] = chat.cardsSince(before);
  expect(card!.text).toContain('latest of gal_golden/callcenter-desktop is now 2026.6.0');
  // The version list was read again because of the event, not after its 60 s TTL.
  expect((await ask(bot, ALEX, 'image status callcenter-desktop latest')).text).toContain('2026.6.0');
}, 30_000);

it('is off without EVENT_GRID_SECRET: the route does not exist', async () => {
  const plain = await startBotUnderTest({}, {}, { emulator: bot.emulator });
  try {
    const res = await fetch(`${plain.botUrl}/api/events?code=${SECRET}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(validation) });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('CODE-1234');
  } finally {
    await plain.stop();
  }
});
