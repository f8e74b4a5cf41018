import type { CardReply } from './reply';
import type { ImageVersion } from '../gallery/model';
import type { ReplicationRead } from '../gallery/replication-reader';
import type { VersionListing } from '../gallery/version-index';
import { listAge } from './list-age';
import { replicationSummary } from './replication-summary';
import type { ResolvedImage } from '../gallery/name-resolution';
import { galleryScope, type CardScope } from './card-scope';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { describeEol, formatRelativeDay } from './format-date';
import { paginate } from './paging';
import type { RunButton } from './run-button';
import { versionFlags } from './safety-findings';
import { isProvisioned } from '../gallery/version-state';
import { stageNote } from './stage-note';
import { bodyLine, withIcon } from './status-mark';

export const VERSIONS_PAGE_SIZE = 20;

export interface VersionRow {
  version: string;
  /** `★ LATEST` on the latest version. */
  badge: string;
  /** `✗ Flagged unsafe (ImageFlaggedUnsafe)`: what makes the version unfit whatever else the row says. */
  flag: string;
  published: string;
  eol: string;
  eolColor: string;
  excluded: string;
  replication: string;
  replicationColor: string;
  command: string;
}

export interface VersionsCardData extends CardScope {
  title: string;
  note: string;
  latest: string;
  paging: string;
  empty: string;
  footnote: string;
  versions: VersionRow[];
  buttons: RunButton[];
}

/** The versions the card shows for `page` of a listing (newest first): the command reads replication for exactly these. */
export function versionsOnPage(listing: VersionListing, page: number): ImageVersion[] {
  return paginate(listing.versions, page, VERSIONS_PAGE_SIZE, () => '').items;
}

/**
 * The `versions` card, newest first, with each version's replication aggregated over its regions (failed
 * regions named). Each row opens `image status` for the per-region detail.
 */
export function versionsCard(input: {
  resolved: ResolvedImage;
  qualified: string;
  /** From the version index: sorted newest first, latest found, and how old it is (the card says). */
  listing: VersionListing;
  replication: ReadonlyMap<string, ReplicationRead>;
  page: number;
  readAt: Date;
}): CardReply<VersionsCardData> {
  const { resolved, qualified, readAt, listing } = input;
  const sorted = listing.versions;
  const latest = listing.latest;
  const page = paginate(sorted, input.page, VERSIONS_PAGE_SIZE, (n) => `versions ${qualified} page ${n}`);
  const name = resolved.image.image;
  const scope = galleryScope(resolved.gallery, readAt);
  const data: VersionsCardData = {
    ...scope,
    // The rows come from the version list, which may be older than the replication read for them.
    readAt: [scope.readAt, listAge(listing.readAt, readAt)].filter(Boolean).join(' · '),
    title: escapeMarkdown(`${name}: ${sorted.length} ${sorted.length === 1 ? 'version' : 'versions'}`),
    note: stageNote(resolved),
    latest: latest ? escapeMarkdown(`Latest: ${latest.version}`) : escapeMarkdown(noLatestReason(sorted)),
    paging: page.text,
    empty: sorted.length ? '' : 'This definition has no versions yet.',
    footnote: 'Select a version for its per-region replication, replicas and storage. Replication on this list may be up to 30 s old.',
    versions: page.items.map((v) => versionRow(v, v === latest, qualified, readAt, input.replication.get(v.version))),
    buttons: page.buttons,
  };
  return { kind: 'card', template: 'versions', data, summary: `${name}: ${countOf(sorted.length, 'version')}, latest ${latest?.version ?? 'none'}` };
}

/** Why no version is latest, in the words that are true: excluded ones, and ones not provisioned (yet). */
function noLatestReason(versions: readonly ImageVersion[]): string {
  if (versions.length === 0) return 'No version is latest: there are none.';
  const excluded = versions.filter((v) => v.excludeFromLatest).length;
  const unsettled = versions.filter((v) => !v.excludeFromLatest && !isProvisioned(v)).map((v) => `${v.version} ${v.provisioningState}`);
  const reasons = [
    ...(excluded ? [`${excluded === versions.length ? 'all are' : `${excluded} ${excluded === 1 ? 'is' : 'are'}`} excluded from latest`] : []),
    ...(unsettled.length ? [`not provisioned: ${unsettled.join(', ')}`] : []),
  ];
  return `No version is latest (${reasons.join('; ') || 'none has a version number Azure orders'}).`;
}

function versionRow(v: ImageVersion, isLatest: boolean, qualified: string, now: Date, replication: ReplicationRead | undefined): VersionRow {
  const eol = describeEol(v.endOfLifeDate, now);
  const regionExclusions = v.targetRegions.filter((r) => r.excludeFromLatest).length;
  const excluded = v.excludeFromLatest
    ? 'Excluded from latest'
    : regionExclusions
      ? `Excluded from latest in ${regionExclusions} ${regionExclusions === 1 ? 'region' : 'regions'}`
      : '';
  const summary = replicationSummary(v, replication);
  const eolLine = bodyLine(`End of life ${eol.text}`, eol.tone);
  const replicationLine = bodyLine(escapeMarkdown(summary.text), summary.tone);
  // Past end of life is on the end-of-life line; the flag line is for what only Azure's safety profile and
  // validation results say (the list has no validation: the version GET beside it does).
  const validation = replication?.ok ? replication.validation : undefined;
  const flags = versionFlags({ ...v, endOfLifeDate: undefined, ...(validation ? { validation } : {}) }, now);
  return {
    version: escapeMarkdown(v.version),
    badge: isLatest ? '★ LATEST' : '',
    flag: flags.length ? withIcon(escapeMarkdown(flags.join(', ')), 'attention') : '',
    published: v.publishedDate ? `Published ${formatRelativeDay(v.publishedDate, now)}` : 'Not published yet',
    eol: eolLine.text,
    eolColor: eolLine.color,
    excluded,
    replication: replicationLine.text,
    replicationColor: replicationLine.color,
    command: `image status ${qualified} ${v.version}`,
  };
}
