/**
 * The versions list's replication line, from data: a version still being provisioned says so and is never
 * "completed"; a region without a state is not counted as completed; failures name their regions.
 */
import { replicationSummary } from '../../src/cards/replication-summary';
import type { ImageVersion, RegionReplication } from '../../src/gallery/model';
import type { ReplicationRead } from '../../src/gallery/replication-reader';

const version = (state: string | undefined, regions: string[]): ImageVersion => ({
  subscriptionId: 's',
  resourceGroup: 'rg',
  gallery: 'g',
  image: 'i',
  id: 'id',
  version: '1.0.0',
  location: 'eastus',
  ...(state ? { provisioningState: state } : {}),
  excludeFromLatest: false,
  targetRegions: regions.map((name) => ({ name, excludeFromLatest: false })),
  dataDiskSizesGB: [],
  safety: { policyViolations: [] },
});
const read = (regions: RegionReplication[], provisioningState?: string): ReplicationRead => ({
  ok: true,
  replication: { aggregatedState: 'Unknown', regions },
  readAt: new Date(0),
  ...(provisioningState ? { provisioningState } : {}),
});
const done = (region: string): RegionReplication => ({ region, state: 'Completed', progress: 100 });

test.each<[string, ImageVersion, ReplicationRead | undefined, string, string]>([
  ['Creating, no regions yet', version('Creating', []), read([]), 'Provisioning: Creating · no target regions yet', 'progress'],
  ['Failed provisioning', version('Failed', ['East US']), read([done('East US')]), 'Provisioning failed · 1 region', 'attention'],
  ['Updating, every region Completed', version('Updating', ['East US', 'West US']), read([done('East US'), done('West US')]), 'Provisioning: Updating · 2 of 2 regions completed so far', 'progress'],
  ['the GET says Deleting though the list said Succeeded', version('Succeeded', ['East US']), read([done('East US')], 'Deleting'), 'Provisioning: Deleting · 1 of 1 region completed so far', 'progress'],
  ['a region without a state', version('Succeeded', ['East US', 'West US']), read([done('East US'), { region: 'West US', state: 'Unknown' }]), 'Replication: 1 of 2 regions completed (West US Unknown)', 'warning'],
  ['a target region ARM gave no status for', version('Succeeded', ['East US', 'West US']), read([done('East US')]), 'Replication: 1 of 2 regions completed', 'warning'],
  ['Succeeded and every region Completed', version('Succeeded', ['East US', 'West US']), read([done('East US'), done('West US')]), 'Replication completed in 2 regions', 'good'],
  ['a failed region', version('Succeeded', ['East US', 'West US']), read([done('East US'), { region: 'West US', state: 'Failed' }]), 'Replication FAILED in West US (1 of 2 regions)', 'attention'],
])('%s', (_name, v, r, text, tone) => {
  expect(replicationSummary(v, r)).toEqual({ text, tone });
});
