/**
 * Evidence against Azure's own REST examples (../shared/arm-examples): the emulator serves the example bodies,
 * the real SDK reads them, and the card and the bundle must carry what the examples say: a version flagged for
 * a policy violation, its regions, its source, and the exact ARM requests (path, api-version, $expand).
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { createAuditLog } from '../../src/audit/audit-log';
import { renderCard } from '../../src/cards/render-card';
import type { CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { createArmGallery, staticTokenCredential } from '../../src/gallery/arm';
import { createResponseCapture } from '../../src/gallery/arm/response-capture';
import { NameIndex } from '../../src/gallery/name-index';
import { ReplicationReader } from '../../src/gallery/replication-reader';
import { VersionIndex } from '../../src/gallery/version-index';
import { loadExample, parentSeed, pathsOf, PLACEHOLDERS, TEST_SUBSCRIPTION } from '../emulator/arm-examples';
import { startTestEmulator } from '../emulator/emulator-fixture';
import { openTempStore } from '../helpers/temp-store';
import { cardText, expectValidCard } from '../helpers/validate-card';

const NOW = new Date('2026-11-23T12:00:00Z');
let emulator: RunningEmulator | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await emulator?.close();
  await cleanup?.();
  emulator = undefined;
  cleanup = undefined;
});

test('GalleryImage_Get + GalleryImageVersion_Get_WithReplicationStatus: policy violation, regions, source and the reproducing requests', async () => {
  const definition = loadExample('2025-12-03/GalleryImage_Get.json');
  const version = loadExample('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json');
  const p = version.parameters;
  const paths = pathsOf(p);
  emulator = await startTestEmulator({
    placeholders: PLACEHOLDERS,
    seed: [parentSeed(p)[0]!, { resource: definition.responses['200']!.body, at: paths.image }, { resource: version.responses['200']!.body, at: paths.version }],
  });
  const temp = await openTempStore();
  cleanup = temp.cleanup;
  const capture = createResponseCapture();
  const gallery = createArmGallery({ scopes: [{ subscriptionId: TEST_SUBSCRIPTION }], credential: staticTokenCredential(), endpoint: emulator.url, ca: emulator.ca, retryOptions: { maxRetries: 0 }, capture });
  const now = (): Date => NOW;
  const ctx: CommandContext = {
    gallery,
    names: new NameIndex({ gallery, stages: [], now }),
    replication: new ReplicationReader(gallery, now),
    versionIndex: new VersionIndex({ gallery, now }),
    stages: [],
    now,
    armResponses: capture,
    audit: createAuditLog(temp.store.audit),
    store: temp.store,
    evidence: { publicBaseUrl: 'https://galleryops.example.test', signingKey: 'x'.repeat(40), linkTtlMinutes: 60 },
    caller: { id: '29:auditor', name: 'Auditor' },
  };

  const reply = await runCommand(`evidence ${p['galleryImageName']} ${p['galleryImageVersionName']}`, ctx);
  if (reply.kind !== 'card') throw new Error(reply.text);
  const rendered = renderCard(reply);
  expectValidCard(rendered);
  const text = cardText(rendered).join('\n');
  expect(text).toContain('Evidence: myGalleryImageName 1.0.0');
  expect(text).toContain('Policy violation: ImageFlaggedUnsafe (This is the policy violation details.)');
  expect(text).toMatch(/Replication Completed in 2 regions/);
  expect(text).toContain('West US');
  expect(text).toContain('East US');
  expect(text).toMatch(/Published: 2018-01-01/);
  expect(text).toContain('Deletion protection: none');
  expect(text).toMatch(/Latest: yes/);
  // Usage is not wired here: the evidence is made anyway, and says so.
  expect(text).toMatch(/Scale sets and VMs could not be read: usage is not configured/);

  const hash = /\b[0-9a-f]{64}\b/.exec(text)![0];
  const bundle = (await temp.store.evidence.get(hash)) as unknown as EvidenceBundle;
  const [def, ver] = bundle.snapshots;
  const example = version.responses['200']!.body.properties;
  expect(def!.armRequest).toEqual({ method: 'GET', path: paths.image, apiVersion: definition.parameters['api-version'] });
  expect(def!.body).toMatchObject({ osType: 'Windows', hyperVGeneration: 'V1', publisher: 'myPublisherName', offer: 'myOfferName', sku: 'mySkuName' });
  // Microsoft's example asks for ReplicationStatus; the bot's one full read asks for validation results too.
  expect(ver!.armRequest).toEqual({ method: 'GET', path: paths.version, apiVersion: p['api-version'], expand: `${p['$expand']},ValidationProfile` });
  expect(ver!.azCommand).toBe(
    `az sig image-version show --subscription ${TEST_SUBSCRIPTION} --resource-group myResourceGroup --gallery-name myGalleryName --gallery-image-definition myGalleryImageName --gallery-image-version 1.0.0 --expand ReplicationStatus,ValidationProfile`,
  );
  // ARM's own answer is beside the summary: the example's properties as served, at the recorded request.
  const answers = 'responses' in ver!.verbatim ? ver!.verbatim.responses : [];
  expect(answers).toHaveLength(1);
  const url = new URL(answers[0]!.url);
  expect([url.pathname, url.searchParams.get('api-version'), url.searchParams.get('$expand')]).toEqual([paths.version, ver!.armRequest.apiVersion, ver!.armRequest.expand]);
  const served = JSON.parse(answers[0]!.body!) as { properties: typeof example };
  expect(served.properties.safetyProfile).toEqual(example.safetyProfile);
  expect(served.properties.storageProfile).toEqual(example.storageProfile);
  expect(ver!.body).toMatchObject({
    publishedDate: '2018-01-01T00:00:00.000Z',
    replicaCount: example.publishingProfile.replicaCount,
    sourceId: example.storageProfile.source.id,
    targetRegions: example.publishingProfile.targetRegions.map((r: { name: string; regionalReplicaCount: number }) => expect.objectContaining({ name: r.name, regionalReplicaCount: r.regionalReplicaCount })),
    safety: { reportedForPolicyViolation: true, policyViolations: example.safetyProfile.policyViolations, blockDeletionBeforeEndOfLife: false },
    replication: { aggregatedState: 'Completed', regions: example.replicationStatus.summary.map((s: { region: string; state: string }) => expect.objectContaining({ region: s.region, state: s.state })) },
  });
});
