/** An inside test on the unit square (x right, y down). */
export type Shape = (x: number, y: number) => boolean;

/**
 * Per-pixel coverage (0..1) of a shape on a size×size grid, by sampling `samples`×`samples` points inside each
 * pixel. That is enough anti-aliasing for a 32 px glyph without a vector renderer dependency.
 */
export function coverage(shape: Shape, size: number, samples = 4): Float64Array {
  const result = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      result[py * size + px] = hits / (samples * samples);
    }
  }
  return result;
}
