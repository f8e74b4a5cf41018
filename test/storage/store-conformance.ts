import type { ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import type { AuditEntry, AuditRecord } from '../../src/audit/audit-record';
import { createAuditLog } from '../../src/audit/audit-log';
import { hashAuditRecord } from '../../src/audit/hash-record';
import type { JsonValue } from '../../src/json-value';
import type { ConversationRecord, Store } from '../../src/storage/store-port';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion } from '../approvals/fixtures';

/** Direct access to a store's audit data, the way someone trying to rewrite history would have it. */
export interface AuditTamper {
  edit(seq: number, change: (record: AuditRecord) => AuditRecord): Promise<void>;
  remove(seq: number): Promise<void>;
  /** Swaps the contents of two stored records, leaving each record intact. */
  swap(a: number, b: number): Promise<void>;
  /** Writes a record as-is, bypassing the head. */
  put(record: AuditRecord): Promise<void>;
}

/** One backend under test: a fresh, empty store plus ways to reopen it and to tamper with it. */
export interface StoreHarness {
  store: Store;
  /** Another Store object on the same data: a restarted bot, or a second instance. */
  reopen(): Promise<Store>;
  tamper: AuditTamper;
  cleanup(): Promise<void>;
}

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: minutes(n).toISOString(),
  actor: { id: 'system', name: 'GalleryOps' },
  action: 'test.entry',
  details: { n, text: 'zürich ✓', nested: { b: [1, 2.5, null], a: true } },
  ...extra,
});

/** The behaviour every store must have; run by each backend's test file. */
export function describeStoreConformance(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name}: change requests`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.cleanup());

    it('creates, reads back exactly, and refuses a second create of the same id', async () => {
      const r = pendingRequest();
      expect(await h.store.requests.get(r.id)).toBeUndefined();
      expect(await h.store.requests.create(r)).toEqual({ ok: true });
      expect(await h.store.requests.get(r.id)).toEqual(r);
      expect(await h.store.requests.create({ ...r, reason: 'other' })).toEqual({ ok: false, reason: 'exists' });
      expect((await h.store.requests.get(r.id))?.reason).toBeUndefined();
    });

    it('treats ids that could escape the store as not found', async () => {
      for (const id of ['../requests/x', 'a/b', '', '.hidden', 'x?y']) expect(await h.store.requests.get(id)).toBeUndefined();
    });

    it('replaces only at the expected revision', async () => {
      const r = pendingRequest();
      await h.store.requests.create(r);
      const approved = transition(r, { type: 'approve', by: adele }, minutes(1), demoPolicy).request;
      expect(await h.store.requests.replace(approved, 1)).toEqual({ ok: true });
      expect(await h.store.requests.get(r.id)).toEqual(approved);
      const stale = await h.store.requests.replace({ ...approved, revision: 3, reason: 'late' }, 1);
      expect(stale).toMatchObject({ ok: false, reason: 'stale' });
      expect((await h.store.requests.get(r.id))?.revision).toBe(2);
      expect(await h.store.requests.replace({ ...r, id: 'CR-MISSING1' }, 1)).toEqual({ ok: false, reason: 'not-found' });
    });

    it('20 concurrent compare-and-sets on one revision: exactly one wins', async () => {
      const r = pendingRequest();
      await h.store.requests.create(r);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => h.store.requests.replace({ ...r, revision: 2, reason: `writer ${i}` }, 1)),
      );
      const winners = results.flatMap((res, i) => (res.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((res) => !res.ok && res.reason === 'stale')).toHaveLength(19);
      expect((await h.store.requests.get(r.id))?.reason).toBe(`writer ${winners[0]}`);
    });

    it('20 instances racing to start an approved request: one moves it to executing', async () => {
      const approved = transition(pendingRequest(), { type: 'approve', by: adele }, minutes(1), demoPolicy).request;
      await h.store.requests.create(approved);
      const other = await h.reopen();
      const starters = Array.from({ length: 20 }, async (_, i) => {
        const store = i % 2 === 0 ? h.store : other;
        const current = (await store.requests.get(approved.id)) as ChangeRequest;
        const result = transition(current, { type: 'startExecution' }, minutes(2), demoPolicy);
        if (!result.ok) return false;
        return (await store.requests.replace(result.request, current.revision)).ok;
      });
      expect((await Promise.all(starters)).filter(Boolean)).toHaveLength(1);
      expect(await h.store.requests.get(approved.id)).toMatchObject({ state: 'executing', revision: 3, execution: { attempts: 1 } });
      await other.close();
    });

    it('lists open requests oldest first, and requests by image (source or stage target)', async () => {
      const a = pendingRequest(latestPromotion(megan), demoPolicy, 'CR-AAAAAAA1');
      const b = { ...pendingRequest(stagePromotion(megan), demoPolicy, 'CR-BBBBBBB2'), createdAt: minutes(-5).toISOString() };
      const c = { ...pendingRequest(latestPromotion(megan), demoPolicy, 'CR-CCCCCCC3'), state: 'rejected' as const };
      for (const r of [a, b, c]) await h.store.requests.create(r);
      expect((await h.store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-BBBBBBB2', 'CR-AAAAAAA1']);
      expect((await h.store.requests.listByImage('GAL_GOLDEN', 'callcenter-desktop')).map((r) => r.id)).toEqual(['CR-AAAAAAA1', 'CR-CCCCCCC3']);
      expect((await h.store.requests.listByImage('gal_golden', 'dispatch')).map((r) => r.id)).toEqual(['CR-BBBBBBB2']);
      expect((await h.store.requests.listByImage('gal_staging', 'dispatch')).map((r) => r.id)).toEqual(['CR-BBBBBBB2']);
      expect(await h.store.requests.listByImage('gal_golden', 'records')).toEqual([]);
    });

    it('keeps a large request whole', async () => {
      const r = pendingRequest();
      const big = { ...r, warnings: Array.from({ length: 400 }, (_, i) => `warning ${i}: ${'é'.repeat(100)} ✓`) };
      await h.store.requests.create(big);
      expect(await h.store.requests.get(r.id)).toEqual(big);
    });

    it('survives a restart', async () => {
      const r = pendingRequest();
      await h.store.requests.create(r);
      await h.store.close();
      const reopened = await h.reopen();
      expect(await reopened.requests.get(r.id)).toEqual(r);
      expect((await reopened.requests.listOpen()).map((x) => x.id)).toEqual([r.id]);
      h.store = reopened;
    });
  });

  describe(`${name}: audit chain`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.cleanup());

    const fill = async (n: number) => createAuditLog(h.store.audit).append(...Array.from({ length: n }, (_, i) => entry(i + 1)));

    it('starts empty and intact', async () => {
      expect(await h.store.audit.head()).toBeUndefined();
      expect(await createAuditLog(h.store.audit).verify()).toEqual({ ok: true, count: 0 });
    });

    it('chains appends and reads them back in order', async () => {
      const written = await fill(5);
      expect(written.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(written[1]?.prevHash).toBe(written[0]?.hash);
      expect(await h.store.audit.list()).toEqual(written);
      expect(await h.store.audit.head()).toEqual({ seq: 5, hash: written[4]?.hash });
      expect(await createAuditLog(h.store.audit).verify()).toMatchObject({ ok: true, count: 5 });
    });

    it('refuses an append on a stale head', async () => {
      const [first] = await fill(1);
      const record = { ...(first as AuditRecord), seq: 1 };
      expect(await h.store.audit.append(record, undefined)).toMatchObject({ ok: false, reason: 'stale' });
    });

    it('filters by request and image', async () => {
      const log = createAuditLog(h.store.audit);
      await log.append(entry(1, { requestId: 'CR-1', image: 'gal_golden/dispatch', version: '1.0.0' }), entry(2, { requestId: 'CR-2', image: 'gal_golden/records' }), entry(3, { requestId: 'CR-1', image: 'gal_golden/dispatch', version: '1.0.1' }));
      expect((await h.store.audit.list({ requestId: 'CR-1' })).map((r) => r.seq)).toEqual([1, 3]);
      expect((await h.store.audit.list({ image: 'GAL_GOLDEN/records' })).map((r) => r.seq)).toEqual([2]);
      expect((await h.store.audit.list({ image: 'gal_golden/dispatch', version: '1.0.1' })).map((r) => r.seq)).toEqual([3]);
    });

    it.each([
      ['an edited record', (t: AuditTamper) => t.edit(3, (r) => ({ ...r, actor: { id: 'someone', name: 'Someone' } })), { seq: 3, problem: 'edited' }],
      ['an edited and re-hashed record', (t: AuditTamper) => t.edit(3, (r) => rehash({ ...r, action: 'nothing.happened' })), { seq: 3, problem: 'edited' }],
      ['a removed record', (t: AuditTamper) => t.remove(2), { seq: 2, problem: 'removed' }],
      ['a removed last record', (t: AuditTamper) => t.remove(5), { seq: 5, problem: 'removed' }],
      ['two swapped records', (t: AuditTamper) => t.swap(2, 3), { seq: 2, problem: 'reordered' }],
      ['a record added past the head', (t: AuditTamper) => t.put(forged(6)), { seq: 6, problem: 'inserted' }],
    ])('detects %s', async (_name, tamper, verdict) => {
      await fill(5);
      await tamper(h.tamper);
      expect(await createAuditLog(h.store.audit).verify()).toEqual({ ok: false, ...verdict });
    });

    it('concurrent appends from two store instances make one intact chain', async () => {
      const other = await h.reopen();
      const a = createAuditLog(h.store.audit);
      const b = createAuditLog(other.audit);
      await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).append(entry(i, { action: `writer.${i % 2}` }))));
      const verdict = await a.verify();
      expect(verdict).toMatchObject({ ok: true, count: 24 });
      const records = await h.store.audit.list();
      expect(new Set(records.map((r) => r.details['n'])).size).toBe(24);
      await other.close();
    });

    it('survives a restart and continues the chain', async () => {
      await fill(3);
      await h.store.close();
      h.store = await h.reopen();
      await createAuditLog(h.store.audit).append(entry(4));
      expect(await createAuditLog(h.store.audit).verify()).toMatchObject({ ok: true, count: 4 });
    });
  });

  describe(`${name}: conversations`, () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.cleanup());

    const record = (key: string, value: JsonValue, n = 0): ConversationRecord => ({ key, value, updatedAt: minutes(n).toISOString() });

    it('reads back exactly what was put, and nothing for a key never put', async () => {
      const r = record('user:00000000-0000-0000-0000-000000000001', conversationReference('a:1Xy'));
      expect(await h.store.conversations.get(r.key)).toBeUndefined();
      await h.store.conversations.put(r);
      expect(await h.store.conversations.get(r.key)).toEqual(r);
      expect(await h.store.conversations.get('user:00000000-0000-0000-0000-00000000000')).toBeUndefined();
      expect(await h.store.conversations.get('USER:00000000-0000-0000-0000-000000000001')).toBeUndefined();
    });

    it('keeps any JSON value whole: scalars, null, nesting, and several KB with non-ASCII text', async () => {
      const values: JsonValue[] = [null, 0, 1.5, -7, true, false, '', 'zürich ✓ 𝄞', [], {}, [1, [2, [3, null]]], conversationReference('b'.repeat(40_000))];
      for (const [i, value] of values.entries()) await h.store.conversations.put(record(`member:${i}`, value, i));
      for (const [i, value] of values.entries()) expect(await h.store.conversations.get(`member:${i}`)).toEqual(record(`member:${i}`, value, i));
    });

    it('last write wins, including a small value over a large one', async () => {
      const key = 'channel:19:abc@thread.tacv2';
      await h.store.conversations.put(record(key, conversationReference('x'.repeat(70_000)), 1));
      await h.store.conversations.put(record(key, { serviceUrl: 'https://smba.example/amer/' }, 2));
      expect(await h.store.conversations.get(key)).toEqual(record(key, { serviceUrl: 'https://smba.example/amer/' }, 2));
      // Wins by order, not by timestamp: the newest reference is the one the bot just saw.
      await h.store.conversations.put(record(key, 'older clock', 0));
      expect(await h.store.conversations.get(key)).toEqual(record(key, 'older clock', 0));
    });

    it('takes keys with any characters, of any length, without collisions', async () => {
      const keys = [
        'channel:19:abc@thread.tacv2',
        'channel:19:abc@thread.tacv2;messageid=1712345678901',
        'a/b',
        'a\\b',
        '../../outside',
        '..',
        '.',
        '#fragment',
        'query?x=1&y=2',
        'tab\there\nnewline\u0001\u007f',
        'zürich ✓ 𝄞 日本語',
        'lone \ud800 surrogate',
        'lone \udc00 surrogate',
        '',
        ' ',
        'k'.repeat(300),
        'k'.repeat(301),
        `member:${'é'.repeat(400)}`,
      ];
      await Promise.all(keys.map((key, i) => h.store.conversations.put(record(key, { i, key }))));
      for (const [i, key] of keys.entries()) expect(await h.store.conversations.get(key)).toEqual(record(key, { i, key }));
      expect(await h.store.conversations.get('k'.repeat(299))).toBeUndefined();
      expect(await h.store.conversations.get('lone \ufffd surrogate')).toBeUndefined();
    });

    it('survives a restart, and a second instance sees the first one\'s writes', async () => {
      const r = record('user:00000000-0000-0000-0000-000000000002', conversationReference('c'), 1);
      await h.store.conversations.put(r);
      const other = await h.reopen();
      expect(await other.conversations.get(r.key)).toEqual(r);
      const newer = record(r.key, conversationReference('d'), 2);
      await other.conversations.put(newer);
      expect(await h.store.conversations.get(r.key)).toEqual(newer);
      await other.close();
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.conversations.get(r.key)).toEqual(newer);
    });
  });
}

/** Shaped like a Bot Framework ConversationReference, the value the bot actually stores. */
function conversationReference(userId: string): JsonValue {
  return {
    activityId: 'f:1712345678901',
    user: { id: `29:${userId}`, name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000003' },
    bot: { id: '28:00000000-0000-0000-0000-000000000004', name: 'GalleryOps' },
    conversation: { conversationType: 'personal', tenantId: '00000000-0000-0000-0000-000000000005', id: `a:1${userId}` },
    channelId: 'msteams',
    locale: 'de-CH',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  };
}

function rehash(record: AuditRecord): AuditRecord {
  return { ...record, hash: hashAuditRecord(record) };
}

function forged(seq: number): AuditRecord {
  return rehash({ ...entry(seq), seq, prevHash: 'f'.repeat(64), hash: '' });
}
