import type { DamageListener, DamagedRecord } from './store';

/**
 * The damaged records a store has met, each reported once to the listener (an error-level log line) and kept
 * for `/readyz`. A record that reads cleanly again (repaired, restored from a backup) is forgotten.
 */
export class DamageRegister {
  private readonly seen = new Map<string, DamagedRecord>();
  private readonly listeners: DamageListener[] = [];

  constructor(listener?: DamageListener) {
    if (listener) this.listeners.push(listener);
  }

  /** Adds a listener (the app's logger); it hears about records met from now on. */
  listen(listener: DamageListener): void {
    this.listeners.push(listener);
  }

  report(record: DamagedRecord): void {
    const key = `${record.kind}:${record.key}`;
    const known = this.seen.get(key);
    this.seen.set(key, record);
    if (!known || known.problem !== record.problem) for (const listener of this.listeners) listener(record);
  }

  healed(kind: DamagedRecord['kind'], key: string): void {
    this.seen.delete(`${kind}:${key}`);
  }

  list(): DamagedRecord[] {
    return [...this.seen.values()];
  }
}
