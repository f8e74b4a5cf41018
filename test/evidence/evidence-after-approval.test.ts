/**
 * Evidence after a real approval flow (HTTP, SDK, emulator, file store): the bundle of the version a stage
 * promotion created holds the request, who asked and who approved, and every audit record of it, although
 * those records name the source gallery's image.
 */
import { DEMO, message, post } from '../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { allActions } from '../helpers/validate-card';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 });
});
afterAll(async () => {
  await bot?.stop();
});

interface Bundle {
  sha256: string;
  generatedBy: { name?: string; aadObjectId?: string };
  changeRequests: Array<{ id: string; state: string; requester: { name: string }; approvals: Array<{ by: { name: string } }> }>;
  auditRecords: Array<{ seq: number; action: string; requestId?: string; hash: string }>;
  auditHead: { seq: number; hash: string };
}

test('promote gal_staging/dispatch 2026.6.0 to production, approve, then evidence for the copy in gal_golden', async () => {
  const asked = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging');
  const id = requestIdOn(asked.text);
  await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');

  const evidence = await say(bot, DEMO.lynne, 'evidence gal_golden/dispatch 2026.6.0');
  expect(evidence.text).toContain('Evidence: dispatch 2026.6.0');
  expect(evidence.text).toContain(`Promote dispatch 2026.6.0 to production (gal_golden) · ${id}`);
  expect(evidence.text).toContain('SUCCEEDED');
  expect(evidence.text).toMatch(/Requested by Alex Wilber · .* · because tested in staging/);
  expect(evidence.text).toMatch(/Approved by Adele Vance · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(evidence.text).toMatch(/Built from: gallery image version .*dispatch.*2026\.6\.0/);

  const link = String(allActions(evidence.card).find((a) => a.type === 'Action.OpenUrl')!.url);
  const res = await fetch(`${bot.botUrl}/evidence/${link.split('/evidence/')[1]}`);
  expect(res.status).toBe(200);
  const bundle = (await res.json()) as Bundle;
  expect(bundle.generatedBy).toMatchObject({ name: 'Lynne Robbins', aadObjectId: DEMO.lynne.aadObjectId });
  expect(bundle.changeRequests).toHaveLength(1);
  expect(bundle.changeRequests[0]).toMatchObject({ id, state: 'succeeded', requester: { name: 'Alex Wilber' }, approvals: [{ by: { name: 'Adele Vance' } }] });

  const stored = await bot.store.audit.list({ requestId: id });
  expect(bundle.auditRecords.filter((r) => r.requestId === id).map((r) => r.action)).toEqual(stored.map((r) => r.action));
  expect(bundle.auditRecords.map((r) => r.action)).toEqual(expect.arrayContaining(['request.created', 'request.approved', 'execution.started', 'arm.write', 'execution.succeeded']));
  const head = (await bot.store.audit.head())!;
  expect(bundle.auditHead).toEqual(head);
  expect(Math.max(...bundle.auditRecords.map((r) => r.seq))).toBeLessThanOrEqual(head.seq);

  // The source version's evidence names the same request.
  const source = await say(bot, DEMO.lynne, 'evidence gal_staging/dispatch 2026.6.0');
  expect(source.text).toContain(id);

  // `evidence verify` answers in text: read it at the connector.
  await post(bot.botUrl, message(`evidence verify ${bundle.sha256}`, { serviceUrl: bot.serviceUrl, conversationId: 'evidence-verify-after-approval', from: DEMO.lynne }));
  const [verdict] = await bot.connector.waitForMessages('evidence-verify-after-approval', 1);
  expect(String(verdict!.text)).toMatch(new RegExp(`^Bundle \`${bundle.sha256}\` intact: gal_golden/dispatch 2026\\.6\\.0`));
  expect(String(verdict!.text)).toContain(`Audit anchor: record #${head.seq} is still in today's log`);
});
