import type { CardReply } from './reply';
import type { ImageVersion } from '../gallery/model';
import type { ResolvedImage } from '../gallery/name-resolution';
import { galleryScope, type CardScope } from './card-scope';
import { escapeMarkdown } from './escape-text';
import { replicationView, type RegionRow, type RegionStates } from './replication-rows';
import { runButton, type RunButton } from './run-button';
import { safetyFindings, versionFlags, type Finding } from './safety-findings';
import { boldMark, type Tone } from './status-mark';
import { fullSource } from './describe-source';
import { versionFactGroups, type FactGroup } from './version-fact-groups';
import { stageNote } from './stage-note';
import { isProvisioned } from '../gallery/version-state';
import { listAge } from './list-age';

export interface ImageStatusCardData extends CardScope {
  title: string;
  note: string;
  resolvedFrom: string;
  summary: string;
  summaryColor: string;
  /** Source, publishing, safety and validation, replication, storage, security: what ARM says, grouped. */
  groups: FactGroup[];
  findings: Finding[];
  regions: RegionRow[];
  sourceFull: string;
  buttons: RunButton[];
}

export interface ImageStatusInput {
  resolved: ResolvedImage;
  qualified: string;
  /** Read with replication status. */
  version: ImageVersion;
  /** What the user typed for the version when it was a prefix or `latest`, and how it read. */
  spec?: { input: string; specText: string; kind: 'latest' | 'prefix' };
  /** From the version list (the version index); unknown when it could not be read. */
  isLatest?: boolean;
  /** When the version list that resolved the spec and `isLatest` was read: the card says how old it is. */
  listedAt?: Date;
  readAt: Date;
}

/** `image status`: one version's per-region replication, end of life, safety and source. */
export function imageStatusCard(input: ImageStatusInput): CardReply<ImageStatusCardData> {
  const { version: v, readAt } = input;
  const { rows: regions, states } = replicationView(v);
  const headline = versionHeadline(v, readAt, states);
  // Latest is resolved per region: where this version is excluded, latest deploys an older one.
  const excludedIn = v.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  const except = excludedIn.length ? `, except in ${excludedIn.join(', ')} (excluded there: latest deploys an older version)` : '';
  // The list may be older than the version's own read: whether it is latest is stated as of the list.
  const age = input.listedAt && listAge(input.listedAt, readAt);
  const asOf = age ? `, as of the ${age}` : '';
  const latestFact = input.isLatest === undefined ? [] : [{ title: 'Latest', value: input.isLatest ? `yes (what latest deploys)${except}${asOf}` : `no${asOf}` }];
  const data: ImageStatusCardData = {
    ...galleryScope(input.resolved.gallery, readAt),
    title: escapeMarkdown(`${v.image} ${v.version}`),
    note: stageNote(input.resolved),
    resolvedFrom: input.spec ? escapeMarkdown(resolvedFrom(input.spec, v.version, age)) : '',
    summary: headline.text,
    summaryColor: headline.color,
    groups: versionFactGroups({ version: v, definition: input.resolved.image, gallery: input.resolved.gallery, readAt, publishing: latestFact }),
    findings: safetyFindings(v, readAt),
    regions,
    sourceFull: escapeMarkdown(fullSource(v)),
    buttons: [runButton('All versions', `versions ${input.qualified}`)],
  };
  return { kind: 'card', template: 'image-status', data, summary: `${v.image} ${v.version}: ${headline.plain}` };
}

/**
 * The status card's headline: replication across the regions, led by what makes the version unfit to deploy
 * (flagged unsafe, failed validation, past end of life), which never reads green whatever replication says.
 * Replication is judged from the regions themselves (ARM's aggregate can say Unknown above Completed regions),
 * and a version still being provisioned is never called Completed.
 */
export function versionHeadline(v: ImageVersion, now: Date, states: RegionStates, options: { nameFailed?: boolean } = {}): { text: string; color: string; plain: string } {
  const replication = replicationHeadline(v, states, options.nameFailed === true);
  const provisioning = provisioningHeadline(v);
  const flags = versionFlags(v, now);
  const parts = [...(flags.length ? [flags.join(', ')] : []), ...(provisioning ? [provisioning.text] : []), replication.text];
  const plain = parts.join(' · ');
  const tone: Tone = flags.length || provisioning?.tone === 'attention' ? 'attention' : replication.tone === 'attention' ? 'attention' : provisioning ? provisioning.tone : replication.tone;
  const mark = boldMark(escapeMarkdown(plain), tone);
  return { ...mark, plain };
}

function provisioningHeadline(v: ImageVersion): { text: string; tone: Tone } | undefined {
  if (isProvisioned(v)) return undefined;
  return v.provisioningState === 'Failed' ? { text: 'Provisioning FAILED', tone: 'attention' } : { text: `Provisioning: ${v.provisioningState}`, tone: 'progress' };
}

function replicationHeadline(v: ImageVersion, states: RegionStates, nameFailed: boolean): { text: string; tone: Tone } {
  const { failed, replicating, completed, total } = states;
  const regions = `${total} ${total === 1 ? 'region' : 'regions'}`;
  if (failed.length) return { text: nameFailed ? `Replication FAILED in ${failed.join(', ')}` : `Replication FAILED in ${failed.length} of ${regions}`, tone: 'attention' };
  if (replicating) return { text: `Replicating: ${replicating} of ${regions} still copying`, tone: 'progress' };
  if (total === 0) return { text: 'No target regions yet', tone: 'default' };
  if (v.replication === undefined) return { text: `Replication not read (${regions})`, tone: 'default' };
  // Only a provisioned version with every region Completed is "Completed"; anything else says what is known.
  if (completed === total && isProvisioned(v)) return { text: `Replication Completed in ${regions}`, tone: 'good' };
  if (completed === total) return { text: `${completed} of ${regions} Completed so far`, tone: 'progress' };
  return { text: `Replication: ${completed} of ${regions} Completed, ${total - completed} not reported`, tone: 'warning' };
}

function resolvedFrom(spec: NonNullable<ImageStatusInput['spec']>, version: string, listAgeText: string | undefined): string {
  const why = spec.kind === 'latest' ? 'the highest version not excluded from latest' : `the highest ${spec.specText}`;
  return `${spec.input} → ${version} (${why}${listAgeText ? `, in the ${listAgeText}` : ''})`;
}
