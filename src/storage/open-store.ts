import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { TableClient } from '@azure/data-tables';
import type { StoreSettings } from '../config';
import type { LegacyImportReport } from './sqlite/sqlite-legacy-import';
import { openSqliteStore } from './sqlite/sqlite-store';
import type { StoreOwner } from './sqlite/store-owner';
import type { DamageListener, Store } from './store';
import { openTableStore, tableClientFromConnectionString } from './table/table-store';

/** How a store is opened: the bot owns it and writes; CLIs read beside a running bot. */
export interface OpenStoreOptions {
  readOnly?: boolean;
  onDamaged?: DamageListener;
  /** Embedded store: what the once-only import of an old JSON data folder did (log skipped files at warn). */
  onLegacyImport?: (report: LegacyImportReport) => void;
  /** Embedded store: a crashed owner was found dead and replaced (log at warn: who, and why it counted as dead). */
  onTakeover?: (previous: StoreOwner, reason: string) => void;
  /** Table store by URL: the credential to use instead of DefaultAzureCredential (tests). */
  credential?: TokenCredential;
  /** Table store by URL: a PEM certificate to trust for the endpoint (an emulator's self-signed one). */
  ca?: string;
}

/** Opens the configured backend: the embedded database in the data folder, or Azure Table Storage. */
export async function openStore(settings: StoreSettings, options: OpenStoreOptions = {}): Promise<Store> {
  if (settings.kind === 'embedded') return openSqliteStore(settings.dir, options);
  const client =
    'connectionString' in settings
      ? tableClientFromConnectionString(settings.connectionString, settings.tableName)
      : new TableClient(settings.url, settings.tableName, options.credential ?? new DefaultAzureCredential(managedIdentity(settings.managedIdentityClientId)), options.ca ? { tlsOptions: { ca: options.ca } } : {});
  return openTableStore(client, { appendTimeoutMs: settings.appendTimeoutMs, ...options });
}

/** A named user-assigned identity; otherwise DefaultAzureCredential's own choice (AZURE_CLIENT_ID, then the system one). */
function managedIdentity(clientId: string | undefined): { managedIdentityClientId?: string } {
  return clientId ? { managedIdentityClientId: clientId } : {};
}
