/**
 * PUT / PATCH / DELETE of image versions as ARM long-running operations: the change is visible at once with
 * provisioningState Creating/Updating/Deleting, answered 201/200/202 with Azure-AsyncOperation, Location and
 * Retry-After, and settles later (Succeeded, or Failed with the previous state restored).
 */
import { ArmError, invalidParameter } from './arm-error';
import { addressFromId, type ResourceAddress } from './arm-route';
import type { ArmRequest, ArmResponse, EmulatorContext } from './emulator-context';
import { objectAt, stringAt, type JsonObject } from './json';
import { operationStatusBody, type Operation } from './operations';
import { plainView, present } from './present';
import { assertParents } from './read-handlers';
import { inOrder, regionKey, removedFailures, replan } from './replication';
import { withReplicationFaults } from './replication-faults';
import type { StoredResource } from './resource-store';
import { buildVersionForPatch, buildVersionForPut, sourceIdOf, targetRegionNames } from './version-writes';

function setProvisioningState(doc: JsonObject, state: string): void {
  const properties = objectAt(doc, 'properties');
  if (properties !== undefined) properties['provisioningState'] = state;
}

function assertNotBusy(resource: StoredResource | undefined): void {
  if (resource?.busyWith !== undefined) {
    throw new ArmError(409, 'AnotherOperationInProgress', 'Another operation on this or a dependent resource is in progress. Retry after it completes.');
  }
}

/** ARM's operation URLs carry the api-version the caller wrote with, so a poller reads the result in its own shape. */
function operationUrl(req: ArmRequest, op: Operation): string {
  const apiVersion = encodeURIComponent(req.query.get('api-version') ?? req.apiVersion);
  return `${req.baseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.Compute/locations/${op.location}/capsOperations/${op.id}?api-version=${apiVersion}`;
}

function lroHeaders(ctx: EmulatorContext, req: ArmRequest, op: Operation): Record<string, string> {
  const url = operationUrl(req, op);
  return { 'Azure-AsyncOperation': url, Location: `${url}&monitor=true`, 'Retry-After': String(ctx.lroRetryAfterSeconds) };
}

/** Registers the operation for a write, deciding now (deterministically) whether fault injection fails it. */
function startOperation(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress, doc: JsonObject, callbacks: Pick<Operation, 'onSucceeded' | 'onFailed'>): Operation {
  const fault = ctx.faults.failOperation(req.requestLine);
  return ctx.operations.start(
    {
      ...callbacks,
      // Azure publishes ResourceWriteSuccess / ResourceDeleteSuccess when the operation succeeds, not when it is accepted.
      onSucceeded: () => {
        callbacks.onSucceeded();
        ctx.onResourceChanged?.({ address, deleted: req.method === 'DELETE' });
      },
      subscriptionId: address.subscriptionId,
      location: regionKey(stringAt(doc, 'location') ?? 'eastus'),
      method: req.method as Operation['method'],
      address,
      dueAt: ctx.monotonic() + ctx.lroPollDelayMs,
      ...(fault === undefined
        ? {}
        : { failWith: { code: fault.code ?? 'InternalExecutionError', message: fault.message ?? 'An internal execution error occurred. Please retry later.' } }),
    },
    ctx.now(),
  );
}

/** Stores `doc` as the resource's new state for the operation's duration; success keeps it, failure restores the old one. */
function applyWrite(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress, existing: StoredResource | undefined, doc: JsonObject): { stored: StoredResource; op: Operation } {
  const now = ctx.monotonic();
  const previous = existing?.replication ?? [];
  const targets = targetRegionNames(doc);
  const removed = removedFailures(previous, targets, now, existing?.removedFailures);
  // Like Azure: a write that lists the target regions (even unchanged) retries the Failed ones; other writes
  // (latest, end of life) leave replication alone.
  const redrive = listsTargetRegions(req.body) ? { retry: ctx.failedRegionRetry, removedFailures: existing?.removedFailures ?? new Map() } : undefined;
  const planned = replan(previous, targets, now, ctx.replicationMs, redrive);
  const faulted = address.kind === 'version' ? withReplicationFaults(planned, address.names, now, ctx.replicationFaults) : planned;
  const replication = inOrder(faulted, now, ctx.replicationMs, ctx.replicationOrder);
  const stored: StoredResource = { address, doc, replication, ...(removed.size > 0 ? { removedFailures: removed } : {}) };
  const op = startOperation(ctx, req, address, doc, {
    onSucceeded: () => {
      setProvisioningState(stored.doc, 'Succeeded');
      delete stored.busyWith;
    },
    onFailed: () => {
      if (existing === undefined) {
        setProvisioningState(stored.doc, 'Failed'); // Azure keeps a failed create, marked Failed
        delete stored.busyWith;
        return;
      }
      delete existing.busyWith;
      setProvisioningState(existing.doc, 'Failed');
      ctx.store.put(existing);
    },
  });
  stored.busyWith = op.id;
  ctx.store.put(stored);
  return { stored, op };
}

function listsTargetRegions(body: unknown): boolean {
  return objectAt(objectAt(body, 'properties'), 'publishingProfile')?.['targetRegions'] !== undefined;
}

export function putVersion(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress): ArmResponse {
  assertParents(ctx, address);
  const existing = ctx.store.get(address);
  assertNotBusy(existing);
  const sourceId = sourceIdOf(req.body);
  const sourceAddress = sourceId === undefined ? undefined : addressFromId(sourceId);
  let sourceVersion: JsonObject | undefined;
  if (sourceAddress?.kind === 'version') {
    sourceVersion = ctx.store.get(sourceAddress)?.doc;
    if (sourceVersion === undefined) {
      throw invalidParameter(`The source gallery image version '${sourceId}' was not found.`, 'galleryImageVersion.properties.storageProfile.source.id');
    }
  }
  const doc = buildVersionForPut({ address, body: req.body, existing: existing?.doc, sourceVersion, now: ctx.now(), apiVersion: req.apiVersion });
  const { stored, op } = applyWrite(ctx, req, address, existing, doc);
  return { status: existing === undefined ? 201 : 200, body: present(ctx, stored, plainView(req.apiVersion)), headers: lroHeaders(ctx, req, op) };
}

export function patchVersion(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress, existing: StoredResource): ArmResponse {
  assertNotBusy(existing);
  const doc = buildVersionForPatch(existing.doc, req.body);
  const { stored, op } = applyWrite(ctx, req, address, existing, doc);
  return { status: 200, body: present(ctx, stored, plainView(req.apiVersion)), headers: lroHeaders(ctx, req, op) };
}

export function deleteVersion(ctx: EmulatorContext, req: ArmRequest, address: ResourceAddress): ArmResponse {
  assertParents(ctx, address);
  const existing = ctx.store.get(address);
  if (existing === undefined) return { status: 204 };
  assertNotBusy(existing);
  const profile = objectAt(objectAt(existing.doc, 'properties'), 'publishingProfile');
  const eol = Date.parse(stringAt(profile, 'endOfLifeDate') ?? '');
  const blocked = objectAt(objectAt(existing.doc, 'properties'), 'safetyProfile')?.['blockDeletionBeforeEndOfLife'] === true;
  if (blocked && !Number.isNaN(eol) && eol > ctx.now().getTime()) {
    throw new ArmError(409, 'OperationNotAllowed', `Deletion of gallery image version '${address.names[2]}' is blocked until its end-of-life date ${new Date(eol).toISOString()}.`);
  }
  setProvisioningState(existing.doc, 'Deleting');
  const op = startOperation(ctx, req, address, existing.doc, {
    onSucceeded: () => ctx.store.deleteTree(address),
    onFailed: () => {
      setProvisioningState(existing.doc, 'Failed'); // like Azure: the version stays, marked Failed
      delete existing.busyWith;
    },
  });
  existing.busyWith = op.id;
  return { status: 202, headers: lroHeaders(ctx, req, op) };
}

/** The Azure-AsyncOperation URL (status body) and, with `monitor=true`, the Location URL (202 until done, then the result). */
export function operationStatus(ctx: EmulatorContext, req: ArmRequest, subscriptionId: string, operationId: string): ArmResponse {
  const op = ctx.operations.get(operationId);
  if (op === undefined || op.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
    throw new ArmError(404, 'NotFound', `The operation '${operationId}' was not found.`);
  }
  const retry = { 'Retry-After': String(ctx.lroRetryAfterSeconds) };
  if (req.query.get('monitor') !== 'true') {
    return { status: 200, body: operationStatusBody(op), headers: op.status === 'InProgress' ? retry : {} };
  }
  if (op.status === 'InProgress') return { status: 202, headers: { ...retry, Location: `${operationUrl(req, op)}&monitor=true` } };
  if (op.status === 'Failed') throw new ArmError(500, op.error?.code ?? 'InternalExecutionError', op.error?.message ?? 'The operation failed.');
  const resource = op.method === 'DELETE' ? undefined : ctx.store.get(op.address);
  return resource === undefined ? { status: 204 } : { status: 200, body: present(ctx, resource, plainView(req.apiVersion)) };
}
