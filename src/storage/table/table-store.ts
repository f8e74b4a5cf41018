import { TableClient } from '@azure/data-tables';
import { TableDigestStore } from './table-digest-store';
import { StoreError } from '../../errors';
import { DamageRegister } from '../damage-register';
import type { DamageListener, Store } from '../store';
import { checkTableStore } from './check-table-store';
import { claimOpenRequests } from './claim-open-requests';
import { LedgerReader } from './ledger-reader';
import { LedgerWriter } from './ledger-writer';
import { hasV1Requests, migrateV1Requests } from './migrate-v1';
import { TableConversationStore } from './table-conversation-store';
import { TableEvidenceStore } from './table-evidence-store';
import { TableSubscriptionStore } from './table-subscription-store';
import { TableLedger } from './table-ledger';
import { META } from './table-layout';
import { isNotFound, isTableMissing, storeFailure } from './table-errors';

/** How the Table store is opened (see `openStore`). */
export interface TableStoreOptions {
  /** How long a commit may wait for its turn and contend for the head before "busy" (ms). Default 5000. */
  appendTimeoutMs?: number;
  /** CLIs beside the running bot: no table creation, no migration, no writes. */
  readOnly?: boolean;
  onDamaged?: DamageListener;
}

/**
 * Azure Table Storage backend, for several bot instances sharing state. The composition root builds the
 * client: `new TableClient(url, table, new DefaultAzureCredential())` in Azure, or
 * `tableClientFromConnectionString` for Azurite. Opening writable creates the table when missing, moves
 * change requests of the previous layout into the ledger partition (see `migrateV1Requests`), and gives open
 * requests stored before claims existed their claims (see `claimOpenRequests`).
 */
export async function openTableStore(client: TableClient, options: TableStoreOptions = {}): Promise<Store> {
  const readOnly = options.readOnly === true;
  let legacy = false;
  if (readOnly) {
    await client.getEntity(META, 'probe').catch((err: unknown) => {
      if (isTableMissing(err)) throw new StoreError(`table ${client.tableName} does not exist`, { cause: err });
      if (!isNotFound(err)) throw storeFailure(`reading table ${client.tableName}`, err);
    });
    legacy = await hasV1Requests(client);
  } else {
    try {
      await client.createTable();
    } catch (err) {
      throw storeFailure(`creating table ${client.tableName}`, err);
    }
    await migrateV1Requests(client);
  }
  const damage = new DamageRegister(options.onDamaged);
  const reader = new LedgerReader(client, damage, legacy);
  if (!readOnly) await claimOpenRequests(client, reader);
  const writer = readOnly ? undefined : new LedgerWriter(client, reader, damage, options.appendTimeoutMs ?? 5000);
  const ledger = new TableLedger(reader, writer, damage);
  const evidence = new TableEvidenceStore(client, damage, readOnly);
  const location = `Azure Table ${client.tableName}`;
  return {
    requests: ledger,
    audit: ledger,
    conversations: new TableConversationStore(client, damage, readOnly),
    evidence,
    subscriptions: new TableSubscriptionStore(client, damage, readOnly),
    digests: new TableDigestStore(client, damage, readOnly),
    damaged: () => damage.list(),
    onDamage: (listener) => damage.listen(listener),
    check: () => checkTableStore({ client, reader, ledger, evidence, damage, readOnly, location }),
    location,
    close: () => ledger.idle(),
  };
}

/** A client from a connection string; plain http is allowed only for loopback endpoints (Azurite). */
export function tableClientFromConnectionString(connectionString: string, tableName: string): TableClient {
  const loopback = /(?:TableEndpoint|BlobEndpoint)=http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(connectionString);
  return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: loopback });
}
