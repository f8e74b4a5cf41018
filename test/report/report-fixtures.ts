import type { ImageKey } from '../../src/gallery/model';
import type { UsageReader, UsageRef, VersionUsage } from '../../src/gallery/usage-port';
import { ReadBudget } from '../../src/gallery/read-budget';
import { readReportSnapshot } from '../../src/report/read-report-snapshot';
import { ReplicationMemory } from '../../src/report/replication-memory';
import type { ReportSnapshot } from '../../src/report/report-types';
import type { DesiredState } from '../../src/drift/desired-state';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { DEMO_RG, DEMO_SUB, type GalleryBuilder } from '../fixtures/gallery-builder';

/** A reference to a version (or, without one, to the definition: "latest"), as ARM ids spell it. */
export function ref(name: string, image: string, version?: string, kind: 'vm' | 'vmss' = 'vm'): UsageRef {
  const type = kind === 'vm' ? 'virtualMachines' : 'virtualMachineScaleSets';
  return {
    id: `/subscriptions/${DEMO_SUB}/resourceGroups/rg-apps/providers/Microsoft.Compute/${type}/${name}`,
    name,
    resourceGroup: 'rg-apps',
    subscriptionId: DEMO_SUB,
    imageReferenceId: `/subscriptions/${DEMO_SUB}/resourceGroups/${DEMO_RG}/providers/Microsoft.Compute/galleries/gal_golden/images/${image}${version ? `/versions/${version}` : ''}`,
    pinned: version !== undefined,
  };
}

/** A usage reader over a fixed list, answering like the real one: pinned to the version, or the definition. */
export class FakeUsage implements UsageReader {
  readonly calls: string[] = [];
  constructor(private readonly refs: { vms?: UsageRef[]; scaleSets?: UsageRef[] } = {}) {}

  async findUsage(image: ImageKey, version?: string): Promise<VersionUsage> {
    this.calls.push(`${image.gallery}/${image.image}${version ? ` ${version}` : ''}`);
    const keep = (r: UsageRef): boolean => {
      const m = /\/images\/([^/]+)(?:\/versions\/([^/]+))?$/.exec(r.imageReferenceId);
      return m?.[1] === image.image && (m[2] === undefined || version === undefined || m[2] === version);
    };
    return { vms: (this.refs.vms ?? []).filter(keep), scaleSets: (this.refs.scaleSets ?? []).filter(keep) };
  }
}

/** The demo's usage: product.md "Scale sets and VMs". */
export function demoUsage(): FakeUsage {
  return new FakeUsage({
    vms: [ref('vm-analytics-01', 'gpu-analytics', '1.0.0')],
    scaleSets: [ref('vmss-dispatch-prod', 'dispatch', '2026.5.0', 'vmss'), ref('vmss-callcenter', 'callcenter-desktop', undefined, 'vmss')],
  });
}

/** Reads a snapshot from a builder's fake port, as the `report` command does. */
export function snapshotOf(b: GalleryBuilder, options: { usage?: UsageReader; desired?: DesiredState; now?: Date } = {}): Promise<ReportSnapshot> {
  const now = options.now ?? DEMO_NOW;
  return readReportSnapshot({
    gallery: b.port,
    ...(options.usage ? { usage: options.usage } : {}),
    ...(options.desired ? { desired: options.desired } : {}),
    now: () => now,
    // Unpaced and without waiting out 429s: these tests are about findings (read-budget.test.ts is about the pace).
    reads: { memory: new ReplicationMemory(), budget: new ReadBudget(1000, { sleep: async () => undefined }) },
  });
}

/** Disk sizes as the emulator's demo seed has them (the builder leaves sizes out). */
export function withSeedSizes(b: GalleryBuilder): GalleryBuilder {
  for (const v of b.port.versions) {
    v.osDiskSizeGB = v.image === 'callcenter-desktop' ? 127 : v.image === 'gpu-analytics' ? 64 : 30;
    v.dataDiskSizesGB = v.image === 'gpu-analytics' ? [256] : [];
  }
  return b;
}
