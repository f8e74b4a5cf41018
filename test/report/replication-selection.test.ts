/** Which versions a report reads replication for: latest, in use, recent, not provisioned, unfinished last time; never the rest. */
import type { ImageVersion } from '../../src/gallery/model';
import { latestVersion } from '../../src/gallery/version-match';
import { selectReplicationReads } from '../../src/report/replication-selection';
import { ReplicationMemory } from '../../src/report/replication-memory';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { GalleryBuilder } from '../fixtures/gallery-builder';
import { FakeUsage, ref } from './report-fixtures';

function versions(): ImageVersion[] {
  const b = new GalleryBuilder(DEMO_NOW).gallery('gal_golden').image('gal_golden', 'app');
  const add = (v: string, o: Parameters<GalleryBuilder['version']>[3]) => b.version('gal_golden', 'app', v, o);
  add('1.0.0', { publishedDays: -400, eolDays: -5 });
  add('1.1.0', { publishedDays: -300, eolDays: 100 });
  add('1.2.0', { publishedDays: -200, eolDays: 200 });
  add('1.3.0', { publishedDays: -100, eolDays: 300 });
  add('1.3.5', { publishedDays: -90, eolDays: 300, provisioningState: 'Failed' });
  add('1.4.0', { publishedDays: -30, eolDays: 400 });
  add('1.5.0', { publishedDays: -31, eolDays: 400, excludeFromLatest: true });
  add('1.6.0', { publishedDays: -2, eolDays: 500, excludeFromLatest: true });
  return b.port.versions;
}

test('each version read has its reason; old, unused, finished versions and those past end of life are not read', async () => {
  const all = versions();
  const usage = await new FakeUsage({ scaleSets: [ref('vmss-a', 'app', '1.2.0', 'vmss'), ref('vmss-b', 'app', '1.0.0', 'vmss'), ref('vmss-latest', 'app', undefined, 'vmss')] }).findUsage(all[0]!);
  const memory = new ReplicationMemory();
  memory.record(all.find((v) => v.version === '1.1.0')!, { ok: true, readAt: DEMO_NOW, replication: { aggregatedState: 'InProgress', regions: [{ region: 'East US 2', state: 'Replicating', progress: 10 }] } });
  memory.record(all.find((v) => v.version === '1.3.0')!, { ok: true, readAt: DEMO_NOW, replication: { aggregatedState: 'Completed', regions: [{ region: 'East US 2', state: 'Completed' }] } });
  const selected = selectReplicationReads({ versions: all, latest: latestVersion(all), usage, now: DEMO_NOW, replicationDays: 30, lastNotCompleted: (v) => memory.lastNotCompleted(v) });
  expect(Object.fromEntries([...selected].map(([v, reason]) => [v.version, reason]))).toEqual({
    '1.1.0': 'not completed',
    '1.2.0': 'in use',
    '1.3.5': 'not provisioned',
    '1.4.0': 'latest',
    '1.6.0': 'recent',
  });
});

test('a version read as Completed is forgotten; one that could not be read is read again next time', () => {
  const [v] = versions();
  const memory = new ReplicationMemory();
  memory.record(v!, { ok: false, reason: 'HTTP 500' });
  expect(memory.lastNotCompleted(v!)).toBe(true);
  memory.record(v!, { ok: true, readAt: DEMO_NOW, replication: { aggregatedState: 'Completed', regions: [{ region: 'East US 2', state: 'Completed' }] } });
  expect(memory.lastNotCompleted(v!)).toBe(false);
});
