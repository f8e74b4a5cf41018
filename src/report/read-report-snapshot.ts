import type { DesiredState } from '../drift/desired-state';
import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageDefinition, ImageVersion } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import type { ReplicationReader } from '../gallery/replication-reader';
import type { UsageReader, VersionUsage } from '../gallery/usage-port';
import { isPastEndOfLife } from '../utc-day';
import { describeReadError } from './describe-read-error';
import type { DefinitionSnapshot, ReportSnapshot } from './report-types';

/** What the reader reads through. */
export interface ReportSources {
  gallery: GalleryPort;
  /** Cached, concurrency-capped replication reads (shared with `versions`). */
  replication: ReplicationReader;
  usage?: UsageReader;
  desired?: DesiredState;
  now: () => Date;
}

/** List calls in flight at once: quick, and far below ARM's read budget. */
const CONCURRENCY = 8;

/**
 * Reads what the report needs, with a bounded number of ARM calls: one listGalleries, one listImages per
 * gallery, one listVersions per definition, replication (through the ReplicationReader) only for versions
 * before their end of life, and usage once per version past its end of life. A read that fails is named in
 * `problems` and that part is skipped: a partial report that says so beats no report.
 */
export async function readReportSnapshot(sources: ReportSources): Promise<ReportSnapshot> {
  const problems: string[] = [];
  const now = sources.now();
  const galleries = await sources.gallery.listGalleries();
  const perGallery = await mapLimit(galleries, CONCURRENCY, async (g): Promise<ImageDefinition[]> => {
    try {
      return await sources.gallery.listImages(g);
    } catch (err) {
      problems.push(`Could not list the definitions of ${g.gallery}: ${describeReadError(err)}`);
      return [];
    }
  });
  const listed = await mapLimit(perGallery.flat(), CONCURRENCY, async (definition) => {
    try {
      return { definition, versions: await sources.gallery.listVersions(definition) };
    } catch (err) {
      problems.push(`Could not list the versions of ${definition.gallery}/${definition.image}: ${describeReadError(err)}`);
      return undefined;
    }
  });
  const definitions: DefinitionSnapshot[] = [];
  // Definitions one after another: the ReplicationReader caps concurrency within each, and usage reads are few.
  for (const entry of listed) {
    if (!entry) continue;
    const inService = entry.versions.filter((v) => !isPastEndOfLife(v.endOfLifeDate, now));
    const replication = await sources.replication.readMany(entry.definition, inService.map((v) => v.version));
    const usage = await readUsage(sources.usage, entry.versions.filter((v) => isPastEndOfLife(v.endOfLifeDate, now)), problems);
    definitions.push({ ...entry, replication, usage });
  }
  return { galleries, definitions, ...(sources.desired ? { desired: sources.desired } : {}), readAt: now, problems, usageChecked: sources.usage !== undefined };
}

async function readUsage(reader: UsageReader | undefined, versions: readonly ImageVersion[], problems: string[]): Promise<Map<string, VersionUsage>> {
  const out = new Map<string, VersionUsage>();
  if (!reader) return out;
  for (const v of versions) {
    try {
      out.set(v.version, await reader.findUsage(v, v.version));
    } catch (err) {
      problems.push(`Could not read who runs ${v.gallery}/${v.image} ${v.version}: ${describeReadError(err)}`);
    }
  }
  return out;
}
