import type { GalleryPort } from '../gallery/gallery-port';
import type { NameIndex } from '../gallery/name-index';
import type { ReplicationReader } from '../gallery/replication-reader';
import type { Stage } from '../stages';

/** What a command handler may use. Built once by the composition root; no Bot Framework types in here. */
export interface CommandContext {
  gallery: GalleryPort;
  names: NameIndex;
  /** Replication status for list views (cached briefly; `image status` always reads live). */
  replication: ReplicationReader;
  /** The promotion path, first stage first. */
  stages: readonly Stage[];
  /** The clock every "read at" and relative date on a card is computed from. */
  now(): Date;
  /** Describes the configured scope on cards spanning galleries, e.g. "subscription 1111… (2 galleries)". */
  scopeLabel?: string;
  /** Names the bot is @mentioned by; stripped from the text. Default: GalleryOps. */
  botNames?: readonly string[];
}
