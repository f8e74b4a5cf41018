/**
 * `npm run audit:verify [-- --anchor <seq>:<hash>]`: checks the audit log's hash chain in the configured store
 * (the data folder, or Azure Table Storage) from the command line, for auditors and scheduled jobs. It opens the
 * store read-only, so it works while the bot runs. With an anchor (the `seq:hash` a request card or an evidence
 * bundle names) it also proves the log still holds that record and everything before it, which catches a log
 * cut back to before it. Exit code 0 = intact, 1 = broken (the message names the first bad record),
 * 2 = the arguments, the configuration or the store could not be read.
 */
import type { AuditAnchor } from '../src/approvals/change-request';
import { createAuditLog } from '../src/audit/audit-log';
import { describeAuditVerdict } from '../src/audit/describe-verdict';
import { MIN_ANCHOR_HASH_CHARS } from '../src/audit/verify-audit';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config';
import { openStore } from '../src/storage/open-store';

const USAGE = `Usage: npm run audit:verify [-- --anchor <seq>:<hash>]
  --anchor <seq>:<hash>  also prove the log still holds record <seq> with a hash starting with <hash>
                         (at least ${MIN_ANCHOR_HASH_CHARS} hex digits, as a request card or evidence bundle names it)`;

/** The anchor given, undefined without one, or what is wrong with the arguments. */
function parseAuditVerifyArgs(argv: readonly string[]): { anchor?: AuditAnchor } | 'help' | string {
  let anchor: AuditAnchor | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg !== '--anchor' && !arg.startsWith('--anchor=')) return `Unknown argument ${arg}.`;
    const value = arg === '--anchor' ? argv[++i] : arg.slice('--anchor='.length);
    const match = /^(\d+):([0-9a-fA-F]+)$/.exec(value ?? '');
    if (!match || Number(match[1]) < 1) return `--anchor needs <seq>:<hash>, e.g. 42:${'0'.repeat(MIN_ANCHOR_HASH_CHARS)}; got ${value ?? 'nothing'}.`;
    const hash = match[2]!.toLowerCase();
    if (hash.length < MIN_ANCHOR_HASH_CHARS || hash.length > 64) return `--anchor's hash needs ${MIN_ANCHOR_HASH_CHARS} to 64 hex digits; got ${hash.length}.`;
    anchor = { seq: Number(match[1]), hash };
  }
  return anchor ? { anchor } : {};
}

async function main(): Promise<number> {
  const args = parseAuditVerifyArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
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
  const store = await openStore(config.store, { readOnly: true });
  try {
    const verdict = await createAuditLog(store.audit).verify(args);
    console.log(`${describeAuditVerdict(verdict, new Date())}\nStore: ${store.location}`);
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
