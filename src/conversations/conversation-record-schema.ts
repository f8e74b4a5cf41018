import { z } from 'zod';
import type { ConversationRecord } from './conversation-store';

/** Runtime check of a conversation record read back from storage; typed against the interface so they cannot drift. */
export const conversationRecordSchema: z.ZodType<ConversationRecord> = z.object({
  key: z.string(),
  value: z.json(),
  updatedAt: z.string(),
});
