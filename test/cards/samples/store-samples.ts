/**
 * Evidence and history cards from their pure builders, over the inputs evidence-command.test.ts and
 * history.test.ts use. Requests and audit records are held in memory: the samples need what the store
 * answers, not a store.
 */
import type { ChangeRequest } from '../../../src/approvals/change-request';
import type { AuditRecord } from '../../../src/audit/audit-record';
import { evidenceCard } from '../../../src/cards/evidence-card';
import { HISTORY_PAGE_SIZE, historyCard } from '../../../src/cards/history-card';
import type { CommandContext } from '../../../src/commands/command-context';
import { requireImage } from '../../../src/commands/require-name';
import { resolveTypedVersion } from '../../../src/commands/resolve-typed-version';
import { versionArgument } from '../../../src/commands/version-argument';
import { evidenceLink } from '../../../src/evidence/download-link';
import { collectEvidence } from '../../../src/evidence/collect-evidence';
import { UpstreamError } from '../../../src/errors';
import type { UsageReader } from '../../../src/gallery/usage-port';
import { adele, latestPromotion, megan, minutes, pendingRequest, SUB } from '../../approvals/fixtures';
import { commandContext } from '../../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../../fixtures/demo-gallery';
import { demoUsage } from '../../report/report-fixtures';
import type { CardSample } from './command-samples';
import { after, OPERATION } from './request-fixtures';

const LINKS = { publicBaseUrl: 'https://galleryops.example.test', signingKey: 'test-signing-key-0123456789abcdef-0123456789', linkTtlMinutes: 60 };

function record(seq: number, at: Date, action: string, about: Partial<AuditRecord>, details: AuditRecord['details'] = {}, actor = { id: 'system', name: 'GalleryOps' }): AuditRecord {
  return { seq, prevHash: String(seq - 1), hash: String(seq), at: at.toISOString(), actor, action, ...about, details };
}

/** `dispatch <version>` requests: one done (with its audit trail), one rejected. */
function dispatchRequests(version: string): { requests: ChangeRequest[]; records: AuditRecord[] } {
  const target = { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version };
  const done = after(pendingRequest(latestPromotion(megan, { target, reason: 'fixes the dispatcher *login*' }), undefined, 'CR-7QK2M9XA'), [
    { type: 'approve', by: adele },
    { type: 'startExecution' },
    { type: 'armOperationStarted', operation: OPERATION },
    { type: 'executionSucceeded', result: { summary: `dispatch ${version} is eligible for latest` } },
  ]);
  const rejected = after(pendingRequest({ ...latestPromotion(megan, { target }), kind: 'retire' }, undefined, 'CR-REJECTED1'), [{ type: 'reject', by: adele, comment: 'still in use' }]);
  const about = { requestId: done.id, image: 'gal_golden/dispatch', version };
  const records = ['request.created', 'request.approved', 'execution.succeeded'].map((action, i) => record(i + 1, minutes(i), action, about));
  return { requests: [done, rejected], records };
}

async function evidenceSample(ctx: CommandContext, image: string, versionText: string, held: { requests: ChangeRequest[]; records: AuditRecord[] } = { requests: [], records: [] }): Promise<CardSample> {
  const target = await requireImage(ctx, image, (q) => `evidence ${q} ${versionText}`);
  const spec = versionArgument(versionText, 'evidence <image> <version>');
  const matches = (r: AuditRecord, f: { requestId?: string; image?: string; version?: string }): boolean =>
    (!f.requestId || r.requestId === f.requestId) && (!f.image || r.image === f.image.toLowerCase()) && (!f.version || r.version === f.version);
  const collected = await collectEvidence(
    {
      gallery: ctx.gallery,
      ...(ctx.usage ? { usage: ctx.usage } : {}),
      audit: { list: async (f = {}) => held.records.filter((r) => matches(r, f)), head: async () => held.records.at(-1) },
      requests: { listByImage: async (_g, i) => held.requests.filter((r) => r.target.image === i) },
      now: ctx.now,
    },
    target.image,
    (versions) => resolveTypedVersion(spec, versions, image, versionText).version.version,
    { name: 'Alex Wilber' },
  );
  const now = ctx.now();
  const reply = evidenceCard({ resolved: target, qualified: target.qualified, evidence: collected, link: evidenceLink(LINKS, collected.sealed.bundle.sha256, now), now });
  return { label: `evidence: ${image} ${versionText}${held.requests.length ? `, ${held.requests.length} requests` : ''}`, reply };
}

function evidenceSamples(): Promise<CardSample>[] {
  const ctx: CommandContext = { ...commandContext(), usage: demoUsage() };
  const failingUsage: UsageReader = { findUsage: async () => { throw new UpstreamError('Resource Graph answered 503.'); } };
  const wide = demoGallery().image('gal_golden', 'wide');
  wide.version('gal_golden', 'wide', '1.0.0', { publishedDays: -1, eolDays: 100, regions: Array.from({ length: 60 }, (_, i) => [`region${i}`, i % 5 ? 'Completed' : 'Failed', i]) });
  const wideRequests = Array.from({ length: 40 }, (_, i) =>
    pendingRequest(latestPromotion(megan, { target: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'wide', version: '1.0.0' } }), undefined, `CR-WIDE${String(i).padStart(4, '0')}`));
  return [
    ...[['dispatch', '2026.5.1'], ['dispatch', '2026.5.0'], ['callcenter-desktop', 'latest'], ['callcenter-desktop', '2026.4'], ['gpu-analytics', '1.0.0'], ['records', '2026.5.0']]
      .map(([image, version]) => evidenceSample(ctx, image!, version!)),
    evidenceSample(ctx, 'gal_golden/dispatch', '2026.5.1', dispatchRequests('2026.5.1')),
    evidenceSample({ ...ctx, usage: failingUsage }, 'dispatch', '2026.5.1'),
    evidenceSample({ ...commandContext(wide.port), usage: demoUsage() }, 'wide', '1.0.0', { requests: wideRequests, records: [] }),
  ];
}

/** Records like history.test.ts writes: alternating actors, the last one a rejection with a hostile comment. */
function historyRecords(n: number): AuditRecord[] {
  return Array.from({ length: n }, (_, k) => {
    const i = n - k;
    const actor = i % 2 ? { id: 'system', name: 'GalleryOps' } : { id: 'x', name: '*Mallory* <b>' };
    const about = { requestId: `CR-${String(i).padStart(8, '0')}`, image: 'gal_golden/dispatch', version: '2026.5.1' };
    const details: AuditRecord['details'] = i === n ? { comment: '[click](http://evil) **now**' } : { approvals: 1, required: 1 };
    return record(i, new Date(Date.UTC(2026, 10, 23, 12, i)), i === n ? 'request.rejected' : 'request.approved', about, details, actor);
  });
}

async function historySamples(): Promise<CardSample[]> {
  const ctx = commandContext();
  const dispatch = await requireImage(ctx, 'dispatch', (q) => `history ${q}`);
  const records = await requireImage(ctx, 'records', (q) => `history ${q}`);
  const many = historyRecords(HISTORY_PAGE_SIZE + 5);
  const card = (label: string, input: Omit<Parameters<typeof historyCard>[0], 'readAt'>): CardSample => ({ label: `history: ${label}`, reply: historyCard({ ...input, readAt: DEMO_NOW }) });
  return [
    card('20 records, page 1', { resolved: dispatch, qualified: dispatch.qualified, version: '2026.5.1', records: many, page: 1 }),
    card('20 records, page 2', { resolved: dispatch, qualified: dispatch.qualified, version: '2026.5.1', records: many, page: 2 }),
    card('whole definition', { resolved: dispatch, qualified: dispatch.qualified, records: many, page: 1 }),
    card('no records yet', { resolved: records, qualified: records.qualified, records: [], page: 1 }),
  ];
}

export async function storeSamples(): Promise<CardSample[]> {
  const [evidence, history] = await Promise.all([Promise.all(evidenceSamples()), historySamples()]);
  return [...evidence, ...history];
}
