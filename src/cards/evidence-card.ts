import type { CardReply } from './reply';
import type { CollectedEvidence } from '../evidence/collect-evidence';
import type { EvidenceSnapshot } from '../evidence/evidence-bundle';
import type { ResolvedImage } from '../gallery/name-resolution';
import { galleryScope, type CardScope } from './card-scope';
import { countOf, seqRange } from './count-words';
import { escapeMarkdown } from './escape-text';
import { formatMoment } from './relative-time';
import { versionHeadline } from './image-status-card';
import { replicationView, type RegionRow } from './replication-rows';
import { MAX_REQUEST_ROWS, requestRows, type RequestRow } from './evidence-request-rows';
import { runButton, type RunButton } from './run-button';
import { safetyFindings, type Finding } from './safety-findings';
import { fullSource } from './describe-source';
import { versionFactGroups, type FactGroup } from './version-fact-groups';
import { stageNote } from './stage-note';
import { usageLines, type UsageLine } from './evidence-usage-lines';

/** A region as the evidence card shows it: its state and why, not the replica and progress detail of `image status`. */
export type EvidenceRegion = Pick<RegionRow, 'region' | 'state' | 'color' | 'details'>;

export interface EvidenceCardData extends CardScope {
  title: string;
  note: string;
  summary: string;
  summaryColor: string;
  facts: { title: string; value: string }[];
  groups: FactGroup[];
  findings: Finding[];
  regions: EvidenceRegion[];
  requestsTitle: string;
  requests: RequestRow[];
  requestsMore: string;
  auditLine: string;
  usage: UsageLine[];
  bundleHash: string;
  bundleFacts: { title: string; value: string }[];
  downloadUrl: string;
  sourceFull: string;
  buttons: RunButton[];
}

export interface EvidenceCardInput {
  resolved: ResolvedImage;
  qualified: string;
  evidence: CollectedEvidence;
  link: { url: string; expiresAt: Date };
  now: Date;
  /** The bundle is one made earlier with the same facts (only read times differ): when, and for whom. */
  reusedFrom?: { at: Date; by: string };
}

/** `evidence`: what an incident responder asks first, and the signed link to the bundle with the same facts. */
export function evidenceCard(input: EvidenceCardInput): CardReply<EvidenceCardData> {
  const { evidence: e, now } = input;
  const v = e.version;
  const { rows: regions, states } = replicationView(v);
  // Failed regions named: an incident responder reads where deployments fail.
  const headline = versionHeadline(v, now, states, { nameFailed: true });
  const isLatest = e.latest !== undefined && e.latest === v.version;
  const { bundle } = e.sealed;
  const records = bundle.auditRecords;
  const data: EvidenceCardData = {
    ...galleryScope(input.resolved.gallery, now),
    title: escapeMarkdown(`Evidence: ${v.image} ${v.version}`),
    note: stageNote(input.resolved),
    summary: headline.text,
    summaryColor: headline.color,
    facts: [{ title: 'Latest', value: isLatest ? `yes: deployments of "latest" get this version${escapeMarkdown(exceptRegions(v))}` : escapeMarkdown(`no (latest is ${e.latest ?? 'no version'})`) }],
    // What ARM says about the version, its definition and gallery, in the same groups as image status.
    groups: versionFactGroups({ version: v, definition: input.resolved.image, gallery: input.resolved.gallery, readAt: now }),
    // End of life, exclusion from latest, policy violations and deletion protection, problems first, coloured.
    findings: safetyFindings(v, now),
    regions: regions.map(({ region, state, color, details }) => ({ region, state, color, details })),
    requestsTitle: e.requests.length ? `Change requests (${e.requests.length})` : 'Change requests: none for this version',
    requests: requestRows(e.requests, now),
    requestsMore: e.requests.length > MAX_REQUEST_ROWS ? `and ${e.requests.length - MAX_REQUEST_ROWS} older requests (in the bundle)` : '',
    auditLine: records.length
      ? `${countOf(records.length, 'audit record')} (${seqRange(records[0]!.seq, records[records.length - 1]!.seq)}) in the bundle`
      : 'No audit records about this version',
    usage: usageLines(e.usage, v.version, e.latest),
    bundleHash: bundle.sha256,
    bundleFacts: [
      { title: 'Contents', value: [countOf(bundle.snapshots.length, 'ARM snapshot'), countOf(bundle.changeRequests.length, 'change request'), countOf(records.length, 'audit record')].join(' · ') },
      { title: "ARM's answers", value: verbatimLine(bundle.snapshots) },
      { title: 'Audit anchor', value: bundle.auditHead ? `record #${bundle.auditHead.seq}:${bundle.auditHead.hash.slice(0, 16)} (audit verify --anchor ${bundle.auditHead.seq}:${bundle.auditHead.hash.slice(0, 16)})` : 'the log was empty' },
      ...(input.reusedFrom ? [{ title: 'Bundle made', value: escapeMarkdown(`${formatMoment(input.reusedFrom.at, now)} for ${input.reusedFrom.by}, with the same facts as read now (no new bundle stored)`) }] : []),
      { title: 'Link expires', value: formatMoment(input.link.expiresAt, now) },
    ],
    downloadUrl: input.link.url,
    sourceFull: escapeMarkdown(fullSource(v)),
    buttons: [runButton('Verify bundle', `evidence verify ${bundle.sha256}`), runButton('Image status', `image status ${input.qualified} ${v.version}`)],
  };
  return { kind: 'card', template: 'evidence', data, summary: `Evidence for ${v.image} ${v.version}: ${headline.plain}; bundle ${bundle.sha256}` };
}

/**
 * Whether the bundle holds ARM's own answers beside the bot's summary: an auditor must not be told it can diff
 * against ARM's bytes when a read kept none (a gallery port that is not ARM, a read answered from memory).
 */
function verbatimLine(snapshots: readonly EvidenceSnapshot[]): string {
  const kept = snapshots.flatMap((s) => ('responses' in s.verbatim ? s.verbatim.responses : []));
  const missing = snapshots.filter((s) => 'unavailable' in s.verbatim);
  const why = missing.map((s) => ('unavailable' in s.verbatim ? s.verbatim.unavailable : ''))[0] ?? '';
  if (kept.length === 0) return escapeMarkdown(`not in this bundle: ${why}`);
  const detail = `${countOf(kept.length, 'response')} kept verbatim (exact body, URL, api-version, x-ms-request-id, read time)`;
  if (missing.length === 0) return detail;
  return escapeMarkdown(`${detail}; none for the ${missing.map((s) => s.kind).join(', ')} read (${why})`);
}

/** Latest resolves per region: where the version is excluded, latest deploys an older one. */
function exceptRegions(v: CollectedEvidence['version']): string {
  const excluded = v.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  return excluded.length ? `, except in ${excluded.join(', ')} (excluded there)` : '';
}
