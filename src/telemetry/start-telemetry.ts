import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { Config } from '../config';
import { withinDeadline } from '../launcher/start-deadline';
import { NO_TELEMETRY, type Telemetry } from './telemetry';

/** Telemetry as the composition root holds it: the port, the log lines' trace fields, and how to stop it. */
export interface RunningTelemetry {
  telemetry: Telemetry;
  /** A pino mixin adding the active trace's ids; absent when telemetry is off (log lines stay as they were). */
  logFields?: () => object;
  /** Sends what is still buffered (spans, the last metrics) and stops the SDK; call before the process exits. */
  shutdown(): Promise<void>;
  /** Why telemetry is off although configured (the SDK failed to start): the bot runs on without it. */
  failed?: unknown;
}

/** Tests only: Azure Monitor options on top of GalleryOps' own (e.g. keep every trace, no offline retry folder). */
export type TelemetryOverrides = Pick<AzureMonitorOpenTelemetryOptions, 'tracesPerSecond' | 'samplingRatio'> & { disableOfflineStorage?: boolean; shutdownTimeoutMs?: number };

/**
 * The longest a stopping process waits to hand over its last telemetry. An ingestion endpoint that accepts the
 * connection and never answers would otherwise hold the exit until Container Apps kills the replica (30 s after
 * SIGTERM), time the executions' grace period needs.
 */
const SHUTDOWN_TIMEOUT_MS = 5_000;

const OFF: RunningTelemetry = { telemetry: NO_TELEMETRY, shutdown: async () => undefined };

/**
 * Starts Azure Monitor's OpenTelemetry distribution when the configuration has a connection string. Without one,
 * nothing of it is loaded: the requires below are the only place it is named, and they run after the check.
 */
export function startTelemetry(settings: Config['telemetry'], overrides: TelemetryOverrides = {}): RunningTelemetry {
  if (!settings) return OFF;
  try {
    return startAzureMonitor(settings, overrides);
  } catch (err) {
    return { ...OFF, failed: err };
  }
}

function startAzureMonitor(settings: NonNullable<Config['telemetry']>, overrides: TelemetryOverrides): RunningTelemetry {
  const { disableOfflineStorage, shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS, ...sampling } = overrides;
  const distro = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  const { telemetryResource } = require('./telemetry-resource') as typeof import('./telemetry-resource');
  distro.useAzureMonitor({
    resource: telemetryResource(settings.serviceName),
    azureMonitorExporterOptions: { connectionString: settings.connectionString, ...(disableOfflineStorage ? { disableOfflineStorage } : {}) },
    // Turns are the requests (our spans, named after the command): HTTP spans would add one per probe and per
    // connector call. The Azure SDK's own spans make every ARM call a dependency (the distro bridges
    // @azure/core-tracing even when the SDK was loaded first, as index.ts does). Live Metrics would poll all the time.
    instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: true }, mongoDb: { enabled: false }, mySql: { enabled: false }, postgreSql: { enabled: false }, redis: { enabled: false }, redis4: { enabled: false } },
    enableLiveMetrics: false,
    ...sampling,
  });
  const { createOtelTelemetry } = require('./otel-telemetry') as typeof import('./otel-telemetry');
  const { traceLogFields } = require('./trace-log-fields') as typeof import('./trace-log-fields');
  const shutdown = () => withinDeadline(distro.shutdownAzureMonitor(), shutdownTimeoutMs, `Application Insights did not take the last telemetry within ${shutdownTimeoutMs / 1000} s; it is dropped`);
  return { telemetry: createOtelTelemetry(), logFields: traceLogFields, shutdown };
}
