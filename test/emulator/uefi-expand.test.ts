/**
 * `$expand=UefiSettings` (the spec's second expand value) is accepted per api-version, alone or in a comma list
 * with the status read's expands; the UEFI keys Microsoft's GalleryImageVersion_Create_WithVHD_UefiSettings
 * example stores are served from 2022-08-03 (where securityProfile exists), expanded or not.
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { seedSet, subscriptionFor } from '../helpers/arm-example-fixtures';
import { armRequest, startTestEmulator } from './emulator-fixture';

const set = seedSet(
  { gallery: '2025-12-03/Gallery_Get.json', definition: '2025-12-03/GalleryImage_Get.json', versions: ['2025-12-03/GalleryImageVersion_Create_WithVHD_UefiSettings.json'] },
  subscriptionFor(953),
);
const path = set.seed[2]!.at!;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: set.seed });
});
afterAll(() => emu.close());

test.each([
  ['2022-03-03', 'UefiSettings', false],
  ['2022-08-03', 'UefiSettings', true],
  ['2025-12-03', 'UefiSettings', true],
  ['2025-12-03', 'ReplicationStatus,ValidationProfile,UefiSettings', true],
  ['2025-12-03', 'ReplicationStatus,ValidationProfile', true],
])('at %s with $expand=%s: UEFI keys served %s', async (apiVersion, expand, served) => {
  const res = await armRequest(emu, `${path}?api-version=${apiVersion}&$expand=${expand}`);
  expect(res.status).toBe(200);
  const uefi = res.json.properties.securityProfile?.uefiSettings;
  if (served) expect(uefi.signatureTemplateNames).toEqual(['MicrosoftUefiCertificateAuthorityTemplate']);
  else expect(uefi).toBeUndefined();
  expect('replicationStatus' in res.json.properties).toBe(expand.includes('ReplicationStatus'));
});
