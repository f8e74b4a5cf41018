/**
 * A decision and its audit record are one unit: both stored or neither, and the person who decided is told
 * which. Nothing is executed without the records of the approvals it rests on. Real embedded database; the
 * failure is injected inside SQLite (a trigger that aborts the audit insert), as a full disk or an I/O error would.
 */
import { DatabaseSync } from 'node:sqlite';
import { ApprovalService } from '../../src/approvals/approval-service';
import type { ChangeApplier } from '../../src/approvals/change-applier';
import { gateRecheckRun } from '../../src/approvals/gate-recheck';
import { RequestExecutor } from '../../src/approvals/request-executor';
import { decideRequest } from '../../src/commands/request-decision';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/storage/store';
import { openTempStore } from '../helpers/temp-store';
import { adele, demoPolicy, minutes, pendingRequest } from './fixtures';

let store: Store;
let cleanup: () => Promise<void>;
let applied: string[];

const applier: ChangeApplier = {
  recheckGates: async () => [],
  apply: async (request) => {
    applied.push(request.id);
    return { summary: 'done' };
  },
  observe: async () => ({ outcome: 'applied' }),
};

let lastExecutor: RequestExecutor;

function service(): ApprovalService {
  const logger = createLogger('silent');
  lastExecutor = new RequestExecutor({ requests: store.requests, policy: demoPolicy, applier, logger, now: () => minutes(1) });
  return new ApprovalService({ requests: store.requests, policy: demoPolicy, executor: lastExecutor, logger, now: () => minutes(1) });
}

/** One run of the periodic gate re-check, which carries out approved requests that have not started. */
async function recheck(): Promise<void> {
  await gateRecheckRun({ requests: store.requests, executor: lastExecutor, logger: createLogger('silent') })();
}

/** SQLite refuses audit inserts of this action, rolling back the unit they belong to. */
function failAuditOf(action: string): () => void {
  const db = new DatabaseSync(store.location);
  db.exec(`CREATE TRIGGER inject_failure BEFORE INSERT ON audit WHEN NEW.action = '${action}' BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END;`);
  return () => {
    db.exec('DROP TRIGGER inject_failure');
    db.close();
  };
}

beforeEach(async () => {
  ({ store, cleanup } = await openTempStore());
  applied = [];
  await store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
});
afterEach(() => cleanup());

test('an approval whose audit record cannot be written is not stored, not executed, and the approver is told it was not recorded', async () => {
  const heal = failAuditOf('request.approved');
  const outcome = await service().decide('CR-TEST0001', { type: 'approve', by: adele });
  expect(outcome).toMatchObject({ ok: false, refused: { code: 'not-recorded', reason: expect.stringMatching(/Your approval of CR-TEST0001 was NOT recorded.*Nothing changed; try again/) } });
  expect(await store.requests.get('CR-TEST0001')).toMatchObject({ state: 'pending', revision: 1, approvals: [] });
  expect((await store.audit.list()).map((r) => r.action)).toEqual([]);

  // The re-check finds nothing approved, so nothing runs without the record of its approval.
  const svc = service();
  await recheck();
  expect(applied).toEqual([]);

  heal();
  const again = await svc.decide('CR-TEST0001', { type: 'approve', by: adele });
  expect(again).toMatchObject({ ok: true, request: { state: 'approved' } });
  await new Promise((r) => setTimeout(r, 50));
  expect(applied).toEqual(['CR-TEST0001']);
  const actions = (await store.audit.list()).map((r) => r.action);
  expect(actions.slice(0, 3)).toEqual(['request.approved', 'execution.started', 'arm.write']);
});

test('the move to executing and its intent record are one unit too: no write is sent when the intent cannot be recorded', async () => {
  const heal = failAuditOf('arm.write');
  const outcome = await service().decide('CR-TEST0001', { type: 'approve', by: adele });
  expect(outcome).toMatchObject({ ok: true, request: { state: 'approved' } });
  await new Promise((r) => setTimeout(r, 50));
  expect(applied).toEqual([]);
  expect(await store.requests.get('CR-TEST0001')).toMatchObject({ state: 'approved' });
  expect((await store.audit.list()).map((r) => r.action)).toEqual(['request.approved']);
  heal();
  service();
  await recheck();
  expect(applied).toEqual(['CR-TEST0001']);
});

test('the clicker reads it on the card: "NOT recorded", never "You approved" and never "Something went wrong"', async () => {
  const heal = failAuditOf('request.approved');
  const svc = service();
  const reply = await decideRequest(svc, { verb: 'approve', requestId: 'CR-TEST0001', caller: { id: adele.teamsUserId ?? '29:adele', name: adele.name, aadObjectId: adele.aadObjectId }, source: 'button' }, () => minutes(1));
  const text = JSON.stringify(reply);
  expect(text).toMatch(/Your approval of CR-TEST0001 was NOT recorded/);
  expect(text).not.toMatch(/You approved|Something went wrong/);
  heal();
});
