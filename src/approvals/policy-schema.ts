import { z } from 'zod';
import { hookSchema } from '../hooks/hook-schema';
import { stagesFileSchema } from '../stages';

/**
 * The policy file's JSON format (see config/policy.example.json). Kept apart from the loader so the format can
 * be read, and documented, in one place.
 */

// Entra object ids are GUIDs; the demo's chat client uses GUID-shaped ids with a longer last group, so only
// the alphabet is enforced. That still catches the common mistake of writing an e-mail address or a name.
const objectId = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f-]{4,64}$/i, 'must be an Entra object id (a GUID such as 3f2b…), not a name or e-mail');

/** A person: an object id, or `{ id, name }` where the name is only a label for cards and messages. */
export const personSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { id: v } : v),
  z.object({ id: objectId, name: z.string().trim().min(1).max(120).optional() }).strict(),
);

export const policyActionSchema = z.enum(['promote', 'retire', 'repair']);

/** The knobs a rule may set; `defaults` sets them for every rule that does not. */
const knobs = {
  minApprovals: z.number().int().min(1).max(20).optional(),
  allowSelfApproval: z.boolean().optional(),
  expiresAfterHours: z.number().positive().max(24 * 30).optional(),
  reasonRequired: z.boolean().optional(),
  allowUnsafeRetirement: z.boolean().optional(),
};

export const ruleSchema = z
  .object({
    /** Free text for humans; ignored. */
    description: z.string().optional(),
    /** The gallery whose content changes (for a promotion to a stage: that stage's gallery). */
    gallery: z.string().trim().min(1).max(80),
    /** An image definition in that gallery; a rule with one wins over the gallery-wide rule. */
    image: z.string().trim().min(1).max(80).optional(),
    // `repair` came later: a rule written before it does not grant it silently (it may remove a region for a while).
    actions: z.array(policyActionSchema).min(1).default(['promote', 'retire']),
    requesters: z.array(personSchema).min(1),
    approvers: z.array(personSchema).min(1),
    /** A Teams conversation id (e.g. `19:…@thread.tacv2`) where the request card is also posted. */
    approvalsChannel: z.string().trim().min(1).max(300).optional(),
    ...knobs,
  })
  .strict();

export const policyFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** Free text for humans; ignored. */
    description: z.string().optional(),
    stages: stagesFileSchema.shape.stages,
    defaults: z.object(knobs).strict().default({}),
    rules: z.array(ruleSchema),
    /** Who may `subscribe` in a channel (absent: anyone in the team); personal and group chats are their members' own. */
    subscriptions: z.object({ channelSubscribers: z.array(personSchema).min(1).optional() }).strict().optional(),
    /** Outgoing hooks to incident tools (webhook, PagerDuty); their secrets are named settings, never written here. */
    hooks: z.array(hookSchema).optional(),
  })
  .strict();

/** The policy file as written, before defaults are applied. */
export type PolicyFile = z.infer<typeof policyFileSchema>;
