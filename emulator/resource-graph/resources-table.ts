/**
 * The `resources` table as Azure Resource Graph shows it: one row per stored ARM resource, with ARG's columns.
 * ARG lower-cases `type` and `resourceGroup` (ids keep ARM's case), and reports absent dynamic columns as null
 * and absent string columns as ''.
 */
import { armType, canonicalId, type ResourceAddress } from '../arm-route';
import type { EmulatorContext } from '../emulator-context';
import { isObject, stringAt } from '../json';
import type { KqlValue } from './kql-ast';
import type { Row } from './kql-expression';
import type { KqlTable } from './kql-run';

/** The emulator's single tenant; every subscription belongs to it. */
export const EMULATOR_TENANT = '00000000-0000-0000-0000-0000000000e1';

export const RESOURCE_COLUMNS = [
  'id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy',
  'sku', 'plan', 'properties', 'tags', 'identity', 'zones', 'extendedLocation',
] as const;

/** The table over the resources of `subscriptions` (compared without case); every subscription when absent. */
export function resourcesTable(ctx: EmulatorContext, subscriptions: readonly string[] | undefined): KqlTable {
  const wanted = subscriptions === undefined ? undefined : new Set(subscriptions.map((s) => s.toLowerCase()));
  const rows: Row[] = ctx.store
    .all()
    .filter((r) => wanted === undefined || wanted.has(r.address.subscriptionId.toLowerCase()))
    .filter((r) => !ctx.faults.notIndexedYet(canonicalId(r.address)))
    .map((r) => {
      // The stored document, not an ARM GET's view of it: Resource Graph indexes resources independently of any
      // caller's api-version and never carries `$expand`-only parts: no replication status (it lives beside the
      // doc) and no validations profile. Shared, not copied: the evaluator never changes a row's values, and a
      // deep copy of every resource per page made a 100,000-version gallery take minutes to page through.
      const doc = r.doc as Record<string, unknown>;
      const dynamic = (key: string): KqlValue => (doc[key] === undefined ? null : (doc[key] as KqlValue));
      return {
        id: graphId(stringAt(doc, 'id'), r.address),
        name: stringAt(doc, 'name') ?? r.address.names[r.address.names.length - 1] ?? '',
        type: armType(r.address.kind).toLowerCase(),
        tenantId: EMULATOR_TENANT,
        kind: stringAt(doc, 'kind') ?? '',
        location: stringAt(doc, 'location') ?? '',
        resourceGroup: r.address.resourceGroup.toLowerCase(),
        subscriptionId: r.address.subscriptionId,
        managedBy: stringAt(doc, 'managedBy') ?? '',
        sku: dynamic('sku'),
        plan: dynamic('plan'),
        properties: r.address.kind === 'version' ? withoutExpandOnly(dynamic('properties')) : dynamic('properties'),
        tags: dynamic('tags'),
        identity: dynamic('identity'),
        zones: dynamic('zones'),
        extendedLocation: dynamic('extendedLocation'),
      };
    });
  return { name: 'resources', columns: RESOURCE_COLUMNS, rows };
}

/** A version's properties as Resource Graph has them: what a GET without `$expand` returns. */
function withoutExpandOnly(properties: KqlValue): KqlValue {
  if (!isObject(properties) || !('validationsProfile' in properties)) return properties;
  const { validationsProfile: _expandOnly, ...rest } = properties;
  return rest as KqlValue;
}

/**
 * Resource Graph's `id` is where the resource is. A seeded REST example may carry an id that is not (published
 * examples say `/locations/westus/Galleries/…`); ARM serves it as given, but the index has the real address.
 */
function graphId(docId: string | undefined, address: ResourceAddress): string {
  const canonical = canonicalId(address);
  return docId !== undefined && docId.toLowerCase() === canonical.toLowerCase() ? docId : canonical;
}
