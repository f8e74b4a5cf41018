import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: ids are typed by hand (`cancel CR-7K3F9QXM`, `unsubscribe S-7K3F9Q`),
// so there are no look-alikes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short random id such as `CR-7K3F9QXM`: `prefix`, a dash, `length` characters of the alphabet above. */
export function randomTypableId(prefix: string, length: number, random: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[random(ALPHABET.length)];
  return `${prefix}-${s}`;
}

/** How users may type an id: any case, with or without the prefix and its dash, O/I/L read as 0/1/1. */
export function normalizeTypableId(prefix: string, typed: string): string {
  const body = typed.trim().toUpperCase().replace(new RegExp(`^${prefix}-?`), '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${prefix}-${body}`;
}
