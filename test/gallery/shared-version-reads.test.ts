/**
 * `image status`'s shared reads: askers of one version within the window share one GET (in flight or just
 * answered), later askers read again, failures are never reused, and the bot's own writes forget the definition.
 */
import { SharedVersionReads } from '../../src/gallery/shared-version-reads';
import type { ImageKey, ImageVersion } from '../../src/gallery/model';

const DISPATCH: ImageKey = { subscriptionId: '1111', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const DISPATCH_GPU: ImageKey = { ...DISPATCH, image: 'dispatch-gpu' };

/** A gallery whose GETs wait until released, counting them; each answer names the read it came from. */
function slowGallery() {
  const gets: Array<{ key: string; resolve: () => void; reject: (e: Error) => void }> = [];
  const gallery = {
    getVersion: (image: ImageKey, version: string) =>
      new Promise<ImageVersion>((resolve, reject) => {
        const n = gets.length + 1;
        gets.push({ key: `${image.image}/${version}`, resolve: () => resolve({ version, tags: { read: String(n) } } as unknown as ImageVersion), reject });
      }),
  };
  return { gallery, gets };
}

function clock(start = Date.parse('2026-12-05T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

const readNo = (v: ImageVersion): string | undefined => (v as unknown as { tags: { read: string } }).tags.read;

test('twenty askers at once cost one GET, and all get its answer with the time it arrived', async () => {
  const { gallery, gets } = slowGallery();
  const c = clock();
  const reads = new SharedVersionReads(gallery, c.now, 2_000);
  const asked = Array.from({ length: 20 }, () => reads.read(DISPATCH, '2026.5.1'));
  expect(gets).toHaveLength(1);
  c.advance(300);
  gets[0]!.resolve();
  const answers = await Promise.all(asked);
  expect(new Set(answers.map((a) => readNo(a.version)))).toEqual(new Set(['1']));
  expect(answers[0]!.readAt.toISOString()).toBe('2026-12-05T10:00:00.300Z');
});

test('within the window an answered read is reused; after it, the next asker reads again', async () => {
  const { gallery, gets } = slowGallery();
  const c = clock();
  const reads = new SharedVersionReads(gallery, c.now, 2_000);
  const first = reads.read(DISPATCH, '2026.5.1');
  gets[0]!.resolve();
  await first;
  c.advance(1_999);
  expect(readNo((await reads.read(DISPATCH, '2026.5.1')).version)).toBe('1');
  expect(gets).toHaveLength(1);
  c.advance(1);
  const later = reads.read(DISPATCH, '2026.5.1');
  expect(gets).toHaveLength(2);
  gets[1]!.resolve();
  expect(readNo((await later).version)).toBe('2');
});

test('other versions and other definitions are read on their own', () => {
  const { gallery, gets } = slowGallery();
  const reads = new SharedVersionReads(gallery, clock().now, 2_000);
  void reads.read(DISPATCH, '2026.5.1');
  void reads.read(DISPATCH, '2026.5.0');
  void reads.read(DISPATCH_GPU, '2026.5.1');
  void reads.read({ ...DISPATCH, gallery: 'GAL_GOLDEN' }, '2026.5.1');
  expect(gets.map((g) => g.key)).toEqual(['dispatch/2026.5.1', 'dispatch/2026.5.0', 'dispatch-gpu/2026.5.1']);
});

test('a failed read reaches everyone who shared it, and is not reused: the next asker reads again', async () => {
  const { gallery, gets } = slowGallery();
  const reads = new SharedVersionReads(gallery, clock().now, 2_000);
  const a = reads.read(DISPATCH, '2026.5.1');
  const b = reads.read(DISPATCH, '2026.5.1');
  gets[0]!.reject(new Error('ARM said 503'));
  await expect(a).rejects.toThrow('ARM said 503');
  await expect(b).rejects.toThrow('ARM said 503');
  void reads.read(DISPATCH, '2026.5.1');
  expect(gets).toHaveLength(2);
});

test("the bot's own write forgets the definition's reads, not a definition whose name starts the same", async () => {
  const { gallery, gets } = slowGallery();
  const reads = new SharedVersionReads(gallery, clock().now, 2_000);
  const done = [reads.read(DISPATCH, '2026.5.1'), reads.read(DISPATCH_GPU, '2026.5.1')];
  gets.forEach((g) => g.resolve());
  await Promise.all(done);
  reads.invalidateImage(DISPATCH);
  void reads.read(DISPATCH, '2026.5.1');
  void reads.read(DISPATCH_GPU, '2026.5.1');
  expect(gets.map((g) => g.key)).toEqual(['dispatch/2026.5.1', 'dispatch-gpu/2026.5.1', 'dispatch/2026.5.1']);
});

test('a window of 0 shares nothing', () => {
  const { gallery, gets } = slowGallery();
  const reads = new SharedVersionReads(gallery, clock().now, 0);
  void reads.read(DISPATCH, '2026.5.1');
  void reads.read(DISPATCH, '2026.5.1');
  expect(gets).toHaveLength(2);
});
