import { buildManifest } from '../../scripts/app-package/build-manifest';
import { MAX_COMMANDS_PER_LIST } from '../../scripts/app-package/command-lists';
import { fillPlaceholders, type JsonValue } from '../../scripts/app-package/fill-placeholders';
import { manifestCommands } from '../../src/commands/registry';
import { fakeCommands, loadTemplate, sampleSettings } from './fixtures';

describe('buildManifest', () => {
  const manifest = buildManifest(loadTemplate(), sampleSettings, manifestCommands());
  const bot = manifest.bots![0]!;

  it('offers the registry\'s popular commands, in order, in personal chat and in teams and group chats', () => {
    const titles = manifestCommands().map((c) => c.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(bot.commandLists!.map((l) => l.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
    for (const list of bot.commandLists!) {
      expect(list.commands).toEqual(manifestCommands());
      expect(list.commands.map((c) => c.title)).toEqual(titles);
    }
  });

  it('keeps every list within Teams\' limits (12 commands, 32-character titles, 128-character descriptions)', () => {
    for (const list of bot.commandLists!) {
      expect(list.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_LIST);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect((c.description ?? '').length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('fills the bot id, app id, version and domains from the settings', () => {
    expect(bot.botId).toBe(sampleSettings.botAppId);
    expect(manifest.id).toBe(sampleSettings.botAppId);
    expect(manifest.version).toBe(sampleSettings.appVersion);
    expect(manifest.validDomains).toEqual(['galleryops.contoso.com']);
    for (const url of [manifest.developer.websiteUrl, manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      expect(new URL(url).host).toBe('galleryops.contoso.com');
    }
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{|\}\}/);
  });

  it('declares the bot for personal, team and group chat scopes without file support', () => {
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(false);
    expect(manifest.webApplicationInfo).toBeUndefined();
  });

  it('replaces command lists written in the template, so the registry stays the only source', () => {
    const template = loadTemplate() as { bots: { commandLists?: JsonValue }[] };
    template.bots[0]!.commandLists = [{ scopes: ['personal'], commands: [{ title: 'stale' }] }];
    const rebuilt = buildManifest(template, sampleSettings, fakeCommands(2));
    expect(rebuilt.bots![0]!.commandLists!.flatMap((l) => l.commands.map((c) => c.title))).toEqual(['command 1', 'command 2', 'command 1', 'command 2']);
  });

  it('omits command lists when no command is popular', () => {
    expect(buildManifest(loadTemplate(), sampleSettings, []).bots![0]!.commandLists).toBeUndefined();
  });

  it('refuses more popular commands than a list holds, naming them', () => {
    expect(() => buildManifest(loadTemplate(), sampleSettings, fakeCommands(MAX_COMMANDS_PER_LIST + 1))).toThrow(
      /13 commands are marked popular.*at most 12.*command 13/,
    );
  });

  it('refuses a template without exactly one bot or with another schema version', () => {
    const noBots = { ...(loadTemplate() as object), bots: [] };
    expect(() => buildManifest(noBots, sampleSettings, [])).toThrow('exactly one bot');
    const oldSchema = { ...(loadTemplate() as object), manifestVersion: '1.16' };
    expect(() => buildManifest(oldSchema, sampleSettings, [])).toThrow('manifestVersion "1.30"');
  });
});

describe('fillPlaceholders', () => {
  it('fills strings at any depth and leaves other values alone', () => {
    const filled = fillPlaceholders({ a: ['x {{host}} y', 3, true, null], b: { c: '{{ host }}' } }, { host: 'h.example' });
    expect(filled).toEqual({ a: ['x h.example y', 3, true, null], b: { c: 'h.example' } });
  });

  it('keeps a value with JSON syntax as plain text', () => {
    expect(fillPlaceholders({ a: '{{v}}' }, { v: '", "x": "' })).toEqual({ a: '", "x": "' });
  });

  it('names every placeholder that has no value', () => {
    expect(() => fillPlaceholders(['{{one}}', '{{two}} {{one}}', '{{known}}'], { known: 'k' })).toThrow(
      'the manifest template uses placeholders with no value: {{one}}, {{two}}',
    );
  });
});
