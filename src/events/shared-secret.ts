import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `given` equals `secret`, in time that depends on neither's content nor length: both are hashed first,
 * so `timingSafeEqual` always compares 32 bytes and a caller learns nothing from how long a refusal took.
 */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}
