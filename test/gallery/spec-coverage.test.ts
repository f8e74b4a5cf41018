/**
 * Issue 11, point 1: every leaf property of GalleryImageVersion, GalleryImage and Gallery in the pinned spec
 * (api-version 2025-12-03, the one @azure/arm-compute sends) is either shown on `image status` or named in
 * the README's "not shown" list. Each leaf is set to a value that can be found again (a marker, a number, a
 * day, an enum value), mapped by the real adapter mappers and rendered: "shown" means the user can read it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageStatusCard } from '../../src/cards/image-status-card';
import { renderCard } from '../../src/cards/render-card';
import { mapGallery, mapImage } from '../../src/gallery/arm/map-gallery';
import { mapVersion } from '../../src/gallery/arm/map-version';
import { projectRoot } from '../../emulator/seed-location';
import { markedBody, specLeaves, type SpecLeaf } from '../helpers/spec-leaves';
import { cardText, expectValidCard } from '../helpers/validate-card';

const RESOURCES = ['GalleryImageVersion', 'GalleryImage', 'Gallery'] as const;
const leaves = Object.fromEntries(RESOURCES.map((r) => [r, specLeaves(r)])) as Record<(typeof RESOURCES)[number], SpecLeaf[]>;

/** Booleans read as words, not as their value: what the card says when the leaf is true. */
const TRUE_READS_AS: Record<string, string> = {
  'GalleryImageVersion.properties.publishingProfile.targetRegions[].excludeFromLatest': 'Excluded from latest in this region',
  'GalleryImageVersion.properties.publishingProfile.excludeFromLatest': 'Excluded from latest (all regions)',
  'GalleryImageVersion.properties.safetyProfile.allowDeletionOfReplicatedLocations': 'Replicated regions may be removed from this version',
  'GalleryImageVersion.properties.safetyProfile.blockDeletionBeforeEndOfLife': 'Deletion protection: blocked before end of life',
  'GalleryImageVersion.properties.safetyProfile.reportedForPolicyViolation': 'Flagged unsafe',
  'GalleryImageVersion.properties.restore': 'Restored: from soft delete',
  'GalleryImage.properties.allowUpdateImage': 'Definition updatable: yes',
  'Gallery.properties.softDeletePolicy.isSoftDeleteEnabled': 'Soft delete: on in this gallery',
  'Gallery.properties.sharingProfile.communityGalleryInfo.communityGalleryEnabled': 'Community gallery: enabled',
};

/** ARM sets one source kind per version: each is rendered on its own, as it would arrive. */
const ONE_OF = ['id', 'communityGalleryImageId', 'virtualMachineId'].map((k) => `properties.storageProfile.source.${k}`);

/** The SDK's shape: top-level `properties` flattened, date-time values as Date. */
function sdkShape(body: Record<string, unknown>, dates: readonly SpecLeaf[]): Record<string, unknown> {
  const { properties, ...rest } = body;
  const flat = { ...rest, ...(properties as Record<string, unknown>) };
  const toDate = (o: unknown, parts: string[]): void => {
    if (o === null || typeof o !== 'object') return;
    const [head, ...tail] = parts;
    const key = head!.replace(/(\[\]|\{\})+$/, '');
    const here = o as Record<string, unknown>;
    if (tail.length === 0) here[key] = typeof here[key] === 'string' ? new Date(here[key] as string) : here[key];
    else if (Array.isArray(here[key])) (here[key] as unknown[]).forEach((x) => toDate(x, tail));
    else toDate(here[key], tail);
  };
  for (const d of dates) toDate(flat, d.path.replace(/^properties\./, '').split('.'));
  return flat;
}

function render(version: Record<string, unknown>, image: Record<string, unknown>, gallery: Record<string, unknown>): string {
  // Addressed by the names ARM gave, as the bot does after resolving them.
  const key = { subscriptionId: 'sub', resourceGroup: 'rg', gallery: String(gallery['name']), image: String(image['name']) };
  const dates = (r: (typeof RESOURCES)[number]) => leaves[r].filter((l) => l.format === 'date-time');
  const v = mapVersion(sdkShape(version, dates('GalleryImageVersion')) as never, key, true);
  const d = mapImage(sdkShape(image, dates('GalleryImage')) as never, key);
  const g = mapGallery(sdkShape(gallery, dates('Gallery')) as never, { subscriptionId: 'sub', resourceGroup: 'rg' });
  const card = imageStatusCard({ resolved: { kind: 'resolved', image: d, gallery: g }, qualified: 'g/i', version: v, readAt: new Date('2026-11-23T12:00:00Z'), isLatest: false });
  const rendered = renderCard(card);
  // Every field set at once still makes a valid card within Teams' size limit.
  expectValidCard(rendered);
  return cardText(rendered).join('\n');
}

const marked = { GalleryImageVersion: markedBody(leaves.GalleryImageVersion, 0), GalleryImage: markedBody(leaves.GalleryImage, 200), Gallery: markedBody(leaves.Gallery, 400) };

function withoutOthers(keep: string): Record<string, unknown> {
  const copy = structuredClone(marked.GalleryImageVersion.body) as { properties: { storageProfile: { source: Record<string, unknown> } } };
  for (const k of ONE_OF) if (k !== keep) delete copy.properties.storageProfile.source[k.split('.').pop()!];
  return copy as unknown as Record<string, unknown>;
}

/** The leaves the README's "not shown" list names, as `Resource.path`. */
function readmeNotShown(): Set<string> {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf('#### Not shown');
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start, readme.indexOf('\n#', start + 5));
  return new Set([...section.matchAll(/`((?:GalleryImageVersion|GalleryImage|Gallery)\.[^`]+)`/g)].map((m) => m[1]!));
}

test('the walk finds the spec leaves it must (a sanity check on the walker itself)', () => {
  expect(leaves.GalleryImageVersion.map((l) => l.path)).toEqual(expect.arrayContaining(['properties.storageProfile.osDiskImage.source.uri', 'properties.validationsProfile.executedValidations[].status', 'properties.publishingProfile.targetExtendedLocations[].extendedLocationReplicaCount']));
  expect(leaves.GalleryImageVersion.length).toBeGreaterThan(70);
  expect(leaves.GalleryImage.length).toBeGreaterThan(30);
  expect(leaves.Gallery.length).toBeGreaterThan(30);
});

test('every leaf of the three resources is shown on image status or named in the README as not shown', () => {
  const base = render(marked.GalleryImageVersion.body, marked.GalleryImage.body, marked.Gallery.body);
  const variants = new Map(ONE_OF.map((k) => [k, render(withoutOthers(k), marked.GalleryImage.body, marked.Gallery.body)]));
  const notShown = readmeNotShown();
  const neither: string[] = [];
  const shownAndListed: string[] = [];
  for (const resource of RESOURCES) {
    for (const leaf of leaves[resource]) {
      const name = `${resource}.${leaf.path}`;
      const text = variants.get(leaf.path) ?? base;
      const shown = leaf.type === 'boolean' ? TRUE_READS_AS[name] !== undefined && text.includes(TRUE_READS_AS[name]!) : text.includes(marked[resource].shownAs.get(leaf.path)!);
      if (!shown && !notShown.has(name)) neither.push(name);
      // Enum values (e.g. Standard_LRS) can appear for other reasons: only unique markers prove a leaf is shown.
      if (shown && notShown.has(name) && leaf.enum === undefined && leaf.type !== 'boolean') shownAndListed.push(name);
    }
  }
  expect(neither).toEqual([]);
  expect(shownAndListed).toEqual([]);
});

test('a version with fields from a future api-version (unknown to the SDK and the model) still renders', () => {
  const future = structuredClone(marked.GalleryImageVersion.body) as { properties: Record<string, unknown> };
  future.properties['futureProfile'] = { nested: [{ value: 1 }] };
  (future.properties['publishingProfile'] as Record<string, unknown>)['targetRegions'] = [{ name: 'West US', futureKnob: 'on', encryption: { futureKey: {} } }];
  expect(() => render(future as unknown as Record<string, unknown>, marked.GalleryImage.body, marked.Gallery.body)).not.toThrow();
});
