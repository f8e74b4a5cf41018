import type { ImageVersion } from '../gallery/model';
import { escapeMarkdown } from './escape-text';
import { describeEol } from './format-date';

/** One highlighted line on the status card. */
export interface Finding {
  text: string;
  color: 'attention' | 'warning' | 'good' | 'default';
}

/**
 * What a reader must notice about a version before deploying or promoting it: end of life, exclusion from
 * latest, policy violations and whether deletion is protected. Problems first.
 */
export function safetyFindings(v: ImageVersion, now: Date): Finding[] {
  const out: Finding[] = [];
  for (const p of v.safety.policyViolations) {
    out.push({ text: escapeMarkdown(`Policy violation: ${p.category}${p.details ? ` (${p.details})` : ''}`), color: 'attention' });
  }
  if (v.safety.reportedForPolicyViolation && v.safety.policyViolations.length === 0) {
    out.push({ text: 'Reported for a policy violation', color: 'attention' });
  }
  if (v.provisioningState && v.provisioningState !== 'Succeeded') {
    out.push({ text: escapeMarkdown(`Provisioning state: ${v.provisioningState}`), color: v.provisioningState === 'Failed' ? 'attention' : 'warning' });
  }
  const eol = describeEol(v.endOfLifeDate, now);
  out.push({ text: `End of life: ${eol.text}`, color: eol.color });
  const regional = v.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  if (v.excludeFromLatest) out.push({ text: 'Excluded from latest (all regions)', color: 'warning' });
  else if (regional.length) out.push({ text: escapeMarkdown(`Excluded from latest in ${regional.join(', ')}`), color: 'warning' });
  else out.push({ text: 'Eligible for latest', color: 'default' });
  out.push(
    v.safety.blockDeletionBeforeEndOfLife
      ? { text: 'Deletion protection: blocked before end of life', color: 'good' }
      : { text: 'Deletion protection: none (can be deleted before end of life)', color: 'warning' },
  );
  if (v.safety.allowDeletionOfReplicatedLocations) out.push({ text: 'Replicated regions may be removed from this version', color: 'default' });
  const rank = { attention: 0, warning: 1, good: 2, default: 3 };
  return out.map((f, i) => ({ f, i })).sort((a, b) => rank[a.f.color] - rank[b.f.color] || a.i - b.i).map((x) => x.f);
}
