/** GET handlers: lists (paged) and single resources, with ARM's 404 wording for whichever level is missing. */
import { ArmError, parentResourceNotFound, resourceNotFound } from './arm-error';
import { armType, parentOf, type ResourceAddress, type ResourceKind, type TopLevelType } from './arm-route';
import type { ArmRequest, ArmResponse, EmulatorContext } from './emulator-context';
import { versionExpansion } from './expand';
import { paginate } from './paging';
import { plainView, present } from './present';
import type { StoredResource } from './resource-store';

const KIND_OF: Record<TopLevelType, ResourceKind> = { galleries: 'gallery', virtualMachineScaleSets: 'vmss', virtualMachines: 'vm' };

export function assertScope(ctx: EmulatorContext, subscriptionId: string, resourceGroup?: string): void {
  if (!ctx.store.hasSubscription(subscriptionId)) {
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
  }
  if (resourceGroup !== undefined && !ctx.store.hasResourceGroup(subscriptionId, resourceGroup)) {
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
  }
}

/** The stored resource, or the 404 ARM would give (subscription, group, parent or the resource itself). */
export function findResource(ctx: EmulatorContext, address: ResourceAddress): StoredResource {
  assertParents(ctx, address);
  const found = ctx.store.get(address);
  if (found === undefined) throw resourceNotFound(armType(address.kind), address.names.join('/'), address.resourceGroup);
  return found;
}

/** Throws when the subscription, resource group or any parent of `address` is missing. */
export function assertParents(ctx: EmulatorContext, address: ResourceAddress): void {
  assertScope(ctx, address.subscriptionId, address.resourceGroup);
  const chain: ResourceAddress[] = [];
  for (let p = parentOf(address); p !== undefined; p = parentOf(p)) chain.unshift(p);
  for (const parent of chain) {
    if (ctx.store.get(parent) === undefined) throw parentResourceNotFound(armType(parent.kind), parent.names.join('/'));
  }
}

function pageOf(ctx: EmulatorContext, req: ArmRequest, resources: StoredResource[]): ArmResponse {
  const version = req.query.get('api-version') ?? req.apiVersion;
  const page = paginate(resources, req.query.get('$skiptoken'), ctx.pageSize, (offset) =>
    `${req.baseUrl}${req.path}?api-version=${encodeURIComponent(version)}&$skiptoken=${offset}`,
  );
  return { status: 200, body: { ...page, value: page.value.map((r) => present(ctx, r, plainView(req.apiVersion))) } };
}

export function listTopLevel(ctx: EmulatorContext, req: ArmRequest, type: TopLevelType, subscriptionId: string, resourceGroup?: string): ArmResponse {
  assertScope(ctx, subscriptionId, resourceGroup);
  return pageOf(ctx, req, ctx.store.listTopLevel(KIND_OF[type], subscriptionId, resourceGroup));
}

export function listChildren(ctx: EmulatorContext, req: ArmRequest, parent: ResourceAddress): ArmResponse {
  assertParents(ctx, parent);
  if (ctx.store.get(parent) === undefined) throw parentResourceNotFound(armType(parent.kind), parent.names.join('/'));
  return pageOf(ctx, req, ctx.store.listChildren(parent));
}

export function getResource(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress): ArmResponse {
  const resource = findResource(ctx, address);
  return { status: 200, body: present(ctx, resource, { apiVersion: req.apiVersion, expansion: versionExpansion(req.query.get('$expand'), req.apiVersion) }) };
}
