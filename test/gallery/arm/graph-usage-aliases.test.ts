/**
 * `findUsage` through the real Resource Graph SDK against the emulator, for references through the gallery's
 * direct shared gallery id and community gallery id (the emulator evaluates the query; nothing is faked).
 */
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { createGraphUsage, staticTokenCredential } from '../../../src/gallery/arm';
import type { UsageRef } from '../../../src/gallery/usage-port';
import { DEMO_GROUP, startTestEmulator } from '../../emulator/emulator-fixture';
import { GOLDEN, STAGING, image } from './arm-fixture';
import { GOLDEN_PUBLIC, GOLDEN_SHARED, SUB, aliasSeed } from './usage-alias-seed';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: aliasSeed() });
});
afterAll(async () => {
  await emu.close();
});

const reader = () =>
  createGraphUsage({ scopes: [{ subscriptionId: SUB, resourceGroup: DEMO_GROUP }], credential: staticTokenCredential(), endpoint: emu.url, ca: emu.ca, retryOptions: { maxRetries: 0 } });
const brief = (refs: UsageRef[]) => refs.map((r) => [r.name, r.pinned ? 'pinned' : 'latest', r.referencedAs?.kind ?? 'id']);

test('every reference to gal_golden/dispatch: ARM ids, shared gallery ids and community gallery ids, any case', async () => {
  const found = await reader().findUsage(image('dispatch', GOLDEN));
  expect(brief(found.scaleSets)).toEqual([
    ['vmss-dispatch-prod', 'pinned', 'id'],
    ['vmss-partner-community', 'latest', 'communityGalleryImageId'],
    ['vmss-partner-shared', 'pinned', 'sharedGalleryImageId'],
  ]);
  expect(brief(found.vms)).toEqual([
    ['vm-partner-community', 'pinned', 'communityGalleryImageId'],
    ['vm-partner-shared', 'latest', 'sharedGalleryImageId'],
  ]);
});

test('a version narrows alias references as it does ARM ids (2026.05.0 is 2026.5.0); latest ones stay', async () => {
  const found = await reader().findUsage(image('dispatch', GOLDEN), '2026.5.0');
  expect([...brief(found.scaleSets), ...brief(found.vms)].map(([name]) => name)).toEqual([
    'vmss-dispatch-prod',
    'vmss-partner-community',
    'vmss-partner-shared',
    'vm-partner-community',
    'vm-partner-shared',
  ]);
  expect((await reader().findUsage(image('dispatch', GOLDEN), '2026.4.0')).scaleSets.map((r) => r.name)).toEqual(['vmss-partner-community']);
});

test("an alias reference keeps ARM's text and reads as the gallery's own id for everything else", async () => {
  const { scaleSets } = await reader().findUsage(image('dispatch', GOLDEN), '2026.5.0');
  const shared = scaleSets.find((r) => r.name === 'vmss-partner-shared')!;
  expect(shared.referencedAs).toEqual({ kind: 'sharedGalleryImageId', id: `/SharedGalleries/${GOLDEN_SHARED}/Images/dispatch/Versions/2026.5.0` });
  expect(shared.imageReferenceId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/2026.5.0`);
  const community = scaleSets.find((r) => r.name === 'vmss-partner-community')!;
  expect(community.referencedAs?.id).toBe(`/CommunityGalleries/${GOLDEN_PUBLIC}/Images/dispatch`);
  expect(community.imageReferenceId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch`);
});

test("another gallery's alias counts for that gallery only", async () => {
  const staging = await reader().findUsage(image('dispatch', STAGING));
  expect(brief(staging.scaleSets)).toEqual([['vmss-partner-staging', 'pinned', 'sharedGalleryImageId']]);
  expect(staging.vms).toEqual([]);
});
