import type { PolicyHook } from './hook-schema';

/** An outgoing hook ready to send: the policy's entry with its secret read from the setting it names. Never logged. */
export type HookTarget =
  | { name: string; type: 'webhook'; url: string; scope: string; events: readonly PolicyHookEvent[]; secret: string }
  | { name: string; type: 'pagerduty'; url: string; scope: string; events: readonly ['replication']; routingKey: string };

type PolicyHookEvent = Extract<PolicyHook, { type: 'webhook' }>['events'][number];

// PagerDuty shows an integration's key as 32 characters of letters and digits.
const ROUTING_KEY = /^[A-Za-z0-9]{32}$/;

/**
 * Reads each hook's secret from the setting it names (`setting(name)` is config.ts's view of the environment).
 * Problems name the hook and the setting, never a value: they are printed at start.
 */
export function resolveHooks(hooks: readonly PolicyHook[], setting: (name: string) => string | undefined, problems: string[]): HookTarget[] {
  const targets: HookTarget[] = [];
  hooks.forEach((hook, i) => {
    const at = `POLICY_FILE hooks.${i} (${hook.name})`;
    if (hook.type === 'webhook') {
      const secret = setting(hook.secretSetting)?.trim() ?? '';
      if (secret.length < 32) problems.push(`${hook.secretSetting}: ${secret === '' ? 'must be set' : 'must be at least 32 characters'} for ${at} (the key that signs its requests, e.g. openssl rand -hex 32)`);
      else targets.push({ name: hook.name, type: 'webhook', url: hook.url, scope: hook.scope, events: hook.events, secret });
      return;
    }
    const routingKey = setting(hook.routingKeySetting)?.trim() ?? '';
    if (!ROUTING_KEY.test(routingKey)) problems.push(`${hook.routingKeySetting}: ${routingKey === '' ? 'must be set' : 'must be 32 letters and digits'} for ${at} (the Integration Key of a PagerDuty Events API v2 integration)`);
    else targets.push({ name: hook.name, type: 'pagerduty', url: hook.url, scope: hook.scope, events: ['replication'], routingKey });
  });
  return targets;
}
