/**
 * Groups `usage` references the way a responder reads them: one group per pinned version (newest first), then
 * the references to the definition itself, which get whatever "latest" is when an instance is created.
 */
import type { ImageVersion } from '../gallery/model';
import { findRegion } from '../gallery/region-names';
import type { UsageRef, VersionUsage } from '../gallery/usage-port';
import { latestVersion } from '../gallery/version-match';
import { compareVersionNames, formatVersion, parseVersion } from '../gallery/version-number';
import { parseImageReference } from '../gallery/image-reference';
import { escapeMarkdown } from './escape-text';
import { describeEol } from './format-date';
import { bodyLine, withIcon } from './status-mark';

export interface UsageRow {
  name: string;
  kind: string;
  /** Resource group, subscription and region. */
  detail: string;
  /** What the image reference names. */
  reference: string;
  referenceColor: 'default' | 'attention';
}

export interface UsageGroup {
  heading: string;
  headingColor: 'default' | 'attention';
  note: string;
  noteColor: 'default' | 'attention' | 'warning';
  rows: UsageRow[];
}

/** One reference with the group it belongs to; the card pages over these, then regroups the page. */
export interface GroupedRow {
  group: string;
  row: UsageRow;
}

const LATEST = 'latest';

/** Every reference as a row, in display order: pinned versions newest first, then the definition (latest). */
export function usageRows(usage: VersionUsage): GroupedRow[] {
  const entries = [
    ...usage.scaleSets.map((ref) => ({ ref, kind: 'Scale set' })),
    ...usage.vms.map((ref) => ({ ref, kind: 'VM' })),
  ].map(({ ref, kind }) => ({ ref, kind, group: groupOf(ref) }));
  const rank = (group: string): number => (group === LATEST ? 1 : 0);
  entries.sort(
    (a, b) =>
      rank(a.group) - rank(b.group) ||
      -compareVersionNames(a.group, b.group) ||
      (a.kind === b.kind ? 0 : a.kind === 'Scale set' ? -1 : 1) ||
      a.ref.name.localeCompare(b.ref.name),
  );
  return entries.map(({ ref, kind, group }) => ({ group, row: row(ref, kind, group) }));
}

/** Consecutive rows of one group become one group with its heading and note. */
export function regroup(rows: readonly GroupedRow[], versions: readonly ImageVersion[], now: Date): UsageGroup[] {
  const groups: UsageGroup[] = [];
  let current: string | undefined;
  for (const { group, row } of rows) {
    if (group !== current) {
      groups.push({ ...describeGroup(group, versions, now), rows: [] });
      current = group;
    }
    groups[groups.length - 1]!.rows.push(row);
  }
  return groups;
}

function groupOf(ref: UsageRef): string {
  const version = ref.pinned ? parseImageReference(ref.imageReferenceId)?.version : undefined;
  if (version === undefined) return LATEST;
  const parsed = parseVersion(version);
  return parsed ? formatVersion(parsed) : version;
}

function row(ref: UsageRef, kind: string, group: string): UsageRow {
  const region = ref.location === undefined ? undefined : (findRegion(ref.location)?.displayName ?? ref.location);
  const detail = [`Resource group ${ref.resourceGroup}`, `subscription ${ref.subscriptionId}`, ...(region === undefined ? [] : [region])].join(' · ');
  return {
    name: escapeMarkdown(ref.name),
    kind,
    detail: escapeMarkdown(detail),
    ...(group === LATEST
      ? { reference: `⚠ Depends on latest: references the definition, not a version${through(ref)}`, referenceColor: 'attention' as const }
      : { reference: escapeMarkdown(`Pinned to version ${group}${through(ref)}`), referenceColor: 'default' as const }),
  };
}

/**
 * Names the alias a reference uses: a responder who greps templates for the gallery's ARM id would not find
 * `/SharedGalleries/…` or `/CommunityGalleries/…`, and those consumers are often in other teams' subscriptions.
 */
function through(ref: UsageRef): string {
  if (ref.referencedAs === undefined) return '';
  return ref.referencedAs.kind === 'sharedGalleryImageId' ? ', through the direct shared gallery id' : ', through the community gallery id';
}

function describeGroup(group: string, versions: readonly ImageVersion[], now: Date): Omit<UsageGroup, 'rows'> {
  const latest = latestVersion(versions);
  if (group === LATEST) {
    const today = latest ? `today ${latest.version}` : 'today none: every version is excluded from latest';
    return {
      heading: '⚠ The definition (latest)',
      headingColor: 'attention',
      note: escapeMarkdown(`Gets whatever version is latest when an instance is created or reimaged (${today}).`),
      noteColor: 'default',
    };
  }
  const version = versions.find((v) => compareVersionNames(v.version, group) === 0);
  const heading = escapeMarkdown(`Version ${group}${version !== undefined && version === latest ? ' (latest today)' : ''}`);
  if (version === undefined) {
    return { heading: withIcon(heading, 'attention'), headingColor: 'attention', note: '✗ No longer in the gallery: scaling out or reimaging these will fail.', noteColor: 'attention' };
  }
  const eol = describeEol(version.endOfLifeDate, now);
  if (eol.state !== 'past' && eol.state !== 'soon') return { heading, headingColor: 'default', note: '', noteColor: 'default' };
  const note = bodyLine(`End of life ${eol.text}`, eol.tone);
  return { heading, headingColor: 'default', note: note.text, noteColor: note.color };
}
