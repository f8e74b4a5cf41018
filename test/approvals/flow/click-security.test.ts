/**
 * Clicks on change-request cards are untrusted input. Each case goes through real HTTP into /api/messages and
 * asserts what the clicker sees (an HTTP 200 card that says why), that Azure was not written to, and that the
 * refusal is evidence in the audit log (`request.refused` with its code).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../../../src/audit/audit-record';
import { projectPath } from '../../../src/project-root';
import { DEMO, cardOf, message, post } from '../../helpers/activities';
import { cardUpdates, click as clickIn, executeVerbs, requestIdOn, say, waitForFinal, type Person } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { cardText, expectValidCard } from '../../helpers/validate-card';
import { waitFor } from '../../helpers/wait-for';

const HOUR = 3_600_000;

/**
 * A click from the person's own personal chat, as in Teams (each person has one). A chat shared by every
 * clicker would become everyone's "personal chat" and collect all their notifications, and Teams' per-chat
 * rate limits would then slow the test down.
 */
function click(b: BotUnderTest, from: Person, verb: Parameters<typeof clickIn>[2], data: unknown) {
  return clickIn(b, from, verb, data, `clicks-${from.id}`);
}

let bot: BotUnderTest;
const writes: string[] = [];
/** The bot's clock runs this far ahead of the real one (the expiry tests move it; afterEach puts it back). */
let clockOffsetMs = 0;

beforeAll(async () => {
  bot = await startBotUnderTest(
    { lroRetryAfterSeconds: 0, lroPollDelayMs: 50 },
    {},
    {
      now: () => new Date(Date.now() + clockOffsetMs),
      armObserver: (call) => void (/^(PUT|PATCH|DELETE)$/.test(call.method) && writes.push(`${call.method} ${new URL(call.url).pathname}`)),
    },
  );
});
afterAll(async () => {
  // Let background card updates and messages finish, so nothing is still sending when the servers stop.
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});
afterEach(() => {
  clockOffsetMs = 0;
});

/**
 * A fresh pending request for a retirement in gal_golden (never approved in these tests unless said). One open
 * request per field: what an earlier test left pending is cancelled first (by its requester), or the ask would
 * be answered with that request's card.
 */
async function askRetire(from: Person = DEMO.alex, what = 'dispatch 2026.4.0') {
  for (const open of await bot.store.requests.listOpen()) {
    if (open.state === 'pending') await bot.app.approvals.decide(open.id, { type: 'cancel', by: open.requester });
  }
  const asked = await say(bot, from, `retire ${what} because superseded`);
  const id = requestIdOn(asked.text);
  expect(executeVerbs(asked.card)).toEqual(expect.arrayContaining(['galleryops.approve', 'galleryops.reject']));
  return { ...asked, id };
}

async function auditOf(id: string): Promise<AuditRecord[]> {
  return bot.store.audit.list({ requestId: id });
}

async function refusalsOf(id: string): Promise<Array<{ code: unknown; attempted: unknown; actor: string }>> {
  return (await auditOf(id)).filter((r) => r.action === 'request.refused').map((r) => ({ code: r.details.code, attempted: r.details.attempted, actor: r.actor.id }));
}

/** Asserts a click was refused the way a user must see it: HTTP 200, a card, the reason in words, no buttons gained. */
function expectRefusedCard(res: Awaited<ReturnType<typeof click>>, reason: RegExp): void {
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(res.text).toMatch(/Not accepted:/);
  expect(res.text).toMatch(reason);
}

/** Old clients: the Action.Submit fallback arrives as a message whose `value` is the button's data. */
async function submit(from: Person, value: unknown, conversationId = `submit-${from.id}-${Math.random().toString(36).slice(2)}`) {
  const before = bot.connector.messages(conversationId).length;
  const activity = { ...message('', { serviceUrl: bot.serviceUrl, conversationId, from }), value };
  delete (activity as { text?: unknown }).text;
  const res = await post(bot.botUrl, activity);
  expect(res.status).toBe(200);
  const messages = await bot.connector.waitForMessages(conversationId, before + 1);
  const card = cardOf(messages[messages.length - 1]!);
  expectValidCard(card);
  return { card, text: cardText(card).join('\n') };
}

function putsSent(): number {
  return bot.connector.sent.filter((s) => s.method === 'PUT').length;
}


/** A value once it stopped changing for 300 ms (background notifications have settled). */
async function quiet<T>(read: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let since = Date.now();
  while (Date.now() - since < 300) {
    if (Date.now() > deadline) throw new Error(`still changing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
    const now = await read();
    if (JSON.stringify(now) !== JSON.stringify(last)) [last, since] = [now, Date.now()];
  }
  return last;
}

/** The text of the newest update (PUT) of the card posted where the request was asked. */
function lastCardUpdateText(conversationId: string, activityId: string): string {
  const updates = cardUpdates(bot, conversationId, activityId);
  if (updates.length === 0) return '';
  return cardText((updates.at(-1)!.attachments as Array<{ content: unknown }>)[0]!.content).join('\n');
}

async function postedCard(id: string, conversationId: string): Promise<string> {
  const request = await bot.store.requests.get(id);
  return request!.cards.find((c) => c.conversationId === conversationId)!.activityId;
}

describe('who clicks', () => {
  test('the requester approving their own request is refused as self-approval', async () => {
    const { id } = await askRetire(DEMO.alex);
    const before = writes.length;
    const res = await click(bot, DEMO.alex, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, /You asked for request CR-[0-9A-Z]{8}, so someone else has to approve it/);
    expect(executeVerbs(res.body.value)).toEqual([]); // the requester's own view has no buttons
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!).toMatchObject({ state: 'pending', approvals: [] });
    expect(await refusalsOf(id)).toEqual([{ code: 'self-approval', attempted: 'approve', actor: DEMO.alex.aadObjectId }]);
  });

  test.each([
    ['Megan (a requester, not an approver)', DEMO.megan, 'galleryops.approve'],
    ['Lynne (in no rule)', DEMO.lynne, 'galleryops.approve'],
    ['Megan', DEMO.megan, 'galleryops.reject'],
    ['Lynne', DEMO.lynne, 'galleryops.reject'],
  ] as const)('%s clicking %s is refused as not an approver', async (_who, person, verb) => {
    const { id } = await askRetire(DEMO.alex);
    const before = writes.length;
    const res = await click(bot, person, verb, { requestId: id, comment: 'no' });
    expectRefusedCard(res, /You are not allowed to approve retire in gal_golden\/dispatch\. People who may: Alex Wilber, Adele Vance, Patti Fernandez/);
    expect(executeVerbs(res.body.value)).toEqual([]);
    expect(writes.length).toBe(before);
    const stored = (await bot.store.requests.get(id))!;
    expect(stored.state).toBe('pending');
    expect(stored.approvals).toEqual([]);
    expect(stored.rejection).toBeUndefined();
    expect(await refusalsOf(id)).toEqual([{ code: 'not-approver', attempted: verb === 'galleryops.approve' ? 'approve' : 'reject', actor: person.aadObjectId }]);
  });

  test('a clicker without an Entra object id (aadObjectId) is refused, even with an approver\'s name and Teams id', async () => {
    const { id } = await askRetire(DEMO.alex);
    const before = writes.length;
    const anonymous = { id: DEMO.adele.id, name: DEMO.adele.name }; // looks like Adele, but Teams gave no Entra id
    const res = await click(bot, anonymous, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, /not allowed to approve/);
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!.state).toBe('pending');
    expect(await refusalsOf(id)).toEqual([{ code: 'not-approver', attempted: 'approve', actor: '' }]);
  });
});

describe('when it is clicked', () => {
  test('a second approver after the (one needed) approval is refused: already decided; Azure is written once', async () => {
    const asked = await say(bot, DEMO.alex, 'retire gpu-analytics 1.2.0 because superseded');
    const id = requestIdOn(asked.text);
    const first = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expect(first.text).toContain(`You approved ${id}`);
    expect((await waitForFinal(bot, id)).state).toBe('succeeded');
    const before = writes.length;
    expect(writes.filter((w) => w.endsWith('/images/gpu-analytics/versions/1.2.0'))).toHaveLength(1);

    const second = await click(bot, DEMO.patti, 'galleryops.approve', { requestId: id });
    expectRefusedCard(second, /already approved and carried out/);
    const again = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(again, /already approved and carried out/);
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!.approvals.map((a) => a.by.name)).toEqual(['Adele Vance']);
    expect(await refusalsOf(id)).toEqual([
      { code: 'decided', attempted: 'approve', actor: DEMO.patti.aadObjectId },
      { code: 'decided', attempted: 'approve', actor: DEMO.adele.aadObjectId },
    ]);
  });

  test('approve after reject is refused (decided), naming who rejected', async () => {
    const { id } = await askRetire(DEMO.alex);
    const rejected = await click(bot, DEMO.patti, 'galleryops.reject', { requestId: id });
    expect(rejected.text).toContain(`You rejected ${id}`);
    const before = writes.length;
    const res = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, new RegExp(`Request ${id} was rejected by Patti Fernandez`));
    expect(res.text).toMatch(/REJECTED/);
    expect(executeVerbs(res.body.value)).toEqual([]);
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!.state).toBe('rejected');
    expect(await refusalsOf(id)).toEqual([{ code: 'decided', attempted: 'approve', actor: DEMO.adele.aadObjectId }]);
  });

  test('approve after cancel is refused (cancelled)', async () => {
    const { id } = await askRetire(DEMO.alex);
    const cancelled = await say(bot, DEMO.alex, `cancel ${id}`);
    expect(cancelled.text).toContain(`You cancelled ${id}`);
    const before = writes.length;
    const res = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, new RegExp(`Request ${id} was cancelled by Alex Wilber`));
    expect(res.text).toMatch(/CANCELLED/);
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!.state).toBe('cancelled');
    expect(await refusalsOf(id)).toEqual([{ code: 'cancelled', attempted: 'approve', actor: DEMO.adele.aadObjectId }]);

    // Typed, the same decision gets the same words as the button, in a message of its own that later card
    // updates cannot erase, above the card as it stands.
    const typed = await say(bot, DEMO.patti, `approve ${id}`);
    const words = typed.reply ? bot.connector.messages(typed.conversationId).filter((m) => typeof m.text === 'string').map((m) => m.text as string) : [];
    expect(words).toEqual([`Not accepted: Request ${id} was cancelled by Alex Wilber.`]);
    expect(typed.text).toMatch(/CANCELLED/);
    expect(writes.length).toBe(before);
  });

  test('approve after expiry is refused (expired); the request is stored expired and every card says so', async () => {
    const asked = await askRetire(DEMO.alex);
    const { id } = asked;
    const expiresAt = Date.parse((await bot.store.requests.get(id))!.expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(23 * HOUR); // 24 h in the demo policy
    const cardId = await postedCard(id, asked.conversationId);
    const before = writes.length;

    clockOffsetMs = expiresAt - Date.now() + 60_000; // one minute past the deadline
    const res = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, new RegExp(`Request ${id} expired at`));
    expect(res.text).toMatch(/EXPIRED/);
    expect(res.text).toMatch(/nothing was changed/);
    expect(executeVerbs(res.body.value)).toEqual([]);
    expect(writes.length).toBe(before);
    const stored = (await bot.store.requests.get(id))!;
    expect(stored.state).toBe('expired');
    expect(stored.approvals).toEqual([]);
    const actions = (await auditOf(id)).map((r) => [r.action, r.details.code]);
    expect(actions).toEqual([
      ['request.created', undefined],
      ['request.expired', undefined],
      ['request.refused', 'expired'],
    ]);
    // The card where it was asked is updated for everyone.
    const updated = await waitFor(() => lastCardUpdateText(asked.conversationId, cardId), (t) => /EXPIRED/.test(t));
    expect(executeVerbs(cardUpdates(bot, asked.conversationId, cardId).at(-1)!.attachments)).toEqual([]);
    expect(updated).toMatch(/nothing was changed/);
  });

  test('the sweep expires a request past its deadline without any click, and updates its card', async () => {
    const asked = await askRetire(DEMO.alex);
    const { id } = asked;
    const cardId = await postedCard(id, asked.conversationId);
    await bot.app.approvals.sweep({ reconcileOlderThanMs: 0 });
    expect((await bot.store.requests.get(id))!.state).toBe('pending'); // not due yet

    clockOffsetMs = 25 * HOUR;
    await bot.app.approvals.sweep({ reconcileOlderThanMs: 0 });
    expect((await bot.store.requests.get(id))!.state).toBe('expired');
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['request.created', 'request.expired']);
    await waitFor(() => lastCardUpdateText(asked.conversationId, cardId), (t) => /EXPIRED/.test(t));

    const before = writes.length;
    const res = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(res, /expired/);
    expect(writes.length).toBe(before);
    expect(await refusalsOf(id)).toEqual([{ code: 'expired', attempted: 'approve', actor: DEMO.adele.aadObjectId }]);
  });
});

describe('what the click carries', () => {
  test('extra fields in the data (approvals, state, requester, someone else\'s aadObjectId) are ignored: only `from` decides', async () => {
    const { id } = await askRetire(DEMO.alex);
    const before = writes.length;
    const forged = {
      requestId: id,
      aadObjectId: DEMO.adele.aadObjectId,
      from: DEMO.adele,
      approvals: [{ by: { aadObjectId: DEMO.adele.aadObjectId, name: DEMO.adele.name }, at: new Date().toISOString() }],
      state: 'approved',
      requiredApprovals: 0,
      requester: { aadObjectId: DEMO.adele.aadObjectId, name: DEMO.adele.name, teamsUserId: DEMO.adele.id },
    };
    // Megan pretends to be Adele; Alex pretends someone else asked.
    const megan = await click(bot, DEMO.megan, 'galleryops.approve', forged);
    expectRefusedCard(megan, /You are not allowed to approve/);
    const alex = await click(bot, DEMO.alex, 'galleryops.approve', forged);
    expectRefusedCard(alex, /someone else has to approve it/);
    expect(writes.length).toBe(before);
    const stored = (await bot.store.requests.get(id))!;
    expect(stored).toMatchObject({ state: 'pending', approvals: [], requiredApprovals: 1 });
    expect(stored.requester.aadObjectId).toBe(DEMO.alex.aadObjectId);
    expect(await refusalsOf(id)).toEqual([
      { code: 'not-approver', attempted: 'approve', actor: DEMO.megan.aadObjectId },
      { code: 'self-approval', attempted: 'approve', actor: DEMO.alex.aadObjectId },
    ]);
  });

  test('a verb in the data does not override the button\'s verb: a refresh carrying `verb: approve` approves nothing', async () => {
    const { id } = await askRetire(DEMO.alex);
    const before = writes.length;
    const res = await click(bot, DEMO.adele, 'galleryops.refresh', { requestId: id, verb: 'galleryops.approve' });
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/You approved/);
    expect(executeVerbs(res.body.value)).toEqual(expect.arrayContaining(['galleryops.approve', 'galleryops.reject']));
    expect(writes.length).toBe(before);
    expect((await bot.store.requests.get(id))!).toMatchObject({ state: 'pending', approvals: [] });
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['request.created']);
  });

  test('a request id that does not exist is refused and audited (not-found)', async () => {
    const before = writes.length;
    const res = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: 'CR-ZZZZZZZZ' });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(res.text).toMatch(/does not name a change request I know/);
    expect(writes.length).toBe(before);
    expect(await bot.store.requests.get('CR-ZZZZZZZZ')).toBeUndefined();
    const refused = (await bot.store.audit.list()).filter((r) => r.action === 'request.refused' && r.details.requestId === 'CR-ZZZZZZZZ');
    expect(refused.map((r) => [r.actor.id, r.details.code, r.details.attempted])).toEqual([[DEMO.adele.aadObjectId, 'not-found', 'approve']]);
  });

  test.each([
    ['lower case', 'cr-zzzzzzzz'],
    ['too short', 'CR-123'],
    ['a path', '../requests/CR-ZZZZZZZZ'],
    ['a number', 42],
    ['an object', { id: 'CR-ZZZZZZZZ' }],
    ['missing', undefined],
  ])('a malformed request id (%s) is refused with a card and audited (not-found)', async (what, requestId) => {
    const before = writes.length;
    const auditBefore = (await bot.store.audit.list()).length;
    // Someone whose first unknown id this is: later ones within a minute are coalesced (tested below).
    const clicker = { ...DEMO.adele, aadObjectId: `00000000-0000-0000-0000-${String(100 + ['lower case', 'too short', 'a path', 'a number', 'an object', 'missing'].indexOf(what)).padStart(12, '0')}` };
    const res = await click(bot, clicker, 'galleryops.approve', requestId === undefined ? {} : { requestId });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(res.text).toMatch(/does not name a change request I know/);
    expect(writes.length).toBe(before);
    // Only this click's records: the bot's own (system) appends for earlier requests may land meanwhile.
    const added = (await bot.store.audit.list()).slice(auditBefore).filter((r) => r.actor.id !== 'system');
    expect(added.map((r) => [r.action, r.actor.id, r.details.code, r.details.attempted])).toEqual([['request.refused', clicker.aadObjectId, 'not-found', 'approve']]);
  });

  test('one person\'s clicks on unknown ids within a minute: the first recorded at once, the rest as one record with a count', async () => {
    const clicker = { ...DEMO.patti, aadObjectId: '00000000-0000-0000-0000-000000000999' };
    const mine = async () => (await bot.store.audit.list()).filter((r) => r.actor.id === clicker.aadObjectId);
    const ids = ['CR-AAAAAAA1', 'CR-AAAAAAA2', 'CR-AAAAAAA3', 'CR-AAAAAAA4', 'CR-AAAAAAA5'];
    for (const requestId of ids) expect((await click(bot, clicker, 'galleryops.approve', { requestId })).text).toMatch(/does not name a change request I know/);
    expect((await mine()).map((r) => r.details.requestId)).toEqual(['CR-AAAAAAA1']);
    clockOffsetMs = 61_000;
    await bot.app.approvals.sweep({ reconcileOlderThanMs: HOUR });
    const records = await mine();
    expect(records).toHaveLength(2);
    expect(records[1]!.details).toMatchObject({ code: 'not-found', count: 4, requestIds: ids.slice(1), attempted: 'approve' });
    expect(await bot.app.context.audit!.verify()).toMatchObject({ ok: true });
  });
});

describe('cancel', () => {
  test('by someone other than the requester is refused (not-requester); by the requester it works and the card is updated', async () => {
    const asked = await askRetire(DEMO.alex);
    const { id } = asked;
    const cardId = await postedCard(id, asked.conversationId);
    const before = writes.length;

    for (const person of [DEMO.adele, DEMO.megan]) {
      const refused = await say(bot, person, `cancel ${id}`);
      expect(refused.text).toContain(`Not cancelled: Only Alex Wilber, who asked for request ${id}, can cancel it.`);
    }
    expect((await bot.store.requests.get(id))!.state).toBe('pending');
    expect(await refusalsOf(id)).toEqual([
      { code: 'not-requester', attempted: 'cancel', actor: DEMO.adele.aadObjectId },
      { code: 'not-requester', attempted: 'cancel', actor: DEMO.megan.aadObjectId },
    ]);

    const putsBefore = cardUpdates(bot, asked.conversationId, cardId).length;
    const done = await say(bot, DEMO.alex, `cancel ${id.toLowerCase()}`);
    expect(done.text).toContain(`You cancelled ${id}.`);
    expect(done.text).toMatch(/CANCELLED/);
    expect(done.text).toContain('Cancelled by Alex Wilber');
    expect(executeVerbs(done.card)).toEqual([]);
    expect((await bot.store.requests.get(id))!.state).toBe('cancelled');
    // Updates land in order; an earlier one (the refused typed cancels re-showed the card) may still be arriving.
    const updated = await waitFor(() => cardUpdates(bot, asked.conversationId, cardId), (u) => u.length > putsBefore && /CANCELLED/.test(JSON.stringify(u.at(-1))));
    const text = cardText((updated.at(-1)!.attachments as Array<{ content: unknown }>)[0]!.content).join('\n');
    expect(text).toMatch(/CANCELLED/);
    expect(text).toContain('Cancelled by Alex Wilber');
    expect(executeVerbs(updated.at(-1)!.attachments)).toEqual([]);
    expect(writes.length).toBe(before);
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['request.created', 'request.refused', 'request.refused', 'request.cancelled']);
  });
});

describe('reject with a comment', () => {
  test('the comment (Input.Text merged into data) shows on the card and in the requester\'s message, escaped', async () => {
    const asked = await askRetire(DEMO.alex);
    const { id } = asked;
    const cardId = await postedCard(id, asked.conversationId);
    const comment = '**Not yet** <b>wait</b> for [QA](https://evil.example) sign-off';
    const res = await click(bot, DEMO.adele, 'galleryops.reject', { requestId: id, comment });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`You rejected ${id}`);
    expect(res.text).toMatch(/REJECTED/);
    expect(res.text).toContain('Rejected by Adele Vance');
    const commentLine = res.text.split('\n').find((l) => l.startsWith('Comment: '));
    expect(commentLine).toBeDefined();
    expect(commentLine).toContain('Not yet');
    expect(commentLine).toContain('sign-off');
    for (const raw of ['**Not yet**', '<b>', '</b>', '[QA](']) expect(commentLine).not.toContain(raw);
    expect(commentLine).toContain('\\*\\*Not yet\\*\\*');
    expect(commentLine).toContain('\\[QA\\]');

    const stored = (await bot.store.requests.get(id))!;
    expect(stored.state).toBe('rejected');
    expect(stored.rejection).toMatchObject({ comment, by: { aadObjectId: DEMO.adele.aadObjectId } });
    expect((await auditOf(id)).find((r) => r.action === 'request.rejected')!.details.comment).toBe(comment);

    // The card where it was asked, for everyone.
    const updated = await waitFor(() => lastCardUpdateText(asked.conversationId, cardId), (t) => /REJECTED/.test(t));
    expect(updated).toContain(commentLine!);

    // The requester is told the outcome in their personal chat.
    const outcome = await waitFor(
      () => bot.connector.sent.filter((s) => s.method === 'POST' && typeof s.body.text === 'string' && (s.body.text as string).includes(`${id} `) && /rejected by/.test(s.body.text as string)),
      (found) => found.length > 0,
    );
    expect(outcome).toHaveLength(1);
    const text = outcome[0]!.body.text as string;
    expect(text).toContain('rejected by Adele Vance');
    expect(text).toContain('Not yet');
    for (const raw of ['**Not yet**', '<b>', '</b>', '[QA](']) expect(text).not.toContain(raw);
  });
});

describe('the Action.Submit fallback (old clients)', () => {
  test('a message with value { verb, requestId } goes through the same checks', async () => {
    const { id } = await askRetire(DEMO.alex, 'callcenter-desktop 2026.5.0');
    const before = writes.length;

    const lynne = await submit(DEMO.lynne, { verb: 'galleryops.approve', requestId: id });
    expect(lynne.text).toMatch(/Not accepted: You are not allowed to approve/);
    const alex = await submit(DEMO.alex, { verb: 'galleryops.approve', requestId: id, aadObjectId: DEMO.adele.aadObjectId });
    expect(alex.text).toMatch(/Not accepted: .*someone else has to approve it/);
    const unknown = await submit(DEMO.adele, { verb: 'galleryops.approve', requestId: 'CR-ZZZZZZZY' });
    expect(unknown.text).toMatch(/does not name a change request I know/);
    expect(writes.length).toBe(before);
    expect(await refusalsOf(id)).toEqual([
      { code: 'not-approver', attempted: 'approve', actor: DEMO.lynne.aadObjectId },
      { code: 'self-approval', attempted: 'approve', actor: DEMO.alex.aadObjectId },
    ]);

    const adele = await submit(DEMO.adele, { verb: 'galleryops.approve', requestId: id });
    expect(adele.text).toContain(`You approved ${id}`);
    expect((await waitForFinal(bot, id)).state).toBe('succeeded');
    expect(writes.slice(before)).toEqual([expect.stringMatching(/^PATCH .*\/images\/callcenter-desktop\/versions\/2026\.5\.0$/)]);
    const late = await submit(DEMO.patti, { verb: 'galleryops.approve', requestId: id });
    expect(late.text).toMatch(/Not accepted: .*already approved and carried out/);
    expect(writes.slice(before)).toHaveLength(1);
  });
});

describe('refresh (per-user views)', () => {
  test('an approver gets the buttons, others a read-only card; a refresh sends no card update', async () => {
    const { id } = await askRetire(DEMO.alex);
    // The fan-out to the approvers' chats runs after the reply; wait until it has recorded its cards.
    const revision = await quiet(async () => (await bot.store.requests.get(id))!.revision);
    const puts = await quiet(putsSent);
    const auditBefore = await quiet(async () => (await bot.store.audit.list()).length);

    for (const approver of [DEMO.adele, DEMO.patti]) {
      const view = await click(bot, approver, 'galleryops.refresh', { requestId: id });
      expect(view.status).toBe(200);
      expect(view.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(executeVerbs(view.body.value)).toEqual(expect.arrayContaining(['galleryops.approve', 'galleryops.reject']));
      expect(view.text).toContain('You may approve or reject this request.');
      expect((view.body.value as { refresh?: unknown }).refresh).toBeUndefined(); // a personal view never asks to refresh again
    }
    for (const other of [DEMO.megan, DEMO.lynne, DEMO.alex, { id: 'user-id-x', name: 'No Entra id' }]) {
      const view = await click(bot, other, 'galleryops.refresh', { requestId: id });
      expect(view.status).toBe(200);
      expect(view.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(executeVerbs(view.body.value)).toEqual([]);
      expect(view.text).toContain('Only the approvers named above can decide');
      expect(view.text).toMatch(/PENDING/);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(putsSent()).toBe(puts);
    expect((await bot.store.requests.get(id))!).toMatchObject({ state: 'pending', approvals: [], revision });
    expect((await bot.store.audit.list()).length).toBe(auditBefore);
  });
});

describe('with a rule that needs two approvals', () => {
  let two: BotUnderTest;
  let dir: string;
  const twoWrites: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galleryops-policy-'));
    const demo = JSON.parse(readFileSync(projectPath('config', 'policy.demo.json'), 'utf8')) as { rules: Array<Record<string, unknown>> };
    demo.rules = demo.rules.map((r) => (r.gallery === 'gal_golden' ? { ...r, minApprovals: 2 } : r));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify(demo));
    two = await startBotUnderTest(
      { lroRetryAfterSeconds: 0, lroPollDelayMs: 50 },
      { POLICY_FILE: file },
      { armObserver: (call) => void (/^(PUT|PATCH|DELETE)$/.test(call.method) && twoWrites.push(`${call.method} ${new URL(call.url).pathname}`)) },
    );
  });
  afterAll(async () => {
    if (two) await quiet(() => two.connector.sent.length);
    await two?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an approver approving twice is refused the second time (already-approved); a second person completes it', async () => {
    const asked = await say(two, DEMO.alex, 'retire dispatch 2026.4.0 because superseded');
    const id = requestIdOn(asked.text);
    expect(asked.text).toMatch(/Approvals: 0 of 2/);

    const first = await click(two, DEMO.adele, 'galleryops.approve', { requestId: id });
    expect(first.text).toContain(`You approved ${id}`);
    expect(first.text).toMatch(/Approvals: 1 of 2/);
    const twice = await click(two, DEMO.adele, 'galleryops.approve', { requestId: id });
    expectRefusedCard(twice, new RegExp(`Your approval of request ${id} is already counted \\(1 of 2\\)`));
    expect(twoWrites).toEqual([]);
    const stored = (await two.store.requests.get(id))!;
    expect(stored.state).toBe('pending');
    expect(stored.approvals.map((a) => a.by.name)).toEqual(['Adele Vance']);
    const records = await two.store.audit.list({ requestId: id });
    expect(records.filter((r) => r.action === 'request.refused').map((r) => [r.actor.id, r.details.code])).toEqual([[DEMO.adele.aadObjectId, 'already-approved']]);

    const second = await click(two, DEMO.patti, 'galleryops.approve', { requestId: id });
    expect(second.text).toContain(`You approved ${id}`);
    expect((await waitForFinal(two, id)).state).toBe('succeeded');
    expect(twoWrites).toEqual([expect.stringMatching(/^PATCH .*\/images\/dispatch\/versions\/2026\.4\.0$/)]);
    const all = await waitFor(() => two.store.audit.list({ requestId: id }), (r) => r.length >= 8);
    expect(all.map((r) => r.action)).toEqual([
      'request.created',
      'request.approved',
      'request.refused',
      'request.approved',
      'execution.started',
      'arm.write',
      'execution.operation',
      'execution.succeeded',
    ]);
  });
});
