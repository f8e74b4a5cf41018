/** The emulator posts what Azure's subscription system topic would, after a write's operation succeeds. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCliSettings } from '../../emulator/cli-options';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { waitFor } from '../helpers/wait-for';
import { API, armRequest, DEMO_GROUP, DEMO_SUBSCRIPTION, startTestEmulator } from './emulator-fixture';

let receiver: Server;
let emu: RunningEmulator;
const received: Array<{ url: string; body: Array<Record<string, any>> }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading events
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(text) });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  emu = await startTestEmulator({ eventGridWebhook: `http://127.0.0.1:${port}/api/events?code=s3cret` });
});
afterAll(async () => {
  await emu?.close();
  await new Promise((r) => receiver?.close(r));
});

const versionId = (v: string) => `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute/galleries/gal_golden/images/gpu-analytics/versions/${v}`;

it('posts ResourceWriteSuccess once a PATCH succeeds, and ResourceDeleteSuccess once a DELETE does', async () => {
  expect((await armRequest(emu, `${versionId('1.1.0')}?${API}`, { method: 'PATCH', body: { properties: { publishingProfile: { excludeFromLatest: true } } } })).status).toBe(200);
  expect(received).toEqual([]); // accepted, not yet succeeded
  await waitFor(async () => (await armRequest(emu, `${versionId('1.1.0')}?${API}`)).json.properties.provisioningState, (s) => s === 'Succeeded', 5000);
  await waitFor(() => received.length, (n) => n === 1, 5000);
  expect(received[0]!.url).toBe('/api/events?code=s3cret');
  expect(received[0]!.body).toEqual([
    expect.objectContaining({
      eventType: 'Microsoft.Resources.ResourceWriteSuccess',
      subject: versionId('1.1.0'),
      topic: `/subscriptions/${DEMO_SUBSCRIPTION}`,
      data: expect.objectContaining({ resourceUri: versionId('1.1.0'), operationName: 'Microsoft.Compute/galleries/images/versions/write', status: 'Succeeded' }),
    }),
  ]);
  expect((await armRequest(emu, `${versionId('1.0.0')}?${API}`, { method: 'DELETE' })).status).toBe(202);
  await waitFor(async () => (await armRequest(emu, `${versionId('1.0.0')}?${API}`)).status, (s) => s === 404, 5000);
  await waitFor(() => received.length, (n) => n === 2, 5000);
  expect(received[1]!.body[0]).toMatchObject({ eventType: 'Microsoft.Resources.ResourceDeleteSuccess', data: { resourceUri: versionId('1.0.0'), operationName: 'Microsoft.Compute/galleries/images/versions/delete' } });
});

it('takes the webhook from --event-grid-webhook or EMULATOR_EVENT_GRID_WEBHOOK, and refuses what is not an http(s) URL', () => {
  expect(readCliSettings(['--event-grid-webhook', 'http://127.0.0.1:3978/api/events?code=x'], {})).toMatchObject({ eventGridWebhook: 'http://127.0.0.1:3978/api/events?code=x' });
  expect(readCliSettings([], { EMULATOR_EVENT_GRID_WEBHOOK: 'https://bot.example/api/events' })).toMatchObject({ eventGridWebhook: 'https://bot.example/api/events' });
  expect(() => readCliSettings(['--event-grid-webhook', 'ftp://x'], {})).toThrow(/http\(s\) URL/);
});
