import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U, like request ids: typed by hand in `unsubscribe`.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short, typable subscription id such as `S-7K3F9Q` (30 bits; a conversation has a handful). */
export function randomSubscriptionId(random: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += ALPHABET[random(ALPHABET.length)];
  return `S-${s}`;
}

/** How users may type an id: any case, with or without the `S-` prefix, O/I/L read as 0/1/1. */
export function normalizeSubscriptionId(typed: string): string {
  const body = typed.trim().toUpperCase().replace(/^S-?/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `S-${body}`;
}
