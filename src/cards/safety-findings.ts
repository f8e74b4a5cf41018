import type { ImageVersion } from '../gallery/model';
import { failedValidations, validationName } from '../gallery/version-state';
import { escapeMarkdown } from './escape-text';
import { describeEol, eolState } from './format-date';
import { bodyLine, type Tone } from './status-mark';

/** One highlighted line on the status card: its icon says how much it matters; only a problem is red. */
export interface Finding {
  text: string;
  color: 'attention' | 'default';
}

/**
 * What a reader must notice about a version before deploying or promoting it: end of life, exclusion from
 * latest, policy violations and whether deletion is protected. Problems first.
 */
export function safetyFindings(v: ImageVersion, now: Date): Finding[] {
  const out: { tone: Tone; text: string }[] = [];
  for (const p of v.safety.policyViolations) {
    out.push({ text: escapeMarkdown(`Policy violation: ${p.category}${p.details ? ` (${p.details})` : ''}`), tone: 'attention' });
  }
  if (v.safety.reportedForPolicyViolation && v.safety.policyViolations.length === 0) {
    out.push({ text: 'Reported for a policy violation', tone: 'attention' });
  }
  for (const e of v.validation?.executed ?? []) {
    const when = e.executedAt ? `, ${e.executedAt.toISOString().slice(0, 10)}` : '';
    const tone: Tone = e.status.toLowerCase() === 'failed' ? 'attention' : e.status.toLowerCase() === 'succeeded' ? 'good' : 'default';
    out.push({ text: escapeMarkdown(`Validation ${validationName(e)}: ${e.status}${when}`), tone });
  }
  if (v.validation !== undefined && v.validation.executed.length === 0) out.push({ text: 'Validation: Azure reports none run', tone: 'default' });
  if (v.provisioningState && v.provisioningState !== 'Succeeded') {
    out.push({ text: escapeMarkdown(`Provisioning state: ${v.provisioningState}`), tone: v.provisioningState === 'Failed' ? 'attention' : 'progress' });
  }
  const eol = describeEol(v.endOfLifeDate, now);
  out.push({ text: `End of life: ${eol.text}`, tone: eol.tone });
  const regional = v.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  // Excluded from latest is a deliberate setting, not a problem: said plainly.
  if (v.excludeFromLatest) out.push({ text: 'Excluded from latest (all regions)', tone: 'default' });
  else if (regional.length) out.push({ text: escapeMarkdown(`Excluded from latest in ${regional.join(', ')}`), tone: 'default' });
  else out.push({ text: 'Eligible for latest', tone: 'default' });
  out.push(
    v.safety.blockDeletionBeforeEndOfLife
      ? { text: 'Deletion protection: blocked before end of life', tone: 'good' }
      : { text: 'Deletion protection: none (can be deleted before end of life)', tone: 'warning' },
  );
  if (v.safety.allowDeletionOfReplicatedLocations) out.push({ text: 'Replicated regions may be removed from this version', tone: 'default' });
  const rank: Record<Tone, number> = { attention: 0, warning: 1, progress: 2, good: 3, default: 4 };
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.tone] - rank[b.f.tone] || a.i - b.i)
    .map(({ f }) => bodyLine(f.text, f.tone));
}

/**
 * What makes a version unfit to deploy whatever its replication says: a policy violation, a report of one, a
 * failed validation, a past end of life. A card about such a version never has a green headline; it leads with these words.
 */
export function versionFlags(v: ImageVersion, now: Date): string[] {
  const flags: string[] = [];
  const categories = v.safety.policyViolations.map((p) => p.category);
  if (categories.length) flags.push(`Flagged unsafe (${[...new Set(categories)].join(', ')})`);
  else if (v.safety.reportedForPolicyViolation) flags.push('Reported for a policy violation');
  // A failed validation (e.g. a security baseline) is Azure's own safety verdict, like a policy violation.
  const failed = failedValidations(v);
  if (failed.length) flags.push(`failed validation (${failed.map(validationName).join(', ')})`);
  if (eolState(v.endOfLifeDate, now) === 'past') flags.push('past end of life');
  return flags.map((f, i) => (i === 0 ? f.charAt(0).toUpperCase() + f.slice(1) : f));
}
