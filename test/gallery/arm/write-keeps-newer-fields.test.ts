/**
 * A write that rewrites a version's target regions keeps the fields the SDK does not model. The source is
 * Microsoft's GalleryImageVersion_Create_WithCVMDataDiskEncryption example of api-version 2026-03-03: its region
 * encrypts data disk 0 for confidential VMs (`encryption.dataDiskImages[].securityProfile`), a field newer than
 * the SDK's api-version (2025-12-03), so the SDK's model of the region has no place for it. The emulator serves
 * the document as stored (its api-version table does not hide that field); `promote … to westus2` is planned and
 * carried out through the adapter and the real SDK, and the emulator's record of the PATCH must still carry it.
 *
 * Adaptations (the test's, not the file's): the example is a create response; it is served ready to promote
 * (see `readyToPromote`).
 */
import { planPromoteRegions } from '../../../src/approvals/plan';
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { armRequest, startTestEmulator } from '../../emulator/emulator-fixture';
import { seedSet, subscriptionFor } from '../../helpers/arm-example-fixtures';
import { adapterFor } from './arm-fixture';
import { carryOut, readyToPromote } from './approved-write';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw ARM bodies

const set = seedSet(
  { gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: ['2026-03-03/GalleryImageVersion_Create_WithCVMDataDiskEncryption.json'] },
  subscriptionFor(952),
);
const key = { subscriptionId: set.subscriptionId, resourceGroup: set.resourceGroup, gallery: set.gallery, image: set.image };
const path = set.seed[2]!.at!;

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('promote … to westus2: the PATCH sends East US back with its data disk’s confidential VM encryption', async () => {
  emu = await startTestEmulator({ seed: readyToPromote(set.seed), lroRetryAfterSeconds: 0, lroPollDelayMs: 20 });
  const before = (await armRequest(emu, `${path}?api-version=2025-12-03`)).json as Json;
  const eastUs = before.properties.publishingProfile.targetRegions[0];
  expect(eastUs.encryption.dataDiskImages[0].securityProfile).toMatchObject({ confidentialVMEncryptionType: 'DataDiskEncryptedWithCmk' });

  const { gallery } = adapterFor(emu);
  const planned = planPromoteRegions(await gallery.getVersion(key, '1.0.0', { withReplication: true }), ['westus2'], new Date());
  const [patch, ...more] = (await carryOut(planned, gallery, emu)).filter((w) => w.method === 'PATCH');
  expect(more).toEqual([]);
  const regions = patch!.body.properties.publishingProfile.targetRegions as Json[];
  expect(regions.map((r) => r['name'])).toEqual([eastUs.name, 'West US 2']);
  // East US exactly as ARM served it: every field, the one the SDK does not know included.
  expect(regions[0]).toEqual(eastUs);

  const after = (await armRequest(emu, `${path}?api-version=2025-12-03`)).json as Json;
  // Stored under the region's display name, as ARM answers; nothing else of it changed.
  expect(after.properties.publishingProfile.targetRegions[0]).toEqual({ ...eastUs, name: 'East US' });
});

test('a repair that removes East US and adds it back (the request stores it in the SDK’s terms) sends it back whole', async () => {
  emu = await startTestEmulator({ seed: readyToPromote(set.seed), lroRetryAfterSeconds: 0, lroPollDelayMs: 20 });
  const { gallery } = adapterFor(emu);
  const stored = await gallery.getVersion(key, '1.0.0');
  const eastUs = stored.targetRegions[0]!;
  const westUs2 = { name: 'West US 2', regionalReplicaCount: 1, excludeFromLatest: false };
  await gallery.updateVersion(key, '1.0.0', { targetRegions: [eastUs, westUs2] });
  const served = ((await armRequest(emu, `${path}?api-version=2025-12-03`)).json as Json).properties.publishingProfile.targetRegions[0];
  expect(served.encryption.dataDiskImages[0].securityProfile).toBeDefined();

  // As repair-replication does for a region still Failed: a write without it, then one with it again.
  await gallery.updateVersion(key, '1.0.0', { targetRegions: [westUs2] });
  const sent = emu.writesReceived().length;
  await gallery.updateVersion(key, '1.0.0', { targetRegions: [eastUs, westUs2] });
  const [patch] = emu.writesReceived().slice(sent).filter((w) => w.method === 'PATCH');
  expect((patch!.body as Json).properties.publishingProfile.targetRegions[0]).toEqual({ ...served, name: eastUs.name });
});
