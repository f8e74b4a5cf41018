import type { Gallery, ImageDefinition, ImageVersion } from '../gallery/model';
import { galleryPath, matchesSuffix } from '../gallery/qualified-name';
import { sameRegion } from '../gallery/region-names';
import { latestVersion } from '../gallery/version-match';
import { azCreateDefinition, azSetEndOfLife, azSetRegionReplicas, azShareReset } from '../report/az-commands';
import { runnableFix, typedFix } from '../report/fix-command';
import { imageQualifier } from '../report/qualify-image';
import { effectiveReplicas, effectiveStorage } from '../report/version-facts';
import { isoDay, isPastEndOfLife, utcDaysBetween } from '../utc-day';
import type { DesiredDefinition, DesiredGallery, DesiredState } from './desired-state';
import { END_OF_LIFE_NOTICE_DAYS, suggestEndOfLife } from './suggest-end-of-life';
import { DRIFT_KINDS, type DriftDifference, type DriftResult, type DriftSnapshot } from './drift-types';

/**
 * Every difference between the desired state and the live galleries. Pure: the snapshot holds what was read.
 * Region rules are checked on the latest version (or on every version before its end of life, with
 * `versions: "all"`); end-of-life rules on every version.
 */
export function compareDrift(desired: DesiredState, snapshot: DriftSnapshot, now: Date): DriftResult {
  const differences: DriftDifference[] = [];
  const problems = [...snapshot.problems];
  const checked = { galleries: 0, definitions: 0, versions: 0 };
  const subscriptions = new Set<string>();
  const qualify = imageQualifier([...snapshot.images.values()].flat());

  for (const want of desired.galleries) {
    const matches = snapshot.galleries.filter((g) => matchesSuffix(galleryPath(g), want.name.split('/')));
    if (matches.length === 0) {
      differences.push({
        kind: 'gallery-missing',
        gallery: want.name,
        expected: 'exists',
        actual: 'not found',
        text: `Gallery ${want.name} is not in scope: it does not exist, or the bot's scopes or Reader role do not cover it.`,
        fixes: [],
      });
      continue;
    }
    if (matches.length > 1) {
      problems.push(`The desired state's gallery "${want.name}" names ${matches.length} galleries; qualify it as resourceGroup/gallery.`);
      continue;
    }
    const gallery = matches[0]!;
    checked.galleries += 1;
    subscriptions.add(gallery.subscriptionId.toLowerCase());
    differences.push(...sharingDifference(want, gallery));
    const images = snapshot.images.get(gallery.id.toLowerCase());
    if (images === undefined) continue;
    for (const def of want.definitions) {
      const live = images.find((i) => i.image.toLowerCase() === def.image.toLowerCase());
      if (!live) {
        differences.push({
          kind: 'definition-missing',
          gallery: want.name,
          image: def.image,
          expected: 'exists',
          actual: 'not found',
          text: `${gallery.gallery}/${def.image} does not exist.`,
          fixes: [typedFix(azCreateDefinition(gallery, def.image), 'create the definition')],
        });
        continue;
      }
      const versions = snapshot.versions.get(live.id.toLowerCase());
      if (versions === undefined) continue;
      checked.definitions += 1;
      checked.versions += versions.length;
      const check: DefinitionCheck = { galleryName: want.name, def, image: live, versions, q: qualify(live), now };
      differences.push(...regionDifferences(check), ...endOfLifeDifferences(check));
    }
  }
  differences.sort((a, b) => DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind));
  return { differences, checked, problems, subscriptions: [...subscriptions].sort(), readAt: snapshot.readAt };
}

function sharingDifference(want: DesiredGallery, gallery: Gallery): DriftDifference[] {
  if (want.sharing === undefined || want.sharing.toLowerCase() === gallery.sharing.toLowerCase()) return [];
  const shared = gallery.sharedWith.length ? ` with ${gallery.sharedWith.length} ${gallery.sharedWith.length === 1 ? 'subscription or tenant' : 'subscriptions or tenants'}` : '';
  return [
    {
      kind: 'sharing',
      gallery: want.name,
      expected: want.sharing,
      actual: gallery.sharing,
      text: `${gallery.gallery} is shared as ${gallery.sharing}${shared}; the desired state says ${want.sharing}.`,
      fixes: want.sharing === 'Private' ? [typedFix(azShareReset(gallery), 'make the gallery Private')] : [],
    },
  ];
}

/** One live definition checked against its desired rules. */
interface DefinitionCheck {
  /** The gallery as the desired state names it. */
  galleryName: string;
  def: DesiredDefinition;
  image: ImageDefinition;
  versions: readonly ImageVersion[];
  /** How fix commands name the definition. */
  q: string;
  now: Date;
}

function regionDifferences({ galleryName, def, image, versions, q, now }: DefinitionCheck): DriftDifference[] {
  if (def.regions.length === 0) return [];
  const latest = latestVersion(versions);
  const checkedVersions = def.versions === 'latest' ? (latest ? [latest] : []) : versions.filter((v) => !isPastEndOfLife(v.endOfLifeDate, now));
  if (def.versions === 'latest' && !latest) {
    return [
      {
        kind: 'no-latest',
        gallery: galleryName,
        image: image.image,
        expected: 'a version eligible for latest',
        actual: versions.length ? 'every version is excluded from latest' : 'no versions',
        text: `${image.gallery}/${image.image} has no version eligible for latest, so its required regions cannot be checked.`,
        fixes: [runnableFix(`versions ${q}`, 'see its versions')],
      },
    ];
  }
  const out: DriftDifference[] = [];
  for (const v of checkedVersions) {
    const label = `${image.gallery}/${image.image} ${v.version}${v === latest ? ' (latest)' : ''}`;
    const base = { gallery: galleryName, image: image.image, version: v.version };
    const status = runnableFix(`image status ${q} ${v.version}`, 'see its regions');
    // One az command per version fixes every replica count at once, each region by its place in ARM's list.
    const corrected = v.targetRegions.flatMap((r, index) => {
      const rule = def.regions.find((x) => sameRegion(x.name, r.name) || sameRegion(x.displayName, r.name));
      return rule?.replicas !== undefined && rule.replicas !== effectiveReplicas(v, r) ? [{ index, replicas: rule.replicas }] : [];
    });
    for (const rule of def.regions) {
      const target = v.targetRegions.find((r) => sameRegion(r.name, rule.name) || sameRegion(r.name, rule.displayName));
      if (!target) {
        out.push({
          ...base,
          kind: 'region-missing',
          region: rule.displayName,
          expected: `replicated to ${rule.displayName}`,
          actual: 'not a target region',
          text: `${label} is not replicated to ${rule.displayName}.`,
          fixes: [typedFix(`promote ${q} ${v.version} to ${rule.name}`, `replicate it to ${rule.displayName}`), status],
        });
        continue;
      }
      const replicas = effectiveReplicas(v, target);
      if (rule.replicas !== undefined && replicas !== rule.replicas) {
        out.push({
          ...base,
          kind: 'replica-count',
          region: target.name,
          expected: `${rule.replicas} ${plural(rule.replicas, 'replica')}`,
          actual: `${replicas} ${plural(replicas, 'replica')}`,
          text: `${label} has ${replicas} ${plural(replicas, 'replica')} in ${target.name}; the desired state says ${rule.replicas}.`,
          fixes: [typedFix(azSetRegionReplicas(image, v.version, corrected), 'set the replica counts'), status],
        });
      }
      const storage = effectiveStorage(v, target);
      if (rule.storageAccountType !== undefined && storage.toLowerCase() !== rule.storageAccountType.toLowerCase()) {
        out.push({
          ...base,
          kind: 'storage-type',
          region: target.name,
          expected: rule.storageAccountType,
          actual: storage,
          // ARM cannot change a replica's storage type in place: only a new version can have the right one.
          text: `${label} is stored as ${storage} in ${target.name}; the desired state says ${rule.storageAccountType}. A version's storage type cannot be changed: publish the next version with ${rule.storageAccountType} there.`,
          fixes: [status],
        });
      }
    }
  }
  return out;
}

function endOfLifeDifferences({ galleryName, def, image, versions, q, now }: DefinitionCheck): DriftDifference[] {
  const out: DriftDifference[] = [];
  const { required, maxAgeDays } = def.endOfLife;
  for (const v of versions) {
    const label = `${image.gallery}/${image.image} ${v.version}`;
    const base = { gallery: galleryName, image: image.image, version: v.version };
    if (required && v.endOfLifeDate === undefined) {
      // The age limit after publishing when there is one, never a past date (see suggest-end-of-life.ts).
      const suggested = suggestEndOfLife(v.publishedDate, maxAgeDays, now);
      out.push({
        ...base,
        kind: 'end-of-life-missing',
        expected: 'an end-of-life date',
        actual: 'none',
        text: `${label} has no end-of-life date; the desired state requires one on every version.${suggested.note ? ` ${suggested.note}` : ''}`,
        fixes: [
          typedFix(azSetEndOfLife(image, v.version, suggested.day ?? '<YYYY-MM-DD>'), suggested.desiredPast ? `set its end of life ${END_OF_LIFE_NOTICE_DAYS} days from today; the desired ${suggested.desiredPast} is past` : 'set its end of life'),
          // An overdue version is the one most likely still pinned somewhere: who gets the notice?
          ...(suggested.desiredPast ? [runnableFix(`usage ${q} ${v.version}`, 'see who still runs it')] : []),
        ],
      });
    }
    if (maxAgeDays !== undefined && v.publishedDate && !isPastEndOfLife(v.endOfLifeDate, now)) {
      const age = utcDaysBetween(v.publishedDate, now);
      if (age > maxAgeDays) {
        out.push({
          ...base,
          kind: 'version-too-old',
          expected: `at most ${maxAgeDays} days old before its end of life`,
          actual: `${age} days old, ${v.endOfLifeDate ? `end of life ${isoDay(v.endOfLifeDate)}` : 'no end of life'}`,
          text: `${label} was published ${age} days ago (the desired state allows ${maxAgeDays}) and has not reached its end of life.`,
          fixes: [typedFix(`retire ${q} ${v.version}`, 'retire it'), runnableFix(`usage ${q} ${v.version}`, 'see who still runs it')],
        });
      }
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
