import { z } from 'zod';

/** One stage of the promotion path: its name and the gallery that holds its versions. */
export interface Stage {
  name: string;
  gallery: string;
}

/**
 * The stages file: an ordered promotion path, first stage first (demo: staging → production). The last stage
 * is "production": an image name found in several stages means the last stage's gallery.
 */
export const stagesFileSchema = z.object({
  stages: z
    .array(z.object({ name: z.string().trim().min(1).max(40), gallery: z.string().trim().min(1).max(80) }).strict())
    .refine((s) => new Set(s.map((x) => x.name.toLowerCase())).size === s.length, 'stage names must be unique')
    .refine((s) => new Set(s.map((x) => x.gallery.toLowerCase())).size === s.length, 'a gallery can be in one stage only'),
});
