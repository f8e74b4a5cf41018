import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { TeamsManifest } from './build-manifest';

/** A fixed timestamp makes the same inputs produce the same zip bytes, so rebuilds are comparable. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Writes the Teams app package: manifest.json and the two icons the manifest names, all at the zip root
 * (Teams rejects packages whose files sit in a folder). Icon files are read from `iconsDir`.
 */
export async function writeAppPackage(manifest: TeamsManifest, iconsDir: string, outFile: string): Promise<void> {
  const zip = new ZipFile();
  const options = { mtime: FIXED_MTIME, mode: 0o100644 };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json', options);
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.addBuffer(readFileSync(join(iconsDir, icon)), icon, options);
  }
  zip.end();
  mkdirSync(dirname(outFile), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(outFile));
}
