import { context, metrics, SpanKind, SpanStatusCode, trace, ValueType, type Attributes, type Span } from '@opentelemetry/api';
import type { CommandObserver, Gauges, Telemetry } from './telemetry';
import { METRIC, SPAN_ATTRIBUTE } from './telemetry-names';

/**
 * The {@link Telemetry} port on the OpenTelemetry API: spans through the global tracer, metrics through the
 * global meter, both registered by Azure Monitor (src/telemetry/start-telemetry.ts). Loaded only when telemetry is on.
 */
export function createOtelTelemetry(): Telemetry {
  const tracer = trace.getTracer('galleryops');
  const meter = metrics.getMeter('galleryops');
  const commands = meter.createCounter(METRIC.commands, { description: 'Chat commands by name and outcome' });
  const armCalls = meter.createCounter(METRIC.armCalls, { description: 'HTTP requests to ARM (each retry and long-running-operation poll)' });
  const armThrottles = meter.createCounter(METRIC.armThrottles, { description: 'ARM answers 429 Too Many Requests' });
  const approvalLatency = meter.createHistogram(METRIC.approvalLatency, { description: 'From a change request\'s creation to an accepted decision on it', unit: 's' });
  const watcherLag = meter.createObservableGauge(METRIC.watcherLag, { description: 'Seconds since the leading watcher last finished a cycle', unit: 's' });
  const sendQueue = meter.createObservableGauge(METRIC.sendQueue, { description: 'Activities waiting in the outbound pacing queues', valueType: ValueType.INT });
  const executions = meter.createObservableGauge(METRIC.executionsRunning, { description: 'Approved changes this instance is carrying out', valueType: ValueType.INT });

  /**
   * Runs `work` in a span. A span with no parent is what Application Insights lists as a request (a turn, a
   * button's decision, a background execution); inside one it is a step of it (a dependency row).
   */
  async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
    const kind = trace.getSpan(context.active()) ? SpanKind.INTERNAL : SpanKind.SERVER;
    return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
      try {
        return await work(span);
      } catch (err) {
        // The exception's type only: its message can quote what a user typed.
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  return {
    async command(source, run) {
      let name = 'unknown';
      let outcome = 'ok';
      let errorKind: string | undefined;
      const observer: CommandObserver = { named: (command) => (name = command), refused: (kind) => ((outcome = 'refused'), (errorKind = kind)) };
      try {
        return await inSpan('command', { [SPAN_ATTRIBUTE.source]: source }, async (span) => {
          try {
            return await run(observer);
          } catch (err) {
            outcome = 'failed';
            throw err;
          } finally {
            span.updateName(`command ${name}`);
            span.setAttributes({ [SPAN_ATTRIBUTE.command]: name, [SPAN_ATTRIBUTE.outcome]: outcome, ...(errorKind ? { [SPAN_ATTRIBUTE.errorKind]: errorKind } : {}) });
          }
        });
      } finally {
        commands.add(1, { command: name, outcome });
      }
    },

    decision(decision, requestId, run, outcomeOf) {
      return inSpan(`approval ${decision}`, { [SPAN_ATTRIBUTE.requestId]: requestId, [SPAN_ATTRIBUTE.decision]: decision }, async (span) => {
        const result = await run();
        const { outcome, latencyMs } = outcomeOf(result);
        span.setAttribute(SPAN_ATTRIBUTE.outcome, outcome);
        if (latencyMs !== undefined) approvalLatency.record(latencyMs / 1000, { decision });
        return result;
      });
    },

    execution(requestId, change, run, outcomeOf) {
      return inSpan(`execution ${change}`, { [SPAN_ATTRIBUTE.requestId]: requestId, [SPAN_ATTRIBUTE.change]: change }, async (span) => {
        const result = await run();
        const outcome = outcomeOf(result);
        span.setAttribute(SPAN_ATTRIBUTE.outcome, outcome);
        if (outcome !== 'succeeded') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        return result;
      });
    },

    armCall(call) {
      const status = call.status === undefined ? 'none' : `${Math.floor(call.status / 100)}xx`;
      armCalls.add(1, { method: call.method, status });
      if (call.status === 429) armThrottles.add(1, { method: call.method });
    },

    observe(gauges: Gauges) {
      sendQueue.addCallback((result) => result.observe(gauges.sendQueue()));
      executions.addCallback((result) => result.observe(gauges.executionsRunning()));
      watcherLag.addCallback((result) => {
        const lag = gauges.watcherLagSeconds();
        if (lag !== undefined) result.observe(lag);
      });
    },
  };
}
