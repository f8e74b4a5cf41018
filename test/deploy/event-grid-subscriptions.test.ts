/**
 * The Event Grid subscriptions the deployment makes on each gallery scope (infra/gallery-events.json, loaded by
 * infra/modules/gallery-events-*.bicep). No Bicep CLI here, so the JSON is checked against the code that
 * receives the events, and the Bicep text for how it wires the webhook's authentication.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEventGridBody, RESOURCE_EVENTS } from '../../src/events/event-grid-body';
import { projectRoot } from '../../src/project-root';

interface GalleryEvents {
  path: string;
  includedEventTypes: string[];
  advancedFilters: Array<{ operatorType: string; key: string; values: string[] }>;
}

const root = projectRoot();
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');
const events = JSON.parse(read('infra', 'gallery-events.json')) as GalleryEvents;
const main = read('infra', 'main.bicep');
const modules = ['gallery-events-subscription.bicep', 'gallery-events-rg.bicep'].map((name) => read('infra', 'modules', name));

/** Event Grid's advanced filters on an event (only the operator this file uses; string operators ignore case). */
function passes(event: Record<string, unknown>): boolean {
  return events.advancedFilters.every((f) => {
    if (f.operatorType !== 'StringContains') throw new Error(`the test does not know ${f.operatorType}`);
    const value = String(event[f.key] ?? '').toLowerCase();
    return f.values.some((v) => value.includes(v.toLowerCase()));
  });
}

const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images';
const SUBJECTS = [
  `${RG}/providers/Microsoft.Compute/galleries/gal_golden`,
  `${RG}/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch`,
  `${RG}/providers/microsoft.compute/Galleries/gal_golden/images/dispatch/versions/2026.6.0`,
  `${RG}/providers/Microsoft.Compute/virtualMachines/vm-1`,
  `${RG}/providers/Microsoft.Compute/images/legacy-image`,
  `${RG}/providers/Microsoft.Storage/storageAccounts/stgalleryops`,
  RG,
];

it('subscribes to exactly the event types the bot acts on', () => {
  expect([...events.includedEventTypes].sort()).toEqual([...RESOURCE_EVENTS].sort());
});

it.each(SUBJECTS)('lets %s through exactly when the bot acts on it', (subject) => {
  const event = { id: '1', eventType: RESOURCE_EVENTS[0]!, subject, eventTime: new Date().toISOString(), dataVersion: '2', data: { resourceUri: subject } };
  const acted = readEventGridBody([event]);
  expect(acted.kind).toBe('events');
  expect(passes(event)).toBe(acted.kind === 'events' && acted.changed.length === 1);
});

it('delivers to the route the bot serves', () => {
  expect(read('src', 'server.ts')).toContain(`server.post('${events.path}'`);
  expect(main).toMatch(/var webhook = 'https:\/\/\$\{resources\.outputs\.appFqdn\}\$\{events\.path\}/);
});

it('has one module per kind of scope, alike apart from the scope, both reading gallery-events.json', () => {
  const body = (text: string) => text.replace(/^(\/\/.*\n)+/, '').replace(/^targetScope = .*$/m, '');
  expect(body(modules[0]!)).toBe(body(modules[1]!));
  expect(modules[0]).toMatch(/^targetScope = 'subscription'$/m);
  expect(modules[1]).toMatch(/^targetScope = 'resourceGroup'$/m);
  expect(modules[0]).toContain("loadJsonContent('../gallery-events.json')");
});

it('uses Entra ID delivery when an audience is given: the tenant and app on the destination, no secret in the URL', () => {
  expect(modules[0]).toMatch(/empty\(entraAudience\) \? \{\} : \{ azureActiveDirectoryTenantId: entraTenantId, azureActiveDirectoryApplicationIdOrUri: entraAudience \}/);
  expect(modules[0]).toMatch(/properties: union\(\{ endpointUrl: endpointUrl, .*\}, entra\)/);
  // The first of EVENT_GRID_AUDIENCE's names is the one Event Grid asks a token for; the bot accepts them all.
  expect(main).toMatch(/var entraAudience = empty\(eventGridAudience\) \? '' : trim\(split\(eventGridAudience, ','\)\[0\]\)/);
  expect(main).toMatch(/\$\{empty\(entraAudience\) \? '\?code=\$\{eventGridSecret\}' : ''\}'/);
  expect(main).toMatch(/var eventParams = \{ name: '[^']+', endpointUrl: webhook, entraAudience: entraAudience, entraTenantId: tenant\(\)\.tenantId \}/);
  expect(main.match(/^ {2}params: eventParams$/gm)).toHaveLength(2);
  expect(main).toMatch(/\n {4}eventGridAudience: eventGridAudience\n/);
});

it('creates them only once the bot\'s own image runs (the validation handshake needs it)', () => {
  const loops = [...main.matchAll(/^module \w+ 'modules\/gallery-events-\w+\.bicep' = \[for .*$/gm)].map((m) => m[0]);
  expect(loops).toHaveLength(2);
  for (const loop of loops) expect(loop).toMatch(/: if \(!empty\(imageName\)\) \{$/);
});
