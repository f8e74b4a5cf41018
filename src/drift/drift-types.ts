import type { Gallery, ImageDefinition, ImageVersion } from '../gallery/model';
import type { FixCommand } from '../report/fix-command';

/** The live side of `drift`: only what the desired state names, read once. */
export interface DriftSnapshot {
  galleries: readonly Gallery[];
  /** Definitions per gallery id (lower case). A gallery absent here could not be read (see `problems`). */
  images: ReadonlyMap<string, readonly ImageDefinition[]>;
  /** Versions per definition id (lower case). A definition absent here could not be read. */
  versions: ReadonlyMap<string, readonly ImageVersion[]>;
  readAt: Date;
  /** Reads that failed: what drift could not compare. */
  problems: readonly string[];
}

/** Every kind of difference, in the order the card lists them. */
export const DRIFT_KINDS = [
  'gallery-missing',
  'definition-missing',
  'no-latest',
  'region-missing',
  'replica-count',
  'storage-type',
  'end-of-life-missing',
  'version-too-old',
  'sharing',
] as const;

export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One way the live galleries differ from the desired state. */
export interface DriftDifference {
  kind: DriftKind;
  /** The gallery as the desired state names it. */
  gallery: string;
  image?: string;
  version?: string;
  region?: string;
  /** What the desired state asks for, and what Azure has, in words. */
  expected: string;
  actual: string;
  /** One sentence for people. */
  text: string;
  /** How to fix it; empty when no command can (the text then says what to do). */
  fixes: FixCommand[];
}

/** What `drift` found. */
export interface DriftResult {
  differences: DriftDifference[];
  /** How much was compared, so "no differences" can be read as meaning something. */
  checked: { galleries: number; definitions: number; versions: number };
  problems: string[];
  /** The subscriptions of the galleries compared, for the card's scope line. */
  subscriptions: string[];
  readAt: Date;
}
