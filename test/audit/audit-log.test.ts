import { createAuditLog } from '../../src/audit/audit-log';
import { GENESIS_HASH, type AuditEntry, type AuditHead, type AuditRecord } from '../../src/audit/audit-record';
import type { AuditStore } from '../../src/audit/audit-store';
import { chainRecords } from '../../src/audit/chain-records';
import { hashAuditRecord } from '../../src/audit/hash-record';

/** A minimal in-memory AuditStore, for the log's own logic (the stores have their own conformance suite). */
class MemoryStore implements AuditStore {
  records: AuditRecord[] = [];

  async head(): Promise<AuditHead | undefined> {
    const last = this.records.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : undefined;
  }

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const records = chainRecords(await this.head(), entries);
    this.records.push(...records);
    return records;
  }

  async list(): Promise<AuditRecord[]> {
    return [...this.records];
  }
}

const entry = (action: string): AuditEntry => ({ at: '2026-11-20T09:00:00.000Z', actor: { id: 'system', name: 'GalleryOps' }, action, details: {} });

describe('createAuditLog', () => {
  it('appends entries in order, chained from the genesis hash', async () => {
    const store = new MemoryStore();
    const [a, b] = await createAuditLog(store).append(entry('a'), entry('b'));
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, action: 'a' });
    expect(b).toMatchObject({ seq: 2, prevHash: a?.hash, action: 'b' });
    expect(a?.hash).toBe(hashAuditRecord(a as AuditRecord));
  });

  it('verify re-reads when an append lands while it reads', async () => {
    const store = new MemoryStore();
    await createAuditLog(store).append(entry('a'));
    const list = store.list.bind(store);
    let first = true;
    store.list = async () => {
      const records = await list();
      if (first) {
        first = false;
        await createAuditLog(store).append(entry('late')); // moves the head after the records were read
      }
      return records;
    };
    expect(await createAuditLog(store).verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('verify flags records without a head', async () => {
    const store = new MemoryStore();
    await createAuditLog(store).append(entry('a'));
    store.head = async () => undefined;
    expect(await createAuditLog(store).verify()).toEqual({ ok: false, seq: 1, problem: 'inserted' });
  });

  describe('with an anchor (a seq:hash a card or bundle named)', () => {
    const filled = async () => {
      const store = new MemoryStore();
      await createAuditLog(store).append(...['a', 'b', 'c', 'd', 'e'].map(entry));
      return store;
    };

    it('proves the chain still holds the anchored record, by full hash or a 16-character prefix', async () => {
      const store = await filled();
      const third = store.records[2]!;
      for (const hash of [third.hash, third.hash.slice(0, 16)]) {
        expect(await createAuditLog(store).verify({ anchor: { seq: 3, hash } })).toMatchObject({ ok: true, count: 5, anchor: { seq: 3, hash: third.hash } });
      }
    });

    it('catches a tail cut back before the anchor, which the chain alone cannot see', async () => {
      const store = await filled();
      const anchor = { seq: 4, hash: store.records[3]!.hash };
      store.records = store.records.slice(0, 2); // records 3–5 and the head with them
      expect(await createAuditLog(store).verify()).toMatchObject({ ok: true, count: 2 });
      expect(await createAuditLog(store).verify({ anchor })).toEqual({ ok: false, seq: 4, problem: 'truncated' });
    });

    it('catches a chain rewritten at or before the anchor', async () => {
      const store = await filled();
      const anchor = { seq: 3, hash: store.records[2]!.hash };
      // Rewritten from record 2 on, every hash recomputed: intact on its own, but not the chain the anchor saw.
      const kept = store.records.slice(0, 1);
      store.records = [...kept, ...chainRecords({ seq: 1, hash: kept[0]!.hash }, ['B', 'c', 'd', 'e'].map(entry))];
      expect(await createAuditLog(store).verify()).toMatchObject({ ok: true, count: 5 });
      expect(await createAuditLog(store).verify({ anchor })).toEqual({ ok: false, seq: 3, problem: 'anchor-mismatch' });
    });
  });
});
