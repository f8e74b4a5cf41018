// A second process on the same data folder: appends audit records and races for one compare-and-set.
import { createAuditLog } from '../../../src/audit/audit-log';
import { openFileStore } from '../../../src/storage/file/file-store';

async function main(): Promise<void> {
  const [dir, name, count, requestId] = process.argv.slice(2) as [string, string, string, string];
  const store = await openFileStore(dir);
  const log = createAuditLog(store.audit);
  const request = await store.requests.get(requestId);
  if (!request) throw new Error('no request');
  const appends = Array.from({ length: Number(count) }, (_, i) =>
    log.append({ at: new Date().toISOString(), actor: { id: name, name }, action: 'worker.append', details: { name, i } }),
  );
  const cas = Array.from({ length: 10 }, (_, i) => store.requests.replace({ ...request, revision: 2, reason: `${name}-${i}` }, 1));
  const results = await Promise.all([...cas, ...appends.map((p) => p.then(() => ({ ok: 'append' })))]);
  const wins = results.slice(0, 10).filter((r) => r.ok === true).length;
  process.stdout.write(JSON.stringify({ wins }));
  await store.close();
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
