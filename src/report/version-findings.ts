import { referencesTo } from '../approvals/plan/usage-warnings';
import type { ImageVersion } from '../gallery/model';
import { sameRegion } from '../gallery/region-names';
import { isProvisioned } from '../gallery/version-state';
import type { UsageRef, VersionUsage } from '../gallery/usage-port';
import { isoDay, isPastEndOfLife, utcDaysBetween } from '../utc-day';
import { azDeleteVersion } from './az-commands';
import { runnableFix, typedFix, type FixCommand } from './fix-command';
import { nextLatestCandidate } from './next-latest';
import type { RequiredRegion } from './required-regions';
import { safetyReportFindings } from './safety-report-findings';
import type { DefinitionSnapshot, ReportFinding, ReportSettings, RunningOn } from './report-types';

/** What the version checks need besides the definition itself. */
export interface VersionCheck {
  snapshot: DefinitionSnapshot;
  latest: ImageVersion | undefined;
  required: readonly RequiredRegion[];
  /** The definition as fix commands name it (`gal_golden/dispatch`). */
  q: string;
  settings: ReportSettings;
  usageChecked: boolean;
  now: Date;
}

/** Safety (provisioning failed, flagged, failed validation), end of life, replication and region findings for each version of one definition, plus what could not be read. */
export function versionFindings(c: VersionCheck): { findings: ReportFinding[]; problems: string[] } {
  const findings: ReportFinding[] = [];
  const problems: string[] = [];
  for (const v of c.snapshot.versions) {
    findings.push(...safetyReportFindings(c, v));
    if (isPastEndOfLife(v.endOfLifeDate, c.now)) {
      findings.push(pastEndOfLife(c, v));
      continue;
    }
    const days = v.endOfLifeDate ? utcDaysBetween(c.now, v.endOfLifeDate) : undefined;
    if (days !== undefined && days <= c.settings.eolSoonDays) findings.push(endOfLifeSoon(c, v, days));
    const read = c.snapshot.replication.get(v.version);
    if (read && !read.ok) problems.push(`Replication of ${label(v)} could not be read: ${read.reason}`);
    const failed = read?.ok ? read.replication.regions.filter((r) => r.state === 'Failed') : [];
    if (failed.length > 0) findings.push(replicationFailed(c, v, failed.map((r) => r.region), failed.map((r) => r.details).filter((d): d is string => !!d)));
    // A version still being provisioned (or whose provisioning failed) has no final regions: its own finding says so.
    const missing = isProvisioned(v) ? c.required.filter((r) => !v.targetRegions.some((t) => sameRegion(t.name, r.key))) : [];
    if (missing.length > 0) findings.push(missingRegions(c, v, missing));
  }
  return { findings, problems };
}

function base(c: VersionCheck, v: ImageVersion): Pick<ReportFinding, 'subscriptionId' | 'resourceGroup' | 'gallery' | 'image' | 'version' | 'isLatest'> {
  return { subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, gallery: v.gallery, image: v.image, version: v.version, isLatest: v === c.latest };
}

function label(v: ImageVersion): string {
  return `${v.gallery}/${v.image} ${v.version}`;
}

function pastEndOfLife(c: VersionCheck, v: ImageVersion): ReportFinding {
  const eol = v.endOfLifeDate as Date;
  const ago = -utcDaysBetween(c.now, eol);
  const usage = c.snapshot.usage.get(v.version);
  const running = usage ? runningOn(usage, v, v === c.latest) : undefined;
  const when = `${isoDay(eol)}, ${ago === 0 ? 'today' : `${ago} ${ago === 1 ? 'day' : 'days'} ago`}`;
  const who = running === undefined
    ? c.usageChecked ? '; who runs it could not be read' : ''
    : running.length ? ` and still runs on ${describeRunning(running)}` : '; nothing in scope runs it';
  const latestNote = v === c.latest ? ' It is the latest version: every deployment of latest gets it.' : '';
  const fixes: FixCommand[] = [runnableFix(`usage ${c.q} ${v.version}`, running?.length ? 'see who must move to a supported version' : 'check that nothing runs it')];
  if (!v.excludeFromLatest) fixes.push(typedFix(`retire ${c.q} ${v.version}`, 'exclude it from latest; its end of life stays'));
  if (v === c.latest) fixes.push(...newerCandidate(c, v));
  if (running !== undefined && running.length === 0 && v.excludeFromLatest) fixes.push(typedFix(azDeleteVersion(v, v.version), 'delete it, freeing its replicas'));
  return {
    kind: 'past-end-of-life',
    severity: running?.length || v === c.latest ? 'high' : 'medium',
    ...base(c, v),
    text: `${label(v)} is past end of life (${when})${who}.${latestNote}`,
    fixes,
    endOfLifeDate: eol.toISOString(),
    daysToEndOfLife: -ago,
    ...(running ? { runningOn: running } : {}),
  };
}

function endOfLifeSoon(c: VersionCheck, v: ImageVersion, days: number): ReportFinding {
  const eol = v.endOfLifeDate as Date;
  const latestNote = v === c.latest ? ' It is the latest version: promote its successor before then.' : '';
  const fixes: FixCommand[] = [runnableFix(`usage ${c.q} ${v.version}`, 'see who must move before then')];
  if (v === c.latest) fixes.push(...newerCandidate(c, v));
  return {
    kind: 'end-of-life-soon',
    severity: v === c.latest ? 'high' : 'medium',
    ...base(c, v),
    text: `${label(v)} reaches end of life on ${isoDay(eol)} (in ${days} ${days === 1 ? 'day' : 'days'}).${latestNote}`,
    fixes,
    endOfLifeDate: eol.toISOString(),
    daysToEndOfLife: days,
  };
}

function replicationFailed(c: VersionCheck, v: ImageVersion, regions: string[], details: string[]): ReportFinding {
  const latestNote = v === c.latest ? ' It is the latest version: deployments of latest there fail.' : '';
  return {
    kind: 'replication-failed',
    severity: v === c.latest ? 'high' : 'medium',
    ...base(c, v),
    text: `${label(v)} failed to replicate to ${regions.join(', ')}.${latestNote}${details.length ? ` ${details.join(' ')}` : ''}`,
    fixes: [runnableFix(`image status ${c.q} ${v.version}`, 'see the failed regions')],
    regions,
  };
}

function missingRegions(c: VersionCheck, v: ImageVersion, missing: readonly RequiredRegion[]): ReportFinding {
  const names = missing.map((r) => r.displayName);
  const sources = [...new Set(missing.map((r) => (r.source === 'latest' ? 'the latest version is there' : 'the desired state requires it')))];
  return {
    kind: 'missing-region',
    severity: v === c.latest ? 'high' : 'medium',
    ...base(c, v),
    text: `${label(v)} is not in ${names.join(', ')} (${sources.join('; ')}).`,
    fixes: [typedFix(`promote ${c.q} ${v.version} to ${missing.map((r) => r.key).join(',')}`, 'replicate it there'), runnableFix(`image status ${c.q} ${v.version}`, 'see its regions')],
    regions: names,
  };
}

/** Promote the waiting successor to latest, or (none waiting) look at the versions and publish one. */
function newerCandidate(c: VersionCheck, v: ImageVersion): FixCommand[] {
  const next = nextLatestCandidate(c.snapshot.versions, v, c.now);
  return next ? [typedFix(`promote ${c.q} ${next.version} to latest`, `make ${next.version} the latest`)] : [runnableFix(`versions ${c.q}`, 'publish a newer version, then promote it to latest')];
}

/** Pinned references, plus references to the definition when this version is what latest deploys. */
function runningOn(usage: VersionUsage, v: ImageVersion, isLatest: boolean): RunningOn[] {
  const pinned = referencesTo(usage, v, true);
  const latest = isLatest ? referencesTo(usage, v, false) : { scaleSets: [], vms: [] };
  const map = (refs: UsageRef[], kind: RunningOn['kind'], isPinned: boolean): RunningOn[] =>
    refs.map((r) => ({ kind, name: r.name, resourceGroup: r.resourceGroup, id: r.id, pinned: isPinned }));
  return [
    ...map(pinned.scaleSets, 'scale set', true),
    ...map(pinned.vms, 'VM', true),
    ...map(latest.scaleSets, 'scale set', false),
    ...map(latest.vms, 'VM', false),
  ];
}

const MAX_NAMED = 5;

function describeRunning(running: readonly RunningOn[]): string {
  const named = running.slice(0, MAX_NAMED).map((r) => `${r.kind} ${r.name}${r.pinned ? '' : ' (via latest)'}`);
  const more = running.length > MAX_NAMED ? ` and ${running.length - MAX_NAMED} more` : '';
  return `${named.join(', ')}${more}`;
}
