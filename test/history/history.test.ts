/** `history`: audit records in words, newest first, a stage promotion found from the gallery it wrote into. */
import { createAuditLog } from '../../src/audit/audit-log';
import type { AuditEntry, AuditRecord } from '../../src/audit/audit-record';
import { describeAuditRecord } from '../../src/history/describe-audit-record';
import { readHistory } from '../../src/history/read-history';
import { HISTORY_PAGE_SIZE } from '../../src/cards/history-card';
import { pendingRequest, stagePromotion, SUB } from '../approvals/fixtures';
import { ask, commandContext } from '../fixtures/command-harness';
import { cardProblems, cardText, runButtons } from '../helpers/validate-card';
import { openTempStore } from '../helpers/temp-store';

const ADELE = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
const SYSTEM = { id: 'system', name: 'GalleryOps' };

function record(action: string, details: AuditRecord['details'], actor = ADELE): AuditRecord {
  return { seq: 1, prevHash: '0', hash: '1', at: '2026-11-23T12:00:00.000Z', actor, action, requestId: 'CR-TEST0001', image: 'gal_golden/dispatch', version: '2026.6.0', details };
}

test.each<[string, AuditRecord['details'], string, string, boolean]>([
  ['request.created', { kind: 'promote-stage', toStage: 'production', reason: 'tested in staging' }, 'Request created: promote to production', 'Reason: tested in staging', false],
  ['request.created', { kind: 'retire' }, 'Request created: retire', '', false],
  ['request.approved', { approvals: 1, required: 1 }, 'Approved (1 of 1 approval)', '', false],
  ['request.rejected', { comment: 'not *yet*' }, 'Rejected', 'Comment: not *yet*', true],
  ['request.cancelled', {}, 'Cancelled by the requester', '', false],
  ['request.expired', { expiresAt: '2026-11-24T12:00:00.000Z' }, 'Expired without enough approvals', '', true],
  ['request.refused', { attempted: 'approve', code: 'self-approval', reason: 'You asked for this change.' }, 'Approval refused', 'Reason: You asked for this change.', true],
  ['request.refused', { attempted: 'create', code: 'no-rule', reason: 'No rule.' }, 'Request refused', 'Reason: No rule.', true],
  ['execution.started', { changes: 1, approvals: 1 }, 'Execution started', '', false],
  ['arm.write', { method: 'PUT', resourceId: `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/2026.6.0`, fields: { 'publishingProfile.excludeFromLatest': true } }, 'ARM write: PUT gal_golden/dispatch/2026.6.0 (publishingProfile.excludeFromLatest)', '', false],
  ['execution.succeeded', { summary: 'Created gal_golden/dispatch 2026.6.0.' }, 'Succeeded', 'Result: Created gal_golden/dispatch 2026.6.0.', false],
  ['execution.failed', { code: 'conflict', message: 'The version changed.' }, 'Failed (conflict)', 'Error: The version changed.', true],
  ['execution.reconciled', { outcome: 'applied', attempt: 1 }, 'Reconciled with Azure after a restart: applied', '', false],
  ['evidence.exported', {}, 'evidence.exported', '', false],
])('%s %j reads "%s"', (action, details, what, note, bad) => {
  expect(describeAuditRecord(record(action, details))).toEqual({ what, note, bad });
});

test('a stage promotion shows in the history of the definition it wrote into; newest first; versions filter', async () => {
  const data = await openTempStore();
  try {
    const log = createAuditLog(data.store.audit);
    const promotion = pendingRequest(stagePromotion(), undefined, 'CR-STAGE001');
    await data.store.requests.commit({ request: { create: promotion }, audit: [] });
    const entry = (at: number, action: string, image: string, version: string, requestId?: string): AuditEntry => ({
      at: new Date(Date.UTC(2026, 10, 23, 12, at)).toISOString(),
      actor: at === 2 ? ADELE : SYSTEM,
      action,
      image,
      version,
      ...(requestId ? { requestId } : {}),
      details: {},
    });
    await log.append(
      entry(1, 'request.created', 'gal_staging/dispatch', '2026.6.0', 'CR-STAGE001'),
      entry(2, 'request.approved', 'gal_staging/dispatch', '2026.6.0', 'CR-STAGE001'),
      entry(3, 'request.created', 'gal_golden/dispatch', '2026.5.1', 'CR-OTHER001'),
      entry(4, 'execution.succeeded', 'gal_staging/dispatch', '2026.6.0', 'CR-STAGE001'),
      entry(5, 'request.created', 'gal_golden/records', '2026.5.0', 'CR-OTHER002'),
    );
    const golden = { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
    const seqs = (records: AuditRecord[]) => records.map((r) => `${r.seq} ${r.action}`);
    expect(seqs(await readHistory(data.store, golden))).toEqual(['4 execution.succeeded', '3 request.created', '2 request.approved', '1 request.created']);
    expect(seqs(await readHistory(data.store, golden, '2026.6.0'))).toEqual(['4 execution.succeeded', '2 request.approved', '1 request.created']);
    expect(seqs(await readHistory(data.store, golden, '2026.5.1'))).toEqual(['3 request.created']);
    expect(seqs(await readHistory(data.store, { ...golden, gallery: 'gal_staging' }))).toEqual(['4 execution.succeeded', '2 request.approved', '1 request.created']);
  } finally {
    await data.cleanup();
  }
});

describe('the card', () => {
  async function withRecords(n: number) {
    const data = await openTempStore();
    const log = createAuditLog(data.store.audit);
    for (let i = 1; i <= n; i++) {
      await log.append({
        at: new Date(Date.UTC(2026, 10, 23, 12, i)).toISOString(),
        actor: i % 2 ? SYSTEM : { id: 'x', name: '*Mallory* <b>' },
        action: i === n ? 'request.rejected' : 'request.approved',
        requestId: `CR-${String(i).padStart(8, '0')}`,
        image: 'gal_golden/dispatch',
        version: '2026.5.1',
        details: i === n ? { comment: '[click](http://evil) **now**' } : { approvals: 1, required: 1 },
      });
    }
    return { ctx: { ...commandContext(), store: data.store }, cleanup: data.cleanup };
  }

  test('pages with More, newest first, escapes what people typed, opens each request', async () => {
    const { ctx, cleanup } = await withRecords(HISTORY_PAGE_SIZE + 5);
    try {
      const first = await ask(ctx, 'history dispatch 2026.05.1');
      expect(cardProblems(first.rendered)).toEqual([]);
      const lines = cardText(first.rendered);
      expect(lines[0]).toBe(`History of dispatch 2026.5.1: ${HISTORY_PAGE_SIZE + 5} records`);
      expect(lines).toContain(`Showing 1–${HISTORY_PAGE_SIZE} of ${HISTORY_PAGE_SIZE + 5}`);
      expect(lines[lines.indexOf(`Showing 1–${HISTORY_PAGE_SIZE} of ${HISTORY_PAGE_SIZE + 5}`) + 2]).toBe('✗ Rejected');
      expect(lines).toContain('Comment: \\[click\\](http://evil) \\*\\*now\\*\\*');
      expect(lines).toContain('2026-11-23 12:20 UTC · \\*Mallory\\* ‹b›');
      const buttons = runButtons(first.rendered);
      expect(buttons.map((b) => b.command)).toEqual(expect.arrayContaining(['request CR-00000020', `history gal_golden/dispatch 2026.5.1 page 2`]));
      const second = await ask(ctx, 'history gal_golden/dispatch 2026.5.1 page 2', 'card');
      expect(cardText(second.rendered)).toContain(`Showing ${HISTORY_PAGE_SIZE + 1}–${HISTORY_PAGE_SIZE + 5} of ${HISTORY_PAGE_SIZE + 5}`);
      expect(cardText(second.rendered).filter((l) => l.startsWith('version 2026.5.1 ·') || l.startsWith('request CR-'))[4]).toBe('request CR-00000001 · record #1');
    } finally {
      await cleanup();
    }
  });

  test('no records yet; a prefix resolves against the versions; an unknown version gets suggestions', async () => {
    const { ctx, cleanup } = await withRecords(0);
    try {
      expect(cardText((await ask(ctx, 'history records')).rendered).join('\n')).toMatch(/History of records: 0 records[\s\S]*No audit records for gal_golden\/records yet/);
      expect(cardText((await ask(ctx, 'history dispatch latest')).rendered)[0]).toBe('History of dispatch 2026.5.1: 0 records');
      expect(cardText((await ask(ctx, 'history dispatch 1999.1')).rendered).join('\n')).toMatch(/no version 1999\.1\.x/);
      expect(cardText((await ask(ctx, 'history dispatch x.y')).rendered).join('\n')).toMatch(/`x\.y` is not a version/);
    } finally {
      await cleanup();
    }
  });
});
