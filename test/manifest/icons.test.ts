import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { ICON_SPECS } from '../../scripts/icons/icon-specs';
import { outlineColorProblem } from '../../scripts/icons/outline-rule';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/icons/render-icons';
import { projectPath } from '../../src/project-root';

const committed = (file: string) => PNG.sync.read(readFileSync(projectPath('manifest', file)));
const alphas = (png: PNG) => Array.from({ length: png.width * png.height }, (_, p) => png.data[p * 4 + 3]!);

describe('the committed app icons', () => {
  const color = committed(ICON_SPECS.color.file);
  const outline = committed(ICON_SPECS.outline.file);

  it('have the sizes Teams requires: colour 192×192, outline 32×32', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('colour icon is fully opaque and not one flat colour', () => {
    expect(alphas(color).every((a) => a === 255)).toBe(true);
    const whitePixels = alphas(color).filter((_, p) => color.data[p * 4] === 255 && color.data[p * 4 + 1] === 255 && color.data[p * 4 + 2] === 255);
    expect(whitePixels.length).toBeGreaterThan(192 * 192 * 0.1); // the glyph
    expect(whitePixels.length).toBeLessThan(192 * 192 * 0.5); // on a background
  });

  it('outline icon has only white or fully transparent pixels, and some of each', () => {
    let transparent = 0;
    let white = 0;
    for (let p = 0; p < 32 * 32; p++) {
      const [r, g, b, a] = outline.data.subarray(p * 4, p * 4 + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else throw new Error(`pixel ${p} is rgba(${r}, ${g}, ${b}, ${a})`);
    }
    expect(transparent).toBeGreaterThan(100);
    expect(white).toBeGreaterThan(100);
    expect(outlineColorProblem(outline)).toBeUndefined();
  });

  it('are what scripts/make-icons.ts draws (run `npm run icons` after changing the drawing)', () => {
    // Pixels, not bytes: PNG compression may differ between zlib versions while the image is the same.
    expect(PNG.sync.read(renderColorIcon()).data.equals(color.data)).toBe(true);
    expect(PNG.sync.read(renderOutlineIcon()).data.equals(outline.data)).toBe(true);
  });
});

describe('outlineColorProblem', () => {
  const blank = (fill: number[]) => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) data.set(fill, p * 4);
    return { width: 4, height: 4, data };
  };

  it('rejects a coloured pixel, an empty icon and an icon without transparency', () => {
    const tinted = blank([255, 255, 255, 0]);
    tinted.data.set([255, 255, 255, 255], 0);
    tinted.data.set([0, 120, 212, 255], 4 * 5);
    expect(outlineColorProblem(tinted)).toMatch(/pixel \(1, 1\) is rgb\(0, 120, 212\)/);
    expect(outlineColorProblem(blank([255, 255, 255, 0]))).toMatch(/fully transparent/);
    expect(outlineColorProblem(blank([255, 255, 255, 255]))).toMatch(/no transparent pixels/);
  });

  it('accepts white pixels of any opacity on transparency (anti-aliased edges)', () => {
    const icon = blank([0, 0, 0, 0]);
    icon.data.set([255, 255, 255, 128], 0);
    expect(outlineColorProblem(icon)).toBeUndefined();
  });
});
