import type { CommandContext } from '../../src/commands/command-context';
import { ReplicationReader } from '../../src/gallery/replication-reader';
import { VersionIndex } from '../../src/gallery/version-index';
import { ask, commandContext } from '../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import type { FakeGalleryPort } from '../fixtures/fake-gallery-port';
import { cardText } from '../helpers/validate-card';

/** The demo over a fake port, with a clock the test moves and the version index and replication cache on it. */
function setup() {
  const b = demoGallery();
  let nowMs = DEMO_NOW.getTime();
  const now = (): Date => new Date(nowMs);
  const ctx: CommandContext & { port: FakeGalleryPort } = {
    ...commandContext(b.port),
    now,
    versionIndex: new VersionIndex({ gallery: b.port, now, ttlMs: 60_000 }),
    replication: new ReplicationReader(b.port, now),
  };
  const lines = async (text: string): Promise<string[]> => cardText((await ask(ctx, text)).rendered);
  const calls = (): string[] => b.port.calls.filter((c) => c.method !== 'listGalleries' && c.method !== 'listImages').map((c) => `${c.method} ${c.target}`);
  const warm = async (image: string): Promise<void> => {
    await ask(ctx, `versions ${image}`);
    b.port.calls.length = 0;
  };
  return { b, ctx, lines, calls, warm, advance: (s: number) => (nowMs += s * 1000) };
}

const dispatch = (b: ReturnType<typeof demoGallery>, version: string) => b.port.versions.find((v) => v.gallery === 'gal_golden' && v.image === 'dispatch' && v.version === version)!;

test('image status latest, once the index is warm, is one GET; a list 40 s old says so where it names latest', async () => {
  const { lines, calls, warm, advance } = setup();
  await warm('dispatch');
  advance(40);
  const card = await lines('image status dispatch latest');
  expect(calls()).toEqual(['getVersion gal_golden/dispatch/2026.5.1']);
  expect(card[0]).toBe('dispatch 2026.5.1');
  expect(card).toContain('latest → 2026.5.1 (the highest version not excluded from latest, in the version list read 40 s ago)');
  expect(card).toContain('Latest: yes (what latest deploys), as of the version list read 40 s ago');
});

test('an exact version is one GET once warm, and whether it is latest is stated as of the list', async () => {
  const { lines, calls, warm, advance } = setup();
  await warm('dispatch');
  advance(45);
  expect(await lines('image status dispatch 2026.5.0')).toContain('Latest: no, as of the version list read 45 s ago');
  expect(calls()).toEqual(['getVersion gal_golden/dispatch/2026.5.0']);
  // Past the TTL the card still answers from the list it has, says how old it is, and the list is read in the background.
  advance(3 * 60 - 45);
  expect(await lines('image status dispatch 2026.5.0')).toContain('Latest: no, as of the version list read 3 min ago');
  expect(calls().sort()).toEqual(['getVersion gal_golden/dispatch/2026.5.0', 'getVersion gal_golden/dispatch/2026.5.0', 'listVersions gal_golden/dispatch']);
});

test('the version latest resolved to was deleted since the list was read: the list is read again, once, and the card shows the new latest', async () => {
  const { b, lines, calls, warm } = setup();
  await warm('dispatch');
  b.port.versions.splice(b.port.versions.indexOf(dispatch(b, '2026.5.1')), 1);
  const card = await lines('image status dispatch latest');
  expect(card[0]).toBe('dispatch 2026.5.0');
  expect(calls()).toEqual(['getVersion gal_golden/dispatch/2026.5.1', 'listVersions gal_golden/dispatch', 'getVersion gal_golden/dispatch/2026.5.0']);
  // The list was read by this command: nothing stale to label.
  expect(card).toContain('Latest: yes (what latest deploys)');
});

test('a version excluded from latest since the list was read is never called latest', async () => {
  const { b, lines, calls, warm, advance } = setup();
  await warm('dispatch');
  advance(30);
  dispatch(b, '2026.5.1').excludeFromLatest = true;
  expect((await lines('image status dispatch latest'))[0]).toBe('dispatch 2026.5.0');
  expect(calls()).toEqual(['getVersion gal_golden/dispatch/2026.5.1', 'listVersions gal_golden/dispatch', 'getVersion gal_golden/dispatch/2026.5.0']);
  b.port.calls.length = 0;
  // The exact form too: the live version contradicts the list, so the list is read again before "Latest" is said.
  dispatch(b, '2026.5.0').excludeFromLatest = true;
  const exact = await lines('image status dispatch 2026.5.0');
  expect(exact).toContain('Latest: no');
  expect(calls()).toEqual(['getVersion gal_golden/dispatch/2026.5.0', 'listVersions gal_golden/dispatch']);
});

test('versions shows one page from the index with one GET per row, and says how old the list is', async () => {
  const { b, lines, calls, advance } = setup();
  for (let i = 0; i < 45; i++) b.version('gal_golden', 'dispatch', `2025.1.${i}`, { publishedDays: -400 });
  await lines('versions dispatch');
  expect(calls().filter((c) => c.startsWith('listVersions'))).toHaveLength(1);
  b.port.calls.length = 0;
  advance(50);
  const page2 = await lines('versions dispatch page 2');
  expect(calls()).toHaveLength(20);
  expect(calls().every((c) => c.startsWith('getVersion'))).toBe(true);
  expect(page2).toContain('Read 2026-11-23 12:00 UTC · version list read 50 s ago');
  expect(page2).toContain('Showing 21–40 of 48');
  // Past the TTL: the same page from the list it has (its replication still cached), and one list read in the background.
  b.port.calls.length = 0;
  advance(20);
  expect(await lines('versions dispatch page 2')).toContain('Read 2026-11-23 12:01 UTC · version list read 70 s ago');
  expect(calls()).toEqual(['listVersions gal_golden/dispatch']);
});

test('versions: a row whose version is gone means the list is out of date, so it is read again once', async () => {
  const { b, lines, calls, warm, advance } = setup();
  await warm('dispatch');
  b.port.versions.splice(b.port.versions.indexOf(dispatch(b, '2026.5.1')), 1);
  advance(31); // past the replication cache's 30 s, within the index's TTL
  const card = await lines('versions dispatch');
  expect(card).toContain('dispatch: 2 versions');
  expect(card).toContain('Latest: 2026.5.0');
  expect(calls().filter((c) => c.startsWith('listVersions'))).toHaveLength(1);
});

test('a prefix not in the list may have been published since: the list is read again, once per 5 s however often it is asked', async () => {
  const { b, lines, calls, warm, advance } = setup();
  await warm('dispatch');
  advance(10);
  b.version('gal_golden', 'dispatch', '2026.7.0', { publishedDays: 0 });
  expect((await lines('image status dispatch 2026.7'))[0]).toBe('dispatch 2026.7.0');
  expect(calls()).toEqual(['listVersions gal_golden/dispatch', 'getVersion gal_golden/dispatch/2026.7.0']);
  b.port.calls.length = 0;
  for (let i = 0; i < 3; i++) expect((await lines('image status dispatch 2026.8')).join(' ')).toContain('has no version 2026.8.x');
  expect(calls()).toEqual([]);
});
