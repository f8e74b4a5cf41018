import type { Execution } from './change-request';

/** Who stopped a failed request: GalleryOps' own gate before calling Azure, a read-back, or Azure itself. */
export type FailureSource = 'gate' | 'read-back' | 'azure';

/** Gate codes mean Azure was never asked; a read-back failure means Azure was asked and shows no change. */
export function failureSource(e: Execution | undefined): FailureSource {
  const code = e?.error?.code;
  if (e?.basis === 'gate' || code === 'gate-failed' || code === 'gate-check-failed') return 'gate';
  return e?.basis === 'read-back' && code === 'not-applied' ? 'read-back' : 'azure';
}
