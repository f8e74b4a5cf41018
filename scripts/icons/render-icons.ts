import { PNG } from 'pngjs';
import { ICON_SPECS } from './icon-specs';
import { scaledGlyph } from './layers-glyph';
import { coverage } from './rasterize';

/** Teams crops the colour icon to a rounded tile, so the glyph keeps well inside the centre. */
const COLOR_GLYPH_SCALE = 0.72;
/** The outline icon is tiny: the glyph fills it, its own margin keeps it off the edges. */
const OUTLINE_GLYPH_SCALE = 1.05;

/** A gentle diagonal light-to-dark blue; full-bleed and opaque, because Teams applies its own rounded mask. */
const TOP_LEFT = { r: 0x1a, g: 0x8c, b: 0xe6 };
const BOTTOM_RIGHT = { r: 0x00, g: 0x5a, b: 0xa8 };

/** The 192×192 colour icon: white glyph on an opaque Azure-blue background, as PNG bytes. */
export function renderColorIcon(): Buffer {
  const size = ICON_SPECS.color.size;
  const cover = coverage(scaledGlyph(COLOR_GLYPH_SCALE), size);
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * (size - 1));
      const c = cover[y * size + x] ?? 0;
      const i = (y * size + x) * 4;
      png.data[i] = mix(mix(TOP_LEFT.r, BOTTOM_RIGHT.r, t), 255, c);
      png.data[i + 1] = mix(mix(TOP_LEFT.g, BOTTOM_RIGHT.g, t), 255, c);
      png.data[i + 2] = mix(mix(TOP_LEFT.b, BOTTOM_RIGHT.b, t), 255, c);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/**
 * The 32×32 outline icon: the glyph in white on transparency. Every pixel is white (RGB 255) and only alpha
 * varies, because Teams recolours the outline icon and rejects any other colour.
 */
export function renderOutlineIcon(): Buffer {
  const size = ICON_SPECS.outline.size;
  const cover = coverage(scaledGlyph(OUTLINE_GLYPH_SCALE), size);
  const png = new PNG({ width: size, height: size });
  for (let p = 0; p < size * size; p++) {
    png.data.fill(255, p * 4, p * 4 + 3);
    png.data[p * 4 + 3] = Math.round(255 * (cover[p] ?? 0));
  }
  return PNG.sync.write(png);
}

function mix(from: number, to: number, t: number): number {
  return Math.round(from + (to - from) * t);
}
