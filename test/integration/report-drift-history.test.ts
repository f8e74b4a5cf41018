/**
 * `report`, `drift` and `history` through the real HTTP endpoint: Teams activities in, the real SDK over HTTPS to
 * the emulator with the demo seed, Adaptive Cards out. `history` follows a real approval flow.
 */
import { cardAction, DEMO, post } from '../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';
import { describeAuditRecord } from '../../src/history/describe-audit-record';

/** The "what happened" line of each history row: the line after its time and actor. */
function whatLines(lines: string[]): string[] {
  return lines.flatMap((l, i) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · /.test(l) ? [lines[i + 1]!] : []));
}

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 });
});
afterAll(async () => {
  await bot?.stop();
});

/** Runs a card's button as Teams would (Action.Execute), returning the card it answers with. */
async function press(command: string): Promise<string[]> {
  const res = await post(bot.botUrl, cardAction('galleryops.run', { verb: 'galleryops.run', command }, { serviceUrl: bot.serviceUrl, conversationId: 'report-buttons', from: DEMO.lynne }));
  const body = res.body as { type: string; value: object };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expectValidCard(body.value);
  return cardText(body.value);
}

describe('report', () => {
  let lines: string[];
  let text: string;
  beforeAll(async () => {
    const reply = await say(bot, DEMO.lynne, 'report');
    lines = cardText(reply.card);
    text = reply.text;
    lines.push(...(await press('report page 2')));
    text = lines.join('\n');
  });

  it('lists callcenter-desktop 2026.3.0 and gpu-analytics 1.0.0 as past end of life; vm-analytics-01 still runs 1.0.0', () => {
    expect(lines).toContain('Past end of life (2)');
    expect(text).toMatch(/gal_golden\/callcenter-desktop 2026\.3\.0 is past end of life \(\d{4}-\d{2}-\d{2}, 10 days ago\); nothing in scope runs it\./);
    expect(text).toMatch(/gal_golden\/gpu-analytics 1\.0\.0 is past end of life \(\d{4}-\d{2}-\d{2}, 30 days ago\) and still runs on VM vm-analytics-01\./);
  });

  it('callcenter-desktop 2026.4.0 reaches end of life soon', () => {
    expect(lines).toContain('End of life within 30 days (1)');
    expect(text).toMatch(/gal_golden\/callcenter-desktop 2026\.4\.0 reaches end of life on \d{4}-\d{2}-\d{2} \(in 20 days\)\./);
  });

  it('dispatch 2026.5.1, the latest, failed in Central US; the desired state wants dispatch in West US 2', () => {
    expect(text).toMatch(/gal_golden\/dispatch 2026\.5\.1 failed to replicate to Central US\. It is the latest version/);
    expect(text).toContain('gal_golden/dispatch 2026.5.1 is not in West US 2 (the desired state requires it).');
  });

  it('gal_staging is shared beyond Private', () => {
    expect(text).toMatch(/gal_staging is shared beyond Private \(Groups with 22222222-3333-4444-5555-666666666666, 9f8e7d6c-5b4a-4321-8fed-cba987654321\)\./);
  });

  it('records and reporting have a stale latest', () => {
    expect(lines).toContain('Latest older than 90 days (3)');
    expect(text).toMatch(/gal_golden\/records: its latest, 2026\.5\.0, was published 170 days ago/);
    expect(text).toMatch(/gal_golden\/reporting: its latest, 2026\.5\.0, was published 170 days ago/);
  });

  it('replica storage, largest first', () => {
    expect(lines.filter((l) => / GB$/.test(l))).toEqual([
      'gal_golden/callcenter-desktop: 3,048 GB',
      'gal_golden/gpu-analytics: 1,920 GB',
      'gal_golden/dispatch: 450 GB',
      'gal_golden/records: 180 GB', // its edge zone's replica counts too
      'gal_golden/reporting: 150 GB',
      'gal_staging/dispatch: 150 GB',
    ]);
  });

  it('read-only fixes are buttons that work', async () => {
    const reply = await say(bot, DEMO.lynne, 'report');
    const commands = runButtons(reply.card).map((b) => b.command);
    expect(commands).toEqual(expect.arrayContaining(['usage gal_golden/gpu-analytics 1.0.0', 'image status gal_golden/dispatch 2026.5.1', 'report page 2']));
    expect((await press('image status gal_golden/dispatch 2026.5.1')).join('\n')).toContain('dispatch 2026.5.1');
  });
});

it('drift shows exactly the differences the shipped demo file has from the seed', async () => {
  const { text, card } = await say(bot, DEMO.lynne, 'drift');
  const lines = cardText(card);
  expect(lines[0]).toBe('Drift: 3 differences from desired-state.demo.json');
  expect(lines).toContain('Compared 2 galleries, 6 definitions, 13 versions.');
  expect(text).toContain('gal_golden/dispatch 2026.5.1 (latest) is not replicated to West US 2.');
  expect(text).toContain('Type: `promote gal_golden/dispatch 2026.5.1 to westus2` (replicate it to West US 2)');
  expect(text).toContain('gal_golden/dispatch 2026.5.1 (latest) has 2 replicas in Central US; the desired state says 3.');
  expect(text).toContain("--set 'publishingProfile.targetRegions[1].regionalReplicaCount=3'");
  expect(text).not.toContain('--target-regions');
  expect(text).toContain('gal_staging is shared as Groups with 2 subscriptions or tenants; the desired state says Private.');
});

it('history after an approval flow: newest first, paged with More, for the definition the stage promotion wrote into', async () => {
  const asked = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging');
  const id = requestIdOn(asked.text);
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');
  // Clicks on a finished request are refused, and every refusal is recorded: enough records for two pages.
  for (let i = 0; i < 12; i++) await click(bot, DEMO.lynne, 'galleryops.approve', { requestId: id });

  // Stored oldest first: created, approved, started, the ARM write, the operation, succeeded, then the refusals.
  const records = await bot.store.audit.list({ requestId: id });
  expect(records.slice(0, 2).map((r) => r.action)).toEqual(['request.created', 'request.approved']);
  expect(records.filter((r) => r.action === 'request.refused')).toHaveLength(12);
  // What went wrong (a refusal, a rejection, a failure) is marked ✗ on the card.
  const expected = [...records].reverse().map((r) => {
    const words = describeAuditRecord(r);
    return words.bad ? `✗ ${words.what}` : words.what;
  });
  const total = records.length;

  const first = await say(bot, DEMO.lynne, 'history gal_golden/dispatch 2026.6.0');
  const lines = cardText(first.card);
  expect(lines[0]).toBe(`History of dispatch 2026.6.0: ${total} records`);
  expect(lines).toContain(`Showing 1–15 of ${total}`);
  expect(whatLines(lines)).toEqual(expected.slice(0, 15));
  expect(expected.slice(0, 12).every((w) => w === '✗ Approval refused')).toBe(true);
  expect(expected).toContain('Succeeded');
  expect(expected.find((w) => w.startsWith('ARM write'))).toMatch(/^ARM write: PUT gal_golden\/dispatch\/2026\.6\.0 \(.*publishingProfile\.excludeFromLatest.*\)$/);
  expect(first.text).toContain(`request ${id} · record #`);
  expect(first.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · Lynne Robbins/);
  const more = runButtons(first.card).find((b) => b.title.startsWith('More'));
  expect(more?.command).toBe('history gal_golden/dispatch 2026.6.0 page 2');

  const second = await press(more!.command);
  expect(second).toContain(`Showing 16–${total} of ${total}`);
  expect(whatLines(second)).toEqual(expected.slice(15));
  expect(whatLines(second).slice(-2)).toEqual(['Approved (1 of 1 approval)', 'Request created: promote to production']);
  expect(second).toContain('Reason: tested in staging');
  expect(second.join('\n')).toMatch(/UTC · Adele Vance\nApproved/);
});
