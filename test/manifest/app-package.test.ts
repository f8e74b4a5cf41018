import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';
import { checkAppPackage } from '../../scripts/app-package/check-app-package';
import { buildManifest } from '../../scripts/app-package/build-manifest';
import { AppPackageError, createAppPackage } from '../../scripts/app-package/create-app-package';
import { readZip } from '../../scripts/app-package/read-zip';
import { validateManifest } from '../../scripts/app-package/validate-manifest';
import { manifestCommands } from '../../src/commands/registry';
import { projectPath } from '../../src/project-root';
import { loadTemplate, sampleSettings } from './fixtures';

describe('createAppPackage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galleryops-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const create = (iconsDir = projectPath('manifest'), outFile = join(dir, 'galleryops.zip')) =>
    createAppPackage({ template: loadTemplate(), settings: sampleSettings, commands: manifestCommands(), iconsDir, outFile });

  it('writes a zip holding exactly manifest.json, color.png and outline.png at the root', async () => {
    await create();
    const entries = readZip(readFileSync(join(dir, 'galleryops.zip')));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const byName = new Map(entries.map((e) => [e.name, e.data]));
    expect(byName.get('color.png')!.equals(readFileSync(projectPath('manifest', 'color.png')))).toBe(true);
    expect(byName.get('outline.png')!.equals(readFileSync(projectPath('manifest', 'outline.png')))).toBe(true);
  });

  it('packs a manifest that validates and carries the settings and the registry\'s commands', async () => {
    const returned = await create();
    const manifestEntry = readZip(readFileSync(join(dir, 'galleryops.zip'))).find((e) => e.name === 'manifest.json')!;
    const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as typeof returned;
    expect(manifest).toEqual(returned);
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.bots![0]!.botId).toBe(sampleSettings.botAppId);
    expect(manifest.validDomains).toEqual([sampleSettings.publicHostname]);
    expect(manifest.bots![0]!.commandLists![0]!.commands.map((c) => c.title)).toEqual(manifestCommands().map((c) => c.title));
  });

  it('produces the same bytes for the same inputs', async () => {
    await create(undefined, join(dir, 'a.zip'));
    await create(undefined, join(dir, 'b.zip'));
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
  });

  it('refuses a package whose outline icon has the wrong size, after re-reading what it wrote', async () => {
    const icons = join(dir, 'icons');
    mkdirSync(icons);
    writeFileSync(join(icons, 'color.png'), readFileSync(projectPath('manifest', 'color.png')));
    writeFileSync(join(icons, 'outline.png'), PNG.sync.write(new PNG({ width: 48, height: 48 })));
    const error = await create(icons).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).problems).toEqual([expect.stringContaining('outline.png is 48×48; the outline icon must be 32×32')]);
  });
});

describe('checkAppPackage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galleryops-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A zip with exactly these entries, bypassing writeAppPackage, to feed the checker broken packages. */
  async function zipOf(files: Record<string, Buffer | string>): Promise<string> {
    const zip = new ZipFile();
    for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name);
    zip.end();
    const out = join(dir, 'test.zip');
    await pipeline(zip.outputStream, createWriteStream(out));
    return out;
  }
  const goodManifest = () => JSON.stringify(buildManifest(loadTemplate(), sampleSettings, manifestCommands()));
  const icon = (file: string) => readFileSync(projectPath('manifest', file));

  it('accepts a good package (positive control for the cases below)', async () => {
    expect(await checkAppPackage(await zipOf({ 'manifest.json': goodManifest(), 'color.png': icon('color.png'), 'outline.png': icon('outline.png') }))).toEqual([]);
  });

  it('reports a schema-invalid manifest', async () => {
    const manifest = JSON.stringify({ ...JSON.parse(goodManifest()), id: 'not-a-guid' });
    const problems = await checkAppPackage(await zipOf({ 'manifest.json': manifest, 'color.png': icon('color.png'), 'outline.png': icon('outline.png') }));
    expect(problems).toEqual([expect.stringMatching(/^manifest\.json schema: \/id /)]);
  });

  it('reports a missing icon, an extra file and a folder-wrapped manifest', async () => {
    expect(await checkAppPackage(await zipOf({ 'manifest.json': goodManifest(), 'color.png': icon('color.png'), 'notes.txt': 'x' }))).toEqual([
      'icons.outline names outline.png, which is not in the package',
      'unexpected files in the package: notes.txt',
    ]);
    expect(await checkAppPackage(await zipOf({ 'app/manifest.json': goodManifest() }))).toEqual(['manifest.json is missing from the package root']);
  });

  it('reports a coloured outline icon', async () => {
    const png = new PNG({ width: 32, height: 32 });
    png.data.fill(0);
    png.data.set([0, 120, 212, 255], 0);
    const problems = await checkAppPackage(await zipOf({ 'manifest.json': goodManifest(), 'color.png': icon('color.png'), 'outline.png': PNG.sync.write(png) }));
    expect(problems).toEqual([expect.stringContaining('outline.png: pixel (0, 0) is rgb(0, 120, 212)')]);
  });

  it('reports a file that is not a zip', async () => {
    const file = join(dir, 'not.zip');
    writeFileSync(file, 'hello');
    expect(await checkAppPackage(file)).toEqual([expect.stringContaining('not a zip archive')]);
  });
});

describe('readZip', () => {
  it('detects a corrupted entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galleryops-zip-'));
    try {
      const zip = join(dir, 'p.zip');
      await createAppPackage({ template: loadTemplate(), settings: sampleSettings, commands: [], iconsDir: projectPath('manifest'), outFile: zip });
      const bytes = readFileSync(zip);
      const entries = readZip(bytes);
      expect(entries).toHaveLength(3);
      // Flip one byte inside the first entry's data, which follows its 30-byte header, name and extra field.
      const dataStart = 30 + bytes.readUInt16LE(26) + bytes.readUInt16LE(28);
      bytes[dataStart + 5] = bytes[dataStart + 5]! ^ 0xff;
      expect(() => readZip(bytes)).toThrow(/manifest\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
