/**
 * infra/gallery-operator-role.json is the custom role of GalleryOps' identity on the gallery scopes. It must
 * hold exactly the gallery operations the ARM adapter performs: derived here from the adapter's own calls into
 * @azure/arm-compute (every method of a gallery operation group that src/gallery/arm calls), so a new call
 * without its permission, or a permission nothing uses, fails this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComputeManagementClient } from '@azure/arm-compute';
import { projectRoot } from '../../src/project-root';

const root = projectRoot();
const role = JSON.parse(readFileSync(join(root, 'infra', 'gallery-operator-role.json'), 'utf8')) as { actions: string[] };

/** ARM resource type of each gallery operation group of ComputeManagementClient. */
const GROUP_TYPES: Record<string, string> = {
  galleries: 'Microsoft.Compute/galleries',
  galleryImages: 'Microsoft.Compute/galleries/images',
  galleryImageVersions: 'Microsoft.Compute/galleries/images/versions',
};
/**
 * Where a gallery write's long-running operation reports: `locations/<region>/capsOperations` (checked against
 * Microsoft's examples below), and Compute's generic `locations/operations`, which its Location header may name.
 */
const LRO_STATUS_ACTIONS = ['Microsoft.Compute/locations/capsOperations/read', 'Microsoft.Compute/locations/operations/read'];

/** The RBAC actions one SDK method needs; undefined for a method this test does not know (add it here). */
function actionsOf(group: string, method: string): string[] | undefined {
  const type = GROUP_TYPES[group];
  if (!type) return undefined;
  if (/^(get|list\w*)$/.test(method)) return [`${type}/read`];
  if (/^(begin)?(update|createOrUpdate)(AndWait)?$/i.test(method)) return [`${type}/write`, ...LRO_STATUS_ACTIONS];
  if (/^(begin)?delete(AndWait)?$/i.test(method)) return [`${type}/delete`, ...LRO_STATUS_ACTIONS];
  return undefined;
}

/** Every `<operationGroup>.<method>(` in src/gallery/arm whose method really is one of the SDK's (not Array.map…). */
function sdkCalls(): Array<{ group: string; method: string; file: string }> {
  const client = new ComputeManagementClient({ getToken: async () => null }, '00000000-0000-0000-0000-000000000000') as unknown as Record<string, object>;
  // Operation groups are plain objects of functions (galleries: { list, get, … }).
  const methodsOf = (g: string) => new Set(Object.entries(client[g] ?? {}).filter(([, v]) => typeof v === 'function').map(([k]) => k));
  const groups = Object.keys(client).filter((k) => typeof client[k] === 'object' && methodsOf(k).size > 0);
  const dir = join(root, 'src', 'gallery', 'arm');
  const calls: Array<{ group: string; method: string; file: string }> = [];
  for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const group of groups) {
      for (const m of text.matchAll(new RegExp(`\\b${group}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g'))) {
        if (methodsOf(group).has(m[1]!)) calls.push({ group, method: m[1]!, file });
      }
    }
  }
  return calls;
}

describe('the gallery operator role', () => {
  const calls = sdkCalls();

  it('finds the adapter\'s reads and its write path (the scan works)', () => {
    expect(calls.map((c) => `${c.group}.${c.method}`)).toEqual(expect.arrayContaining(['galleries.list', 'galleryImageVersions.get', 'galleryImageVersions.update', 'galleryImageVersions.createOrUpdate']));
  });

  it('knows the permission of every SDK operation the adapter calls', () => {
    expect(calls.filter((c) => actionsOf(c.group, c.method) === undefined).map((c) => `${c.file}: ${c.group}.${c.method}`)).toEqual([]);
  });

  it('grants exactly the actions those operations need', () => {
    const needed = new Set(calls.flatMap((c) => actionsOf(c.group, c.method) ?? []));
    expect([...role.actions].sort()).toEqual([...needed].sort());
  });

  it('names the operation status Microsoft\'s gallery examples poll', () => {
    const examples = join(root, '..', 'shared', 'arm-examples');
    const polled = new Set<string>();
    for (const file of readdirSync(examples, { recursive: true }).map(String).filter((f) => /^[\d-]+\/Gallery.*\.json$/.test(f))) {
      for (const m of readFileSync(join(examples, file), 'utf8').matchAll(/"(?:Azure-AsyncOperation|Location)": "[^"]*\/providers\/Microsoft\.Compute\/locations\/[^/]+\/(\w+)\//gi)) polled.add(`Microsoft.Compute/locations/${m[1]}/read`);
    }
    expect([...polled]).toEqual(['Microsoft.Compute/locations/capsOperations/read']);
    expect(role.actions).toEqual(expect.arrayContaining([...polled]));
  });
});
