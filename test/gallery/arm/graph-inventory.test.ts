/**
 * The inventory from Resource Graph, through the real SDKs against the emulator: it must say what the ARM lists
 * say (the same mappers read both), respect resource-group scopes, and know who deploys what.
 */
import type { RunningEmulator } from '../../../emulator/start-emulator';
import type { ImageVersion } from '../../../src/gallery/model';
import { DEMO_GROUP, DEMO_SUBSCRIPTION, startTestEmulator } from '../../emulator/emulator-fixture';
import { adapterFor } from './arm-fixture';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

const GALLERY_ONLY = ['sharing', 'sharedWith', 'softDeleteEnabled'];
const DEFINITION_ONLY = ['description', 'more', 'osType', 'osState', 'hyperVGeneration', 'architecture', 'publisher', 'offer', 'sku'];
function own<T extends object>(resource: T, inherited: readonly string[]): T {
  const copy = { ...resource } as Record<string, unknown>;
  for (const key of inherited) delete copy[key];
  return copy as T;
}

const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));

test('galleries, definitions and versions from Resource Graph equal the ARM lists, in one query whatever the version count', async () => {
  const { gallery, calls } = adapterFor(emulator, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }] });
  const inventory = await gallery.readInventory();
  const graphCalls = calls.splice(0);
  const galleries = await gallery.listGalleries();
  const definitions = (await Promise.all(galleries.map((g) => gallery.listImages(g)))).flat();
  const versions: ImageVersion[] = (await Promise.all(definitions.map((d) => gallery.listVersions(d)))).flat();
  expect(inventory.problems).toEqual([]);
  expect(byId(inventory.galleries)).toEqual(byId(galleries));
  // The lists spread the whole parent they are given (gallery, definition) into each child; only a resource's own
  // fields count.
  expect(byId(inventory.definitions)).toEqual(byId(definitions).map((d) => own(d, GALLERY_ONLY)));
  expect(byId(inventory.versions)).toEqual(byId(versions).map((v) => own(v, [...GALLERY_ONLY, ...DEFINITION_ONLY])));
  expect(inventory.versions).toHaveLength(13);
  // Resource Graph has no replication status: none is invented.
  expect(inventory.versions.every((v) => v.replication === undefined && v.validation === undefined)).toBe(true);
  expect(graphCalls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual(['POST /providers/Microsoft.ResourceGraph/resources']);
});

test('a resource-group scope reads only that group', async () => {
  const { gallery } = adapterFor(emulator, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: 'rg-elsewhere' }] });
  expect(await gallery.readInventory()).toEqual({ galleries: [], definitions: [], versions: [], problems: [] });
  const { gallery: inGroup } = adapterFor(emulator, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP.toUpperCase() }] });
  expect((await inGroup.readInventory()).galleries.map((g) => g.gallery).sort()).toEqual(['gal_golden', 'gal_staging']);
});

test('the fleet: one query, matched to each definition as `usage` matches it', async () => {
  const { gallery, calls } = adapterFor(emulator, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }] });
  const { galleries, definitions } = await gallery.readInventory();
  calls.splice(0);
  const fleet = await gallery.readFleetUsage(galleries, definitions);
  expect(calls).toHaveLength(1);
  const names = (image: string) => {
    const d = definitions.find((x) => x.gallery === 'gal_golden' && x.image === image)!;
    const u = fleet.of(d)!;
    return [...u.scaleSets, ...u.vms].map((r) => `${r.name}${r.pinned ? ' pinned' : ''}`);
  };
  expect(names('dispatch')).toEqual(['vmss-dispatch-prod pinned']);
  expect(names('callcenter-desktop')).toEqual(['vmss-callcenter']);
  expect(names('gpu-analytics')).toEqual(['vm-analytics-01 pinned']);
  expect(names('records')).toEqual([]);
  // gal_staging/dispatch is another definition of the same name: the dispatch scale set does not run it.
  const staging = definitions.find((x) => x.gallery === 'gal_staging')!;
  expect(fleet.of(staging)).toMatchObject({ scaleSets: [], vms: [] });
});
