/**
 * How a finding is fixed: a command people run. Read-only bot commands (`usage …`, `image status …`) become
 * buttons; commands that change something (`promote …`, `retire …`, `az …`) are shown to be typed, because
 * buttons may only run read-only commands.
 */
export interface FixCommand {
  /** The full command line, e.g. `usage gal_golden/gpu-analytics 1.0.0`. */
  command: string;
  /** True for a read-only GalleryOps command a card button may run. */
  runnable: boolean;
  /** What running it achieves, e.g. "see who still runs it". */
  purpose: string;
}

/** A read-only GalleryOps command: a button on cards. */
export function runnableFix(command: string, purpose: string): FixCommand {
  return { command, runnable: true, purpose };
}

/** A command that changes something (GalleryOps or `az`): shown as text, to be typed. */
export function typedFix(command: string, purpose: string): FixCommand {
  return { command, runnable: false, purpose };
}
