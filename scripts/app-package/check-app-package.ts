import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { ICON_SPECS, type IconRole } from '../icons/icon-specs';
import { outlineColorProblem } from '../icons/outline-rule';
import { readZip, type ZipEntry } from './read-zip';
import { validateManifest } from './validate-manifest';

const MANIFEST_FILE = 'manifest.json';

/**
 * Re-opens a written app package and lists what Teams would reject (empty = fine): exactly manifest.json and
 * the two icons at the root, a manifest that passes the bundled schema, icons of the required sizes, and an
 * outline icon that is only white on transparency.
 */
export async function checkAppPackage(zipFile: string): Promise<string[]> {
  let entries: ZipEntry[];
  try {
    entries = readZip(readFileSync(zipFile));
  } catch (err) {
    return [`${zipFile}: ${(err as Error).message}`];
  }
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) return [`${MANIFEST_FILE} is missing from the package root`];
  let manifest: { icons?: Partial<Record<IconRole, unknown>> };
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as typeof manifest;
  } catch (err) {
    return [`${MANIFEST_FILE} is not JSON: ${(err as Error).message}`];
  }

  const problems = (await validateManifest(manifest)).map((p) => `${MANIFEST_FILE} schema: ${p}`);
  const expected = new Set([MANIFEST_FILE]);
  for (const role of Object.keys(ICON_SPECS) as IconRole[]) {
    const file = manifest.icons?.[role];
    if (typeof file !== 'string') continue; // already reported by the schema check
    expected.add(file);
    const bytes = files.get(file);
    if (bytes) problems.push(...iconProblems(role, file, bytes));
    else problems.push(`icons.${role} names ${file}, which is not in the package`);
  }
  const names = entries.map((e) => e.name);
  const unexpected = names.filter((n) => !expected.has(n));
  if (unexpected.length > 0) problems.push(`unexpected files in the package: ${unexpected.join(', ')}`);
  if (new Set(names).size !== names.length) problems.push('the package holds the same file name twice');
  return problems;
}

function iconProblems(role: IconRole, file: string, bytes: Buffer): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (err) {
    return [`${file} is not a PNG: ${(err as Error).message}`];
  }
  const { size } = ICON_SPECS[role];
  if (png.width !== size || png.height !== size) return [`${file} is ${png.width}×${png.height}; the ${role} icon must be ${size}×${size}`];
  const colorProblem = role === 'outline' ? outlineColorProblem(png) : undefined;
  return colorProblem ? [`${file}: ${colorProblem}`] : [];
}
