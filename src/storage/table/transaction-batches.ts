import type { TransactionAction } from '@azure/data-tables';
import { entityBytes, MAX_BYTES, MAX_ENTITIES } from './ledger-attempt';

/**
 * Actions on one partition split into entity-group transactions the service takes (at most 100 operations and
 * 4 MiB each), in order; an action larger than the byte budget goes alone. Each transaction is all or nothing.
 */
export function transactionBatches(actions: readonly TransactionAction[]): TransactionAction[][] {
  const out: TransactionAction[][] = [];
  let bytes = 0;
  for (const action of actions) {
    const size = entityBytes(action[1] as Record<string, unknown>);
    const current = out.at(-1);
    if (!current || current.length >= MAX_ENTITIES || bytes + size > MAX_BYTES) {
      out.push([action]);
      bytes = size;
    } else {
      current.push(action);
      bytes += size;
    }
  }
  return out;
}
