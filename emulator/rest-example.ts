/**
 * Microsoft's REST example files (Azure/azure-rest-api-specs `examples/*.json`) as seed entries, unchanged: the
 * `{ parameters, responses, operationId }` wrapper is read here, so a contributor can drop an example file into a
 * seed folder. The resource is the 200 (else 201) response body; it is served where the example's parameters
 * address it, because example ids are often not canonical (`…/locations/westus/Galleries/…`, no resource group).
 * A placeholder subscription such as `{subscription-id}` becomes a concrete one (the loader's placeholders, else
 * DEFAULT_EXAMPLE_SUBSCRIPTION). Examples without a resource body (deletes) seed nothing.
 */
import { addressFromId } from './arm-route';
import { isObject, objectAt, stringAt, type JsonObject } from './json';

/** Stands in for an example's placeholder subscription when the loader is given none. */
export const DEFAULT_EXAMPLE_SUBSCRIPTION = '00000000-0000-0000-0000-00000000e8a1';

/** One resource taken from an example, with the ARM path it is served at and the placeholders it needs. */
export interface ExampleEntry {
  resource: unknown;
  at?: string;
  placeholders: Record<string, string>;
  /** Parents the example implies but does not hold may be stood in for (see seed-parents.ts). */
  fromExample: true;
}

export function isRestExample(parsed: unknown): parsed is JsonObject {
  return isObject(parsed) && isObject(parsed['parameters']) && isObject(parsed['responses']);
}

/** The ARM path of the resource (or collection owner) the example's parameters name; `undefined` without a group. */
function pathFromParameters(p: JsonObject): string | undefined {
  const sub = stringAt(p, 'subscriptionId');
  const group = stringAt(p, 'resourceGroupName');
  if (sub === undefined || group === undefined) return undefined;
  let path = `/subscriptions/${sub}/resourceGroups/${group}/providers/Microsoft.Compute`;
  const vmss = stringAt(p, 'vmScaleSetName');
  const vm = stringAt(p, 'vmName');
  if (vmss !== undefined) return `${path}/virtualMachineScaleSets/${vmss}`;
  if (vm !== undefined) return `${path}/virtualMachines/${vm}`;
  const chain: Array<[string, string]> = [['galleries', 'galleryName'], ['images', 'galleryImageName'], ['versions', 'galleryImageVersionName']];
  for (const [segment, key] of chain) {
    const name = stringAt(p, key);
    if (name === undefined) break;
    path += `/${segment}/${name}`;
  }
  return path;
}

/** The collection a list example's items live in (by operation name), under the parameters' path. */
function listPath(operationId: string, p: JsonObject): string | undefined {
  const base = pathFromParameters(p);
  if (base === undefined) return undefined;
  if (/^GalleryImageVersions_List/i.test(operationId)) return `${base}/versions`;
  if (/^GalleryImages_List/i.test(operationId)) return `${base}/images`;
  if (/^Galleries_List/i.test(operationId)) return `${base}/galleries`;
  return undefined;
}

/** The seed entries an example holds; throws (naming the file) for a body the emulator cannot place. */
export function entriesFromExample(example: JsonObject, file: string, placeholders: Record<string, string>): ExampleEntry[] {
  const p = objectAt(example, 'parameters') ?? {};
  const operationId = stringAt(example, 'operationId') ?? '';
  const sub = stringAt(p, 'subscriptionId');
  const own = sub !== undefined && /^\{.*\}$/.test(sub) && placeholders[sub] === undefined ? { [sub]: DEFAULT_EXAMPLE_SUBSCRIPTION } : {};
  const responses = objectAt(example, 'responses') ?? {};
  const body = objectAt(responses['200'], 'body') ?? objectAt(responses['201'], 'body');
  if (body === undefined) return [];
  const entry = (resource: unknown, at: string | undefined): ExampleEntry => ({ resource, ...(at === undefined ? {} : { at }), placeholders: own, fromExample: true });
  if (Array.isArray(body['value']) && body['id'] === undefined) {
    const collection = listPath(operationId, p);
    return body['value'].map((item) => {
      const id = stringAt(item, 'id');
      if (id !== undefined && addressFromId(id) !== undefined) return entry(item, undefined);
      const name = stringAt(item, 'name');
      if (collection === undefined || name === undefined) {
        throw new Error(`Seed file ${file}: a listed resource has no canonical id and the example's parameters do not say where it lives.`);
      }
      return entry(item, `${collection}/${name}`);
    });
  }
  const at = pathFromParameters(p);
  if (at === undefined && addressFromId(stringAt(body, 'id') ?? '') === undefined) {
    throw new Error(`Seed file ${file}: example ${operationId || '(no operationId)'} names no resource group and its body has no canonical id.`);
  }
  return [entry(body, at)];
}
