import { isLoopbackHost, isLoopbackUrl } from './loopback';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { projectPath } from './project-root';
import { PolicyError, readPolicyFile, type Policy } from './approvals/policy';
import { deepFreeze } from './deep-freeze';
import { DesiredStateError, readDesiredStateFile } from './drift/desired-state';
import type { Stage } from './stages';
import { EVENT_GRID_APP_ID } from './events/entra-token';
import { resolveHooks, type HookTarget } from './hooks/hook-settings';

/**
 * The validated, frozen configuration. `loadConfig` is the only place that reads `process.env`; everything
 * else receives what it needs from the composition root.
 */
export interface Config {
  port: number;
  /** Address the HTTP server binds to. */
  host: string;
  logLevel: string;
  bot: BotIdentity;
  gallery: GallerySettings;
  /** The promotion path, first stage first: the policy file's `stages`. */
  stages: readonly Stage[];
  /** Who may request and approve what (validated at start); empty rules refuse every change. */
  policy: Policy;
  /** Where the policy came from, for the start banner and error messages. */
  policyFile?: string;
  store: StoreSettings;
  engine: EngineSettings;
  /** Embedded demo only: start with one pending request made by another demo user. */
  demoRequest: boolean;
  evidence: EvidenceSettings;
  report: ReportSettings;
  /** The desired-state file `drift` compares with the live galleries (the demo ships one). */
  desiredStateFile?: string;
  /** How long the gallery/image name index is trusted before it is refreshed in the background. */
  nameIndexTtlSeconds: number;
  /** Version lists per definition: trusted this long, then refreshed in the background; and how many versions are held. */
  versionIndex: { ttlSeconds: number; maxVersions: number };
  /** A command still running after this long is answered with a progress card that later becomes the answer. */
  progressAfterMs: number;
  /** How often the subscriptions watcher reads the subscribed galleries (WATCH_INTERVAL_SECONDS, default 60). */
  watchIntervalSeconds: number;
  /** Whether this instance may run the watcher; with a shared Table store one instance leads at a time (a lease). */
  watcher: boolean;
  /** Subscription alerts beyond what the galleries say: stalls, end of life, waiting requests, and the watcher's lease. */
  alerts: AlertSettings;
  /** Azure Event Grid's webhook `POST /api/events` (EVENT_GRID_SECRET and/or EVENT_GRID_AUDIENCE); absent: the endpoint is off. Never logged. */
  eventGrid?: EventGridSettings;
  /** Outgoing hooks: the policy file's `hooks`, each with the secret its HOOK_SECRET_<NAME> setting holds. Never logged. */
  hooks: readonly HookTarget[];
  /** The local chat client `npm start` opens in embedded mode. */
  playground: { enabled: boolean; port: number; configFile: string };
  /** Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING); absent: no telemetry, and its SDK is never loaded. Never logged. */
  telemetry?: { connectionString: string; /** The cloud role every span and metric is filed under (OTEL_SERVICE_NAME, default galleryops). */ serviceName: string };
}

/** How `POST /api/events` authenticates Event Grid: a shared secret, Entra ID bearer tokens, or either. */
export interface EventGridSettings {
  secret?: string;
  /** Entra ID tokens (Event Grid's Entra-protected webhook delivery): audience, issuers of the tenant, where its keys are, which caller app. */
  entra?: { audiences: string[]; issuers: string[]; metadataUrl: string; callerAppIds: string[] };
}

/** The bot's Bot Framework identity. An empty `appId` means local use only (no inbound authentication). */
export interface BotIdentity {
  appId: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Never logged: see the logger's redaction list. */
  appPassword?: string;
}

/** Azure mode reads the configured scopes; embedded mode talks to the local emulator started by `npm start`. */
export type GallerySettings =
  | { mode: 'azure'; scopes: Scope[]; armEndpoint?: string; armCaFile?: string; managedIdentityClientId?: string }
  | { mode: 'embedded' };

/** The embedded SQLite database (one instance) or Azure Table Storage (several instances sharing state). */
export type StoreSettings =
  /** `demo`: the embedded demo's own folder, emptied at every start so its requests match the fresh demo gallery. */
  | { kind: 'embedded'; dir: string; demo?: boolean }
  | ({ kind: 'table'; tableName: string } & ({ connectionString: string } | { url: string; managedIdentityClientId?: string }) & { appendTimeoutMs: number; /** How long opening and checking the store may take at start (default 60 s). */ startTimeoutMs?: number });

/** How the approval engine waits on storage and on Azure, and how long evidence is kept. */
export interface EngineSettings {
  /** Longest an audit append (and so a decision) waits for storage under contention before failing cleanly. */
  auditAppendTimeoutMs: number;
  /** After this long without being able to read Azure back, an unknown outcome is flagged for operators. */
  executionUnknownMinutes: number;
  /** Evidence bundles older than this (and not about a version with an open request) are removed. */
  evidenceRetentionDays: number;
  /** Anyone asking `evidence` for a version again within this many seconds, with unchanged facts, gets the bundle already stored. */
  evidenceReuseSeconds: number;
  /** How often approved requests that have not started (approved ahead, waiting for replication) are re-checked. */
  gateRecheckSeconds: number;
}

/** Evidence bundles are downloaded from the bot's own web endpoint through signed, expiring links. */
export interface EvidenceSettings {
  /** Base URL people's browsers reach the bot at (HTTPS in production), e.g. https://galleryops.contoso.com. */
  publicBaseUrl: string;
  /** HMAC key that signs download links. Never logged. Random per process when not configured (local use only). */
  signingKey: string;
  /** Every key a link may be signed with, `signingKey` first (EVIDENCE_SIGNING_KEYS: rotation without broken links). Absent: `signingKey` alone. Never logged. */
  verifyKeys?: readonly string[];
  linkTtlMinutes: number;
}

/** Thresholds of the `report` findings. */
export interface ReportSettings {
  /** "EOL soon" means within this many days. */
  eolSoonDays: number;
  /** A definition whose latest version was published longer ago than this is "stale". */
  staleLatestDays: number;
  /** Versions published within this many days have their replication read (REPORT_REPLICATION_DAYS, default 30). */
  replicationDays?: number;
  /** The pace of the report's per-version ARM reads (ARM_READS_PER_SECOND, default 20; ARM refills 25/s). */
  armReadsPerSecond?: number;
}

/** When subscriptions speak up about things that did not change (see README "Subscriptions"). */
export interface AlertSettings {
  /** A Replicating region whose progress has not moved for this long is "stuck" (REPLICATION_STUCK_MINUTES). */
  replicationStuckMinutes: number;
  /** Days before an in-use version's end of life at which it is announced, largest first (EOL_ALERT_DAYS). */
  eolAlertDays: number[];
  /** A pending request undecided for this long gets a reminder to its approvers (REMINDER_HOURS). */
  reminderHours: number;
  /** Another instance takes the watcher over once its leader has not renewed the lease for this long (WATCHER_LEASE_SECONDS). */
  watcherLeaseSeconds: number;
  /** Regions of one version reaching one state within this many minutes of its card join that card (EVENT_GROUP_MINUTES). */
  eventGroupMinutes: number;
}

/** A subscription, or one resource group in it. */
export interface Scope {
  subscriptionId: string;
  resourceGroup?: string;
}

/** Thrown by `loadConfig`: one message that lists every problem and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`GalleryOps cannot start; fix these settings (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE = /^\/subscriptions\/([0-9a-f-]{36})(?:\/resourceGroups\/([-\w._()]{1,90}))?\/?$/i;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const envSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: optionalString,
  ALLOW_UNAUTHENTICATED_PUBLIC_BIND: z.preprocess(blankToUndefined, z.enum(['true', 'false']).default('false')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MicrosoftAppId: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a GUID (the Azure Bot resource\'s app id)').optional()),
  MicrosoftAppType: z.preprocess(blankToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a GUID (your Entra tenant id)').optional()),
  MicrosoftAppPassword: optionalString,
  GALLERY_SCOPES: optionalString,
  // A user-assigned managed identity is only used when named: the host may carry several identities.
  AZURE_CLIENT_ID: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a GUID (the user-assigned managed identity\'s client id)').optional()),
  ARM_ENDPOINT: z.preprocess(blankToUndefined, z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional()),
  ARM_CA_FILE: optionalString,
  POLICY_FILE: optionalString,
  GALLERYOPS_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.data')),
  AZURE_TABLES_CONNECTION_STRING: optionalString,
  AZURE_TABLES_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https$/, error: 'must be an https:// URL (the storage account\'s table endpoint)' }).optional()),
  GALLERYOPS_TABLE_NAME: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/, 'must be 3–63 letters and digits, starting with a letter').default('galleryops')),
  AUDIT_APPEND_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(120_000).default(5000)),
  STORE_START_TIMEOUT_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(600).default(60)),
  EXECUTION_UNKNOWN_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(7 * 24 * 60).default(30)),
  GATE_RECHECK_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  WATCH_INTERVAL_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(10).max(3600).default(60)),
  WATCHER: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('on')),
  REPLICATION_STUCK_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(7 * 24 * 60).default(60)),
  EOL_ALERT_DAYS: z.preprocess(blankToUndefined, z.string().regex(/^\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*$/, 'must be whole days separated by commas, e.g. 30,7,1').default('30,7,1')),
  REMINDER_HOURS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(24 * 30).default(4)),
  // The shared secret Event Grid sends in the webhook URL (?code=…) or a header; it turns POST /api/events on.
  EVENT_GRID_SECRET: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').regex(/^[A-Za-z0-9._~-]+$/, 'may hold only letters, digits and . _ ~ - (it goes into the webhook URL unencoded)').optional()),
  // Entra ID on /api/events: the app (id or app id URI) Event Grid gets its token for, and the app's tenant.
  EVENT_GRID_AUDIENCE: optionalString,
  EVENT_GRID_TENANT_ID: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a GUID (the tenant of the app named in EVENT_GRID_AUDIENCE)').optional()),
  // Tests point it at a local OpenID document; https unless on this machine.
  EVENT_GRID_OPENID_METADATA_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).refine((u) => u.startsWith('https:') || isLoopbackUrl(u), 'must be https:// (http only on this machine)').optional()),
  EVENT_GRID_CALLER_APP_IDS: z.preprocess(blankToUndefined, z.string().regex(/^\s*[0-9a-f-]{36}\s*(,\s*[0-9a-f-]{36}\s*)*$/i, 'must be app ids (GUIDs) separated by commas').default(EVENT_GRID_APP_ID)),
  WATCHER_LEASE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3600).default(60)),
  // A burst of regions completing is one card, updated in place for this long; 0: only regions seen in the same check share one.
  EVENT_GROUP_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(24 * 60).default(5)),
  EVIDENCE_REUSE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(86400).default(300)),
  EVIDENCE_RETENTION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(36500).default(365)),
  GALLERYOPS_DEMO_REQUEST: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('on')),
  GALLERYOPS_PUBLIC_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL (where browsers reach the bot)' }).optional()),
  EVIDENCE_SIGNING_KEY: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)').optional()),
  EVIDENCE_SIGNING_KEYS: optionalString,
  EVIDENCE_LINK_TTL_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(7 * 24 * 60).default(60)),
  DESIRED_STATE_FILE: optionalString,
  REPORT_EOL_SOON_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(365).default(30)),
  REPORT_STALE_LATEST_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  REPORT_REPLICATION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(3650).default(30)),
  // ARM refills an identity's read bucket at 25/s, shared with every other command: the report stays below it.
  ARM_READS_PER_SECOND: z.preprocess(blankToUndefined, z.coerce.number().min(0.1).max(250).default(20)),
  NAME_INDEX_TTL_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(5).max(86400).default(300)),
  // Versions change more often than names (publishing, replication, latest); a list older than 10 × this is re-read before use.
  // A listed version takes about 1.6 KB of heap: 20,000 is about 32 MB.
  VERSION_INDEX_TTL_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(5).max(3600).default(60)),
  VERSION_INDEX_MAX_VERSIONS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(10_000_000).default(20_000)),
  // Teams expects the HTTP answer within seconds (about 15 s at most); past 10 s a retry could already be on its way.
  PROGRESS_AFTER_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(100).max(10_000).default(1500)),
  GALLERYOPS_PLAYGROUND: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('on')),
  GALLERYOPS_PLAYGROUND_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(56150)),
  GALLERYOPS_PLAYGROUND_CONFIG: z.preprocess(blankToUndefined, z.string().default('config/playground.yml')),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  // OpenTelemetry's own name for it; Application Insights shows it as the cloud role (one per deployment, e.g. galleryops-staging).
  OTEL_SERVICE_NAME: z.preprocess(blankToUndefined, z.string().trim().max(256, 'must be at most 256 characters').default('galleryops')),
});

/** Every setting `loadConfig` reads (the deployment's app settings are checked against it). */
export const SETTING_NAMES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

/** Loads `.env` next to package.json into process.env when it exists; variables already set win. */
export function loadDotEnv(file: string = projectPath('.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Reads and validates settings; throws one ConfigError naming every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;

  const scopes = e.GALLERY_SCOPES ? parseScopes(e.GALLERY_SCOPES, problems) : [];
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${e.MicrosoftAppType}`);
  }
  if (e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId (or use MicrosoftAppType=UserAssignedMSI)');
  }
  if (!e.GALLERY_SCOPES && (e.ARM_ENDPOINT || e.ARM_CA_FILE)) {
    problems.push('ARM_ENDPOINT / ARM_CA_FILE: only used with GALLERY_SCOPES (Azure mode); unset them or set GALLERY_SCOPES');
  }
  if (e.ARM_CA_FILE) checkReadable('ARM_CA_FILE', e.ARM_CA_FILE, problems);
  // The embedded demo ships its policy (and so its promotion path); in Azure mode it is the operator's file,
  // and without one every change is refused while the read-only commands work.
  const policyFile = e.POLICY_FILE ?? (e.GALLERY_SCOPES ? undefined : projectPath('config', 'policy.demo.json'));
  const policy = policyFile ? readPolicy(policyFile, problems) : EMPTY_POLICY;
  if (e.AZURE_TABLES_CONNECTION_STRING && e.AZURE_TABLES_URL) {
    problems.push('AZURE_TABLES_CONNECTION_STRING / AZURE_TABLES_URL: set one of them, not both');
  }
  const appendTimeoutMs = e.AUDIT_APPEND_TIMEOUT_MS;
  const startTimeoutMs = e.STORE_START_TIMEOUT_SECONDS * 1000;
  const managedIdentity = e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {};
  const store: StoreSettings = e.AZURE_TABLES_CONNECTION_STRING
    ? { kind: 'table', tableName: e.GALLERYOPS_TABLE_NAME, connectionString: e.AZURE_TABLES_CONNECTION_STRING, appendTimeoutMs, startTimeoutMs }
    : e.AZURE_TABLES_URL
      ? { kind: 'table', tableName: e.GALLERYOPS_TABLE_NAME, url: e.AZURE_TABLES_URL, ...managedIdentity, appendTimeoutMs, startTimeoutMs }
      : e.GALLERY_SCOPES
        ? { kind: 'embedded', dir: resolve(e.GALLERYOPS_DATA_DIR) }
        : { kind: 'embedded', dir: resolve(e.GALLERYOPS_DATA_DIR, 'demo'), demo: true };

  const host = e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
  // Several instances must verify each other's links, and a deployed bot must not invent a key per restart.
  const signingKeys = e.EVIDENCE_SIGNING_KEYS ? parseSigningKeys(e.EVIDENCE_SIGNING_KEYS, problems) : e.EVIDENCE_SIGNING_KEY ? [e.EVIDENCE_SIGNING_KEY] : [];
  if (e.EVIDENCE_SIGNING_KEY && e.EVIDENCE_SIGNING_KEYS) problems.push('EVIDENCE_SIGNING_KEY / EVIDENCE_SIGNING_KEYS: set one of them, not both (EVIDENCE_SIGNING_KEYS=<new>,<old> rotates)');
  if (e.MicrosoftAppId && !e.EVIDENCE_SIGNING_KEY && !e.EVIDENCE_SIGNING_KEYS) {
    problems.push('EVIDENCE_SIGNING_KEY: required with MicrosoftAppId (evidence download links are signed with it; e.g. openssl rand -base64 48, kept in a secret store)');
  }
  if (e.MicrosoftAppId && e.GALLERYOPS_PUBLIC_URL && !e.GALLERYOPS_PUBLIC_URL.startsWith('https://')) {
    problems.push('GALLERYOPS_PUBLIC_URL: must be https:// when the bot is deployed (MicrosoftAppId is set)');
  }
  const desiredStateFile = e.DESIRED_STATE_FILE ?? (e.GALLERY_SCOPES ? undefined : projectPath('config', 'desired-state.demo.json'));
  if (desiredStateFile) checkDesiredState(desiredStateFile, problems);
  // The opt-in exists for a bot behind something that authenticates for it (a private network, a proxy);
  // it has to be spelled out because anyone who reaches the port can then run every command.
  if (!e.MicrosoftAppId && !isLoopbackHost(host) && e.ALLOW_UNAUTHENTICATED_PUBLIC_BIND !== 'true') {
    problems.push(
      `HOST: ${host} is not a loopback address; without MicrosoftAppId the bot accepts unauthenticated requests, so it only listens on 127.0.0.1 / ::1 / localhost (set MicrosoftAppId, or ALLOW_UNAUTHENTICATED_PUBLIC_BIND=true if something else authenticates callers)`,
    );
  }
  const eolAlertDays = parseEolAlertDays(e.EOL_ALERT_DAYS, problems);
  const eventGrid = eventGridSettings(e, problems);
  // Hook secrets are settings named in the policy (HOOK_SECRET_<NAME>), so they are read here by name.
  const hooks = resolveHooks(policy.hooks ?? [], (name) => env[name], problems);
  if (e.APPLICATIONINSIGHTS_CONNECTION_STRING) checkTelemetryConnectionString(e.APPLICATIONINSIGHTS_CONNECTION_STRING, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const localKey = randomBytes(32).toString('base64');
  const gallery: GallerySettings = e.GALLERY_SCOPES
    ? { mode: 'azure', scopes, armEndpoint: e.ARM_ENDPOINT, armCaFile: e.ARM_CA_FILE, ...managedIdentity }
    : { mode: 'embedded' };
  return deepFreeze({
    port: e.PORT,
    host,
    logLevel: e.LOG_LEVEL,
    bot: { appId: e.MicrosoftAppId ?? '', appType: e.MicrosoftAppType, tenantId: e.MicrosoftAppTenantId, appPassword: e.MicrosoftAppPassword },
    gallery,
    stages: policy.stages,
    policy,
    ...(policyFile ? { policyFile } : {}),
    store,
    engine: { auditAppendTimeoutMs: e.AUDIT_APPEND_TIMEOUT_MS, executionUnknownMinutes: e.EXECUTION_UNKNOWN_MINUTES, evidenceRetentionDays: e.EVIDENCE_RETENTION_DAYS, evidenceReuseSeconds: e.EVIDENCE_REUSE_SECONDS, gateRecheckSeconds: e.GATE_RECHECK_SECONDS },
    demoRequest: !e.GALLERY_SCOPES && e.GALLERYOPS_DEMO_REQUEST === 'on',
    evidence: {
      publicBaseUrl: (e.GALLERYOPS_PUBLIC_URL ?? `http://${isLoopbackHost(host) ? '127.0.0.1' : host}:${e.PORT}`).replace(/\/+$/, ''),
      signingKey: signingKeys[0] ?? localKey,
      verifyKeys: signingKeys.length > 0 ? signingKeys : [localKey],
      linkTtlMinutes: e.EVIDENCE_LINK_TTL_MINUTES,
    },
    report: { eolSoonDays: e.REPORT_EOL_SOON_DAYS, staleLatestDays: e.REPORT_STALE_LATEST_DAYS, replicationDays: e.REPORT_REPLICATION_DAYS, armReadsPerSecond: e.ARM_READS_PER_SECOND },
    ...(desiredStateFile ? { desiredStateFile } : {}),
    nameIndexTtlSeconds: e.NAME_INDEX_TTL_SECONDS,
    versionIndex: { ttlSeconds: e.VERSION_INDEX_TTL_SECONDS, maxVersions: e.VERSION_INDEX_MAX_VERSIONS },
    progressAfterMs: e.PROGRESS_AFTER_MS,
    watchIntervalSeconds: e.WATCH_INTERVAL_SECONDS,
    watcher: e.WATCHER === 'on',
    alerts: {
      replicationStuckMinutes: e.REPLICATION_STUCK_MINUTES,
      eolAlertDays,
      reminderHours: e.REMINDER_HOURS,
      watcherLeaseSeconds: e.WATCHER_LEASE_SECONDS,
      eventGroupMinutes: e.EVENT_GROUP_MINUTES,
    },
    ...eventGrid,
    hooks,
    playground: { enabled: e.GALLERYOPS_PLAYGROUND === 'on', port: e.GALLERYOPS_PLAYGROUND_PORT, configFile: e.GALLERYOPS_PLAYGROUND_CONFIG },
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING, serviceName: e.OTEL_SERVICE_NAME } } : {}),
  });
}

/**
 * An Application Insights connection string, as the portal shows it: `InstrumentationKey=<guid>;IngestionEndpoint=https://…`.
 * Both are required: ingestion by instrumentation key alone ended in 2025. Problems name the part, never the value.
 */
function checkTelemetryConnectionString(raw: string, problems: string[]): void {
  const parts = new Map(raw.split(';').map((part) => part.split('=')).filter((kv) => kv.length >= 2).map(([key, ...value]) => [key!.trim().toLowerCase(), value.join('=').trim()]));
  const name = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
  if (!GUID.test(parts.get('instrumentationkey') ?? '')) problems.push(`${name}: needs InstrumentationKey=<guid> (copy the whole connection string from the Application Insights resource's overview)`);
  // The exporter turns http:// into https:// itself: a plain-http endpoint could never receive anything.
  if (URL.parse(parts.get('ingestionendpoint') ?? '')?.protocol !== 'https:') problems.push(`${name}: needs IngestionEndpoint=https://<region>.in.applicationinsights.azure.com/`);
}

/** EVENT_GRID_SECRET and/or EVENT_GRID_AUDIENCE (which needs EVENT_GRID_TENANT_ID); neither: the endpoint is off. */
function eventGridSettings(e: { EVENT_GRID_SECRET?: string | undefined; EVENT_GRID_AUDIENCE?: string | undefined; EVENT_GRID_TENANT_ID?: string | undefined; EVENT_GRID_OPENID_METADATA_URL?: string | undefined; EVENT_GRID_CALLER_APP_IDS: string }, problems: string[]): { eventGrid?: EventGridSettings } {
  const secret = e.EVENT_GRID_SECRET ? { secret: e.EVENT_GRID_SECRET } : {};
  if (e.EVENT_GRID_AUDIENCE === undefined) {
    // Set alone they would look like Entra ID protection while every token is refused (or the endpoint is off).
    for (const name of ['EVENT_GRID_TENANT_ID', 'EVENT_GRID_OPENID_METADATA_URL'] as const) {
      if (e[name] !== undefined) problems.push(`${name}: only used with EVENT_GRID_AUDIENCE (the app Event Grid gets its tokens for); set both, or unset it`);
    }
    return e.EVENT_GRID_SECRET ? { eventGrid: secret } : {};
  }
  const tenant = e.EVENT_GRID_TENANT_ID;
  if (tenant === undefined) {
    problems.push('EVENT_GRID_TENANT_ID: must be set with EVENT_GRID_AUDIENCE (the tenant whose Entra ID issues the tokens)');
    return {};
  }
  const audiences = e.EVENT_GRID_AUDIENCE.split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (audiences.length === 0) problems.push('EVENT_GRID_AUDIENCE: names no app (its application id or app id URI, e.g. api://galleryops-events)');
  // Event Grid gets a v1 token unless the app asks for v2 (accessTokenAcceptedVersion): both issuers are the tenant's.
  const issuers = [`https://sts.windows.net/${tenant}/`, `https://login.microsoftonline.com/${tenant}/v2.0`];
  const metadataUrl = e.EVENT_GRID_OPENID_METADATA_URL ?? `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`;
  const callerAppIds = e.EVENT_GRID_CALLER_APP_IDS.split(',').map((id) => id.trim());
  return { eventGrid: { ...secret, entra: { audiences, issuers, metadataUrl, callerAppIds } } };
}

/** `30,7,1` → [30, 7, 1]: distinct days from 1 to 365, largest first. */
function parseEolAlertDays(raw: string, problems: string[]): number[] {
  const days = [...new Set(raw.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a);
  if (days.some((d) => d < 1 || d > 365)) problems.push(`EOL_ALERT_DAYS: ${raw} must name days from 1 to 365, e.g. 30,7,1`);
  return days;
}

/** `<new>,<old>`: the first signs new links, every one verifies (a rotation keeps links already handed out). */
function parseSigningKeys(raw: string, problems: string[]): string[] {
  const keys = raw.split(',').map((k) => k.trim());
  keys.forEach((key, i) => {
    // Which key is wrong, never the key itself: settings problems are printed.
    if (key.length < 32) problems.push(`EVIDENCE_SIGNING_KEYS: key ${i + 1} must be at least 32 characters (e.g. openssl rand -base64 48)`);
  });
  if (new Set(keys).size !== keys.length) problems.push('EVIDENCE_SIGNING_KEYS: lists a key twice');
  return keys;
}

function parseScopes(raw: string, problems: string[]): Scope[] {
  const scopes: Scope[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = SCOPE.exec(part);
    if (!m || !m[1] || !GUID.test(m[1])) {
      problems.push(`GALLERY_SCOPES: "${part}" is not /subscriptions/<guid> or /subscriptions/<guid>/resourceGroups/<name>`);
      continue;
    }
    scopes.push({ subscriptionId: m[1].toLowerCase(), resourceGroup: m[2] });
  }
  if (scopes.length === 0 && problems.length === 0) problems.push('GALLERY_SCOPES: lists no scope');
  return scopes;
}

const EMPTY_POLICY: Policy = { stages: [], rules: [] };

function readPolicy(file: string, problems: string[]): Policy {
  try {
    return readPolicyFile(file);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    for (const p of err.problems) problems.push(`POLICY_FILE ${file}: ${p}`);
    return EMPTY_POLICY;
  }
}

/**
 * A broken desired-state file fails the start like a broken policy. Only checked here: `drift` and `report`
 * read the file again when they run, so an edited file counts without a restart.
 */
function checkDesiredState(file: string, problems: string[]): void {
  try {
    readDesiredStateFile(file);
  } catch (err) {
    if (!(err instanceof DesiredStateError)) throw err;
    for (const p of err.problems) problems.push(`DESIRED_STATE_FILE ${file}: ${p}`);
  }
}

function checkReadable(name: string, file: string, problems: string[]): void {
  try {
    readFileSync(file);
  } catch {
    problems.push(`${name}: cannot read ${file}`);
  }
}

