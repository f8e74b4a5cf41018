import type { CallOptions } from './gallery-port';
import type { Gallery, ImageDefinition, ImageKey, ImageVersion } from './model';
import type { VersionUsage } from './usage-port';

/** Every gallery, definition and version in scope, read at one moment (no replication status: no list has it). */
export interface GalleryInventory {
  galleries: Gallery[];
  definitions: ImageDefinition[];
  versions: ImageVersion[];
  /** Parts that could not be read (named), so a report can say what it did not check. */
  problems: string[];
}

/** Who deploys from each definition: looked up locally once the fleet has been read. */
export interface FleetUsage {
  /** False when nothing could tell who runs what (no usage reader at all). */
  checked: boolean;
  /** What could not be read (named), e.g. one definition's references. */
  problems: string[];
  /** Every scale set and VM deploying the definition or one of its versions; undefined when unknown. */
  of(image: ImageKey): VersionUsage | undefined;
}

/**
 * The whole inventory in a number of calls that does not depend on how many versions there are per definition:
 * Azure Resource Graph pages (`$skipToken`) in production, the ARM lists for in-memory fakes.
 */
export interface InventoryReader {
  readInventory(options?: CallOptions): Promise<GalleryInventory>;
  /** Every scale set and VM in scope that references a gallery image, matched to the definitions of `galleries`. */
  readFleetUsage(galleries: readonly Gallery[], definitions: readonly ImageDefinition[], options?: CallOptions): Promise<FleetUsage>;
}
