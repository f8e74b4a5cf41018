import { z } from 'zod';

/** One stage of the promotion path: its name and the gallery that holds its versions. */
export interface Stage {
  name: string;
  gallery: string;
  /**
   * Whether a copy promoted into this stage keeps its source's end of life. Default no: an earlier stage's
   * versions often have short lives (a test image cleaned up in weeks) that must not retire the copy.
   */
  copyEndOfLife?: boolean;
}

/**
 * The stages file: an ordered promotion path, first stage first (demo: staging → production). The last stage
 * is "production": an image name found in several stages means the last stage's gallery.
 */
export const stagesFileSchema = z.object({
  stages: z
    .array(z.object({ name: z.string().trim().min(1).max(40), gallery: z.string().trim().min(1).max(80), copyEndOfLife: z.boolean().optional() }).strict())
    .refine((s) => new Set(s.map((x) => x.name.toLowerCase())).size === s.length, 'stage names must be unique')
    .refine((s) => new Set(s.map((x) => x.gallery.toLowerCase())).size === s.length, 'a gallery can be in one stage only'),
});
