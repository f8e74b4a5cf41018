/**
 * The GalleryOps glyph: three stacked isometric layers (a filled diamond on top, two chevrons below), read as
 * "image versions stacked in a gallery". Defined as an inside test on the unit square (x right, y down) so
 * the same shape renders at any size and stays in one place for both icons.
 */

/** Half-width and half-height of each layer: a 2:1 diamond looks like a tile seen in isometric view. */
const HALF_WIDTH = 0.4;
const HALF_HEIGHT = 0.2;
/** Vertical distance between layers; the chevrons are this thick minus the gap. */
const LAYER_STEP = 0.15;
/** How far each upper layer is inflated when it is cut out of the one below, leaving a visible gap. */
const GAP = 0.2;
/** The top layer's centre, chosen so the three layers together are centred on the square. */
const TOP_CENTER_Y = 0.5 - LAYER_STEP;

function diamond(x: number, y: number, centerY: number, inflate = 0): boolean {
  return Math.abs(x - 0.5) / HALF_WIDTH + Math.abs(y - centerY) / HALF_HEIGHT <= 1 + inflate;
}

/** True when the point (unit coordinates) is part of the glyph. */
export function insideLayersGlyph(x: number, y: number): boolean {
  if (diamond(x, y, TOP_CENTER_Y)) return true;
  for (let layer = 1; layer <= 2; layer++) {
    const center = TOP_CENTER_Y + layer * LAYER_STEP;
    // A layer shows only where the (slightly inflated) layer above does not cover it: a V-shaped band.
    if (diamond(x, y, center) && !diamond(x, y, center - LAYER_STEP, GAP)) return true;
  }
  return false;
}

/** The same glyph shrunk about the centre by `scale` (1 = fills the square edge to edge, minus its own margin). */
export function scaledGlyph(scale: number): (x: number, y: number) => boolean {
  return (x, y) => insideLayersGlyph(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale);
}
