import type { ComputeManagementClientOptionalParams } from '@azure/arm-compute';
import type { ComputeClientOptions } from './compute-clients';
import { observerPolicy } from './observer-policy';

/** What every generated ARM client here takes from our options (both SDKs share the core client's options). */
export type SdkClientOptions = Pick<ComputeManagementClientOptionalParams, 'endpoint' | 'tlsOptions' | 'retryOptions' | 'additionalPolicies'>;

/**
 * The endpoint, trusted certificate, retry settings, observer and response capture as SDK client options, built one way for the
 * compute and Resource Graph clients so that both reach the same ARM (Azure or the emulator) alike.
 */
export function sdkClientOptions(options: ComputeClientOptions): SdkClientOptions {
  return {
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.ca === undefined ? {} : { tlsOptions: { ca: options.ca } }),
    ...(options.retryOptions === undefined ? {} : { retryOptions: options.retryOptions }),
    additionalPolicies: [
      ...(options.observer === undefined ? [] : [{ policy: observerPolicy(options.observer), position: 'perRetry' as const }]),
      ...(options.capture === undefined ? [] : [{ policy: options.capture.policy, position: 'perRetry' as const }]),
    ],
  };
}
