/**
 * One request whose stored record cannot be read must not take the others down: `pending`, decisions and the
 * sweep keep working for every other request; whoever asks about that one is told its record is damaged; the
 * operators see it in /readyz and the log. Real HTTP into /api/messages; the row is damaged in the database file.
 */
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';
import { DEMO } from '../../helpers/activities';
import { click, quiet, requestIdOn, say, sayText, waitForFinal } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';

let bot: BotUnderTest;
const errors: Array<{ msg: string; damaged?: { key: string } }> = [];

beforeAll(async () => {
  const log = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) errors.push(JSON.parse(line) as (typeof errors)[number]);
      done();
    },
  });
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, {}, { logger: createLogger('error', log) });
});
afterAll(async () => {
  if (bot) await quiet(() => bot.connector.sent.length);
  await bot?.stop();
});

/** Overwrites a request's stored body behind the bot's back, as a disk fault or a careless edit would. */
function damage(id: string, body: string): void {
  const db = new DatabaseSync(bot.store.location);
  try {
    db.prepare('UPDATE requests SET body = ? WHERE id = ?').run(body, id);
  } finally {
    db.close();
  }
}

test.each([
  ['garbage', 'not json at all {', 'gpu-analytics 1.1.0'],
  ['an empty record', '', 'callcenter-desktop 2026.4.0'],
  ['another request\'s record', '{"id":"CR-OTHER000"}', 'dispatch 2026.5.0'],
])('a request stored as %s: others keep working; that one is named damaged to users and operators', async (_what, body, other) => {
  const broken = requestIdOn((await say(bot, DEMO.alex, 'retire dispatch 2026.4.0 because superseded')).text);
  const fine = requestIdOn((await say(bot, DEMO.alex, `retire ${other} because superseded`)).text);
  damage(broken, body);

  const pending = await say(bot, DEMO.adele, 'pending');
  expect(pending.text).toContain(fine);
  expect(pending.text).not.toContain(broken);

  for (const command of [`request ${broken}`, `approve ${broken}`]) {
    const answer = await say(bot, DEMO.adele, command);
    expect(answer.text).toMatch(new RegExp(`The stored record of change request ${broken} is damaged.*Tell the bot's operators`, 's'));
  }
  const clicked = await click(bot, DEMO.adele, 'galleryops.approve', { requestId: broken });
  expect(clicked.text).toMatch(/is damaged/);

  const ready = (await (await fetch(`${bot.botUrl}/readyz`)).json()) as { status: string; damagedRecords?: Array<{ kind: string; key: string }> };
  expect(ready.status).toBe('ready');
  expect(ready.damagedRecords).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'request', key: broken })]));
  expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ damaged: expect.objectContaining({ key: broken }) })]));

  // The sweep skips it and carries on; the other request is still decided and carried out.
  await bot.app.approvals.sweep({ reconcileOlderThanMs: 0 });
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: fine });
  expect((await waitForFinal(bot, fine)).state).toBe('succeeded');
  expect(await sayText(bot, DEMO.lynne, 'audit verify')).toMatch(/^Audit log intact/);
});
