import type { AuditRecord } from '../../../src/audit/audit-record';
import type { Store } from '../../../src/storage/store';

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
  /**
   * Another Store object on the same data: a restarted bot (after `store.close()`), or, where the backend has
   * `concurrentInstances`, a second instance running beside the first.
   */
  reopen(): Promise<Store>;
  tamper: AuditTamper;
  cleanup(): Promise<void>;
  /** How many content-addressed evidence parts are stored (required with the `evidenceParts` capability). */
  evidencePartCount?(): Promise<number>;
}

/**
 * What a backend can be asked to do beyond the ports; a test that needs a missing capability is skipped (and
 * shows as skipped), never silently passed.
 */
export interface StoreCapabilities {
  /** Two Store objects may be open on the same data at once (Table Storage: yes; SQLite: one owner). Default true. */
  concurrentInstances?: boolean;
  /** The harness can count stored evidence parts (dedupe and prune). Default false. */
  evidenceParts?: boolean;
}

/** `it`, or `it.skip` when the backend lacks what the test needs. */
export const itWhen = (supported: boolean | undefined): jest.It => (supported ? it : it.skip);

/** A fresh harness per test in the enclosing describe; the getter returns the current one. */
export function useHarness(makeHarness: () => Promise<StoreHarness>): () => StoreHarness {
  let harness: StoreHarness | undefined;
  beforeEach(async () => {
    harness = await makeHarness();
  });
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('no harness outside a test');
    return harness;
  };
}
