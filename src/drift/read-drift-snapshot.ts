import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageDefinition, ImageVersion } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import { galleryPath, matchesSuffix } from '../gallery/qualified-name';
import { describeReadError } from '../report/describe-read-error';
import type { DesiredState } from './desired-state';
import type { DriftSnapshot } from './drift-types';

const CONCURRENCY = 8;

/**
 * Reads what `drift` compares: one listGalleries, one listImages per gallery the desired state names, one
 * listVersions per definition it names. No replication status is needed (target regions are in the list).
 * A failed read is recorded as a problem and that part is skipped, never reported as a difference.
 */
export async function readDriftSnapshot(gallery: GalleryPort, desired: DesiredState, now: () => Date): Promise<DriftSnapshot> {
  const problems: string[] = [];
  const galleries = await gallery.listGalleries();
  const wanted = galleries.filter((g) => desired.galleries.some((d) => matchesSuffix(galleryPath(g), d.name.split('/'))));
  const images = new Map<string, ImageDefinition[]>();
  await mapLimit(wanted, CONCURRENCY, async (g) => {
    try {
      images.set(g.id.toLowerCase(), await gallery.listImages(g));
    } catch (err) {
      problems.push(`Could not list the definitions of ${g.gallery}: ${describeReadError(err)}`);
    }
  });
  const named = wanted.flatMap((g) => {
    const want = desired.galleries.filter((d) => matchesSuffix(galleryPath(g), d.name.split('/')));
    const names = new Set(want.flatMap((d) => d.definitions.map((x) => x.image.toLowerCase())));
    return (images.get(g.id.toLowerCase()) ?? []).filter((i) => names.has(i.image.toLowerCase()));
  });
  const versions = new Map<string, ImageVersion[]>();
  await mapLimit(named, CONCURRENCY, async (i) => {
    try {
      versions.set(i.id.toLowerCase(), await gallery.listVersions(i));
    } catch (err) {
      problems.push(`Could not list the versions of ${i.gallery}/${i.image}: ${describeReadError(err)}`);
    }
  });
  return { galleries, images, versions, readAt: now(), problems };
}
