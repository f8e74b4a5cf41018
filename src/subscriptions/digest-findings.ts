import type { DriftDifference, DriftResult } from '../drift/drift-types';
import { matchesSuffix } from '../gallery/qualified-name';
import type { Report, ReportFinding } from '../report/report-types';
import type { SubscriptionScope } from './subscription';
import { scopeCovers, scopeTouchesGallery } from './subscription';

/** One open `report` finding or `drift` difference, as the digest compares them from one day to the next. */
export interface DigestFinding {
  /**
   * What it is about and what is wrong, never how it is worded: an end of life "in 20 days" and "in 19 days"
   * is the same finding. Regions are part of it, so a second failed region is news.
   */
  key: string;
  /** The sentence `report` or `drift` shows for it. */
  label: string;
  source: 'report' | 'drift';
  /** `report`'s severity; drift differences count as medium. */
  severity: 'high' | 'medium' | 'low';
}

/** The labels stored for resolved findings are capped: a digest record stays small whatever ARM's texts hold. */
const MAX_LABEL = 200;

/** The report findings and drift differences within a subscription's scope, in a stable order. */
export function digestFindings(scope: SubscriptionScope, report: Report, drift: DriftResult | undefined): DigestFinding[] {
  const found = [
    ...report.findings.filter((f) => inScope(scope, f)).map(fromReport),
    ...(drift?.differences ?? []).filter((d) => driftInScope(scope, d)).map(fromDrift),
  ];
  const unique = new Map(found.map((f) => [f.key, f]));
  return [...unique.values()].sort((a, b) => SEVERITY.indexOf(a.severity) - SEVERITY.indexOf(b.severity) || a.key.localeCompare(b.key));
}

const SEVERITY = ['high', 'medium', 'low'] as const;

function fromReport(f: ReportFinding): DigestFinding {
  const where = [f.subscriptionId, f.resourceGroup, f.gallery, f.image ?? '', f.version ?? ''].join('/');
  return { key: keyOf('report', f.kind, where, f.regions), label: short(f.text), source: 'report', severity: f.severity };
}

function fromDrift(d: DriftDifference): DigestFinding {
  const where = [d.gallery, d.image ?? '', d.version ?? ''].join('/');
  return { key: keyOf('drift', d.kind, where, d.region ? [d.region] : undefined), label: short(d.text), source: 'drift', severity: 'medium' };
}

function keyOf(source: string, kind: string, where: string, regions: readonly string[] | undefined): string {
  const places = regions ? [...regions].map((r) => r.replace(/\s+/g, '').toLowerCase()).sort().join(',') : '';
  return `${source}|${kind}|${where.toLowerCase()}|${places}`;
}

function short(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

function inScope(scope: SubscriptionScope, f: ReportFinding): boolean {
  const gallery = { subscriptionId: f.subscriptionId, resourceGroup: f.resourceGroup, gallery: f.gallery };
  // A finding about a whole gallery (broad sharing) concerns a subscription to one of its images too.
  return f.image === undefined ? scopeTouchesGallery(scope, gallery) : scopeCovers(scope, { ...gallery, image: f.image });
}

/** Drift names galleries as the desired-state file does (`gal_golden`, `rg-images/gal_golden`): a suffix of the scope's path. */
function driftInScope(scope: SubscriptionScope, d: DriftDifference): boolean {
  if (scope.kind === 'all') return true;
  if (!matchesSuffix([scope.subscriptionId, scope.resourceGroup, scope.gallery], d.gallery.split('/'))) return false;
  return scope.kind !== 'image' || d.image === undefined || d.image.toLowerCase() === scope.image.toLowerCase();
}
