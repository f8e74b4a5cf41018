/**
 * Log lines name the trace they were written in (pino mixin), so Application Insights and the container's log
 * can be joined; a logger without telemetry adds nothing. The span context is set through @opentelemetry/api
 * with a context manager on AsyncLocalStorage, as the SDK's own does (the SDK itself is not started here).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { createLogger } from '../../src/logging/logger';
import { traceLogFields } from '../../src/telemetry/trace-log-fields';

/** The smallest ContextManager that carries the active context across awaits. */
class StorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active = (): Context => this.storage.getStore() ?? ROOT_CONTEXT;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable = (): this => this;
  disable = (): this => this;
}

const SPAN = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

beforeAll(() => context.setGlobalContextManager(new StorageContextManager()));
afterAll(() => context.disable());

function lines(withTelemetry: boolean) {
  const out: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (out.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
  const logger = createLogger('info', sink, withTelemetry ? { mixin: traceLogFields } : {});
  return { out, logger };
}

const inSpan = <T>(fn: () => Promise<T>) => context.with(trace.setSpan(context.active(), trace.wrapSpanContext(SPAN)), fn);

test('a line written inside a span carries its trace and span ids, across an await', async () => {
  const { out, logger } = lines(true);
  await inSpan(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    logger.child({ activityId: 'a-1' }).info('turn');
  });
  expect(out[0]).toMatchObject({ msg: 'turn', activityId: 'a-1', trace_id: SPAN.traceId, span_id: SPAN.spanId });
});

test('outside a span, and without telemetry, a line has no trace fields', async () => {
  const on = lines(true);
  on.logger.info('start');
  const off = lines(false);
  await inSpan(async () => off.logger.info('turn'));
  for (const line of [...on.out, ...off.out]) {
    expect(line).not.toHaveProperty('trace_id');
    expect(line).not.toHaveProperty('span_id');
  }
});

test('the connection string is redacted wherever it is logged', () => {
  const { out, logger } = lines(true);
  const connectionString = 'InstrumentationKey=0f3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
  logger.info({ config: { telemetry: { connectionString } }, env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString } }, 'settings');
  expect(JSON.stringify(out)).not.toContain('0f3b2c1d');
});
