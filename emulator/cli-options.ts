/**
 * The CLI's settings from flags (win) and environment variables — a separate program, so it reads its own
 * environment rather than the bot's config.ts.
 */
import { parseArgs } from 'node:util';
import { parseFaultConfig, type FaultConfig } from './faults';
import { FAILED_REGION_RETRIES, REPLICATION_ORDERS, type FailedRegionRetry, type ReplicationOrder } from './replication';
import { parseReplicationFaults, type ReplicationFault } from './replication-faults';

export interface CliSettings {
  port: number;
  host: string;
  seedDir?: string;
  caFile?: string;
  pageSize?: number;
  graphPageSize?: number;
  lroPollDelayMs?: number;
  lroRetryAfterSeconds?: number;
  replicationMs?: number;
  failedRegionRetry?: FailedRegionRetry;
  replicationFaults?: ReplicationFault[];
  replicationOrder?: ReplicationOrder;
  faults?: FaultConfig;
  eventGridWebhook?: string;
}

export const USAGE = `Usage: node dist/emulator/main.js [options]
  --port <n>            port (EMULATOR_PORT; default 0 = any free port)
  --host <addr>         bind address (EMULATOR_HOST; default 127.0.0.1)
  --seed <dir>          folder of seed ARM documents (EMULATOR_SEED_DIR; default emulator/seed/demo)
  --ca-file <path>      write the self-signed certificate (PEM) here (EMULATOR_CA_FILE)
  --page-size <n>       items per list page (EMULATOR_PAGE_SIZE; default 50)
  --graph-page-size <n> rows per Resource Graph page at most (EMULATOR_GRAPH_PAGE_SIZE; default 1000)
  --lro-delay-ms <n>    how long writes stay InProgress (EMULATOR_LRO_DELAY_MS; default 1000)
  --retry-after <s>     Retry-After seconds on operation URLs (EMULATOR_RETRY_AFTER; default 1)
  --replication-ms <n>  how long new regions replicate (EMULATOR_REPLICATION_MS; default 5000)
  --failed-region-retry <mode>
                        how a re-driven Failed region ends: succeed, stay-failed (a removed and re-added region
                        completes) or stay-failed-after-re-add (EMULATOR_FAILED_REGION_RETRY; default succeed)
  --replication-order <order>
                        together (default) or region-by-region: the regions a write adds complete one after
                        another, --replication-ms each (EMULATOR_REPLICATION_ORDER)
  --replication-faults <json>
                        regions whose replication, once a write starts it, fails or stalls on its own
                        (EMULATOR_REPLICATION_FAULTS), e.g. '[{"match":"dispatch/2026\\.6\\.0/central ?us","outcome":"fail"}]'
  --event-grid-webhook <url>
                        POST Event Grid events (ResourceWriteSuccess/DeleteSuccess) there after each successful
                        write, e.g. http://127.0.0.1:3978/api/events?code=<secret> (EMULATOR_EVENT_GRID_WEBHOOK)
  --faults <json>       fault configuration (EMULATOR_FAULTS), e.g. '{"throttle":{"count":3,"retryAfterSeconds":2}}'`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got '${text}'.`);
  return value;
}

function webhookUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new Error(`--event-grid-webhook must be an http(s) URL, got '${text}'.`);
  return text;
}

function jsonOf(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not valid JSON.`);
  }
}

/** Parses flags and environment; throws one Error listing what is wrong. */
export function readCliSettings(argv: string[], env: NodeJS.ProcessEnv): CliSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, 'ca-file': { type: 'string' },
      'page-size': { type: 'string' }, 'graph-page-size': { type: 'string' }, 'lro-delay-ms': { type: 'string' }, 'retry-after': { type: 'string' },
      'replication-ms': { type: 'string' }, 'failed-region-retry': { type: 'string' }, 'replication-faults': { type: 'string' }, 'replication-order': { type: 'string' }, faults: { type: 'string' }, 'event-grid-webhook': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  const faultsText = values.faults ?? env['EMULATOR_FAULTS'];
  const faults: FaultConfig | undefined = faultsText ? parseFaultConfig(jsonOf('EMULATOR_FAULTS / --faults', faultsText)) : undefined;
  const replicationFaultsText = values['replication-faults'] ?? env['EMULATOR_REPLICATION_FAULTS'];
  const replicationFaults = replicationFaultsText ? parseReplicationFaults(jsonOf('EMULATOR_REPLICATION_FAULTS / --replication-faults', replicationFaultsText)) : undefined;
  const order = values['replication-order'] ?? env['EMULATOR_REPLICATION_ORDER'];
  if (order && !(REPLICATION_ORDERS as readonly string[]).includes(order)) throw new Error(`--replication-order must be one of ${REPLICATION_ORDERS.join(', ')}, got '${order}'.`);
  const retry = values['failed-region-retry'] ?? env['EMULATOR_FAILED_REGION_RETRY'];
  if (retry !== undefined && retry !== '' && !(FAILED_REGION_RETRIES as readonly string[]).includes(retry)) {
    throw new Error(`--failed-region-retry must be one of ${FAILED_REGION_RETRIES.join(', ')}, got '${retry}'.`);
  }
  const settings: CliSettings = {
    port: integer('--port', values.port ?? env['EMULATOR_PORT']) ?? 0,
    host: values.host ?? env['EMULATOR_HOST'] ?? '127.0.0.1',
  };
  const optional = {
    seedDir: values.seed ?? env['EMULATOR_SEED_DIR'],
    caFile: values['ca-file'] ?? env['EMULATOR_CA_FILE'],
    pageSize: integer('--page-size', values['page-size'] ?? env['EMULATOR_PAGE_SIZE']),
    graphPageSize: integer('--graph-page-size', values['graph-page-size'] ?? env['EMULATOR_GRAPH_PAGE_SIZE']),
    lroPollDelayMs: integer('--lro-delay-ms', values['lro-delay-ms'] ?? env['EMULATOR_LRO_DELAY_MS']),
    lroRetryAfterSeconds: integer('--retry-after', values['retry-after'] ?? env['EMULATOR_RETRY_AFTER']),
    replicationMs: integer('--replication-ms', values['replication-ms'] ?? env['EMULATOR_REPLICATION_MS']),
    failedRegionRetry: retry as FailedRegionRetry | undefined,
    replicationFaults,
    replicationOrder: order as ReplicationOrder | undefined,
    faults,
    eventGridWebhook: webhookUrl(values['event-grid-webhook'] ?? env['EMULATOR_EVENT_GRID_WEBHOOK']),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') Object.assign(settings, { [key]: value });
  }
  if (settings.pageSize === 0) throw new Error('--page-size must be at least 1.');
  if (settings.graphPageSize === 0) throw new Error('--graph-page-size must be at least 1.');
  return settings;
}
