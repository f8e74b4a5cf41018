import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildManifest, MANIFEST_SCHEMA_VERSION } from '../../scripts/app-package/build-manifest';
import { MAX_COMMANDS_PER_LIST } from '../../scripts/app-package/command-lists';
import { bundledSchemaPath, validateManifest } from '../../scripts/app-package/validate-manifest';
import { manifestCommands } from '../../src/commands/registry';
import { fakeCommands, loadTemplate, sampleSettings } from './fixtures';

const built = () => buildManifest(loadTemplate(), sampleSettings, manifestCommands());

describe('the Teams manifest against the bundled schema', () => {
  it('validates with zero problems when built from the template and the command registry', async () => {
    expect(await validateManifest(built())).toEqual([]);
  });

  it('also validates with a full command list (the most the schema allows)', async () => {
    const manifest = buildManifest(loadTemplate(), sampleSettings, fakeCommands(MAX_COMMANDS_PER_LIST));
    expect(await validateManifest(manifest)).toEqual([]);
  });

  // Negative controls: without them a validator that accepts everything would pass the tests above.
  it.each([
    ['a bot id that is not a GUID', (m: Record<string, unknown>) => ((m.bots as { botId: string }[])[0]!.botId = 'not-a-guid'), '/bots/0/botId'],
    ['no developer', (m: Record<string, unknown>) => delete m.developer, 'developer'],
    ['a short description over 80 characters', (m: Record<string, unknown>) => ((m.description as { short: string }).short = 'x'.repeat(81)), '/description/short'],
    [
      'a command list longer than the schema allows',
      (m: Record<string, unknown>) => ((m.bots as { commandLists: { commands: unknown[] }[] }[])[0]!.commandLists[0]!.commands = fakeCommands(MAX_COMMANDS_PER_LIST + 1)),
      '/bots/0/commandLists/0/commands',
    ],
  ])('rejects a manifest with %s', async (_what, breakIt, path) => {
    const manifest = structuredClone(built()) as unknown as Record<string, unknown>;
    breakIt(manifest);
    const problems = await validateManifest(manifest);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(path);
  });

  it('uses the newest Teams schema the validator bundles, which is at least 1.24', () => {
    const teamsSchemas = dirname(dirname(bundledSchemaPath()));
    const versions = readdirSync(teamsSchemas)
      .map((d) => /^v(\d+)\.(\d+)$/.exec(d))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]) * 1000 + Number(m[2]));
    const [major, minor] = MANIFEST_SCHEMA_VERSION.split('.').map(Number);
    expect(major! * 1000 + minor!).toBe(Math.max(...versions));
    expect(major! * 1000 + minor!).toBeGreaterThanOrEqual(1024);
    expect((loadTemplate() as { manifestVersion: string }).manifestVersion).toBe(MANIFEST_SCHEMA_VERSION);
  });

  it('caps command lists at exactly the schema\'s maxItems', () => {
    const schema = JSON.parse(readFileSync(bundledSchemaPath(), 'utf8')) as {
      properties: { bots: { items: { properties: { commandLists: { maxItems: number; items: { properties: { commands: { maxItems: number } } } } } } } };
    };
    const lists = schema.properties.bots.items.properties.commandLists;
    expect(MAX_COMMANDS_PER_LIST).toBe(lists.items.properties.commands.maxItems);
    expect(built().bots![0]!.commandLists!.length).toBeLessThanOrEqual(lists.maxItems);
  });
});
