import { deepFreeze } from '../deep-freeze';
import { DocumentProblemsError } from '../document-problems-error';
import type { SharingMode } from '../gallery/model';
import { findRegion, regionKey } from '../gallery/region-names';
import { checkDocument, readJsonDocument } from '../json-document';
import { desiredStateFileSchema, type DesiredStateFile } from './desired-state-schema';

/** A region every checked version must be replicated to, with what it must look like there. */
export interface RequiredRegion {
  /** Programmatic name, e.g. `eastus2`. */
  name: string;
  /** As Azure shows it, e.g. `East US 2`. */
  displayName: string;
  replicas?: number;
  storageAccountType?: string;
}

/** One definition's desired state, with the file's defaults applied. */
export interface DesiredDefinition {
  image: string;
  /** Which versions the region rules apply to: the latest, or every version before its end of life. */
  versions: 'latest' | 'all';
  regions: readonly RequiredRegion[];
  endOfLife: { required: boolean; maxAgeDays?: number };
}

/** One gallery's desired state. */
export interface DesiredGallery {
  /** As written: `gallery`, `resourceGroup/gallery` or `subscriptionId/resourceGroup/gallery`. */
  name: string;
  sharing?: SharingMode;
  definitions: readonly DesiredDefinition[];
}

/** The validated, frozen desired state. */
export interface DesiredState {
  galleries: readonly DesiredGallery[];
}

/** Thrown when the desired-state file is invalid: one message listing every problem. */
export class DesiredStateError extends DocumentProblemsError {
  constructor(problems: string[], source = 'the desired-state file') {
    super(problems, source);
    this.name = 'DesiredStateError';
  }
}

/** Validates a parsed desired-state document; throws one DesiredStateError naming every problem. */
export function parseDesiredState(raw: unknown, source?: string): DesiredState {
  const file = checkDocument(desiredStateFileSchema, raw, (problems) => new DesiredStateError(problems, source));
  const problems = duplicateProblems(file);
  if (problems.length > 0) throw new DesiredStateError(problems, source);
  return deepFreeze({ galleries: file.galleries.map((g) => toGallery(g, file.defaults)) });
}

/** Reads and validates a desired-state file (JSON). */
export function readDesiredStateFile(path: string): DesiredState {
  return parseDesiredState(readJsonDocument(path, (problems) => new DesiredStateError(problems, path)), path);
}

type FileGallery = DesiredStateFile['galleries'][number];
type Defaults = DesiredStateFile['defaults'];

function toGallery(g: FileGallery, defaults: Defaults): DesiredGallery {
  return {
    name: g.gallery,
    ...(g.sharing ? { sharing: g.sharing } : {}),
    definitions: g.definitions.map((d) => {
      const storage = d.storageAccountType ?? defaults.storageAccountType;
      const eol = { ...defaults.endOfLife, ...d.endOfLife };
      return {
        image: d.image,
        versions: d.versions ?? defaults.versions ?? 'latest',
        regions: d.regions.map((r) => {
          // The schema accepted only known regions.
          const known = findRegion(r.region)!;
          const storageAccountType = r.storageAccountType ?? storage;
          return {
            name: known.name,
            displayName: known.displayName,
            ...(r.replicas !== undefined ? { replicas: r.replicas } : {}),
            ...(storageAccountType !== undefined ? { storageAccountType } : {}),
          };
        }),
        endOfLife: { required: eol.required ?? false, ...(eol.maxAgeDays !== undefined ? { maxAgeDays: eol.maxAgeDays } : {}) },
      };
    }),
  };
}

/** Two entries for the same gallery, definition or region would leave it unclear which one counts. */
function duplicateProblems(file: DesiredStateFile): string[] {
  const problems: string[] = [];
  const galleries = new Map<string, number>();
  file.galleries.forEach((g, gi) => {
    const key = g.gallery.toLowerCase();
    const first = galleries.get(key);
    if (first !== undefined) problems.push(`galleries.${gi}: galleries.${first} already describes ${g.gallery}`);
    else galleries.set(key, gi);
    const images = new Map<string, number>();
    g.definitions.forEach((d, di) => {
      const at = `galleries.${gi}.definitions.${di}`;
      const seen = images.get(d.image.toLowerCase());
      if (seen !== undefined) problems.push(`${at}: definitions.${seen} already describes ${d.image}`);
      else images.set(d.image.toLowerCase(), di);
      const regions = new Set<string>();
      d.regions.forEach((r, ri) => {
        const k = regionKey(findRegion(r.region)?.name ?? r.region);
        if (regions.has(k)) problems.push(`${at}.regions.${ri}: ${r.region} is listed twice`);
        regions.add(k);
      });
    });
  });
  return problems;
}
