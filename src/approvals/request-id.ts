import { normalizeTypableId, randomTypableId } from '../ids/typable-id';

/** A short, typable, random request id such as `CR-7K3F9QXM` (40 bits: collisions are refused by the store). */
export function randomRequestId(random?: (max: number) => number): string {
  return randomTypableId('CR', 8, random);
}

/** How users may type a request id: any case, with or without the `CR-` prefix, O/I/L read as 0/1/1. */
export function normalizeRequestId(typed: string): string {
  return normalizeTypableId('CR', typed);
}
