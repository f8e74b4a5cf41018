import { UpstreamError } from '../../src/errors';
import { withIndexInvalidation } from '../../src/gallery/invalidating-writes';
import type { GalleryWriter } from '../../src/gallery/gallery-port';
import type { ImageKey } from '../../src/gallery/model';
import { VersionIndex } from '../../src/gallery/version-index';
import { DEMO_RG, DEMO_SUB, GalleryBuilder } from '../fixtures/gallery-builder';

const T0 = new Date('2026-11-23T12:00:00Z');
const key = (image: string): ImageKey => ({ subscriptionId: DEMO_SUB, resourceGroup: DEMO_RG, gallery: 'g', image });
const DISPATCH = key('dispatch');

/** A gallery with `dispatch` (three versions, the newest excluded from latest) and `records` (two), and a movable clock. */
function setup(options: { ttlMs?: number; maxAgeMs?: number; maxVersions?: number; missRefreshIntervalMs?: number } = {}) {
  const b = new GalleryBuilder(T0).gallery('g').image('g', 'dispatch').image('g', 'records');
  b.version('g', 'dispatch', '2026.4.0').version('g', 'dispatch', '2026.10.0').version('g', 'dispatch', '2026.11.0', { excludeFromLatest: true });
  b.version('g', 'records', '1.0.0').version('g', 'records', '1.1.0');
  let nowMs = T0.getTime();
  const clock = { now: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };
  const index = new VersionIndex({ gallery: b.port, now: clock.now, ttlMs: 60_000, ...options });
  const lists = (): number => b.port.countCalls('listVersions');
  return { b, port: b.port, clock, index, lists };
}

/** Lets a background read (a resolved promise chain) settle. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

test('a miss reads the list once, sorted newest first with latest found; within the TTL it costs nothing', async () => {
  const { index, lists, clock } = setup();
  const listing = await index.read(DISPATCH);
  expect(listing.versions.map((v) => v.version)).toEqual(['2026.11.0', '2026.10.0', '2026.4.0']);
  expect(listing.latest?.version).toBe('2026.10.0');
  expect(listing.readAt).toEqual(T0);
  clock.advance(59_000);
  expect(await index.read({ ...DISPATCH, gallery: 'G', image: 'DISPATCH' })).toBe(listing);
  expect(lists()).toBe(1);
});

test('concurrent misses share one read', async () => {
  const { index, lists, port } = setup();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  port.delay = () => gate;
  const reads = Promise.all([index.read(DISPATCH), index.read(DISPATCH), index.refresh(DISPATCH)]);
  release();
  const [a, b, c] = await reads;
  expect(lists()).toBe(1);
  expect(b).toBe(a);
  expect(c).toBe(a);
});

test('past the TTL the old listing answers at once while a background read replaces it', async () => {
  const { index, lists, clock, b } = setup();
  const first = await index.read(DISPATCH);
  b.version('g', 'dispatch', '2026.12.0');
  clock.advance(61_000);
  expect(await index.read(DISPATCH)).toBe(first);
  await settle();
  expect(lists()).toBe(2);
  const second = await index.read(DISPATCH);
  expect(second.latest?.version).toBe('2026.12.0');
  expect(second.readAt.getTime()).toBe(T0.getTime() + 61_000);
});

test('a listing older than the maximum age is read again before it is used', async () => {
  const { index, lists, clock, b } = setup({ maxAgeMs: 300_000 });
  await index.read(DISPATCH);
  b.version('g', 'dispatch', '2026.12.0');
  clock.advance(300_000);
  expect((await index.read(DISPATCH)).latest?.version).toBe('2026.12.0');
  expect(lists()).toBe(2);
});

test('after a miss the list is read again, but at most once per miss interval', async () => {
  const { index, lists, clock } = setup({ missRefreshIntervalMs: 5_000 });
  const first = await index.read(DISPATCH);
  clock.advance(4_999);
  expect(await index.readAfterMiss(DISPATCH)).toBe(first);
  expect(lists()).toBe(1);
  clock.advance(1);
  expect(await index.readAfterMiss(DISPATCH)).not.toBe(first);
  expect(lists()).toBe(2);
});

test('a failed background read keeps the old listing; a failed miss is not kept', async () => {
  const { index, clock, port, lists } = setup();
  const first = await index.read(DISPATCH);
  clock.advance(61_000);
  port.delay = () => Promise.reject(new UpstreamError('ARM is throttling'));
  expect(await index.read(DISPATCH)).toBe(first);
  await settle();
  await expect(index.read(key('records'))).rejects.toThrow('ARM is throttling');
  port.delay = undefined;
  expect(await index.read(DISPATCH)).toBe(first);
  await settle();
  expect((await index.read(key('records'))).versions).toHaveLength(2);
  expect(lists()).toBe(5);
});

test('invalidate takes the definition id or a version id under it, in any case, and the next use reads again', async () => {
  const { index, lists, b } = setup();
  await index.read(DISPATCH);
  b.version('g', 'dispatch', '2026.12.0');
  expect(index.invalidate(`/SUBSCRIPTIONS/${DEMO_SUB}/resourcegroups/${DEMO_RG}/providers/Microsoft.Compute/galleries/G/images/Dispatch/versions/2026.12.0`)).toBe(true);
  expect((await index.read(DISPATCH)).latest?.version).toBe('2026.12.0');
  expect(lists()).toBe(2);
  expect(index.invalidate('/subscriptions/x/resourceGroups/y')).toBe(false);
});

test('a read that started before an invalidation is not kept: it may predate the change', async () => {
  const { index, lists, port, b } = setup();
  let release!: () => void;
  port.delay = () => new Promise<void>((r) => (release = r));
  const early = index.read(DISPATCH);
  await settle();
  index.invalidate(`/subscriptions/${DEMO_SUB}/resourceGroups/${DEMO_RG}/providers/Microsoft.Compute/galleries/g/images/dispatch`);
  release();
  await early;
  port.delay = undefined;
  b.version('g', 'dispatch', '2026.12.0');
  expect((await index.read(DISPATCH)).latest?.version).toBe('2026.12.0');
  expect(lists()).toBe(2);
});

test('memory is bounded: past maxVersions the least recently used listing goes, the one just read stays', async () => {
  const { index, lists, b } = setup({ maxVersions: 5 });
  b.image('g', 'big');
  for (let i = 0; i < 7; i++) b.version('g', 'big', `1.0.${i}`);
  await index.read(DISPATCH); // 3
  await index.read(key('records')); // 3 + 2
  expect(index.heldVersions).toBe(5);
  await index.read(DISPATCH); // dispatch is now the most recently used
  await index.read(key('big')); // 7 alone exceeds the bound: it stays, the others go
  expect(index.heldVersions).toBe(7);
  expect(index.definitions).toBe(1);
  await index.read(DISPATCH); // evicts big (least recently used) and keeps dispatch
  expect(index.heldVersions).toBe(3);
  expect(lists()).toBe(4);
  await index.read(DISPATCH);
  expect(lists()).toBe(4);
});

test("the bot's writes forget the definition whatever their outcome", async () => {
  const { index, lists } = setup();
  const invalidated: string[] = [];
  const writer: GalleryWriter = {
    updateVersion: () => Promise.reject(new UpstreamError('lost')),
    createVersion: () => Promise.resolve({} as never),
  };
  const writes = withIndexInvalidation(writer, { invalidateImage: (i) => (invalidated.push(i.image), index.invalidateImage(i)) });
  await index.read(DISPATCH);
  await expect(writes.updateVersion(DISPATCH, '2026.4.0', { excludeFromLatest: true })).rejects.toThrow('lost');
  await writes.createVersion(key('records'), '1.2.0', { sourceVersionId: 'x', targetRegions: [], excludeFromLatest: true });
  expect(invalidated).toEqual(['dispatch', 'records']);
  await index.read(DISPATCH);
  expect(lists()).toBe(2);
});
