import { writeFileSync } from 'node:fs';
import { projectPath } from '../src/project-root';
import { ICON_SPECS } from './icons/icon-specs';
import { renderColorIcon, renderOutlineIcon } from './icons/render-icons';

/**
 * Regenerates manifest/color.png and manifest/outline.png. The PNGs are committed so packaging needs no
 * drawing step; a test checks they still match what this script draws.
 * Run: `npm run icons`.
 */
function main(): void {
  const outputs = [
    { file: ICON_SPECS.color.file, bytes: renderColorIcon() },
    { file: ICON_SPECS.outline.file, bytes: renderOutlineIcon() },
  ];
  for (const { file, bytes } of outputs) {
    const path = projectPath('manifest', file);
    writeFileSync(path, bytes);
    console.log(`wrote ${path} (${bytes.length} bytes)`);
  }
}

main();
