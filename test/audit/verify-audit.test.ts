import { GENESIS_HASH, type AuditRecord } from '../../src/audit/audit-record';
import { hashAuditRecord } from '../../src/audit/hash-record';
import { verifyAudit } from '../../src/audit/verify-audit';

/** A valid chain of n records built the way the audit log builds them. */
function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const body = { seq, at: `2026-11-20T09:00:0${seq % 10}.000Z`, actor: { id: 'system', name: 'GalleryOps' }, action: 'x', details: { seq }, prevHash: out.at(-1)?.hash ?? GENESIS_HASH };
    out.push({ ...body, hash: hashAuditRecord(body) });
  }
  return out;
}
const head = (records: AuditRecord[]) => ({ seq: records.at(-1)?.seq ?? 0, hash: records.at(-1)?.hash ?? GENESIS_HASH });
const rehash = (r: AuditRecord): AuditRecord => ({ ...r, hash: hashAuditRecord(r) });

describe('verifyAudit', () => {
  const good = chain(6);

  it('accepts an intact chain, with or without its head', () => {
    expect(verifyAudit(good)).toEqual({ ok: true, count: 6, head: head(good) });
    expect(verifyAudit(good, head(good))).toMatchObject({ ok: true, count: 6 });
    expect(verifyAudit([])).toEqual({ ok: true, count: 0 });
  });

  it('the hash covers every field but itself', () => {
    for (const field of ['at', 'actor', 'action', 'details', 'prevHash'] as const) {
      const edited = good.map((r) => (r.seq === 3 ? { ...r, [field]: 'changed' } : r));
      expect(verifyAudit(edited)).toEqual({ ok: false, seq: 3, problem: 'edited' });
    }
    const extra = good.map((r) => (r.seq === 3 ? { ...r, requestId: 'CR-X' } : r));
    expect(verifyAudit(extra)).toEqual({ ok: false, seq: 3, problem: 'edited' });
  });

  it.each<[string, (c: AuditRecord[]) => AuditRecord[], { seq: number; problem: string }]>([
    ['an edited record', (c) => c.map((r) => (r.seq === 4 ? { ...r, details: { seq: 40 } } : r)), { seq: 4, problem: 'edited' }],
    ['an edited record with a recomputed hash', (c) => c.map((r) => (r.seq === 4 ? rehash({ ...r, details: { seq: 40 } }) : r)), { seq: 4, problem: 'edited' }],
    ['the first record edited and re-hashed', (c) => c.map((r) => (r.seq === 1 ? rehash({ ...r, action: 'y' }) : r)), { seq: 1, problem: 'edited' }],
    ['a removed record', (c) => c.filter((r) => r.seq !== 3), { seq: 3, problem: 'removed' }],
    ['the first record removed', (c) => c.slice(1), { seq: 1, problem: 'removed' }],
    ['two records swapped', (c) => [c[0], c[2], c[1], ...c.slice(3)] as AuditRecord[], { seq: 2, problem: 'reordered' }],
    ['a record moved to the end', (c) => [...c.filter((r) => r.seq !== 2), c[1]] as AuditRecord[], { seq: 2, problem: 'reordered' }],
    ['a duplicated record', (c) => [...c.slice(0, 3), c[2], ...c.slice(3)] as AuditRecord[], { seq: 3, problem: 'inserted' }],
    ['a forged record slipped in with a taken seq', (c) => [...c.slice(0, 3), rehash({ ...(c[3] as AuditRecord), action: 'forged' }), ...c.slice(3)], { seq: 4, problem: 'inserted' }],
  ])('detects %s', (_name, tamper, verdict) => {
    expect(verifyAudit(tamper(good), head(good))).toEqual({ ok: false, ...verdict });
  });

  it('uses the head to catch what the records alone cannot', () => {
    expect(verifyAudit(good.slice(0, 4), head(good))).toEqual({ ok: false, seq: 5, problem: 'removed' });
    expect(verifyAudit(good, head(good.slice(0, 5)))).toEqual({ ok: false, seq: 6, problem: 'inserted' });
    const rewritten = chain(6).map((r) => (r.seq === 6 ? rehash({ ...r, action: 'other' }) : r));
    expect(verifyAudit(rewritten, head(good))).toEqual({ ok: false, seq: 6, problem: 'edited' });
  });
});
