import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry secrets anywhere in what we log. pino replaces them with "[redacted]", so a careless
 * `log.info({ req })` or a logged config cannot leak the app password or a bearer token.
 */
const REDACT = [
  'appPassword',
  '*.appPassword',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'token',
  '*.token',
  'signingKey',
  '*.signingKey',
  'EVIDENCE_SIGNING_KEY',
  'EVIDENCE_SIGNING_KEYS',
  'verifyKeys',
  '*.verifyKeys',
  'connectionString',
  '*.connectionString',
  'AZURE_TABLES_CONNECTION_STRING',
  '*.AZURE_TABLES_CONNECTION_STRING',
  // The Application Insights connection string, in the config (`telemetry.connectionString`) or as a setting.
  'telemetry.connectionString',
  '*.telemetry.connectionString',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  '*.APPLICATIONINSIGHTS_CONNECTION_STRING',
  // Outgoing hooks' secrets, in the config (`hooks[n].secret`, `hooks[n].routingKey`) or a PagerDuty body.
  'hooks[*].secret',
  'hooks[*].routingKey',
  '*.hooks[*].secret',
  '*.hooks[*].routingKey',
  'secret',
  '*.secret',
  'routingKey',
  '*.routingKey',
  'routing_key',
  '*.routing_key',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /**
   * Fields added to every line, e.g. the active trace's ids (src/telemetry/trace-log-fields.ts). Only given when
   * telemetry runs, so a bot without it pays nothing per line.
   */
  mixin?: () => object;
}

/** The process logger; per-turn children add activity and conversation ids. */
export function createLogger(level: string, destination?: pino.DestinationStream, options: LoggerOptions = {}): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'galleryops' }, ...(options.mixin ? { mixin: options.mixin } : {}) }, destination);
}
