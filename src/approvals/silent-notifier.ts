import type { RequestNotifier } from './request-notifier';

/** Tells nobody: the notifier until the Teams layer attaches its own (and for CLIs that never chat). */
export const SILENT_NOTIFIER: RequestNotifier = Object.freeze({
  requestCreated: async () => undefined,
  requestChanged: async () => undefined,
  requestFinished: async () => undefined,
});
