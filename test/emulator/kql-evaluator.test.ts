/** The emulator's KQL subset, from data tables: what each query selects, and what it refuses and why. */
import fc from 'fast-check';
import { KqlError } from '../../emulator/resource-graph/kql-error';
import { runQuery, type KqlTable } from '../../emulator/resource-graph/kql-run';

const DEF = '/subscriptions/s1/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch';

/** A scale set, a VM, a gallery and a second scale set, shaped like ARG rows (types lower case). */
const TABLE: KqlTable = {
  name: 'resources',
  columns: ['id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId', 'properties', 'tags'],
  rows: [
    {
      id: '/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-a',
      name: 'vmss-a',
      type: 'microsoft.compute/virtualmachinescalesets',
      location: 'eastus2',
      resourceGroup: 'rg-a',
      subscriptionId: 's1',
      properties: { virtualMachineProfile: { storageProfile: { imageReference: { id: `${DEF.replace('rg-images', 'RG-IMAGES')}/versions/2026.5.0` } } } },
      tags: { team: 'Dispatch' },
    },
    {
      id: '/subscriptions/s1/resourceGroups/rg-b/providers/Microsoft.Compute/virtualMachines/vm-b',
      name: 'vm-b',
      type: 'microsoft.compute/virtualmachines',
      location: 'westeurope',
      resourceGroup: 'rg-b',
      subscriptionId: 's1',
      properties: { storageProfile: { imageReference: { id: DEF } } },
      tags: null,
    },
    {
      id: '/subscriptions/s1/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden',
      name: 'gal_golden',
      type: 'microsoft.compute/galleries',
      location: 'eastus2',
      resourceGroup: 'rg-images',
      subscriptionId: 's1',
      properties: { description: 'Golden images' },
      tags: null,
    },
    {
      id: '/subscriptions/s2/resourceGroups/rg-c/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-c',
      name: 'vmss-c',
      type: 'microsoft.compute/virtualmachinescalesets',
      location: 'centralus',
      resourceGroup: 'rg-c',
      subscriptionId: 's2',
      properties: { virtualMachineProfile: { storageProfile: { imageReference: { publisher: 'Canonical', offer: 'ubuntu' } } } },
      tags: null,
    },
  ],
};

const names = (query: string): unknown[] => runQuery(query, [TABLE]).rows.map((r) => r['name']);

describe('where: which rows each condition keeps', () => {
  test.each<[string, string, string[]]>([
    ['no stage keeps every row in table order', 'resources', ['vmss-a', 'vm-b', 'gal_golden', 'vmss-c']],
    ['the table name is case-insensitive', 'Resources | where name == "vm-b"', ['vm-b']],
    ['=~ ignores case', "resources | where type =~ 'Microsoft.Compute/virtualMachineScaleSets'", ['vmss-a', 'vmss-c']],
    ['== respects case', "resources | where type == 'Microsoft.Compute/virtualMachineScaleSets'", []],
    ['!= respects case', "resources | where location != 'eastus2'", ['vm-b', 'vmss-c']],
    ['!~ ignores case', "resources | where location !~ 'EASTUS2'", ['vm-b', 'vmss-c']],
    ['in~ ignores case', "resources | where type in~ ('Microsoft.Compute/virtualMachines', 'MICROSOFT.COMPUTE/GALLERIES')", ['vm-b', 'gal_golden']],
    ['in respects case', "resources | where type in ('Microsoft.Compute/virtualMachines', 'microsoft.compute/galleries')", ['gal_golden']],
    ['!in', "resources | where location !in ('eastus2', 'centralus')", ['vm-b']],
    ['and binds tighter than or', "resources | where location == 'centralus' or location == 'eastus2' and name startswith 'gal'", ['gal_golden', 'vmss-c']],
    ['parentheses regroup', "resources | where (location == 'centralus' or location == 'eastus2') and name startswith 'vmss'", ['vmss-a', 'vmss-c']],
    [
      'a scale set image path, case-insensitive id compare',
      `resources | where properties.virtualMachineProfile.storageProfile.imageReference.id =~ '${DEF}/versions/2026.5.0'`,
      ['vmss-a'],
    ],
    ['a VM image path', `resources | where properties.storageProfile.imageReference.id =~ '${DEF}'`, ['vm-b']],
    ['tolower() of a path', `resources | where tolower(properties.storageProfile.imageReference.id) == '${DEF.toLowerCase()}'`, ['vm-b']],
    ['isnotempty() of a missing property is false', 'resources | where isnotempty(properties.storageProfile.imageReference.id)', ['vm-b']],
    ['isempty() of a missing property is true', "resources | where isempty(properties.virtualMachineProfile) and type !~ 'microsoft.compute/galleries'", ['vm-b']],
    ['has matches whole terms only', "resources | where id has 'virtualMachines'", ['vm-b']],
    ['has is case-insensitive, has_cs is not', "resources | where id has 'VIRTUALMACHINES' or id has_cs 'GALLERIES'", ['vm-b']],
    ['contains matches inside words', "resources | where id contains 'MACHINES'", ['vmss-a', 'vm-b', 'vmss-c']],
    ['!contains', "resources | where id !contains 'machines'", ['gal_golden']],
    ['startswith and endswith ignore case', "resources | where name startswith 'VMSS' and name endswith '-A'", ['vmss-a']],
    ['startswith_cs respects case', "resources | where name startswith_cs 'VMSS'", []],
    ["a bracketed property name", "resources | where tags['team'] == 'Dispatch'", ['vmss-a']],
    ['a comparison with a missing property is false either way', "resources | where tags.team == 'x' or tags.team != 'Dispatch'", []],
    ['coalesce() takes the first non-empty value', `resources | where coalesce(properties.virtualMachineProfile.storageProfile.imageReference.id, properties.storageProfile.imageReference.id) startswith '${DEF}'`, ['vmss-a', 'vm-b']],
    ['not()', "resources | where not(name startswith 'vm')", ['gal_golden']],
    ['quotes: escaped, verbatim, double', `resources | where name == 'vm-b\\'' or name == @'vmss-c' or name == "gal_golden" or name == @'vm''b'`, ['gal_golden', 'vmss-c']],
    ['line comments are ignored', "resources // all of them\n| where name == 'vm-b' // just this one", ['vm-b']],
  ])('%s', (_case, query, expected) => {
    expect(names(query)).toEqual(expected);
  });
});

test('the \\x escape is not part of the subset', () => {
  expect(() => names("resources | where name == 'vm\\x2db'")).toThrow(KqlError);
});

describe('extend, project, order by, limit', () => {
  test('extend adds a column the next stages can use; project keeps and names columns in order', () => {
    const result = runQuery(
      `resources
       | where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines')
       | extend imageReferenceId = tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.id, properties.storageProfile.imageReference.id))
       | where imageReferenceId =~ '${DEF}' or imageReferenceId startswith '${DEF}/'
       | project id, name, kind = type, imageReferenceId
       | order by name asc`,
      [TABLE],
    );
    expect(result.columns).toEqual(['id', 'name', 'kind', 'imageReferenceId']);
    expect(result.rows.map((r) => [r['name'], r['kind'], r['imageReferenceId']])).toEqual([
      ['vm-b', 'microsoft.compute/virtualmachines', DEF],
      ['vmss-a', 'microsoft.compute/virtualmachinescalesets', `${DEF.replace('rg-images', 'RG-IMAGES')}/versions/2026.5.0`],
    ]);
  });

  test.each<[string, string, string[]]>([
    ['order by defaults to descending, as in KQL', 'resources | order by name', ['vmss-c', 'vmss-a', 'vm-b', 'gal_golden']],
    ['order by several keys', 'resources | order by location asc, name desc', ['vmss-c', 'vmss-a', 'gal_golden', 'vm-b']],
    ['sort by is order by', 'resources | sort by name asc', ['gal_golden', 'vm-b', 'vmss-a', 'vmss-c']],
    ['nulls sort first ascending', 'resources | order by tags.team asc, name asc', ['gal_golden', 'vm-b', 'vmss-c', 'vmss-a']],
    ['limit cuts after ordering', 'resources | order by name asc | limit 2', ['gal_golden', 'vm-b']],
    ['take is limit', 'resources | take 1', ['vmss-a']],
    ['extend replaces a column of the same name', "resources | extend name = toupper(name) | where name == 'VM-B'", ['VM-B']],
  ])('%s', (_case, query, expected) => {
    expect(names(query)).toEqual(expected);
  });
});

describe('refused, with a reason, never guessed', () => {
  test.each<[string, string, 'unsupported' | 'invalid', RegExp]>([
    ['another table', 'resourcecontainers', 'unsupported', /table 'resourcecontainers'/],
    ['summarize', 'resources | summarize count() by type', 'unsupported', /'summarize' operator/],
    ['join', 'resources | join kind=inner (resources) on id', 'unsupported', /'join' operator/],
    ['mv-expand', 'resources | mv-expand properties', 'unsupported', /'mv-expand' operator/],
    ['project-away', 'resources | project-away tags', 'unsupported', /'project-away' operator/],
    ['an unknown function', 'resources | where strlen(name) == 4', 'unsupported', /function 'strlen'/],
    ['a comparison outside the subset', 'resources | where name matches regex "vm.*"', 'unsupported', /'matches' operator/],
    ['a negated word operator outside the subset', "resources | where name !between ('a', 'b')", 'unsupported', /'!between'/],
    ['an unnamed computed projection', 'resources | project tolower(name)', 'unsupported', /give the expression/],
    ['an unnamed path projection', 'resources | project properties.storageProfile', 'unsupported', /give the expression/],
    ['nulls first', 'resources | order by name asc nulls first', 'unsupported', /nulls first/],
    ['an unknown column', "resources | where nmae == 'x'", 'invalid', /no column named 'nmae'/],
    ['a column dropped by project', "resources | project id | where name == 'x'", 'invalid', /no column named 'name'/],
    ['a where without a condition', 'resources | where name', 'invalid', /needs a condition/],
    ['wrong arity', 'resources | where tolower(name, id) == "x"', 'invalid', /tolower\(\) takes 1 argument/],
    ['an unterminated string', "resources | where name == 'x", 'invalid', /unterminated string/],
    ['a stray character', 'resources | where name == #', 'invalid', /unexpected character '#'/],
    ['a missing operand', 'resources | where name ==', 'invalid', /expected a value/],
    ['trailing text', 'resources where', 'invalid', /expected '\|' or the end/],
    ['limit without a number', 'resources | limit x', 'invalid', /whole number/],
    ['an empty pipe', 'resources |', 'invalid', /expected a query operator/],
  ])('%s', (_case, query, reason, message) => {
    let caught: unknown;
    try {
      runQuery(query, [TABLE]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KqlError);
    expect((caught as KqlError).reason).toBe(reason);
    expect((caught as KqlError).message).toMatch(message);
  });

  test('arbitrary text is either evaluated or refused with a KqlError, never another exception', () => {
    const pieces = ['resources', '|', 'where', 'project', 'extend', 'order by', 'limit', 'name', 'id', '==', '=~', 'in~', '(', ')', ',', "'x'", '1', 'and', 'or', 'has', 'tolower', '.', 'properties', '=', '[', ']', '!', '"', '@'];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(' '))), (query) => {
        try {
          runQuery(query, [TABLE]);
        } catch (error) {
          if (!(error instanceof KqlError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
