/**
 * Loads the REST example files copied into test/fixtures/arm-examples (Microsoft's, verbatim; see SOURCE.md there)
 * and the shapes built from the spec (from-spec/), and turns a table of examples into emulator seed documents.
 *
 * Every example uses the same names (myResourceGroup/myGalleryName/myGalleryImageName/1.0.0) and the placeholder
 * `{subscription-id}`. So that one emulator can serve the whole table, each example set gets its own subscription:
 * the placeholder is replaced per set (that is what a placeholder is for), nothing else in the files changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../emulator/seed-location';
import type { SeedEntry } from '../../emulator/start-emulator';

export const FIXTURES_DIR = join(projectRoot(), 'test', 'fixtures', 'arm-examples');

/** One example file: its request parameters and its responses by status code. */
export interface ArmExampleFile {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
  operationId: string;
  title: string;
}

/** Every example file under the fixtures folder, as `<folder>/<file>.json` (from-spec included). */
export function listExampleFiles(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(FIXTURES_DIR, d.name)).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f}`))
    .sort();
}

/** Reads an example with `{subscription-id}` replaced by `subscriptionId`. */
export function readExample(relativePath: string, subscriptionId: string): ArmExampleFile {
  const text = readFileSync(join(FIXTURES_DIR, relativePath), 'utf8').split('{subscription-id}').join(subscriptionId);
  return JSON.parse(text) as ArmExampleFile;
}

/** The body ARM answers a read with: a GET's 200; a create's 200 (the resource as it stands after an update). */
export function responseBody(example: ArmExampleFile, file: string): Record<string, unknown> {
  const body = example.responses['200']?.body;
  if (body === null || typeof body !== 'object') throw new Error(`${file} has no 200 response body`);
  return structuredClone(body) as Record<string, unknown>;
}

/** The ARM path an example's parameters address (bodies' ids are not always canonical, some have none). */
export function addressedPath(p: Record<string, unknown>, subscriptionId: string): string {
  const gallery = `/subscriptions/${subscriptionId}/resourceGroups/${String(p['resourceGroupName'])}/providers/Microsoft.Compute/galleries/${String(p['galleryName'])}`;
  if (p['galleryImageName'] === undefined) return gallery;
  const image = `${gallery}/images/${String(p['galleryImageName'])}`;
  return p['galleryImageVersionName'] === undefined ? image : `${image}/versions/${String(p['galleryImageVersionName'])}`;
}

/** A gallery, a definition and a version, each an example file; together one row of the table. */
export interface ExampleSet {
  gallery: string;
  definition: string;
  /** More than one version may live in the same definition (e.g. built-from-spec shapes beside an example). */
  versions: string[];
  /** VM examples that deploy the set's first version through the gallery's direct-shared or community id. */
  vms?: { file: string; name: string; via: 'shared' | 'community' }[];
}

/** Names the rendered cards use for a set. */
export interface SeededSet {
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
  image: string;
  versions: string[];
  /** `subscription/resourceGroup/gallery/image`: unique across the table. */
  qualified: string;
  seed: SeedEntry[];
  /** The parsed files (with the subscription filled in), for assertions that quote them. */
  files: { gallery: ArmExampleFile; definition: ArmExampleFile; versions: ArmExampleFile[] };
}

/** The seed for one set: every document is served where its own request parameters address it. */
export function seedSet(set: ExampleSet, subscriptionId: string): SeededSet {
  const gallery = readExample(set.gallery, subscriptionId);
  const definition = readExample(set.definition, subscriptionId);
  const versions = set.versions.map((v) => readExample(v, subscriptionId));
  const p = definition.parameters;
  const seed: SeedEntry[] = [
    { resource: responseBody(gallery, set.gallery), at: addressedPath(gallery.parameters, subscriptionId) },
    { resource: responseBody(definition, set.definition), at: addressedPath(definition.parameters, subscriptionId) },
    // Versions are addressed under the set's definition (all examples name the same one).
    ...versions.map((v, i) => ({ resource: responseBody(v, set.versions[i]!), at: addressedPath({ ...p, galleryImageVersionName: v.parameters['galleryImageVersionName'] }, subscriptionId) })),
  ];
  const resourceGroup = String(p['resourceGroupName']);
  const galleryName = String(p['galleryName']);
  const image = String(p['galleryImageName']);
  const first = String(versions[0]?.parameters['galleryImageVersionName']);
  for (const vm of set.vms ?? []) seed.push(vmSeed(vm, subscriptionId, responseBody(gallery, set.gallery), image, first));
  return {
    subscriptionId,
    resourceGroup,
    gallery: galleryName,
    image,
    versions: versions.map((v) => String(v.parameters['galleryImageVersionName'])),
    qualified: `${subscriptionId}/${resourceGroup}/${galleryName}/${image}`,
    seed,
    files: { gallery, definition, versions },
  };
}

/**
 * A VM example's body, renamed (every example VM is `myVM`) and pointed at the set's version through the id a
 * direct-shared gallery (`identifier.uniqueName`) or a community gallery (`communityGalleryInfo.publicNames[0]`)
 * publishes it under; the example's own reference names a gallery the examples never define.
 */
function vmSeed(vm: { file: string; name: string; via: 'shared' | 'community' }, subscriptionId: string, gallery: Record<string, unknown>, image: string, version: string): SeedEntry {
  const body = responseBody(readExample(vm.file, subscriptionId), vm.file) as { id: string; name: string; properties: { storageProfile: { imageReference: Record<string, string> } } };
  const props = (gallery['properties'] ?? {}) as { identifier?: { uniqueName?: string }; sharingProfile?: { communityGalleryInfo?: { publicNames?: string[] } } };
  const published = vm.via === 'shared' ? props.identifier?.uniqueName : props.sharingProfile?.communityGalleryInfo?.publicNames?.[0];
  if (published === undefined) throw new Error(`${vm.file}: the set's gallery publishes no ${vm.via} name`);
  body.id = body.id.replace(/\/myVM$/, `/${vm.name}`);
  body.name = vm.name;
  body.properties.storageProfile.imageReference =
    vm.via === 'shared'
      ? { sharedGalleryImageId: `/SharedGalleries/${published}/Images/${image}/Versions/${version}` }
      : { communityGalleryImageId: `/CommunityGalleries/${published}/Images/${image}/Versions/${version}` };
  return { resource: body };
}

/** A stable, valid subscription id per row number (the table's own, never a real subscription). */
export function subscriptionFor(row: number): string {
  return `5ab1e000-0000-4000-8000-${String(row).padStart(12, '0')}`;
}
