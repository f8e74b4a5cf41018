/** The demo's pending request: by Megan, approvable by the chat client's user (Alex), never duplicated. */
import { seedDemoRequest } from '../../../src/demo/seed-demo-request';
import { createLogger } from '../../../src/logging/logger';
import { DEMO } from '../../helpers/activities';
import { click, waitForFinal } from '../../helpers/approval-chat';
import { startBotUnderTest } from '../../helpers/bot-under-test';

test('npm start seeds one request by Megan; a restart names the same one; Alex may approve it', async () => {
  const bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 }, {}, { seedDemoRequest: true });
  try {
    const open = await bot.store.requests.listOpen();
    expect(open).toHaveLength(1);
    const [request] = open;
    expect(request!.requester.name).toBe('Megan Bowen');
    expect(request!.kind).toBe('retire');
    expect(`${request!.target.gallery}/${request!.target.image} ${request!.target.version}`).toBe('gal_golden/callcenter-desktop 2026.4.0');

    expect(await seedDemoRequest(bot.app.context, bot.app.approvals, createLogger('silent'))).toBe(request!.id);
    expect(await bot.store.requests.listOpen()).toHaveLength(1);

    const approved = await click(bot, DEMO.alex, 'galleryops.approve', { requestId: request!.id });
    expect(approved.text).toContain(`You approved ${request!.id}`);
    expect((await waitForFinal(bot, request!.id)).state).toBe('succeeded');
    const version = await bot.app.context.gallery.getVersion(
      { subscriptionId: request!.target.subscriptionId, resourceGroup: request!.target.resourceGroup, gallery: 'gal_golden', image: 'callcenter-desktop' },
      '2026.4.0',
    );
    expect(version.excludeFromLatest).toBe(true);
  } finally {
    await bot.stop();
  }
});
