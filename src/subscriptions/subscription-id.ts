import { normalizeTypableId, randomTypableId } from '../ids/typable-id';

/** A short, typable subscription id such as `S-7K3F9Q` (30 bits; a conversation has a handful). */
export function randomSubscriptionId(random?: (max: number) => number): string {
  return randomTypableId('S', 6, random);
}

/** How users may type a subscription id: any case, with or without the `S-` prefix, O/I/L read as 0/1/1. */
export function normalizeSubscriptionId(typed: string): string {
  return normalizeTypableId('S', typed);
}
