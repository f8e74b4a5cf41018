import type { ArmResponseRecord, ArmResponseRecorder } from './arm-response-recorder';
import type { EvidenceArmResponse, EvidenceVerbatim } from './evidence-bundle';

/** A read's result, when it returned, and ARM's answers to it. */
export interface VerbatimRead<T> {
  value: T;
  readAt: Date;
  verbatim: EvidenceVerbatim;
}

/** Said in the bundle (and on the card) when the gallery port keeps no raw answers. */
export const NOT_CAPTURED = "ARM's raw answers are not kept by this deployment's gallery port (it is not the ARM adapter)";
/** Said when the port answered without asking ARM: there is no answer to keep, and none is invented. */
export const NO_ARM_REQUEST = 'the read was answered without an ARM request, so there is no ARM answer to keep';

/**
 * Runs each of evidence's reads inside a capture scope, so the bundle holds exactly the answers to the GETs the
 * bot made for it (no second request, which could differ). Without a recorder the read runs as is.
 */
export function verbatimReader(recorder: ArmResponseRecorder | undefined, now: () => Date): <T>(read: () => Promise<T>) => Promise<VerbatimRead<T>> {
  return async <T>(read: () => Promise<T>): Promise<VerbatimRead<T>> => {
    if (recorder === undefined) {
      const value = await read();
      return { value, readAt: now(), verbatim: { unavailable: NOT_CAPTURED } };
    }
    const { result, responses } = await recorder.capture(read, now);
    return { value: result, readAt: now(), verbatim: responses.length ? { responses: responses.map(toJson) } : { unavailable: NO_ARM_REQUEST } };
  };
}

function toJson(r: ArmResponseRecord): EvidenceArmResponse {
  return { method: r.method, url: r.url, apiVersion: r.apiVersion, status: r.status, requestId: r.requestId, readAt: r.readAt.toISOString(), contentType: r.contentType, body: r.body };
}
