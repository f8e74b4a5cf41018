/**
 * `npm run audit:verify`: checks the audit log's hash chain in the configured store (the data folder, or
 * Azure Table Storage) from the command line, for auditors and scheduled jobs. Exit code 0 = intact,
 * 1 = broken (the message names the first bad record), 2 = the configuration or store could not be read.
 */
import { createAuditLog } from '../src/audit/audit-log';
import { describeAuditVerdict } from '../src/audit/describe-verdict';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config';
import { openStore } from '../src/storage/open-store';

async function main(): Promise<number> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const store = await openStore(config.store);
  try {
    const verdict = await createAuditLog(store.audit).verify();
    const where = config.store.kind === 'file' ? config.store.dir : `Azure Table ${config.store.tableName}`;
    console.log(`${describeAuditVerdict(verdict, new Date())}\nStore: ${where}`);
    return verdict.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Cannot verify the audit log: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
