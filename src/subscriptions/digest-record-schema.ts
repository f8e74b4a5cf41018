import { z } from 'zod';
import type { DigestRecord } from './digest-store';

/** Runtime check of a digest record read back from storage. */
export const digestRecordSchema: z.ZodType<DigestRecord> = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sentAt: z.string(),
  findings: z.array(z.object({ key: z.string(), label: z.string() })),
});
