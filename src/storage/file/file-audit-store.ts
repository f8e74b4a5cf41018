import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS_HASH, type AuditHead, type AuditRecord } from '../../audit/audit-record';
import { auditHeadSchema, auditRecordSchema } from '../../audit/audit-record-schema';
import { hashAuditRecord } from '../../audit/hash-record';
import { auditMatches } from '../matches';
import type { AppendResult, AuditFilter, AuditStore } from '../store-port';
import { writeFileAtomic } from './atomic-write';
import { readJsonFile } from './read-json-file';

const RECORD_FILE = /^\d{12}\.json$/;

/**
 * Records as `<dir>/<seq, 12 digits>.json` plus `head.json`. An append writes the record, then the head; a
 * crash in between leaves a record that chains onto the head, which the next reader rolls forward to, so
 * a record that reached the disk is never lost or overwritten.
 */
export class FileAuditStore implements AuditStore {
  constructor(
    private readonly dir: string,
    private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async head(): Promise<AuditHead | undefined> {
    const head = await this.logicalHead();
    return head.seq === 0 ? undefined : head;
  }

  append(record: AuditRecord, expected: AuditHead | undefined): Promise<AppendResult> {
    return this.exclusive(async (): Promise<AppendResult> => {
      const current = await this.logicalHead();
      const expectedSeq = expected?.seq ?? 0;
      const expectedHash = expected?.hash ?? GENESIS_HASH;
      if (current.seq !== expectedSeq || current.hash !== expectedHash) {
        return { ok: false, reason: 'stale', ...(current.seq > 0 ? { current } : {}) };
      }
      if (record.seq !== current.seq + 1 || record.prevHash !== current.hash) {
        throw new Error(`audit record ${record.seq} does not follow head ${current.seq}`);
      }
      await writeFileAtomic(this.recordPath(record.seq), JSON.stringify(record));
      await writeFileAtomic(join(this.dir, 'head.json'), JSON.stringify({ seq: record.seq, hash: record.hash }));
      return { ok: true };
    });
  }

  async list(filter?: AuditFilter): Promise<AuditRecord[]> {
    const names = (await readdir(this.dir)).filter((n) => RECORD_FILE.test(n)).sort();
    const records: AuditRecord[] = [];
    for (const name of names) {
      const record = await readJsonFile(join(this.dir, name), auditRecordSchema);
      if (record && auditMatches(record, filter)) records.push(record);
    }
    return records;
  }

  private async logicalHead(): Promise<AuditHead> {
    let head = (await readJsonFile(join(this.dir, 'head.json'), auditHeadSchema)) ?? { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const next = await readJsonFile(this.recordPath(head.seq + 1), auditRecordSchema);
      if (!next || next.seq !== head.seq + 1 || next.prevHash !== head.hash || hashAuditRecord(next) !== next.hash) return head;
      head = { seq: next.seq, hash: next.hash };
    }
  }

  private recordPath(seq: number): string {
    return join(this.dir, `${String(seq).padStart(12, '0')}.json`);
  }
}
