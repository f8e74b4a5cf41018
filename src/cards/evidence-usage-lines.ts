import type { UsageReading } from '../evidence/collect-evidence';
import type { UsageRef } from '../gallery/usage-port';
import { escapeMarkdown } from './escape-text';
import { bodyLine } from './status-mark';

/** Names listed per line before "and N more": the bundle has every one. */
const MAX_NAMES = 15;

/** A line of the card's usage section. */
export interface UsageLine {
  text: string;
  color: 'default' | 'attention';
}

/**
 * Who runs the version: pinned deployments, then the ones that follow the definition's latest, which deploy
 * this version only while it is latest. Following latest is flagged: a recovery deploys whatever latest is then.
 */
export function usageLines(usage: UsageReading, version: string, latest: string | undefined): UsageLine[] {
  if ('unavailable' in usage) return [bodyLine(escapeMarkdown(`Scale sets and VMs could not be read: ${usage.unavailable}`), 'warning')];
  const all = [...usage.refs.scaleSets.map((r) => ({ r, kind: 'scale set' })), ...usage.refs.vms.map((r) => ({ r, kind: 'VM' }))];
  const pinned = all.filter((x) => x.r.pinned);
  const following = all.filter((x) => !x.r.pinned);
  const lines: UsageLine[] = [
    pinned.length
      ? { text: escapeMarkdown(`Run this version (pinned): ${names(pinned)}`), color: 'default' }
      : { text: 'Run this version (pinned): none', color: 'default' },
  ];
  if (following.length === 0) {
    lines.push({ text: "Follow the definition's latest: none", color: 'default' });
  } else {
    const isLatest = latest !== undefined && latest === version;
    const what = isLatest ? `latest is this version, so they deploy it` : `latest is ${latest ?? 'no version'}, not this one`;
    lines.push(bodyLine(escapeMarkdown(`Follow the definition's latest (${what}): ${names(following)}`), isLatest ? 'warning' : 'default'));
  }
  return lines;
}

function names(items: { r: UsageRef; kind: string }[]): string {
  const shown = items.slice(0, MAX_NAMES).map(({ r, kind }) => `${r.name} (${kind}, ${r.resourceGroup})`);
  const more = items.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
