/**
 * What a correct card must show for each REST example (test/fixtures/arm-examples), as a table of facts.
 *
 * Most facts are derived from the example's own data (its regions, source, encryption sets, validations …), so
 * adding an example adds its facts; a few are written by hand (gallery and definition features). A fact is a
 * pattern that any correct wording must contain (the data value itself, e.g. an edge zone's name), not a
 * snapshot of a card. Facts the cards do not show yet are marked pending by kind in `PENDING` (with the work that
 * will show them); the test asserts them with `test.failing`, so it stays green now and fails (flips) when the
 * fact appears — then delete the kind's line here.
 */
import type { ArmExampleFile, ExampleSet, SeededSet } from './arm-example-fixtures';

/** The read commands a fact is about; `status` is `image status <image> <version>`. */
export type ReadCommand = 'galleries' | 'images' | 'versions' | 'status' | 'usage' | 'evidence' | 'history' | 'report';

/** What kind of fact it is: the unit of "pending" (a card shows a kind everywhere or nowhere). */
export type FactKind =
  | 'gallery-listed'
  | 'gallery-sharing'
  | 'gallery-shared-with'
  | 'gallery-soft-delete'
  | 'gallery-identity'
  | 'gallery-community-info'
  | 'gallery-provisioning'
  | 'definition-identifier'
  | 'definition-os'
  | 'definition-architecture'
  | 'definition-end-of-life'
  | 'definition-security-type'
  | 'definition-security-type-in-list'
  | 'definition-features'
  | 'definition-provisioning'
  | 'definition-plan'
  | 'version-listed'
  | 'header'
  | 'published'
  | 'end-of-life'
  | 'region'
  | 'region-replicas'
  | 'region-storage'
  | 'region-state'
  | 'region-details'
  | 'region-excluded-from-latest'
  | 'replication-mode'
  | 'storage-strategy'
  | 'additional-replica-set'
  | 'extended-location'
  | 'encryption'
  | 'cvm-encryption'
  | 'newer-api-field-omitted'
  | 'uefi'
  | 'policy-violation'
  | 'policy-flag-in-list'
  | 'validation'
  | 'validation-flag-in-list'
  | 'validation-attributes'
  | 'block-deletion'
  | 'provisioning-state'
  | 'provisioning-flag-in-list'
  | 'not-latest-while-provisioning'
  | 'no-regions-not-completed'
  | 'latest'
  | 'no-latest-reason'
  | 'source-managed-image'
  | 'source-snapshot'
  | 'source-data-disk-snapshot'
  | 'source-vm'
  | 'source-gallery-version'
  | 'source-community'
  | 'source-vhd'
  | 'source-vhd-storage-account'
  | 'report-policy-violation'
  | 'report-attribution'
  | 'usage-none'
  | 'usage-shared-id'
  | 'usage-community-id'
  | 'history-empty';

/**
 * Kinds the cards do not show yet, with the work that will show them. The test asserts these with
 * `test.failing`: when one starts to pass, the test fails and names it — remove its line.
 */
export const PENDING: Partial<Record<FactKind, string>> = {
};

export interface CardFact {
  on: ReadCommand;
  kind: FactKind;
  /** Which version's card (status, evidence, the versions list's entry); default: the set's first version. */
  version?: string;
  /** Must appear on the card (one pattern; `.` never crosses a line). */
  shows?: RegExp;
  /** Must not appear on the card. */
  never?: RegExp;
  /** In words, for the test's name. */
  what: string;
}

/** One row of the table: an example set, what it is for, and its hand-written facts. */
export interface ExampleRow {
  name: string;
  set: ExampleSet;
  facts?: CardFact[];
}

// ---- facts derived from the example data ----

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A region as the card may spell it: `eastus`, `East US`, `east us` all match. */
const regionPattern = (name: string): string => name.replace(/\s+/g, '').split('').map(esc).join('\\s?');
const lastSegment = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;
const day = (iso: string): string => iso.slice(0, 10);
const propsOf = (file: ArmExampleFile): Json => obj(obj(file.responses['200']?.body)['properties']);

/** Facts of one version example, on `status` (everything) and `evidence` (source, safety, security). */
function versionFacts(file: ArmExampleFile, version: string, image: string, qualified: string): CardFact[] {
  const p = propsOf(file);
  const pub = obj(p['publishingProfile']);
  const storage = obj(p['storageProfile']);
  const safety = obj(p['safetyProfile']);
  const facts: CardFact[] = [];
  const both = (f: Omit<CardFact, 'on' | 'version'>): void => void facts.push({ ...f, on: 'status', version }, { ...f, on: 'evidence', version });
  const status = (f: Omit<CardFact, 'on' | 'version'>): void => void facts.push({ ...f, on: 'status', version });

  status({ kind: 'header', shows: new RegExp(`^${esc(image)} ${esc(version)}$`, 'm'), what: 'the version it is about' });
  facts.push({ on: 'versions', version, kind: 'version-listed', shows: new RegExp(`^${esc(version)}$`, 'm'), what: `${version} is listed` });
  const published = str(pub['publishedDate']);
  if (published) both({ kind: 'published', shows: new RegExp(esc(day(published))), what: `published ${day(published)}` });
  const eol = str(pub['endOfLifeDate']);
  if (eol) both({ kind: 'end-of-life', shows: new RegExp(esc(day(eol))), what: `end of life ${day(eol)}` });
  const mode = str(pub['replicationMode']);
  if (mode) status({ kind: 'replication-mode', shows: new RegExp(`\\b${esc(mode)}\\b`), what: `replication mode ${mode}` });
  const strategy = str(pub['storageAccountStrategy']);
  if (strategy) status({ kind: 'storage-strategy', shows: new RegExp(esc(strategy)), what: `storage account strategy ${strategy}` });

  const desNames = new Set<string>();
  const cvm = new Set<string>();
  const newerThanPinned = new Set<string>();
  const noteEncryption = (enc: Json): void => {
    const os = obj(enc['osDiskImage']);
    for (const disk of [os, ...arr(enc['dataDiskImages'])]) {
      const des = str(disk['diskEncryptionSetId']);
      if (des) desNames.add(lastSegment(des));
      const sp = obj(disk['securityProfile']);
      // A data disk's securityProfile is new in 2026-03-03: at 2025-12-03 (what the SDK asks for) ARM omits it.
      const into = disk === os ? cvm : newerThanPinned;
      const type = str(sp['confidentialVMEncryptionType']);
      if (type) into.add(type);
      const secure = str(sp['secureVMDiskEncryptionSetId']);
      if (secure) into.add(lastSegment(secure));
    }
  };
  for (const region of arr(pub['targetRegions'])) {
    const name = str(region['name']) ?? '';
    status({ kind: 'region', shows: new RegExp(regionPattern(name), 'i'), what: `region ${name}` });
    const type = str(region['storageAccountType']);
    if (type) status({ kind: 'region-storage', shows: new RegExp(`${esc(type)}\\b`), what: `${name} storage ${type}` });
    const count = region['regionalReplicaCount'];
    if (typeof count === 'number') status({ kind: 'region-replicas', shows: new RegExp(`\\b${count} replicas?\\b`), what: `${count} replica(s) in ${name}` });
    if (region['excludeFromLatest'] === true) {
      status({ kind: 'region-excluded-from-latest', shows: new RegExp(`${regionPattern(name)}(?:.*\\n){0,5}.*excluded from latest|excluded from latest.*${regionPattern(name)}`, 'i'), what: `${name} is excluded from latest` });
    }
    for (const set of arr(region['additionalReplicaSets'])) {
      const t = str(set['storageAccountType']);
      if (t) status({ kind: 'additional-replica-set', shows: new RegExp(esc(t)), what: `additional replica set ${t} in ${name}` });
    }
    noteEncryption(obj(region['encryption']));
  }
  for (const target of arr(pub['targetExtendedLocations'])) {
    const zone = str(obj(target['extendedLocation'])['name']);
    if (zone) both({ kind: 'extended-location', shows: new RegExp(esc(zone)), what: `edge zone ${zone}` });
    noteEncryption(obj(target['encryption']));
  }
  for (const des of desNames) both({ kind: 'encryption', shows: new RegExp(`${esc(des)}\\b`), what: `disk encryption set ${des}` });
  for (const type of cvm) both({ kind: 'cvm-encryption', shows: new RegExp(esc(type)), what: `OS disk confidential VM encryption ${type}` });
  // Fields the pinned api-version (2025-12-03) does not have: ARM leaves them out of its answer, so no card shows them.
  const security = obj(p['securityProfile']);
  const secrets = str(obj(security['secretsProvisioningSettings'])['osName']);
  if (secrets) newerThanPinned.add(secrets);
  for (const profile of arr(p['imageMetadataProfiles'])) newerThanPinned.add(str(profile['type']) ?? '');
  for (const value of [...newerThanPinned].filter(Boolean)) {
    both({ kind: 'newer-api-field-omitted', never: new RegExp(`\\b${esc(value)}\\b`), what: `${value} (a field newer than api-version 2025-12-03) is not shown` });
  }

  const uefi = obj(obj(p['securityProfile'])['uefiSettings']);
  for (const template of (uefi['signatureTemplateNames'] as unknown[] | undefined) ?? []) {
    if (typeof template === 'string') both({ kind: 'uefi', shows: new RegExp(esc(template)), what: `UEFI signature template ${template}` });
  }

  const source = obj(storage['source']);
  const sourceId = str(source['id']);
  if (sourceId && /\/images\/[^/]+$/i.test(sourceId) && !/\/galleries\//i.test(sourceId)) both({ kind: 'source-managed-image', shows: /managed image[^\n]*\{imageName\}/i, what: 'source: managed image {imageName}' });
  if (sourceId && /\/galleries\/.+\/versions\//i.test(sourceId)) both({ kind: 'source-gallery-version', shows: /(gallery|image) version[^\n]*\{versionName\}|\{imageDefinitionName\}[^\n]*\{versionName\}/i, what: 'source: another gallery image version' });
  const vm = str(source['virtualMachineId']);
  if (vm) both({ kind: 'source-vm', shows: new RegExp(`(virtual machine|VM)[^\\n]*${esc(lastSegment(vm))}`, 'i'), what: `source: VM ${lastSegment(vm)}` });
  const community = str(source['communityGalleryImageId']);
  if (community) both({ kind: 'source-community', shows: /community[^\n]*\{communityGalleryImageName\}|\{communityGalleryName\}[^\n]*\{communityGalleryImageName\}/i, what: 'source: community gallery image' });
  const os = obj(storage['osDiskImage']);
  const osSource = obj(os['source']);
  const osId = str(osSource['id']);
  if (osId && /\/snapshots\//i.test(osId)) both({ kind: 'source-snapshot', shows: new RegExp(`snapshot[^\\n]*${esc(lastSegment(osId))}`, 'i'), what: `source: snapshot ${lastSegment(osId)}` });
  for (const data of arr(storage['dataDiskImages'])) {
    const id = str(obj(data['source'])['id']);
    if (id && /\/snapshots\//i.test(id)) status({ kind: 'source-data-disk-snapshot', shows: new RegExp(esc(lastSegment(id))), what: `data disk source: snapshot ${lastSegment(id)}` });
  }
  const uri = str(osSource['uri']);
  if (uri) both({ kind: 'source-vhd', shows: new RegExp(`VHD[^\\n]*${esc(lastSegment(uri))}|${esc(uri)}`, 'i'), what: `source: VHD ${lastSegment(uri)}` });
  const account = str(osSource['storageAccountId']);
  if (account) both({ kind: 'source-vhd-storage-account', shows: new RegExp(`storage account[^\\n]*${esc(lastSegment(account))}`, 'i'), what: `VHD storage account ${lastSegment(account)}` });

  for (const violation of arr(safety['policyViolations'])) {
    const category = str(violation['category']) ?? '';
    both({ kind: 'policy-violation', shows: new RegExp(esc(category)), what: `policy violation ${category}` });
    facts.push({ on: 'versions', version, kind: 'policy-flag-in-list', shows: new RegExp(esc(category)), what: `flagged ${category} in the list` });
    facts.push({ on: 'report', version, kind: 'report-policy-violation', shows: new RegExp(`${esc(category)}.*\\n(?:.*\\n){0,2}.*${esc(`${qualified} ${version}`)}`), what: `the report lists this example's ${version} as flagged ${category}` });
  }
  if (safety['blockDeletionBeforeEndOfLife'] === true) status({ kind: 'block-deletion', shows: /block[^\n]*before end of life/i, what: 'deletion blocked before end of life' });

  const validations = obj(p['validationsProfile']);
  for (const run of arr(validations['executedValidations'])) {
    const type = str(run['type']) ?? '';
    const result = str(run['status']) ?? '';
    both({ kind: 'validation', shows: new RegExp(`${esc(type)}.*${esc(result)}|${esc(result)}.*${esc(type)}`, 'i'), what: `validation ${type} ${result}` });
    if (result === 'Failed') facts.push({ on: 'versions', version, kind: 'validation-flag-in-list', shows: new RegExp(esc(type)), what: `failed validation ${type} flagged in the list` });
  }
  for (const attribute of arr(validations['platformAttributes']).slice(0, 1)) {
    const value = str(attribute['value']) ?? '';
    status({ kind: 'validation-attributes', shows: new RegExp(esc(value)), what: `platform attribute ${str(attribute['name'])} = ${value}` });
  }

  const replication = obj(p['replicationStatus']);
  for (const region of arr(replication['summary'])) {
    const name = str(region['region']) ?? '';
    const state = str(region['state']) ?? '';
    status({ kind: 'region-state', shows: new RegExp(`${regionPattern(name)}(?:.*\\n){0,3}.*${esc(state)}`, 'i'), what: `${name} ${state}` });
    const details = str(region['details']);
    if (details) status({ kind: 'region-details', shows: new RegExp(esc(details)), what: `${name}: ARM's details` });
  }

  const subscription = qualified.split('/')[0]!;
  const failedRegions = arr(replication['summary']).filter((r) => r['state'] === 'Failed').length;
  if (p['provisioningState'] === 'Failed' || failedRegions > 0) {
    // 26 galleries share one name across the table's subscriptions: a finding must say which one it is about.
    facts.push({ on: 'report', version, kind: 'report-attribution', shows: new RegExp(`${esc(version)}[^\\n]*fail[^\\n]*\\n(?:.*\\n){0,2}.*${esc(subscription)}`, 'i'), what: `the report's failure findings for ${version} name this example's subscription` });
  }

  const state = str(p['provisioningState']);
  if (state && state !== 'Succeeded') {
    both({ kind: 'provisioning-state', shows: new RegExp(`\\b${esc(state)}\\b`), what: `provisioning state ${state}` });
    status({ kind: 'not-latest-while-provisioning', never: /Latest: yes/, what: `not called latest while ${state}` });
    facts.push({ on: 'versions', version, kind: 'provisioning-flag-in-list', shows: new RegExp(`\\b${esc(state)}\\b`, 'i'), what: `${state} shown in the list` });
    facts.push({ on: 'versions', version, kind: 'not-latest-while-provisioning', never: /LATEST/, what: `not marked LATEST while ${state}` });
  }
  if (arr(pub['targetRegions']).length === 0) {
    status({ kind: 'no-regions-not-completed', never: /Completed in 0 regions/i, what: 'no regions yet is not "Completed"' });
    facts.push({ on: 'versions', version, kind: 'no-regions-not-completed', never: /completed in 0 regions/i, what: 'no regions yet is not "completed"' });
  }
  return facts;
}

function galleryFacts(file: ArmExampleFile): CardFact[] {
  const p = propsOf(file);
  const facts: CardFact[] = [{ on: 'galleries', kind: 'gallery-listed', shows: /^myGalleryName$/m, what: 'the gallery is listed' }];
  const sharing = str(obj(p['sharingProfile'])['permissions']) ?? 'Private';
  facts.push({ on: 'galleries', kind: 'gallery-sharing', shows: new RegExp(`\\b${esc(sharing)}\\b`), what: `sharing: ${sharing}` });
  const state = str(p['provisioningState']);
  if (state && state !== 'Succeeded') facts.push({ on: 'galleries', kind: 'gallery-provisioning', shows: new RegExp(`\\b${esc(state)}\\b`), what: `gallery ${state}` });
  return facts;
}

function definitionFacts(file: ArmExampleFile): CardFact[] {
  const p = propsOf(file);
  const id = obj(p['identifier']);
  const facts: CardFact[] = [
    { on: 'images', kind: 'definition-identifier', shows: new RegExp(`${esc(str(id['publisher']) ?? '')}.*${esc(str(id['offer']) ?? '')}.*${esc(str(id['sku']) ?? '')}`), what: 'publisher / offer / SKU' },
    { on: 'images', kind: 'definition-os', shows: new RegExp(`${esc(str(p['osType']) ?? '')}.*${esc(str(p['osState']) ?? '')}`), what: `${str(p['osType'])} ${str(p['osState'])}` },
  ];
  const generation = str(p['hyperVGeneration']);
  if (generation) facts.push({ on: 'images', kind: 'definition-os', shows: new RegExp(`\\b${esc(generation)}\\b`), what: `Hyper-V generation ${generation}` });
  return facts;
}

const versionParts = (v: string): number[] => v.split('.').map(Number);
const newer = (a: string, b: string): boolean => {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/**
 * Which version is latest: the highest number among versions that are Succeeded and not excluded from latest
 * (issue 11 point 3: a Creating / Updating / Failed version is never latest).
 */
function latestFacts(seeded: SeededSet): CardFact[] {
  const eligible = seeded.versions.filter((v, i) => {
    const p = propsOf(seeded.files.versions[i]!);
    return (str(p['provisioningState']) ?? 'Succeeded') === 'Succeeded' && obj(p['publishingProfile'])['excludeFromLatest'] !== true;
  });
  const latest = eligible.reduce<string | undefined>((best, v) => (best === undefined || newer(v, best) ? v : best), undefined);
  if (latest !== undefined) {
    return [
      { on: 'status', version: latest, kind: 'latest', shows: /^Latest: yes/m, what: `${latest} is latest` },
      { on: 'versions', kind: 'latest', shows: new RegExp(`^Latest: ${esc(latest)}$`, 'm'), what: `the list names ${latest} latest`, version: '' },
    ];
  }
  const anyExcluded = seeded.files.versions.some((f) => obj(propsOf(f)['publishingProfile'])['excludeFromLatest'] === true);
  return [
    { on: 'versions', kind: 'latest', never: /^Latest: \d/m, what: 'no version is latest (none is Succeeded)', version: '' },
    ...(anyExcluded ? [] : [{ on: 'versions' as const, kind: 'no-latest-reason' as const, never: /excluded/i, what: 'no latest is not blamed on exclusion (no version is excluded)', version: '' }]),
  ];
}

/** Every fact of a row: derived from its files, then its hand-written ones. */
export function factsOf(row: ExampleRow, seeded: SeededSet): CardFact[] {
  const first = seeded.versions[0]!;
  return [
    ...galleryFacts(seeded.files.gallery),
    ...definitionFacts(seeded.files.definition),
    ...seeded.files.versions.flatMap((file, i) => versionFacts(file, seeded.versions[i]!, seeded.image, seeded.qualified)),
    ...latestFacts(seeded),
    ...(row.set.vms?.length ? [] : [{ on: 'usage' as const, kind: 'usage-none' as const, version: first, shows: /no scale sets, no VMs/, what: 'nothing deploys it' }]),
    { on: 'history', kind: 'history-empty', version: first, shows: new RegExp(`History of ${esc(seeded.image)} ${esc(first)}: 0 records`), what: 'no records yet' },
    ...(row.facts ?? []),
  ];
}

/** Report summary lines (`<finding>: <count>`, atop its first page) that must count exactly the examples' findings. */
export interface ReportFinding {
  heading: RegExp;
  what: string;
  /** How many findings of this kind one set's files hold. */
  count: (seeded: SeededSet) => number;
  pending?: string;
}

const versionsWhere = (seeded: SeededSet, test: (p: Json) => boolean): number => seeded.files.versions.filter((v) => test(propsOf(v))).length;

export const REPORT_FINDINGS: ReportFinding[] = [
  {
    heading: /^Failed replication: (\d+)$/m,
    what: 'failed replication (one per failed region)',
    count: (s) => s.files.versions.reduce((n, v) => n + arr(obj(propsOf(v)['replicationStatus'])['summary']).filter((r) => r['state'] === 'Failed').length, 0),
  },
  {
    heading: /^Shared beyond Private: (\d+)$/m,
    what: 'galleries shared beyond Private',
    count: (s) => ((str(obj(propsOf(s.files.gallery)['sharingProfile'])['permissions']) ?? 'Private') === 'Private' ? 0 : 1),
  },
  {
    heading: /^[^\n]*polic(?:y|ies)[^\n]*: (\d+)$/im,
    what: 'versions with policy violations',
    count: (s) => versionsWhere(s, (p) => arr(obj(p['safetyProfile'])['policyViolations']).length > 0),
  },
  {
    heading: /^[^\n]*validation[^\n]*: (\d+)$/im,
    what: 'versions with a failed validation',
    count: (s) => versionsWhere(s, (p) => arr(obj(p['validationsProfile'])['executedValidations']).some((v) => v['status'] === 'Failed')),
  },
  {
    heading: /^[^\n]*provisioning failed[^\n]*: (\d+)$/im,
    what: 'versions whose provisioning failed',
    count: (s) => versionsWhere(s, (p) => p['provisioningState'] === 'Failed'),
  },
];
