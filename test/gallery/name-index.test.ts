import { NotFoundError, UsageError } from '../../src/errors';
import { NameIndex } from '../../src/gallery/name-index';
import type { ImageResolution } from '../../src/gallery/name-resolution';
import { NoSuchNameError } from '../../src/gallery/no-such-name-error';
import { closestMatches } from '../../src/gallery/suggest';
import { DEMO_NOW, DEMO_STAGES, demoGallery } from '../fixtures/demo-gallery';
import type { FakeGalleryPort } from '../fixtures/fake-gallery-port';

function indexOver(port: FakeGalleryPort, clock = { t: DEMO_NOW.getTime() }, o: { ttlMs?: number; missRefreshIntervalMs?: number } = {}): NameIndex {
  return new NameIndex({ gallery: port, stages: DEMO_STAGES, now: () => new Date(clock.t), ...o });
}

function describeResolution(r: ImageResolution): string {
  if (r.kind === 'ambiguous') return `ambiguous: ${r.choices.map((c) => c.qualified).join(', ')}`;
  const stage = r.stage ? ` [${r.stage.chosen.stage}; also ${r.stage.others.map((o) => o.stage).join(',')}]` : '';
  return `${r.gallery.gallery}/${r.image.image}${stage}`;
}

describe('NameIndex.resolveImage', () => {
  const port = demoGallery().gallery('gal_other', { resourceGroup: 'rg-other' }).image('gal_other', 'records').port;
  const index = indexOver(port);

  test.each([
    ['callcenter-desktop', 'gal_golden/callcenter-desktop'],
    ['CallCenter-Desktop', 'gal_golden/callcenter-desktop'],
    ['GAL_GOLDEN/GPU-ANALYTICS', 'gal_golden/gpu-analytics'],
    // in both stages of the promotion path: the last stage wins, and the others are reported
    ['dispatch', 'gal_golden/dispatch [production; also staging]'],
    ['gal_staging/dispatch', 'gal_staging/dispatch'],
    ['rg-images/gal_golden/dispatch', 'gal_golden/dispatch'],
    // in a stage gallery and in a gallery outside the path: a question, not a guess
    ['records', 'ambiguous: gal_golden/records, gal_other/records'],
  ])('%s → %s', async (input, expected) => {
    expect(describeResolution(await index.resolveImage(input))).toBe(expected);
  });

  test('an unknown name suggests close names (typo, prefix, substring)', async () => {
    for (const [typed, suggestion] of [
      ['dispach', 'dispatch'],
      ['callcenter', 'callcenter-desktop'],
      ['analytics', 'gpu-analytics'],
    ]) {
      const err = await index.resolveImage(typed!).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NoSuchNameError);
      expect((err as NoSuchNameError).suggestions).toContain(suggestion);
      expect((err as NoSuchNameError).userMessage).toContain(`Did you mean \`${suggestion}\``);
    }
  });

  test('a gallery name where an image belongs points to `images <gallery>`', async () => {
    await expect(index.resolveImage('gal_golden')).rejects.toThrow(/is a gallery: `images gal_golden`/);
  });

  test('malformed qualified names are usage errors', async () => {
    await expect(index.resolveImage('gal_golden/')).rejects.toBeInstanceOf(UsageError);
    await expect(index.resolveImage('a/b/c/d/e')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('NameIndex with a gallery name in two subscriptions', () => {
  const b = demoGallery().gallery('gal_golden', { subscriptionId: '99999999-0000-0000-0000-000000000000', resourceGroup: 'rg-dr' });
  b.image('gal_golden', 'dispatch', { subscriptionId: '99999999-0000-0000-0000-000000000000' });
  const index = indexOver(b.port);

  test('the stage rule does not guess between two production galleries', async () => {
    const r = await index.resolveImage('dispatch');
    expect(describeResolution(r)).toBe('ambiguous: gal_staging/dispatch, rg-dr/gal_golden/dispatch, rg-images/gal_golden/dispatch');
  });

  test('resource group qualification picks one and keeps its subscription for ARM calls', async () => {
    const r = await index.resolveImage('rg-dr/gal_golden/dispatch');
    expect(r.kind === 'resolved' && r.image.subscriptionId).toBe('99999999-0000-0000-0000-000000000000');
  });

  test('galleries resolve the same way', async () => {
    expect((await index.resolveGallery('gal_golden')).kind).toBe('ambiguous');
    const one = await index.resolveGallery('RG-DR/gal_golden');
    expect(one.kind === 'resolved' && one.gallery.resourceGroup).toBe('rg-dr');
    await expect(index.resolveGallery('gal_goldn')).rejects.toThrow(/Did you mean `gal_golden`/);
  });
});

describe('NameIndex refresh', () => {
  test('is not rebuilt per lookup, and is re-read after the TTL', async () => {
    const port = demoGallery().port;
    const clock = { t: DEMO_NOW.getTime() };
    const index = indexOver(port, clock, { ttlMs: 60_000 });
    await index.resolveImage('dispatch');
    await index.resolveImage('records');
    expect(port.countCalls('listGalleries')).toBe(1);
    clock.t += 59_000;
    await index.resolveImage('dispatch');
    expect(port.countCalls('listGalleries')).toBe(1);
    clock.t += 2_000;
    await index.resolveImage('dispatch');
    expect(port.countCalls('listGalleries')).toBe(2);
  });

  test('past the TTL, answers from the old names without waiting while one refresh runs in the background', async () => {
    const port = demoGallery().port;
    const clock = { t: DEMO_NOW.getTime() };
    const index = indexOver(port, clock, { ttlMs: 60_000 });
    await index.snapshot();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    port.delay = () => gate;
    clock.t += 61_000;
    const first = await index.snapshot();
    expect(first.readAt.getTime()).toBe(DEMO_NOW.getTime());
    await index.snapshot();
    expect(port.countCalls('listGalleries')).toBe(2);
    release();
    await index.refresh();
    expect((await index.snapshot()).readAt.getTime()).toBe(clock.t);
  });

  test('50 concurrent commands cause one refresh (single flight)', async () => {
    const port = demoGallery().port;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    port.delay = () => gate;
    const index = indexOver(port);
    const all = Promise.all(Array.from({ length: 50 }, () => index.resolveImage('callcenter-desktop')));
    release();
    const results = await all;
    expect(results.every((r) => r.kind === 'resolved')).toBe(true);
    expect(port.countCalls('listGalleries')).toBe(1);
    expect(port.countCalls('listImages')).toBe(2);
  });

  test('a miss forces a refresh, at most once per interval', async () => {
    const b = demoGallery();
    const clock = { t: DEMO_NOW.getTime() };
    const index = indexOver(b.port, clock, { missRefreshIntervalMs: 5_000 });
    await index.resolveImage('dispatch');
    clock.t += 10_000;
    b.image('gal_golden', 'brand-new');
    expect((await index.resolveImage('brand-new')).kind).toBe('resolved');
    expect(b.port.countCalls('listGalleries')).toBe(2);
    // A repeated typo within the interval does not hit ARM again.
    await expect(index.resolveImage('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(index.resolveImage('nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(b.port.countCalls('listGalleries')).toBe(2);
    clock.t += 5_000;
    await expect(index.resolveImage('nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(b.port.countCalls('listGalleries')).toBe(3);
  });

  test('a failed refresh propagates and the next lookup tries again', async () => {
    const port = demoGallery().port;
    const original = port.listGalleries.bind(port);
    let fail = true;
    port.listGalleries = async () => {
      if (fail) throw new Error('ARM down');
      return original();
    };
    const index = indexOver(port);
    await expect(index.resolveImage('dispatch')).rejects.toThrow('ARM down');
    fail = false;
    expect((await index.resolveImage('dispatch')).kind).toBe('resolved');
  });
});

describe('closestMatches', () => {
  const names = ['versions', 'galleries', 'images', 'image status', 'status', 'help'];
  test.each([
    ['verions', ['versions']],
    ['VERSION', ['versions']],
    ['imag', ['images', 'image status']],
    ['galeries', ['galleries']],
    ['xyzzy', []],
    ['', []],
  ])('%s → %j', (input, expected) => {
    expect(closestMatches(input, names)).toEqual(expected);
  });
});
