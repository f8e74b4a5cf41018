/**
 * Pure routing: an ARM request path → what it addresses. ARM treats literal path segments (`resourceGroups`,
 * `providers`, `Microsoft.Compute`, `images` …) case-insensitively, and so does this parser; names keep their case.
 */

/** The resource kinds the emulator stores. */
export type ResourceKind = 'gallery' | 'image' | 'version' | 'vmss' | 'vm';

/** Where one resource lives; `names` holds the name chain (gallery, image, version) or the single VM/VMSS name. */
export interface ResourceAddress {
  subscriptionId: string;
  resourceGroup: string;
  kind: ResourceKind;
  names: string[];
}

/** A collection type that can be listed per subscription or resource group. */
export type TopLevelType = 'galleries' | 'virtualMachineScaleSets' | 'virtualMachines';

export type ArmRoute =
  | { kind: 'list-subscription'; type: TopLevelType; subscriptionId: string }
  | { kind: 'list-group'; type: TopLevelType; subscriptionId: string; resourceGroup: string }
  | { kind: 'list-children'; parent: ResourceAddress; childKind: 'image' | 'version' }
  | { kind: 'resource'; address: ResourceAddress }
  | { kind: 'operation'; subscriptionId: string; location: string; operationId: string }
  | { kind: 'unknown-type'; type: string }
  /** `POST /providers/Microsoft.ResourceGraph/resources`: a tenant-level query over the subscriptions in its body. */
  | { kind: 'resource-graph' }
  | { kind: 'no-route' };

const TOP_LEVEL: Record<string, { type: TopLevelType; kind: ResourceKind }> = {
  galleries: { type: 'galleries', kind: 'gallery' },
  virtualmachinescalesets: { type: 'virtualMachineScaleSets', kind: 'vmss' },
  virtualmachines: { type: 'virtualMachines', kind: 'vm' },
};

/** Splits and decodes a path; `undefined` when a segment is not valid percent-encoding. */
function segmentsOf(path: string): string[] | undefined {
  try {
    return path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

const is = (segment: string | undefined, literal: string): boolean => segment?.toLowerCase() === literal.toLowerCase();

/** Routes an ARM path (without query string). */
export function routeArmPath(path: string): ArmRoute {
  const s = segmentsOf(path);
  if (s !== undefined && s.length === 3 && is(s[0], 'providers') && is(s[1], 'Microsoft.ResourceGraph') && is(s[2], 'resources')) {
    return { kind: 'resource-graph' };
  }
  if (s === undefined || !is(s[0], 'subscriptions') || s[1] === undefined) return { kind: 'no-route' };
  const subscriptionId = s[1];

  if (is(s[2], 'providers') && is(s[3], 'Microsoft.Compute')) {
    if (is(s[4], 'locations') && s[5] !== undefined && (is(s[6], 'capsOperations') || is(s[6], 'operations')) && s[7] !== undefined && s.length === 8) {
      return { kind: 'operation', subscriptionId, location: s[5], operationId: s[7] };
    }
    const top = s[4] === undefined ? undefined : TOP_LEVEL[s[4].toLowerCase()];
    if (s.length === 5 && top !== undefined) return { kind: 'list-subscription', type: top.type, subscriptionId };
    return s[4] === undefined ? { kind: 'no-route' } : { kind: 'unknown-type', type: s[4] };
  }

  if (!is(s[2], 'resourceGroups') || s[3] === undefined || !is(s[4], 'providers') || !is(s[5], 'Microsoft.Compute')) {
    return { kind: 'no-route' };
  }
  const resourceGroup = s[3];
  const typeSegment = s[6];
  if (typeSegment === undefined) return { kind: 'no-route' };
  const top = TOP_LEVEL[typeSegment.toLowerCase()];
  if (top === undefined) return { kind: 'unknown-type', type: typeSegment };
  if (s.length === 7) return { kind: 'list-group', type: top.type, subscriptionId, resourceGroup };
  const name = s[7] as string;
  const at = (kind: ResourceKind, names: string[]): ResourceAddress => ({ subscriptionId, resourceGroup, kind, names });
  if (s.length === 8) return { kind: 'resource', address: at(top.kind, [name]) };
  if (top.kind !== 'gallery') return { kind: 'no-route' };

  if (!is(s[8], 'images')) return { kind: 'unknown-type', type: `galleries/${s[8] ?? ''}` };
  if (s.length === 9) return { kind: 'list-children', parent: at('gallery', [name]), childKind: 'image' };
  const image = s[9] as string;
  if (s.length === 10) return { kind: 'resource', address: at('image', [name, image]) };
  if (!is(s[10], 'versions')) return { kind: 'unknown-type', type: `galleries/images/${s[10] ?? ''}` };
  if (s.length === 11) return { kind: 'list-children', parent: at('image', [name, image]), childKind: 'version' };
  if (s.length === 12) return { kind: 'resource', address: at('version', [name, image, s[11] as string]) };
  return { kind: 'no-route' };
}

/** Case-insensitive identity of an address (ARM names are case-insensitive, ids vary in case). */
export function addressKey(address: ResourceAddress): string {
  return [address.subscriptionId, address.resourceGroup, address.kind, ...address.names].join('/').toLowerCase();
}

/** The parent of an image or version; `undefined` for top-level resources. */
export function parentOf(address: ResourceAddress): ResourceAddress | undefined {
  if (address.kind === 'image') return { ...address, kind: 'gallery', names: address.names.slice(0, 1) };
  if (address.kind === 'version') return { ...address, kind: 'image', names: address.names.slice(0, 2) };
  return undefined;
}

const TYPE_SEGMENTS: Record<ResourceKind, string[]> = {
  gallery: ['galleries'],
  image: ['galleries', 'images'],
  version: ['galleries', 'images', 'versions'],
  vmss: ['virtualMachineScaleSets'],
  vm: ['virtualMachines'],
};

/** The canonical ARM id of an address. */
export function canonicalId(address: ResourceAddress): string {
  const tail = TYPE_SEGMENTS[address.kind].map((segment, i) => `${segment}/${address.names[i] ?? ''}`).join('/');
  return `/subscriptions/${address.subscriptionId}/resourceGroups/${address.resourceGroup}/providers/Microsoft.Compute/${tail}`;
}

/** ARM's `type` property for a kind. */
export function armType(kind: ResourceKind): string {
  return `Microsoft.Compute/${TYPE_SEGMENTS[kind].join('/')}`;
}

/** Reads an ARM id as an address, when it is a canonical id of a kind the emulator stores. */
export function addressFromId(id: string): ResourceAddress | undefined {
  const route = routeArmPath(id);
  return route.kind === 'resource' ? route.address : undefined;
}
