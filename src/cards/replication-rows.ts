import type { ImageVersion, ReplicationState } from '../gallery/model';
import { escapeMarkdown } from './escape-text';

/** One region of a version's status card. */
export interface RegionRow {
  region: string;
  state: string;
  color: 'attention' | 'warning' | 'good' | 'default';
  /** `██████░░░░ 60 %`. */
  bar: string;
  replicas: string;
  excluded: string;
  details: string;
}

const ORDER: Record<string, number> = { Failed: 0, Replicating: 1, Unknown: 2, Completed: 3 };
const COLORS: Record<string, RegionRow['color']> = { Failed: 'attention', Replicating: 'warning', Completed: 'good' };
const BAR_CELLS = 10;

/** ARM shows regions as display names in one place and programmatic names in another: compare them flattened. */
export function normalizeRegion(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * Joins the publishing profile's target regions (replicas, storage, exclusions) with the replication status
 * (state, progress) by normalised region name. Failed regions come first: they are what the reader must act on.
 */
export function replicationRows(v: ImageVersion): RegionRow[] {
  const status = new Map((v.replication?.regions ?? []).map((r) => [normalizeRegion(r.region), r]));
  const seen = new Set<string>();
  const rows: { order: number; row: RegionRow }[] = [];
  for (const t of v.targetRegions) {
    const key = normalizeRegion(t.name);
    seen.add(key);
    const r = status.get(key);
    const replicas = t.regionalReplicaCount ?? v.replicaCount;
    const storage = t.storageAccountType ?? v.storageAccountType;
    rows.push(row(t.name, r?.state ?? 'Unknown', r?.progress, r?.details, replicas, storage, t.excludeFromLatest));
  }
  // Regions ARM reports status for but that are no longer targets (being removed) are still shown.
  for (const [key, r] of status) {
    if (!seen.has(key)) rows.push(row(r.region, r.state, r.progress, r.details, undefined, undefined, false));
  }
  return rows.sort((a, b) => a.order - b.order || a.row.region.localeCompare(b.row.region)).map((x) => x.row);
}

function row(
  region: string,
  state: ReplicationState | string,
  progress: number | undefined,
  details: string | undefined,
  replicas: number | undefined,
  storage: string | undefined,
  excluded: boolean,
): { order: number; row: RegionRow } {
  const pct = state === 'Completed' ? 100 : clampPercent(progress);
  const replicaText = replicas === undefined ? 'replicas not set' : `${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`;
  return {
    order: ORDER[state] ?? ORDER.Unknown!,
    row: {
      region: escapeMarkdown(region),
      state: escapeMarkdown(state),
      color: COLORS[state] ?? 'default',
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
