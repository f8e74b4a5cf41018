import { DefaultAzureCredential } from '@azure/identity';
import { TableClient } from '@azure/data-tables';
import type { StoreSettings } from '../config';
import { openFileStore } from './file/file-store';
import type { Store } from './store-port';
import { openTableStore, tableClientFromConnectionString } from './table/table-store';

/** Opens the configured backend: the data folder, or Azure Table Storage (managed identity or a connection string). */
export async function openStore(settings: StoreSettings): Promise<Store> {
  if (settings.kind === 'file') return openFileStore(settings.dir);
  const client =
    'connectionString' in settings
      ? tableClientFromConnectionString(settings.connectionString, settings.tableName)
      : new TableClient(settings.url, settings.tableName, new DefaultAzureCredential());
  return openTableStore(client);
}
