import type { ImageVersion } from '../../../src/gallery/model';
import type { UsageRef, VersionUsage } from '../../../src/gallery/usage-port';
import { DEMO_NOW, demoGallery } from '../../fixtures/demo-gallery';

export { DEMO_NOW, DEMO_STAGES } from '../../fixtures/demo-gallery';
export const SUB = '11111111-2222-3333-4444-555555555555';
export const NO_USAGE: VersionUsage = { scaleSets: [], vms: [] };

/** Every version of the product.md demo, read with replication status, as of DEMO_NOW. */
export function demoVersions(): ImageVersion[] {
  return demoGallery(DEMO_NOW).port.versions;
}

/** One demo version (a fresh copy), optionally changed for the case at hand. */
export function demoVersion(path: string, version: string, change: (v: ImageVersion) => ImageVersion = (v) => v): ImageVersion {
  const [gallery, image] = path.split('/');
  const found = demoVersions().find((v) => v.gallery === gallery && v.image === image && v.version === version);
  if (found === undefined) throw new Error(`no demo version ${path} ${version}`);
  return change(found);
}

/** The versions of one demo definition. */
export function versionsOf(path: string): ImageVersion[] {
  const [gallery, image] = path.split('/');
  return demoVersions().filter((v) => v.gallery === gallery && v.image === image);
}

export const versionId = (gallery: string, image: string, version?: string): string =>
  `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/${gallery}/images/${image}${version === undefined ? '' : `/versions/${version}`}`;

/** A scale set or VM in its own resource group referencing `imageReferenceId`. */
export function ref(kind: 'vmss' | 'vm', name: string, resourceGroup: string, imageReferenceId: string): UsageRef {
  const type = kind === 'vmss' ? 'virtualMachineScaleSets' : 'virtualMachines';
  return {
    id: `/subscriptions/${SUB}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/${type}/${name}`,
    name,
    resourceGroup,
    subscriptionId: SUB,
    imageReferenceId,
    pinned: /\/versions\//i.test(imageReferenceId),
  };
}

/** The demo seed's references (40-/41- files). */
export const DEMO_USAGE: VersionUsage = {
  scaleSets: [
    ref('vmss', 'vmss-callcenter', 'rg-callcenter', versionId('gal_golden', 'callcenter-desktop')),
    ref('vmss', 'vmss-dispatch-prod', 'rg-dispatch-prod', versionId('gal_golden', 'dispatch', '2026.5.0').replace('rg-images', 'RG-IMAGES')),
  ],
  vms: [ref('vm', 'vm-analytics-01', 'rg-analytics', versionId('gal_golden', 'gpu-analytics', '1.0.0'))],
};

/** `name → passed` of every gate, for compact assertions. */
export function gateSummary(gates: { name: string; passed: boolean }[]): Record<string, boolean> {
  return Object.fromEntries(gates.map((g) => [g.name, g.passed]));
}
