import { createAuditLog } from '../../src/audit/audit-log';
import { GENESIS_HASH, type AuditEntry, type AuditHead, type AuditRecord } from '../../src/audit/audit-record';
import { hashAuditRecord } from '../../src/audit/hash-record';
import { StoreError } from '../../src/storage/store-error';
import type { AppendResult, AuditStore } from '../../src/storage/store-port';

/** A minimal in-memory AuditStore whose conditional append can be made to lose races on purpose. */
class RacyStore implements AuditStore {
  records: AuditRecord[] = [];
  /** Before each of the next `n` appends, another writer slips in a record. */
  intrusions = 0;
  headReads = 0;

  async head(): Promise<AuditHead | undefined> {
    this.headReads++;
    const last = this.records.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : undefined;
  }

  async append(record: AuditRecord, expected: AuditHead | undefined): Promise<AppendResult> {
    if (this.intrusions > 0) {
      this.intrusions--;
      this.push(entry('intruder'));
    }
    const last = this.records.at(-1);
    if (last?.seq !== expected?.seq || last?.hash !== expected?.hash) return { ok: false, reason: 'stale' };
    this.records.push(record);
    return { ok: true };
  }

  async list(): Promise<AuditRecord[]> {
    return [...this.records];
  }

  private push(e: AuditEntry) {
    const last = this.records.at(-1);
    const body = { ...e, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
    this.records.push({ ...body, hash: hashAuditRecord(body) });
  }
}

const entry = (action: string): AuditEntry => ({ at: '2026-11-20T09:00:00.000Z', actor: { id: 'system', name: 'GalleryOps' }, action, details: {} });
const noSleep = async () => undefined;

describe('createAuditLog', () => {
  it('appends entries in order, chained from the genesis hash', async () => {
    const store = new RacyStore();
    const [a, b] = await createAuditLog(store).append(entry('a'), entry('b'));
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, action: 'a' });
    expect(b).toMatchObject({ seq: 2, prevHash: a?.hash, action: 'b' });
    expect(a?.hash).toBe(hashAuditRecord(a as AuditRecord));
  });

  it('rebuilds the record on the new head when another instance appended first', async () => {
    const store = new RacyStore();
    store.intrusions = 3;
    const sleeps: number[] = [];
    const [mine] = await createAuditLog(store, { sleep: async (ms) => void sleeps.push(ms), random: () => 1 }).append(entry('mine'));
    expect(mine).toMatchObject({ seq: 4, action: 'mine' });
    expect(store.records.map((r) => r.action)).toEqual(['intruder', 'intruder', 'intruder', 'mine']);
    expect(sleeps).toEqual([2, 4, 6]);
    expect(await createAuditLog(store).verify()).toMatchObject({ ok: true, count: 4 });
  });

  it('gives up with a storage error after too many lost races', async () => {
    const store = new RacyStore();
    store.intrusions = 100;
    await expect(createAuditLog(store, { maxAttempts: 5, sleep: noSleep }).append(entry('x'))).rejects.toBeInstanceOf(StoreError);
  });

  it('verify re-reads when an append lands while it reads', async () => {
    const store = new RacyStore();
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
    const store = new RacyStore();
    await createAuditLog(store).append(entry('a'));
    store.head = async () => undefined;
    expect(await createAuditLog(store).verify()).toEqual({ ok: false, seq: 1, problem: 'inserted' });
  });
});
