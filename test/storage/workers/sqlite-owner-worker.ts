// A bot process owning the embedded store: opens it as owner, says {"ready": {pid}}, then stores what stdin asks
// for ("create <id>" → {"created": id}); "quit" (or stdin closing) closes the store cleanly → {"closed": true}, exit.
import { createInterface } from 'node:readline';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { latestPromotion, demoPolicy, pendingRequest } from '../../approvals/fixtures';
import { onOwnVersion } from '../conformance/claim-fixtures';

async function main(): Promise<void> {
  const [dir] = process.argv.slice(2) as [string];
  const store = await openSqliteStore(dir, { heartbeatMs: 200 });
  process.stdout.write(`${JSON.stringify({ ready: { pid: process.pid } })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, id] = line.split(' ') as [string, string];
    if (command === 'quit') return void quit();
    if (command !== 'create') return;
    const request = onOwnVersion(pendingRequest(latestPromotion(), demoPolicy, id));
    const audit = [{ at: request.createdAt, actor: { id: 'worker', name: 'Worker' }, action: 'request.created', requestId: id, details: {} }];
    store.requests.commit({ request: { create: request }, audit }).then(
      (result) => process.stdout.write(`${JSON.stringify({ created: result.ok ? id : result.reason })}\n`),
      (err: unknown) => process.stdout.write(`${JSON.stringify({ created: `error: ${String(err)}` })}\n`),
    );
  });
  const quit = () =>
    store.close().then(() => {
      process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
      process.exit(0);
    });
  lines.on('close', () => void quit());
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
