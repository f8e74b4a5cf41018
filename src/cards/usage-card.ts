import type { CardReply } from './reply';
import type { ImageVersion } from '../gallery/model';
import type { ResolvedImage } from '../gallery/name-resolution';
import type { VersionUsage } from '../gallery/usage-port';
import { galleryScope, type CardScope } from './card-scope';
import { escapeMarkdown } from './escape-text';
import { paginate } from './paging';
import { runButton, type RunButton } from './run-button';
import { stageNote } from './stage-note';
import { withIcon } from './status-mark';
import { regroup, usageRows, type UsageGroup } from './usage-groups';

/** References per page: a card is read in chat, and Teams caps its size. */
export const USAGE_PAGE_SIZE = 25;

export interface UsageCardData extends CardScope {
  title: string;
  note: string;
  subject: string;
  resolvedFrom: string;
  attention: string;
  paging: string;
  empty: string;
  footnote: string;
  groups: UsageGroup[];
  buttons: RunButton[];
}

/** The version the user asked about, once resolved; absent for the definition-wide view. */
export interface AskedVersion {
  version: string;
  /** What was typed, when it was a prefix or `latest` ("2026.05 → 2026.5.0 (the highest 2026.5.x)"). */
  resolvedFrom?: { input: string; specText: string };
  /** False when the gallery no longer has it (references to it are listed all the same). */
  exists: boolean;
}

/**
 * `usage`: the scale sets and VMs whose image reference names a version of the definition or the definition
 * itself. References to the definition are flagged: they get whatever latest is at deployment, so a recovery
 * template built on them cannot say which image it restores.
 */
export function usageCard(input: {
  resolved: ResolvedImage;
  qualified: string;
  usage: VersionUsage;
  versions: readonly ImageVersion[];
  asked?: AskedVersion;
  page: number;
  readAt: Date;
}): CardReply<UsageCardData> {
  const { resolved, asked, readAt } = input;
  const name = resolved.image.image;
  const all = usageRows(input.usage);
  const command = `usage ${input.qualified}${asked ? ` ${asked.version}` : ''}`;
  const page = paginate(all, input.page, USAGE_PAGE_SIZE, (n) => `${command} page ${n}`);
  const latestRefs = all.filter((r) => r.group === 'latest').length;
  const counts = `${count(input.usage.scaleSets.length, 'scale set')}, ${count(input.usage.vms.length, 'VM')}`;
  const what = asked ? `${name} ${asked.version}` : name;

  const data: UsageCardData = {
    ...galleryScope(resolved.gallery, readAt),
    title: escapeMarkdown(`${what}: ${counts}`),
    note: stageNote(resolved),
    subject: escapeMarkdown(
      asked
        ? `Scale sets and VMs pinned to ${asked.version}, or deploying the definition (latest).`
        : `Scale sets and VMs referencing any version of ${name}, or the definition itself (latest), by version.`,
    ),
    resolvedFrom: asked?.resolvedFrom ? escapeMarkdown(`${asked.resolvedFrom.input} → ${asked.version} (${asked.resolvedFrom.specText})`) : '',
    attention: latestRefs
      ? withIcon(escapeMarkdown(
          `${count(latestRefs, 'deployment')} ${latestRefs === 1 ? 'depends' : 'depend'} on latest: ${latestRefs === 1 ? 'it gets' : 'they get'} a different version whenever latest moves. ` +
            'Recovery templates should pin a version (…/versions/<version>), never latest.',
        ), 'warning')
      : '',
    paging: page.text,
    empty: all.length ? '' : escapeMarkdown(`No scale set or VM references ${what}${asked ? ' or the definition' : ''}.`),
    footnote:
      'From Azure Resource Graph, across the subscriptions GalleryOps can read; changes reach it within minutes. ' +
      'A scale set is listed by its model: instances not yet upgraded may still run an older image.',
    groups: regroup(page.items, input.versions, readAt),
    buttons: [...page.buttons, runButton(`Versions of ${name}`, `versions ${input.qualified}`)],
  };
  const summary = `${what}: ${counts}${latestRefs ? `, ${latestRefs} on latest` : ''}`;
  return { kind: 'card', template: 'usage', data, summary };
}

function count(n: number, noun: string): string {
  return `${n === 0 ? 'no' : n} ${noun}${n === 1 ? '' : 's'}`;
}
