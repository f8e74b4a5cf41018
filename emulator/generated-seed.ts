/**
 * A gallery definition with any number of versions, for scale tests and `npm run bench -- --versions N`: the
 * demo's gallery gains `gal_golden/fleet-app` with N versions published over ten years (the newest five within
 * the last 30 days), each with an end of life two years after publishing (so most old ones are past it), all
 * Completed except one old version that Failed in Central US; scale sets pin three versions (one past its end
 * of life) and one deploys latest. Documents use the seed's relative dates, so they never age.
 */
import type { SeedEntry } from './seed-loader';

export const GENERATED_IMAGE = 'fleet-app';
const SUB = '11111111-2222-3333-4444-555555555555';
const GALLERY_ID = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden`;
const IMAGE_ID = `${GALLERY_ID}/images/${GENERATED_IMAGE}`;
const RECENT_AGES = [25, 20, 10, 5, 1];

/** Version i (0 = oldest) of n: names rise with i (`1.0.0` … `1.99.99`, then `2.0.0` …). */
export function generatedVersionName(i: number): string {
  return `${1 + Math.floor(i / 10_000)}.${Math.floor(i / 100) % 100}.${i % 100}`;
}

/** How many days before the emulator's start version i of n was published. */
export function generatedVersionAge(i: number, n: number): number {
  const recent = Math.min(RECENT_AGES.length, n);
  const older = n - recent;
  if (i >= older) return RECENT_AGES[RECENT_AGES.length - recent + (i - older)]!;
  return 40 + Math.floor(((older - 1 - i) * 3650) / Math.max(1, older));
}

/** The versions that scale sets pin: one past its end of life, two in service. */
export function pinnedVersionIndexes(n: number): number[] {
  return [...new Set([Math.floor(n * 0.5), Math.floor(n * 0.9), Math.floor(n * 0.95)])].filter((i) => i < n);
}

export function generatedSeed(n: number): SeedEntry[] {
  const failed = Math.floor(n / 3);
  const versions = Array.from({ length: n }, (_, i) => ({ resource: versionDoc(i, n, i === failed) }));
  const pinned = pinnedVersionIndexes(n).map((i, k) => scaleSet(`vmss-fleet-${k + 1}`, `${IMAGE_ID}/versions/${generatedVersionName(i)}`));
  return [{ resource: definitionDoc() }, ...versions, ...pinned.map((resource) => ({ resource })), { resource: scaleSet('vmss-fleet-latest', IMAGE_ID) }];
}

function definitionDoc(): object {
  return {
    id: IMAGE_ID,
    name: GENERATED_IMAGE,
    type: 'Microsoft.Compute/galleries/images',
    location: 'eastus2',
    properties: {
      osType: 'Linux',
      osState: 'Generalized',
      hyperVGeneration: 'V2',
      architecture: 'x64',
      identifier: { publisher: 'SentinelCounty', offer: 'Fleet', sku: 'app' },
      provisioningState: 'Succeeded',
    },
  };
}

function versionDoc(i: number, n: number, failed: boolean): object {
  const name = generatedVersionName(i);
  const age = generatedVersionAge(i, n);
  const eol = 730 - age;
  const region = (regionName: string, state: string) => ({ region: regionName, state, details: state === 'Failed' ? 'Replication failed: quota exceeded.' : '', progress: state === 'Failed' ? 40 : 100 });
  return {
    id: `${IMAGE_ID}/versions/${name}`,
    name,
    type: 'Microsoft.Compute/galleries/images/versions',
    location: 'eastus2',
    properties: {
      publishingProfile: {
        targetRegions: [
          { name: 'East US 2', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
          { name: 'Central US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
        ],
        replicaCount: 1,
        excludeFromLatest: false,
        publishedDate: `@now-${age}d`,
        endOfLifeDate: eol >= 0 ? `@now+${eol}d` : `@now${eol}d`,
        storageAccountType: 'Standard_LRS',
      },
      storageProfile: { source: { id: `/subscriptions/${SUB}/resourceGroups/rg-image-builds/providers/Microsoft.Compute/images/img-fleet-${name}` }, osDiskImage: { sizeInGB: 30, hostCaching: 'ReadOnly' } },
      safetyProfile: { allowDeletionOfReplicatedLocations: false, reportedForPolicyViolation: false, policyViolations: [] },
      replicationStatus: { aggregatedState: failed ? 'Failed' : 'Completed', summary: [region('East US 2', 'Completed'), region('Central US', failed ? 'Failed' : 'Completed')] },
      provisioningState: 'Succeeded',
    },
  };
}

function scaleSet(name: string, imageId: string): object {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-fleet/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
    name,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: 'eastus2',
    sku: { name: 'Standard_D2s_v5', tier: 'Standard', capacity: 2 },
    properties: { virtualMachineProfile: { storageProfile: { imageReference: { id: imageId } } }, provisioningState: 'Succeeded' },
  };
}
