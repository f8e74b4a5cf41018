import type { Gallery, ImageVersion } from '../gallery/model';
import { latestVersion } from '../gallery/version-match';
import { isoDay, utcDaysBetween } from '../utc-day';
import { azShareReset } from './az-commands';
import { runnableFix, typedFix } from './fix-command';
import { nextLatestCandidate } from './next-latest';
import { imageQualifier } from './qualify-image';
import { replicaStorage } from './replica-storage';
import { requiredRegions } from './required-regions';
import { FINDING_KINDS, type DefinitionSnapshot, type Report, type ReportFinding, type ReportSettings, type ReportSnapshot } from './report-types';
import { versionFindings } from './version-findings';

const SEVERITY = ['high', 'medium', 'low'] as const;

/**
 * The compliance report over everything in the snapshot. Pure, so it is tested from data tables and gives the
 * same answer in chat (`report`) and on the command line (`npm run report`).
 */
export function buildReport(snapshot: ReportSnapshot, settings: ReportSettings, now: Date): Report {
  const qualify = imageQualifier(snapshot.definitions.map((d) => d.definition));
  const findings: ReportFinding[] = snapshot.galleries.flatMap(sharingFinding);
  const problems = [...snapshot.problems];
  for (const d of snapshot.definitions) {
    const latest = latestVersion(d.versions);
    const q = qualify(d.definition);
    const found = versionFindings({
      snapshot: d,
      latest,
      required: requiredRegions(d.definition, latest, snapshot.desired),
      q,
      settings,
      usageChecked: snapshot.usageChecked,
      now,
    });
    findings.push(...found.findings, ...staleLatest(d, latest, q, settings, now));
    problems.push(...found.problems);
  }
  findings.sort(
    (a, b) =>
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
      SEVERITY.indexOf(a.severity) - SEVERITY.indexOf(b.severity) ||
      `${a.gallery}/${a.image ?? ''}`.localeCompare(`${b.gallery}/${b.image ?? ''}`),
  );
  return {
    readAt: snapshot.readAt.toISOString(),
    settings: { ...settings },
    scanned: {
      subscriptions: [...new Set(snapshot.galleries.map((g) => g.subscriptionId.toLowerCase()))].sort(),
      galleries: snapshot.galleries.length,
      definitions: snapshot.definitions.length,
      versions: snapshot.definitions.reduce((n, d) => n + d.versions.length, 0),
    },
    desiredState: snapshot.desired !== undefined,
    findings,
    ...(snapshot.coverage ? { replicationCoverage: { ...snapshot.coverage } } : {}),
    storage: replicaStorage(snapshot.definitions),
    problems,
  };
}

function sharingFinding(g: Gallery): ReportFinding[] {
  if (g.sharing.toLowerCase() === 'private') return [];
  const withWhom = g.sharedWith.length ? ` with ${g.sharedWith.join(', ')}` : '';
  return [
    {
      kind: 'shared-beyond-private',
      severity: g.sharing.toLowerCase() === 'community' ? 'high' : 'medium',
      subscriptionId: g.subscriptionId,
      resourceGroup: g.resourceGroup,
      gallery: g.gallery,
      text: `${g.gallery} is shared beyond Private (${g.sharing}${withWhom}).`,
      fixes: [typedFix(azShareReset(g), 'make it Private, if nobody outside needs it')],
      sharing: g.sharing,
      sharedWith: [...g.sharedWith],
    },
  ];
}

function staleLatest(d: DefinitionSnapshot, latest: ImageVersion | undefined, q: string, settings: ReportSettings, now: Date): ReportFinding[] {
  if (!latest?.publishedDate) return [];
  const age = utcDaysBetween(latest.publishedDate, now);
  if (age <= settings.staleLatestDays) return [];
  // A newer version waiting (excluded from latest) is the fix; otherwise someone has to build one.
  const candidate = nextLatestCandidate(d.versions, latest, now);
  const text = `${latest.gallery}/${latest.image}: its latest, ${latest.version}, was published ${age} days ago (${isoDay(latest.publishedDate)}; stale after ${settings.staleLatestDays}).${candidate ? ` ${candidate.version} is newer and waiting.` : ''}`;
  return [
    {
      kind: 'stale-latest',
      severity: 'low',
      subscriptionId: latest.subscriptionId,
      resourceGroup: latest.resourceGroup,
      gallery: latest.gallery,
      image: latest.image,
      version: latest.version,
      isLatest: true,
      text,
      fixes: candidate
        ? [typedFix(`promote ${q} ${candidate.version} to latest`, `make ${candidate.version} the latest`), runnableFix(`image status ${q} ${candidate.version}`, 'check it is replicated')]
        : [runnableFix(`versions ${q}`, 'publish a newer version, then promote it to latest')],
      publishedDate: latest.publishedDate.toISOString(),
      ageDays: age,
    },
  ];
}
