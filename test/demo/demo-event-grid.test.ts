import { loadConfig } from '../../src/config';
import { demoEventGrid } from '../../src/demo/demo-event-grid';

describe("the demo's Event Grid push", () => {
  it('gives the bot a secret made for this run and the emulator the URL that carries it', () => {
    const a = demoEventGrid(loadConfig({ PORT: '3978' }));
    const b = demoEventGrid(loadConfig({ PORT: '3978' }));
    expect(a.config.eventGrid?.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.webhook).toBe(`http://127.0.0.1:3978/api/events?code=${a.config.eventGrid!.secret}`);
    expect(b.config.eventGrid!.secret).not.toBe(a.config.eventGrid!.secret);
  });

  it('keeps EVENT_GRID_SECRET when set, and does nothing in Azure mode or on a port chosen at bind', () => {
    const secret = 'x'.repeat(40);
    expect(demoEventGrid(loadConfig({ EVENT_GRID_SECRET: secret })).webhook).toBe(`http://127.0.0.1:3978/api/events?code=${secret}`);
    const azure = loadConfig({ GALLERY_SCOPES: '/subscriptions/11111111-2222-3333-4444-555555555555' });
    expect(demoEventGrid(azure)).toEqual({ config: azure });
    expect(demoEventGrid(loadConfig({ PORT: '0' })).webhook).toBeUndefined();
  });
});
