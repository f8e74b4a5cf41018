/** A command context for evidence tests: the demo gallery (fake port), a real file store, demo usage, a settable clock. */
import type { ChangeRequest } from '../../src/approvals/change-request';
import type { AuditEntry } from '../../src/audit/audit-record';
import { createAuditLog } from '../../src/audit/audit-log';
import type { CommandContext } from '../../src/commands/command-context';
import { renderCard } from '../../src/cards/render-card';
import type { Reply } from '../../src/cards/reply';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { runCommand } from '../../src/commands/run-command';
import { sameImage, sameVersion, parseImageReference } from '../../src/gallery/image-reference';
import type { ImageKey } from '../../src/gallery/model';
import type { UsageReader, UsageRef } from '../../src/gallery/usage-port';
import type { Store } from '../../src/storage/store';
import { commandContext } from '../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import type { FakeGalleryPort } from '../fixtures/fake-gallery-port';
import { openTempStore } from '../helpers/temp-store';
import { cardText, expectValidCard } from '../helpers/validate-card';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const SIGNING_KEY = 'test-signing-key-0123456789abcdef-0123456789';
export const BASE_URL = 'https://galleryops.example.test';
export const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020' };

const imageId = (gallery: string, image: string, version?: string): string =>
  `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/${gallery}/images/${image}${version ? `/versions/${version}` : ''}`;

function deployment(kind: 'vmss' | 'vm', name: string, resourceGroup: string, imageReferenceId: string): UsageRef & { kind: 'vmss' | 'vm' } {
  const type = kind === 'vmss' ? 'virtualMachineScaleSets' : 'virtualMachines';
  return {
    kind,
    id: `/subscriptions/${SUB}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/${type}/${name}`,
    name,
    resourceGroup,
    subscriptionId: SUB,
    imageReferenceId,
    pinned: /\/versions\//i.test(imageReferenceId),
  };
}

/** The demo's scale sets and VMs (product.md), as a UsageReader that behaves like the real one. */
export const DEMO_DEPLOYMENTS = [
  deployment('vmss', 'vmss-dispatch-prod', 'rg-dispatch-prod', imageId('gal_golden', 'dispatch', '2026.5.0')),
  deployment('vmss', 'vmss-callcenter', 'rg-callcenter', imageId('gal_golden', 'callcenter-desktop')),
  deployment('vm', 'vm-analytics-01', 'rg-analytics', imageId('gal_golden', 'gpu-analytics', '1.0.0')),
];

export function fakeUsage(deployments = DEMO_DEPLOYMENTS): UsageReader {
  return {
    async findUsage(image: ImageKey, version?: string) {
      const hits = deployments.filter(({ imageReferenceId }) => {
        const r = parseImageReference(imageReferenceId);
        if (!r || !sameImage(r, image)) return false;
        return version === undefined || r.version === undefined || sameVersion(r.version, version);
      });
      const strip = ({ kind: _k, ...rest }: UsageRef & { kind: string }): UsageRef => rest;
      return { scaleSets: hits.filter((d) => d.kind === 'vmss').map(strip), vms: hits.filter((d) => d.kind === 'vm').map(strip) };
    },
  };
}

export interface EvidenceHarness {
  ctx: CommandContext & { port: FakeGalleryPort };
  store: Store;
  clock: { now: Date };
  ask(text: string): Promise<Reply>;
  close(): Promise<void>;
}

/** The demo gallery with a real file store; the clock stands still unless a test moves it. */
export async function evidenceHarness(port: FakeGalleryPort = demoGallery().port, usage: UsageReader | undefined = fakeUsage()): Promise<EvidenceHarness> {
  const temp = await openTempStore();
  const clock = { now: DEMO_NOW };
  const base = commandContext(port, DEMO_NOW);
  const ctx: CommandContext & { port: FakeGalleryPort } = {
    ...base,
    now: () => clock.now,
    ...(usage ? { usage } : {}),
    audit: createAuditLog(temp.store.audit),
    store: temp.store,
    evidence: { publicBaseUrl: BASE_URL, signingKey: SIGNING_KEY, linkTtlMinutes: 60 },
    caller: ALEX,
  };
  return {
    ctx,
    store: temp.store,
    clock,
    ask: (text) => runCommand(text, ctx),
    close: () => temp.cleanup(),
  };
}

/** A finished promotion of dispatch 2026.5.1 to latest, as the approvals code would have stored it. */
export function sampleRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  const target = { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1' };
  return {
    id: 'CR-7QK2M9XA',
    revision: 4,
    kind: 'promote-latest',
    target,
    changes: [{ method: 'PATCH', resourceId: imageId('gal_golden', 'dispatch', '2026.5.1'), fields: [{ field: 'publishingProfile.excludeFromLatest', before: true, after: false }] }],
    gates: [{ name: 'replicated', passed: true }],
    warnings: [],
    scope: { action: 'promote', gallery: 'gal_golden', image: 'dispatch' },
    requester: { aadObjectId: ALEX.aadObjectId, name: 'Alex Wilber', teamsUserId: ALEX.id },
    reason: 'fixes the dispatcher *login*',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: '2026-11-21T09:00:00.000Z',
    requiredApprovals: 1,
    approvals: [{ by: { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Adele Vance' }, at: '2026-11-20T09:30:00.000Z' }],
    approvedAt: '2026-11-20T09:30:00.000Z',
    state: 'succeeded',
    execution: { startedAt: '2026-11-20T09:30:01.000Z', intentRecordedAt: '2026-11-20T09:30:01.000Z', attempts: 1, finishedAt: '2026-11-20T09:31:00.000Z', result: { summary: 'dispatch 2026.5.1 is eligible for latest' } },
    cards: [{ conversationId: 'conv-secret', activityId: 'a1', serviceUrl: 'https://smba.example' }],
    ...overrides,
  };
}

/** Audit entries a request like `sampleRequest` leaves behind. */
export function sampleEntries(request: ChangeRequest): AuditEntry[] {
  const about = { requestId: request.id, image: 'gal_golden/dispatch', version: request.target.version };
  return [
    { at: request.createdAt, actor: { id: ALEX.aadObjectId, name: 'Alex Wilber' }, action: 'request.created', ...about, details: { state: 'pending' } },
    { at: '2026-11-20T09:30:00.000Z', actor: { id: '00000000-0000-0000-0000-000000000022', name: 'Adele Vance' }, action: 'request.approved', ...about, details: { state: 'approved' } },
    { at: '2026-11-20T09:31:00.000Z', actor: { id: 'system', name: 'GalleryOps' }, action: 'execution.succeeded', ...about, details: { state: 'succeeded' } },
  ];
}

/** A card reply rendered, validated, and its text as a user reads it. */
export function cardOf(reply: Reply): { rendered: object; text: string } {
  if (reply.kind !== 'card') throw new Error(`expected a card, got: ${reply.text}`);
  const rendered = renderCard(reply);
  expectValidCard(rendered);
  return { rendered, text: cardText(rendered).join('\n') };
}

export function textOf(reply: Reply): string {
  if (reply.kind !== 'text') throw new Error(`expected text, got the ${reply.template} card`);
  return reply.text;
}

/** The bundle hash shown on a card. */
export const hashOn = (text: string): string => /\b[0-9a-f]{64}\b/.exec(text)![0];

export async function storedBundle(store: Pick<Store, 'evidence'>, hash: string): Promise<EvidenceBundle> {
  const bundle = await store.evidence.get(hash);
  if (!bundle) throw new Error(`no bundle ${hash}`);
  return bundle as unknown as EvidenceBundle;
}
