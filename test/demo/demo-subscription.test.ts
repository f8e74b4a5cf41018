/**
 * The demo's Image approvals channel follows gal_golden from the start (issue 12, point 6): seeded through the
 * `subscribe` command itself, and the start banner tells the user how the chat client gives the bot that
 * channel's conversation reference (without which no card can reach it).
 */
import { runCommand } from '../../src/commands/run-command';
import { loadConfig } from '../../src/config';
import { demoEventGrid } from '../../src/demo/demo-event-grid';
import { seedDemoSubscription } from '../../src/demo/seed-demo-subscription';
import { startBanner } from '../../src/launcher/start-banner';
import { createLogger } from '../../src/logging/logger';
import { commandContext } from '../fixtures/command-harness';
import { MemorySubscriptionStore } from '../subscriptions/memory-subscription-store';

const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '3978' });

it('subscribes the Image approvals channel to every event in gal_golden, as Alex typing it there', async () => {
  const store = new MemorySubscriptionStore();
  let n = 0;
  const ctx = { ...commandContext(), subscriptions: { store, newId: () => `S-DEMO0${++n}` } };
  const seeded = await seedDemoSubscription(ctx, config.policy, createLogger('silent'));
  expect(seeded).toEqual({ id: 'S-DEMO01', channelId: 'channel-image-approvals', digestId: 'S-DEMO02' });
  expect(store.subscriptions).toEqual([
    expect.objectContaining({
      conversationId: 'channel-image-approvals',
      address: 'channel:channel-image-approvals',
      label: 'gal_golden',
      scope: expect.objectContaining({ kind: 'gallery', gallery: 'gal_golden' }),
      events: ['published', 'replication', 'latest', 'eol', 'requests'],
      createdBy: expect.objectContaining({ name: 'Alex Wilber' }),
    }),
    // The daily digest, so the demo shows one when it runs across 09:00 UTC.
    expect.objectContaining({ id: 'S-DEMO02', conversationId: 'channel-image-approvals', label: 'gal_golden', events: [], digest: { time: '09:00', timeZone: 'UTC' } }),
  ]);
  // What someone typing `subscriptions` in that channel sees.
  const caller = { id: 'user-id-0', name: 'Alex Wilber', conversationId: 'channel-image-approvals', conversationType: 'channel' as const, channelId: 'channel-image-approvals' };
  const listed = await runCommand('subscriptions', { ...ctx, caller });
  expect(listed.kind === 'text' && listed.text).toMatch(/\*\*S-DEMO01\*\*: gal_golden, published, replication, latest, eol, requests \(by Alex Wilber, /);
  expect(listed.kind === 'text' && listed.text).toMatch(/\*\*S-DEMO02\*\*: gal_golden, digest daily at 09:00 UTC/);
});

it('the banner names the subscription and says to open the channel once, and that Event Grid brings cards within seconds', () => {
  const { config: withEvents } = demoEventGrid(config);
  const banner = startBanner(withEvents, 'demo data', 3978, 'http://localhost:56150', undefined, { id: 'S-DEMO01', channelId: 'channel-image-approvals', digestId: 'S-DEMO02' });
  expect(banner).toContain('The Image approvals channel is subscribed to gal_golden (S-DEMO01): click "Image approvals" in the chat once,');
  expect(banner).toContain('so GalleryOps learns the channel (the chat client tells it the bot was added there)');
  expect(banner).toContain('after an approved promote gal_staging/dispatch 2026.6.0 to production.');
  expect(banner).toContain('The emulator pushes its writes to /api/events (Event Grid), so they come within seconds.');
  expect(banner).toContain('It also gets a daily digest of report and drift changes at 09:00 UTC (S-DEMO02).');
  // Without a seeded subscription the banner promises no cards.
  expect(startBanner(config, 'demo data', 3978, 'http://localhost:56150', undefined)).not.toMatch(/subscribed/);
});
