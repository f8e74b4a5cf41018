import type { DamageListener, DamagedRecord } from './store';

/**
 * The damaged records a store has met, each reported once to the listener (an error-level log line) and kept
 * for `/readyz`. A record that reads cleanly again (repaired, restored from a backup) is forgotten.
 */
export class DamageRegister {
  private readonly seen = new Map<string, DamagedRecord>();

  constructor(private readonly listener: DamageListener = () => undefined) {}

  report(record: DamagedRecord): void {
    const key = `${record.kind}:${record.key}`;
    const known = this.seen.get(key);
    this.seen.set(key, record);
    if (!known || known.problem !== record.problem) this.listener(record);
  }

  healed(kind: DamagedRecord['kind'], key: string): void {
    this.seen.delete(`${kind}:${key}`);
  }

  list(): DamagedRecord[] {
    return [...this.seen.values()];
  }
}
