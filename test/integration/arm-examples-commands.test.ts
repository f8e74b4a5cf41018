/**
 * `usage`, `drift` and `history` through the real HTTP endpoint against Azure's own REST API examples
 * (../shared/arm-examples): the emulator serves the example gallery, definition and version (and, for `usage`,
 * the example scale sets), the bot reads them through the real SDKs, and the cards must say what follows from
 * the examples. `evidence` and `report` have their own example tests (test/evidence, test/report).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedEntry } from '../../emulator/start-emulator';
import { loadExample, pathsOf, PLACEHOLDERS, TEST_SUBSCRIPTION } from '../emulator/arm-examples';
import { DEMO } from '../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText } from '../helpers/validate-card';

const gallery = loadExample('2025-12-03/Gallery_Get.json');
const definition = loadExample('2025-12-03/GalleryImage_Get.json');
const version = loadExample('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json');
const paths = pathsOf(version.parameters);
const IMAGE = String(version.parameters['galleryImageName']); // myGalleryImageName
const VERSION = String(version.parameters['galleryImageVersionName']); // 1.0.0

/** The gallery, definition and version examples; the definition's and version's own ids are not canonical, so they are served where their parameters say. */
const gallerySeed: SeedEntry[] = [
  { resource: gallery.responses['200']!.body },
  { resource: definition.responses['200']!.body, at: paths.image },
  { resource: version.responses['200']!.body, at: paths.version },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-arm-examples-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** The "what happened" line of each history row: the line after its time and actor. */
function whatLines(lines: string[]): string[] {
  return lines.flatMap((l, i) => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · /.test(l) ? [lines[i + 1]!] : []));
}

describe('usage over the example scale sets', () => {
  let bot: BotUnderTest;
  const scaleSetsDir = `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachineScaleSets`;

  beforeAll(async () => {
    // Adaptation 1: the "from a generalized shared image" scale set references the definition (latest) of a
    // gallery the examples never define (mySharedGallery/mySharedImage); it is pointed at the example gallery's
    // definition instead, keeping the example's shape (properties.virtualMachineProfile.storageProfile.imageReference.id).
    const fromShared = structuredClone(loadExample('2026-04-01/VirtualMachineScaleSet_Create_FromAGeneralizedSharedImage.json').responses['200']!.body);
    expect(fromShared.properties.virtualMachineProfile.storageProfile.imageReference.id).toBe(
      `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/galleries/mySharedGallery/images/mySharedImage`,
    );
    fromShared.properties.virtualMachineProfile.storageProfile.imageReference.id = paths.image;

    // Adaptation 2: the disk-controller-type scale set deploys a Marketplace image (publisher/offer/sku/version,
    // no id) and has the same id as the first. One copy is renamed and pinned to the example version by id;
    // another, renamed too, keeps the Marketplace reference and must not be listed.
    const nvme = loadExample('2025-04-01/VirtualMachineScaleSet_Get_WithDiskControllerType.json').responses['200']!.body;
    expect(nvme.properties.virtualMachineProfile.storageProfile.imageReference).toEqual({ publisher: 'azuredatabricks', offer: 'databricks', sku: 'databricksworker', version: '3.15.2' });
    const renamed = (name: string) => ({ ...structuredClone(nvme), name, id: `${scaleSetsDir}/${name}` });
    const pinned = renamed('myPinnedScaleSet');
    pinned.properties.virtualMachineProfile.storageProfile.imageReference = { id: paths.version };
    const marketplace = renamed('myMarketplaceScaleSet');

    bot = await startBotUnderTest({ placeholders: PLACEHOLDERS, seed: [...gallerySeed, { resource: fromShared }, { resource: pinned }, { resource: marketplace }] });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('usage myGalleryImageName 1.0.0 lists the scale set pinned to it, and flags the one deploying the definition (latest)', async () => {
    const { card, text } = await say(bot, DEMO.lynne, `usage ${IMAGE} ${VERSION}`);
    const lines = cardText(card);
    expect(lines[0]).toBe('myGalleryImageName 1.0.0: 2 scale sets, no VMs');
    expect(text).toMatch(/Version 1\.0\.0 \(latest today\)\nmyPinnedScaleSet\nScale set\nResource group myResourceGroup · subscription 0d5c2a71-6b3e-4f0e-9a6c-5e1d2c3b4a59 · West US\nPinned to version 1\.0\.0/);
    expect(text).toMatch(/The definition \(latest\)\n.*\(today 1\.0\.0\)\.\nmyVirtualMachineScaleSet\nScale set\n.*\n⚠ Depends on latest/);
    expect(text).toContain('1 deployment depends on latest');
    expect(text).toContain('Recovery templates should pin a version');
    expect(text).not.toContain('myMarketplaceScaleSet');
  });

  it('usage myGalleryImageName lists both by version, the definition (latest) last', async () => {
    const { card, text } = await say(bot, DEMO.lynne, `usage ${IMAGE}`);
    const lines = cardText(card);
    expect(lines[0]).toBe('myGalleryImageName: 2 scale sets, no VMs');
    const order = ['Version 1.0.0 (latest today)', 'myPinnedScaleSet', 'Pinned to version 1.0.0', '⚠ The definition (latest)', 'myVirtualMachineScaleSet', '⚠ Depends on latest: references the definition, not a version'].map((l) => lines.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('myMarketplaceScaleSet');
  });
});

describe('drift against a desired state written for the example gallery', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    // Matches: the gallery is Private (the example has no sharing profile), West US ×1. Differs: East US has
    // 2 replicas where 3 are wanted, and West Europe is not a target region at all.
    const desiredFile = writeJson('desired-state.arm-examples.json', {
      galleries: [
        {
          gallery: 'myResourceGroup/myGalleryName',
          sharing: 'Private',
          definitions: [{ image: IMAGE, regions: [{ region: 'West US', replicas: 1 }, { region: 'East US', replicas: 3 }, 'westeurope'] }],
        },
      ],
    });
    bot = await startBotUnderTest({ placeholders: PLACEHOLDERS, seed: gallerySeed }, { DESIRED_STATE_FILE: desiredFile });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('lists exactly the missing region and the replica count, each with its fix', async () => {
    const { card, text } = await say(bot, DEMO.lynne, 'drift');
    const lines = cardText(card);
    expect(lines[0]).toBe('Drift: 2 differences from desired-state.arm-examples.json');
    expect(lines).toContain('Compared 1 gallery, 1 definition, 1 version.');
    expect(lines.filter((l) => /^[A-Z][\w ]+ \(\d+\)$/.test(l))).toEqual(['Region missing (1)', 'Replica count differs (1)']);
    expect(text).toContain('myGalleryName/myGalleryImageName 1.0.0 (latest) is not replicated to West Europe.');
    expect(text).toContain('Type: `promote myGalleryName/myGalleryImageName 1.0.0 to westeurope` (replicate it to West Europe)');
    expect(text).toContain('myGalleryName/myGalleryImageName 1.0.0 (latest) has 2 replicas in East US; the desired state says 3.');
    // West US has customer-managed keys: the fix changes East US's count alone and leaves them as they are.
    expect(text).toContain("--set 'publishingProfile.targetRegions[1].regionalReplicaCount=3'");
    expect(text).not.toContain('--target-regions');
    expect(text).not.toMatch(/West US;|shared as/);
  });
});

describe('history of the example version after an approved retirement', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    // The example version is the definition's only one, so retiring it leaves nothing eligible for latest: the
    // policy has to allow that. It is also the version the example flags for a policy violation, which is
    // exactly when an incident responder retires a version whatever it leaves behind.
    const policyFile = writeJson('policy.arm-examples.json', {
      stages: [],
      rules: [
        {
          gallery: 'myGalleryName',
          actions: ['retire'],
          requesters: [{ id: DEMO.megan.aadObjectId, name: DEMO.megan.name }],
          approvers: [{ id: DEMO.adele.aadObjectId, name: DEMO.adele.name }],
          allowUnsafeRetirement: true,
        },
      ],
    });
    bot = await startBotUnderTest({ placeholders: PLACEHOLDERS, seed: gallerySeed, lroRetryAfterSeconds: 0, lroPollDelayMs: 50 }, { POLICY_FILE: policyFile });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('lists created, approved and the execution records, newest first', async () => {
    const asked = await say(bot, DEMO.megan, `retire ${IMAGE} ${VERSION} because flagged ImageFlaggedUnsafe`);
    const id = requestIdOn(asked.text);
    expect(asked.text).toContain('Retire myGalleryImageName 1.0.0 (myGalleryName)');
    expect(asked.text).toContain('May approve: Adele Vance');
    // Approvers see the version it was read at, not the example body's `…/locations/westus/Galleries/…` id.
    expect(asked.text).toContain('Update gallery image version myGalleryName/myGalleryImageName/1.0.0');
    expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id })).text).toContain(`You approved ${id}`);
    expect((await waitForFinal(bot, id)).state).toBe('succeeded');
    // Written at the address the version was read from, whatever id the example's body carries.
    expect(await bot.app.context.gallery.getVersion({ subscriptionId: TEST_SUBSCRIPTION, resourceGroup: 'myResourceGroup', gallery: 'myGalleryName', image: IMAGE }, VERSION)).toMatchObject({ excludeFromLatest: true });

    const { card, text } = await say(bot, DEMO.lynne, `history ${IMAGE} ${VERSION}`);
    const lines = cardText(card);
    expect(lines[0]).toBe('History of myGalleryImageName 1.0.0: 6 records');
    expect(whatLines(lines)).toEqual([
      'Succeeded',
      'Azure accepted the change and is carrying it out',
      'ARM write: PATCH myGalleryName/myGalleryImageName/1.0.0 (publishingProfile.excludeFromLatest, publishingProfile.endOfLifeDate)',
      'Execution started',
      'Approved (1 of 1 approval)',
      'Request created: retire',
    ]);
    expect(text).toMatch(/UTC · Adele Vance\nApproved/);
    expect(text).toMatch(/UTC · Megan Bowen\nRequest created: retire\nReason: flagged ImageFlaggedUnsafe/);
    expect(text).toContain(`request ${id} · record #1`);
  });
});
