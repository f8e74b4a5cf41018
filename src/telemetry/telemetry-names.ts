/**
 * The names GalleryOps' metrics and span attributes carry in Application Insights (customMetrics.name,
 * customDimensions): docs/operations.md "Telemetry" and its Kusto queries use them, so they change together.
 */
export const METRIC = {
  commands: 'galleryops.commands',
  armCalls: 'galleryops.arm.calls',
  armThrottles: 'galleryops.arm.throttles',
  approvalLatency: 'galleryops.approval.latency',
  watcherLag: 'galleryops.watcher.lag',
  sendQueue: 'galleryops.send_queue.depth',
  executionsRunning: 'galleryops.executions.running',
} as const;

export const SPAN_ATTRIBUTE = {
  command: 'galleryops.command',
  source: 'galleryops.source',
  outcome: 'galleryops.outcome',
  errorKind: 'galleryops.error_kind',
  requestId: 'galleryops.request_id',
  decision: 'galleryops.decision',
  change: 'galleryops.change',
} as const;
