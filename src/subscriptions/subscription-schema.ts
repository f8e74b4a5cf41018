import { z } from 'zod';
import { WATCH_EVENT_KINDS, type Subscription } from './subscription';

const galleryKey = { subscriptionId: z.string(), resourceGroup: z.string(), gallery: z.string() };

/** Runtime check of a subscription read back from storage; typed against the interface so they cannot drift. */
export const subscriptionSchema: z.ZodType<Subscription> = z.object({
  id: z.string(),
  conversationId: z.string(),
  address: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('gallery'), ...galleryKey }),
    z.object({ kind: z.literal('image'), ...galleryKey, image: z.string() }),
  ]),
  label: z.string(),
  events: z.array(z.enum(WATCH_EVENT_KINDS)),
  digest: z.object({ time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), timeZone: z.string() }).optional(),
  createdBy: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
  createdAt: z.string(),
  mutedUntil: z.string().optional(),
  mutedBy: z.string().optional(),
}) as z.ZodType<Subscription>;
