import { ComputeManagementClient } from '@azure/arm-compute';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { ArmCallObserver } from './observer-policy';
import type { ResponseCapture } from './response-capture';
import { sdkClientOptions } from './sdk-client-options';

/** How to reach ARM: shared by every adapter built on `ComputeManagementClient`. */
export interface ComputeClientOptions {
  credential: TokenCredential;
  /** ARM endpoint; default https://management.azure.com (the emulator's URL in embedded mode). */
  endpoint?: string;
  /** PEM certificate to trust for `endpoint` (the emulator's self-signed one). */
  ca?: string;
  /** Told about every HTTP request the SDK sends, retries and LRO polls included. */
  observer?: ArmCallObserver;
  /** Keeps GET answers verbatim inside its capture scopes (evidence bundles). */
  capture?: ResponseCapture;
  /** SDK retry settings; the defaults (3 retries honouring Retry-After) suit Azure, tests lower them. */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/**
 * One client per subscription, made on first use: the generated client binds its subscription at
 * construction, and subscription ids are case-insensitive. `policies`: the adapter's own, after the options'.
 */
export function computeClients(options: ComputeClientOptions, policies: readonly PipelinePolicy[] = []): (subscriptionId: string) => ComputeManagementClient {
  const clients = new Map<string, ComputeManagementClient>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    let found = clients.get(key);
    if (found === undefined) {
      const sdk = sdkClientOptions(options);
      found = new ComputeManagementClient(options.credential, subscriptionId, {
        ...sdk,
        additionalPolicies: [...(sdk.additionalPolicies ?? []), ...policies.map((policy) => ({ policy, position: 'perRetry' as const }))],
      });
      clients.set(key, found);
    }
    return found;
  };
}
