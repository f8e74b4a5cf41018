import { z } from 'zod';
import type { AuditHead, AuditRecord } from './audit-record';

/** Runtime check of audit data read back from storage; typed against the interfaces so they cannot drift. */
export const auditRecordSchema: z.ZodType<AuditRecord> = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }),
  action: z.string(),
  requestId: z.string().optional(),
  image: z.string().optional(),
  version: z.string().optional(),
  details: z.record(z.string(), z.json()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditHeadSchema: z.ZodType<AuditHead> = z.object({ seq: z.number().int().min(0), hash: z.string() });
