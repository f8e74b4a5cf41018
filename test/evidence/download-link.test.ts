/**
 * Signed download links: HMAC-SHA256 over the encoded payload, checked in constant time, one valid spelling per
 * link, expiry judged by the injected clock. Every refusal is "malformed" or "forged" until the signature holds.
 */
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { checkEvidenceToken, evidenceLink, MAX_TOKEN_LENGTH, signEvidenceToken } from '../../src/evidence/download-link';

const KEY = 'k'.repeat(48);
const HASH = 'a1'.repeat(32);
const NOW = new Date('2026-11-23T12:00:00Z');
const EXP = NOW.getTime() / 1000 + 3600;
const token = signEvidenceToken({ hash: HASH, exp: EXP }, KEY);

/** A token whose payload says anything, correctly signed with `key`: what someone holding the key could make. */
const signedPayload = (json: string, key = KEY): string => {
  const payload = Buffer.from(json, 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
};

describe('checkEvidenceToken', () => {
  test('a fresh link: its claims', () => {
    expect(checkEvidenceToken(token, KEY, NOW)).toEqual({ ok: true, claims: { hash: HASH, exp: EXP } });
    expect(token.length).toBeLessThan(MAX_TOKEN_LENGTH);
  });

  test('expiry: valid until the second before exp, expired from exp on; expired is only said of a genuine link', () => {
    expect(checkEvidenceToken(token, KEY, new Date((EXP - 1) * 1000)).ok).toBe(true);
    expect(checkEvidenceToken(token, KEY, new Date(EXP * 1000))).toEqual({ ok: false, reason: 'expired', claims: { hash: HASH, exp: EXP } });
    const forgedExpired = signEvidenceToken({ hash: HASH, exp: EXP }, 'another key entirely, 32+ characters');
    expect(checkEvidenceToken(forgedExpired, KEY, new Date(EXP * 1000 + 1))).toEqual({ ok: false, reason: 'forged' });
  });

  test('every single-character change anywhere in the token is refused', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        const changed = `${token.slice(0, i)}${c}${token.slice(i + 1)}`;
        expect(checkEvidenceToken(changed, KEY, NOW).ok).toBe(false);
      }
    }
  });

  test('property: random edits (flip, insert, delete, truncate) never pass', () => {
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom('flip', 'insert', 'delete', 'truncate'), fc.constantFrom(...'Aa0-_.=+/'.split('')), (at, edit, c) => {
        const changed =
          edit === 'flip' ? `${token.slice(0, at)}${token[at] === c ? (c === 'A' ? 'B' : 'A') : c}${token.slice(at + 1)}`
          : edit === 'insert' ? `${token.slice(0, at)}${c}${token.slice(at)}`
          : edit === 'delete' ? `${token.slice(0, at)}${token.slice(at + 1)}`
          : token.slice(0, at);
        return checkEvidenceToken(changed, KEY, NOW).ok === false;
      }),
      { numRuns: 1000 },
    );
  });

  test('payloads and signatures cannot be swapped between links', () => {
    const other = signEvidenceToken({ hash: 'b2'.repeat(32), exp: EXP }, KEY);
    const [p1, s1] = token.split('.');
    const [p2, s2] = other.split('.');
    expect(checkEvidenceToken(`${p1}.${s2}`, KEY, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(checkEvidenceToken(`${p2}.${s1}`, KEY, NOW)).toEqual({ ok: false, reason: 'forged' });
    // A longer life for the same bundle needs a new signature too.
    const longer = Buffer.from(JSON.stringify({ h: HASH, exp: EXP + 86400 })).toString('base64url');
    expect(checkEvidenceToken(`${longer}.${s1}`, KEY, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  test('a wrong key, or a key that differs only in case or length, is refused', () => {
    for (const key of ['K'.repeat(48), 'k'.repeat(47), `${KEY}k`, '']) expect(checkEvidenceToken(token, key, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  test.each<[string, string]>([
    ['empty', ''],
    ['a dot', '.'],
    ['no dot', token.replace('.', '')],
    ['two dots', `${token}.x`],
    ['a signature with padding', `${token}=`],
    ['standard base64 characters', token.replace(/-/g, '+').replace(/_/g, '/') + (token.includes('-') || token.includes('_') ? '' : '+')],
    ['a short signature', token.slice(0, -1)],
    ['a long signature', `${token}A`],
    ['whitespace', ` ${token}`],
    ['percent-encoding', token.replace('.', '%2E')],
    ['path traversal', '../../etc/passwd'],
    ['non-ASCII', `${token.slice(0, 10)}é${token.slice(11)}`],
    ['NUL', `${token.slice(0, 10)}\u0000${token.slice(11)}`],
    ['huge', 'A'.repeat(100_000)],
    ['just over the bound', `${'A'.repeat(MAX_TOKEN_LENGTH - 43)}.${'A'.repeat(43)}`],
  ])('garbage: %s', (_name, garbage) => {
    expect(checkEvidenceToken(garbage, KEY, NOW).ok).toBe(false);
  });

  test.each<[string, string]>([
    ['not JSON', 'not json'],
    ['JSON but not an object', '[1,2]'],
    ['an uppercase hash', JSON.stringify({ h: HASH.toUpperCase(), exp: EXP })],
    ['a short hash', JSON.stringify({ h: HASH.slice(2), exp: EXP })],
    ['exp as a string', JSON.stringify({ h: HASH, exp: String(EXP) })],
    ['exp with a fraction', JSON.stringify({ h: HASH, exp: EXP + 0.5 })],
    ['exp in the past as a negative number', JSON.stringify({ h: HASH, exp: -1 })],
    ['an extra claim', JSON.stringify({ h: HASH, exp: EXP, admin: true })],
    ['a missing claim', JSON.stringify({ h: HASH })],
  ])('a correctly signed payload this code never writes is refused as forged: %s', (_name, json) => {
    // Positive control: the helper's signature is right, so only the content can be what is refused.
    expect(checkEvidenceToken(signedPayload(JSON.stringify({ h: HASH, exp: EXP })), KEY, NOW).ok).toBe(true);
    expect(checkEvidenceToken(signedPayload(json), KEY, NOW)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('evidenceLink', () => {
  test('the public base URL (trailing slashes dropped), /evidence/, the token; expiry after the configured minutes', () => {
    const link = evidenceLink({ publicBaseUrl: 'https://galleryops.contoso.com//', signingKey: KEY, linkTtlMinutes: 90 }, HASH, NOW);
    expect(link.expiresAt).toEqual(new Date(NOW.getTime() + 90 * 60_000));
    expect(link.url).toMatch(/^https:\/\/galleryops\.contoso\.com\/evidence\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const check = checkEvidenceToken(link.url.split('/evidence/')[1]!, KEY, NOW);
    expect(check).toEqual({ ok: true, claims: { hash: HASH, exp: link.expiresAt.getTime() / 1000 } });
  });
});
