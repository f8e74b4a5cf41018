/**
 * Loads Azure REST API examples from ../shared/arm-examples (beside the project: CI clones shared/ next to it)
 * and converts their bodies to what the SDK returns (flattened `properties`, dates as Date).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../../emulator/seed-location';

export const EXAMPLES_DIR = resolve(projectRoot(), '..', 'shared', 'arm-examples');
/** Stands in for the examples' `{subscription-id}` placeholder. */
export const TEST_SUBSCRIPTION = '0d5c2a71-6b3e-4f0e-9a6c-5e1d2c3b4a59';
export const PLACEHOLDERS = { '{subscription-id}': TEST_SUBSCRIPTION };

export interface ArmExample {
  parameters: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- example JSON
  responses: Record<string, { body?: any; headers?: Record<string, string> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  operationId: string;
}

export function loadExample(relativePath: string): ArmExample {
  const text = readFileSync(join(EXAMPLES_DIR, relativePath), 'utf8').split('{subscription-id}').join(TEST_SUBSCRIPTION);
  return JSON.parse(text) as ArmExample;
}

const DATE_KEYS = new Set(['publishedDate', 'endOfLifeDate', 'timeCreated', 'createdAt', 'lastModifiedAt']);

function convertDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convertDates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, DATE_KEYS.has(k) && typeof v === 'string' ? new Date(v) : convertDates(v)]),
    );
  }
  return value;
}

/** ARM's `type` of each gallery resource kind: the emulator adds it where an example body leaves it out, as ARM never does. */
export const TYPES = {
  gallery: 'Microsoft.Compute/galleries',
  image: 'Microsoft.Compute/galleries/images',
  version: 'Microsoft.Compute/galleries/images/versions',
} as const;

/**
 * An ARM body as the v25 SDK models it: top-level `properties` merged into the resource, dates as Date. With
 * `type`, a body without one gets it (what the emulator serves for an example that omits it).
 */
export function sdkShape(body: Record<string, unknown>, type?: string): Record<string, unknown> {
  const { properties, ...rest } = body;
  if (type !== undefined && rest['type'] === undefined) rest['type'] = type;
  return convertDates({ ...rest, ...(properties as Record<string, unknown> | undefined) }) as Record<string, unknown>;
}

/** ARM paths an example's parameters address (its bodies' ids are not always canonical). */
export function pathsOf(p: Record<string, string>): { gallery: string; image: string; version: string } {
  const gallery = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${p['resourceGroupName']}/providers/Microsoft.Compute/galleries/${p['galleryName']}`;
  const image = `${gallery}/images/${p['galleryImageName']}`;
  return { gallery, image, version: `${image}/versions/${p['galleryImageVersionName']}` };
}

/** Minimal parent documents, so nested examples have a gallery and a definition to live in. */
export function parentSeed(p: Record<string, string>): Array<{ resource: unknown; at?: string }> {
  const paths = pathsOf(p);
  const gallery = { id: paths.gallery, name: p['galleryName'], location: 'West US', properties: { provisioningState: 'Succeeded' } };
  const image = {
    id: paths.image,
    name: p['galleryImageName'],
    location: 'West US',
    properties: { osType: 'Windows', osState: 'Generalized', identifier: { publisher: 'p', offer: 'o', sku: 's' }, provisioningState: 'Succeeded' },
  };
  return p['galleryImageName'] === undefined ? [{ resource: gallery }] : [{ resource: gallery }, { resource: image }];
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
