/** Just the pixels of a decoded PNG (RGBA, row by row). */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Teams paints the outline icon in the theme colour, so it must be white on transparency: every pixel is
 * either fully transparent or white (any alpha, for anti-aliased edges). Returns why not, or undefined.
 */
export function outlineColorProblem(png: Rgba): string | undefined {
  let visible = 0;
  for (let p = 0; p < png.width * png.height; p++) {
    const [r, g, b, a] = [png.data[p * 4], png.data[p * 4 + 1], png.data[p * 4 + 2], png.data[p * 4 + 3]];
    if (a === 0) continue;
    if (r !== 255 || g !== 255 || b !== 255) {
      return `pixel (${p % png.width}, ${Math.floor(p / png.width)}) is rgb(${r}, ${g}, ${b}); the outline icon may only be white on transparency`;
    }
    visible++;
  }
  if (visible === 0) return 'the outline icon is fully transparent';
  if (visible === png.width * png.height) return 'the outline icon has no transparent pixels';
  return undefined;
}
