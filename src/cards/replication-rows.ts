import type { ImageVersion, ReplicationState } from '../gallery/model';
import { escapeMarkdown } from './escape-text';
import { boldMark, type Tone } from './status-mark';

/** One region of a version's status card. */
export interface RegionRow {
  region: string;
  /** `✓ Completed`, `⏳ Replicating`, `✗ Failed`: the state with its icon, set in bold in its colour. */
  state: string;
  color: string;
  /** `██████░░░░ 60 %`. */
  bar: string;
  replicas: string;
  excluded: string;
  details: string;
}

const ORDER: Record<string, number> = { Failed: 0, Replicating: 1, Unknown: 2, Completed: 3 };
const TONES: Record<string, Tone> = { Failed: 'attention', Replicating: 'progress', Completed: 'good' };
const BAR_CELLS = 10;

/** ARM shows regions as display names in one place and programmatic names in another: compare them flattened. */
export function normalizeRegion(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/** How the regions stand, by ARM's state words: the failed ones by name (not escaped, in row order), and counts. */
export interface RegionStates {
  failed: string[];
  replicating: number;
  completed: number;
  total: number;
}

/**
 * Joins the publishing profile's target regions (replicas, storage, exclusions) with the replication status
 * (state, progress) by normalised region name, as rows (failed regions first: they are what the reader must act
 * on) and as states. One join for both: a status card needs both, and the join escapes every region's text.
 */
export function replicationView(v: ImageVersion): { rows: RegionRow[]; states: RegionStates } {
  const all = joinedRegions(v);
  const states: RegionStates = { failed: [], replicating: 0, completed: 0, total: all.length };
  for (const x of all) {
    if (x.state === 'Failed') states.failed.push(x.name);
    else if (x.state === 'Replicating') states.replicating++;
    else if (x.state === 'Completed') states.completed++;
  }
  return { rows: all.map((x) => x.row), states };
}

function joinedRegions(v: ImageVersion): Joined[] {
  const status = new Map((v.replication?.regions ?? []).map((r) => [normalizeRegion(r.region), r]));
  const seen = new Set<string>();
  const rows: Joined[] = [];
  for (const t of v.targetRegions) {
    const key = normalizeRegion(t.name);
    seen.add(key);
    const r = status.get(key);
    const replicas = t.regionalReplicaCount ?? v.replicaCount;
    const storage = t.storageAccountType ?? v.storageAccountType;
    const extra = (t.additionalReplicaSets ?? []).map((a) => ` + ${a.regionalReplicaCount ?? 1} ${a.storageAccountType ?? 'storage type not set'}`).join('');
    rows.push(row(t.name, r?.state ?? 'Unknown', r?.progress, r?.details, replicas, `${storage ?? 'storage type not set'}${extra}`, t.excludeFromLatest));
  }
  // Regions ARM reports status for but that are no longer targets (being removed) are still shown.
  for (const [key, r] of status) {
    if (!seen.has(key)) rows.push(row(r.region, r.state, r.progress, r.details, undefined, undefined, false));
  }
  return rows.sort((a, b) => a.order - b.order || a.row.region.localeCompare(b.row.region));
}

interface Joined {
  order: number;
  row: RegionRow;
  /** ARM's state word and the region's name as ARM gave it. */
  state: string;
  name: string;
}

function row(
  region: string,
  state: ReplicationState | string,
  progress: number | undefined,
  details: string | undefined,
  replicas: number | undefined,
  storage: string | undefined,
  excluded: boolean,
): Joined {
  const pct = state === 'Completed' ? 100 : clampPercent(progress);
  const replicaText = replicas === undefined ? 'replicas not set' : `${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`;
  const mark = boldMark(escapeMarkdown(state), TONES[state] ?? 'default');
  return {
    state,
    name: region,
    order: ORDER[state] ?? ORDER.Unknown!,
    row: {
      region: escapeMarkdown(region),
      state: mark.text,
      color: mark.color,
      bar: pct === undefined ? '' : progressBar(pct),
      replicas: escapeMarkdown(`${replicaText} · ${storage ?? 'storage type not set'}`),
      excluded: excluded ? 'Excluded from latest in this region' : '',
      details: details ? escapeMarkdown(details) : '',
    },
  };
}

function clampPercent(p: number | undefined): number | undefined {
  return p === undefined || !Number.isFinite(p) ? undefined : Math.min(100, Math.max(0, Math.round(p)));
}

/** Block characters instead of a drawn bar: they render the same in every Teams client, light or dark. */
export function progressBar(percent: number): string {
  const filled = Math.round((percent / 100) * BAR_CELLS);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${percent} %`;
}
