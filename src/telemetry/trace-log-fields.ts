import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The ids of the active trace and span, as each log line carries them; none outside a span. */
export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * A pino `mixin`: log lines written inside a span name its trace, so Application Insights' transaction view and
 * the container's log (Log Analytics) can be joined on trace_id = operation_Id. Installed only when telemetry runs.
 */
export function traceLogFields(): TraceLogFields {
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
