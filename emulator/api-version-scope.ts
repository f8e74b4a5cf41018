/**
 * Which api-versions a routed request may use: gallery resources answer only the stable GalleryRP versions
 * (refused with the resource's type and location, as ARM words it), Resource Graph its own range, and scale
 * sets / VMs any Compute version. Operation URLs are gallery URLs: they echo the version of the write.
 */
import { GRAPH_API_VERSIONS, type ApiVersionScope } from './api-version';
import { parentOf, type ArmRoute, type ResourceAddress } from './arm-route';
import type { EmulatorContext } from './emulator-context';
import { stringAt } from './json';
import { regionKey } from './replication';

const GALLERY_TYPES = { gallery: 'galleries', image: 'galleries/images', version: 'galleries/images/versions' } as const;

/** The location ARM would name: the resource's own, else its nearest stored parent's. */
function locationOf(ctx: EmulatorContext, address: ResourceAddress | undefined): string | undefined {
  for (let at = address; at !== undefined; at = parentOf(at)) {
    const location = stringAt(ctx.store.get(at)?.doc, 'location');
    if (location !== undefined) return regionKey(location);
  }
  return undefined;
}

function galleryScope(ctx: EmulatorContext, kind: keyof typeof GALLERY_TYPES, address: ResourceAddress | undefined): ApiVersionScope {
  return { kind: 'gallery', type: GALLERY_TYPES[kind], location: locationOf(ctx, address) };
}

export function apiVersionScope(ctx: EmulatorContext, route: ArmRoute): ApiVersionScope | undefined {
  switch (route.kind) {
    case 'resource-graph':
      return GRAPH_API_VERSIONS;
    case 'operation':
      return { kind: 'gallery', type: 'locations/capsOperations', location: regionKey(route.location) };
    case 'list-subscription':
    case 'list-group':
      return route.type === 'galleries' ? galleryScope(ctx, 'gallery', undefined) : undefined;
    case 'list-children':
      return galleryScope(ctx, route.childKind, route.parent);
    case 'resource': {
      const { kind } = route.address;
      return kind === 'vm' || kind === 'vmss' ? undefined : galleryScope(ctx, kind, route.address);
    }
    default:
      return undefined;
  }
}
