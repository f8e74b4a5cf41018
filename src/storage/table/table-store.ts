import { TableClient } from '@azure/data-tables';
import type { Store } from '../store-port';
import { TableAuditStore } from './table-audit-store';
import { TableConversationStore } from './table-conversation-store';
import { TableRequestStore } from './table-request-store';
import { storeFailure } from './table-errors';

/**
 * Azure Table Storage backend, for several bot instances sharing state. The composition root builds the
 * client: `new TableClient(url, table, new DefaultAzureCredential())` in Azure, or
 * `tableClientFromConnectionString` for Azurite. The table is created when missing; requests, audit
 * records and conversation references are partitions of it.
 */
export async function openTableStore(client: TableClient): Promise<Store> {
  try {
    await client.createTable();
  } catch (err) {
    throw storeFailure(`creating table ${client.tableName}`, err);
  }
  return {
    requests: new TableRequestStore(client),
    audit: new TableAuditStore(client),
    conversations: new TableConversationStore(client),
    close: async () => undefined,
  };
}

/** A client from a connection string; plain http is allowed only for loopback endpoints (Azurite). */
export function tableClientFromConnectionString(connectionString: string, tableName: string): TableClient {
  const loopback = /(?:TableEndpoint|BlobEndpoint)=http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(connectionString);
  return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: loopback });
}
