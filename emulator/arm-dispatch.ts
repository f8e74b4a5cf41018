/** Maps a routed ARM request to its handler; anything the emulator does not model gets ARM's own refusal. */
import { ArmError } from './arm-error';
import type { ArmRoute } from './arm-route';
import type { ArmRequest, ArmResponse, EmulatorContext } from './emulator-context';
import { assertValidNames } from './names';
import { findResource, getResource, listChildren, listTopLevel } from './read-handlers';
import { queryResources } from './resource-graph/graph-query';
import { deleteVersion, operationStatus, patchVersion, putVersion } from './write-handlers';

function methodNotAllowed(method: string, what: string): ArmError {
  return new ArmError(405, 'MethodNotAllowed', `The emulator does not support ${method} on ${what}; only image versions can be written.`);
}

export function dispatchArm(ctx: EmulatorContext, route: ArmRoute, req: ArmRequest): ArmResponse {
  switch (route.kind) {
    case 'no-route':
      throw new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${req.path}'.`);
    case 'unknown-type':
      throw new ArmError(404, 'InvalidResourceType', `The resource type '${route.type}' could not be found in the namespace 'Microsoft.Compute' for api version '${req.query.get('api-version') ?? ''}'.`);
    case 'resource-graph':
      if (req.method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The emulator does not support ${req.method} on Resource Graph queries; use POST.`);
      return queryResources(ctx, req);
    case 'operation':
      if (req.method !== 'GET') throw methodNotAllowed(req.method, 'operation status');
      return operationStatus(ctx, req, route.subscriptionId, route.operationId);
    case 'list-subscription':
    case 'list-group':
      if (req.method !== 'GET') throw methodNotAllowed(req.method, route.type);
      return listTopLevel(ctx, req, route.type, route.subscriptionId, route.kind === 'list-group' ? route.resourceGroup : undefined);
    case 'list-children': {
      if (req.method !== 'GET') throw methodNotAllowed(req.method, `${route.childKind} lists`);
      const [gallery, image] = route.parent.names;
      assertValidNames({ gallery, image });
      return listChildren(ctx, req, route.parent);
    }
    case 'resource': {
      const { address } = route;
      if (address.kind === 'gallery' || address.kind === 'image' || address.kind === 'version') {
        const [gallery, image, version] = address.names;
        assertValidNames({ gallery, image, version });
      }
      if (req.method === 'GET') return getResource(ctx, req, address);
      if (address.kind !== 'version') throw methodNotAllowed(req.method, `${address.kind} resources`);
      if (req.method === 'PUT') return putVersion(ctx, req, address);
      if (req.method === 'PATCH') return patchVersion(ctx, req, address, findResource(ctx, address));
      if (req.method === 'DELETE') return deleteVersion(ctx, req, address);
      throw methodNotAllowed(req.method, 'image versions');
    }
  }
}
