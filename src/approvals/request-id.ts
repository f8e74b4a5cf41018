import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: ids are typed by hand (`cancel CR-7K3F9QXM`), so no look-alikes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short, typable, random request id such as `CR-7K3F9QXM` (40 bits: collisions are refused by the store). */
export function randomRequestId(random: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[random(ALPHABET.length)];
  return `CR-${s}`;
}

/** How users may type an id: any case, with or without the `CR-` prefix, O/I/L read as 0/1/1. */
export function normalizeRequestId(typed: string): string {
  const body = typed.trim().toUpperCase().replace(/^CR-?/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `CR-${body}`;
}
