import { z } from 'zod';
import type { ChangeRequest } from './change-request';

/**
 * Runtime check of a change request read back from storage (a file someone edited, a row another version
 * wrote). Typed against the interface so the two cannot drift apart.
 */
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date');
const actor = z.object({ aadObjectId: z.string().min(1), name: z.string(), teamsUserId: z.string().optional() });
const decision = z.object({ by: actor, at: iso });
const json = z.json();

export const changeRequestSchema: z.ZodType<ChangeRequest> = z.object({
  id: z.string().min(1),
  revision: z.number().int().min(1),
  kind: z.enum(['promote-latest', 'promote-regions', 'promote-stage', 'retire', 'repair']),
  target: z.object({
    subscriptionId: z.string(),
    resourceGroup: z.string(),
    gallery: z.string(),
    image: z.string(),
    version: z.string(),
  }),
  toStage: z.string().optional(),
  changes: z.array(
    z.object({
      method: z.enum(['PATCH', 'PUT']),
      resourceId: z.string(),
      fields: z.array(z.object({ field: z.string(), before: json, after: json })),
    }),
  ),
  gates: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string().optional(), waitsFor: z.string().optional(), fix: z.string().optional() })),
  warnings: z.array(z.string()),
  // Optional: requests stored before it existed stay readable.
  latest: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
  scope: z.object({ action: z.enum(['promote', 'retire', 'repair']), gallery: z.string(), image: z.string() }),
  requester: actor.extend({ teamsUserId: z.string() }),
  reason: z.string().optional(),
  createdAt: iso,
  expiresAt: iso,
  requiredApprovals: z.number().int().min(1),
  approvals: z.array(decision),
  approvedAt: iso.optional(),
  rejection: decision.extend({ comment: z.string().optional() }).optional(),
  cancellation: decision.optional(),
  expiredAt: iso.optional(),
  state: z.enum(['pending', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'cancelled', 'expired']),
  execution: z
    .object({
      startedAt: iso,
      intentRecordedAt: iso,
      armOperation: z.string().optional(),
      attempts: z.number().int().min(0),
      owner: z.string().optional(),
      unknown: z.object({ since: iso, reason: z.string(), overdueAt: iso.optional(), armFailure: z.string().optional() }).optional(),
      basis: z.enum(['operation', 'read-back', 'gate']).optional(),
      heartbeatAt: iso.optional(),
      finishedAt: iso.optional(),
      error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
      result: z.object({ summary: z.string() }).optional(),
      progress: z.object({ text: z.string(), at: iso }).optional(),
    })
    .optional(),
  cards: z.array(z.object({ conversationId: z.string(), activityId: z.string(), serviceUrl: z.string() })),
  waiting: z.object({ for: z.string(), checkedAt: iso }).optional(),
  auditAnchor: z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
