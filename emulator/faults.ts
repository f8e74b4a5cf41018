/**
 * Fault injection, configured as data (start options, EMULATOR_FAULTS, POST /_emulator/faults). Every rule is
 * deterministic — counts and fractions are computed from how many requests matched, never from randomness — so
 * a test that asks for "the next 2 reads are throttled" gets exactly that.
 */
import { z } from 'zod';

const rule = {
  /** Regular expression (case-insensitive) tested against "METHOD /path?query"; absent = every ARM request. */
  match: z.string().optional(),
  /** Fault only the first `count` matching requests after the config was set. */
  count: z.number().int().nonnegative().optional(),
  /** Fault this share of matching requests, spread evenly (0.5 = every second one). Ignored when `count` is set. */
  fraction: z.number().min(0).max(1).optional(),
};

export const faultConfigSchema = z
  .object({
    /** Added to every ARM request before it is answered. */
    latencyMs: z.number().int().nonnegative().optional(),
    /** Answer 429 with Retry-After and x-ms-ratelimit-remaining-resource. */
    throttle: z.object({ ...rule, retryAfterSeconds: z.number().int().nonnegative().optional() }).strict().optional(),
    /** Answer a 5xx ARM error (default 500 InternalServerError). */
    serverError: z
      .object({ ...rule, status: z.number().int().min(500).max(599).optional(), code: z.string().optional(), message: z.string().optional() })
      .strict()
      .optional(),
    /** Answer 200 with a body that is not what ARM would send (default: truncated JSON). */
    malformed: z.object({ ...rule, body: z.string().optional() }).strict().optional(),
    /** Let matching writes (PUT/PATCH/DELETE) start, then end their long-running operation as Failed. */
    failOperations: z.object({ ...rule, code: z.string().optional(), message: z.string().optional() }).strict().optional(),
    /**
     * Resource Graph has not indexed resources whose ARM id matches (case-insensitive regex) yet: ARM serves them,
     * queries do not show them, as in Azure where the index lags writes by seconds to minutes.
     */
    graphLag: z.object({ match: z.string() }).strict().optional(),
  })
  .strict();

/** Fault configuration; every part is optional and independent. */
export type FaultConfig = z.infer<typeof faultConfigSchema>;
type Rule = { match?: string | undefined; count?: number | undefined; fraction?: number | undefined };
type RuleName = 'throttle' | 'serverError' | 'malformed' | 'failOperations';

/** Parses untrusted JSON (env var, admin endpoint) into a FaultConfig, with a readable error. */
export function parseFaultConfig(value: unknown): FaultConfig {
  const result = faultConfigSchema.safeParse(value);
  if (!result.success) {
    throw new Error(`Invalid fault configuration: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  for (const name of ['throttle', 'serverError', 'malformed', 'failOperations', 'graphLag'] as const) {
    const match = result.data[name]?.match;
    if (match !== undefined) new RegExp(match, 'i'); // fail now, not on the first request
  }
  return result.data;
}

/** Decides, request by request, which fault applies; state resets whenever the config is replaced. */
export class FaultInjector {
  private config: FaultConfig = {};
  /** Compiled once per config: Resource Graph tests every resource against it on every query. */
  private graphLag: RegExp | undefined;
  private readonly seen = new Map<RuleName, { matched: number; fired: number }>();

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = parseFaultConfig(config);
    this.graphLag = this.config.graphLag === undefined ? undefined : new RegExp(this.config.graphLag.match, 'i');
    this.seen.clear();
  }

  current(): FaultConfig {
    return this.config;
  }

  latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  throttle(requestLine: string): FaultConfig['throttle'] {
    return this.fires('throttle', requestLine) ? this.config.throttle : undefined;
  }

  serverError(requestLine: string): FaultConfig['serverError'] {
    return this.fires('serverError', requestLine) ? this.config.serverError : undefined;
  }

  malformed(requestLine: string): FaultConfig['malformed'] {
    return this.fires('malformed', requestLine) ? this.config.malformed : undefined;
  }

  failOperation(requestLine: string): FaultConfig['failOperations'] {
    return this.fires('failOperations', requestLine) ? this.config.failOperations : undefined;
  }

  /** Whether Resource Graph leaves this resource out of its answers for now (see `graphLag`). */
  notIndexedYet(resourceId: string): boolean {
    return this.graphLag?.test(resourceId) ?? false;
  }

  private fires(name: RuleName, requestLine: string): boolean {
    const config: Rule | undefined = this.config[name];
    if (config === undefined) return false;
    if (config.match !== undefined && !new RegExp(config.match, 'i').test(requestLine)) return false;
    const state = this.seen.get(name) ?? { matched: 0, fired: 0 };
    this.seen.set(name, state);
    state.matched += 1;
    let fire: boolean;
    if (config.count !== undefined) fire = state.fired < config.count;
    else if (config.fraction !== undefined) fire = Math.floor(state.matched * config.fraction) > Math.floor((state.matched - 1) * config.fraction);
    else fire = true;
    if (fire) state.fired += 1;
    return fire;
  }
}
