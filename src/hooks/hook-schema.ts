import { isLoopbackUrl } from '../loopback';
import { z } from 'zod';

/** The events a hook may carry: what the watcher detects for every scope it reads (eol and request reminders are per subscription). */
export const HOOK_EVENT_KINDS = ['published', 'replication', 'latest'] as const;

/** Where PagerDuty's Events API v2 takes events (a hook's `url` overrides it, e.g. for a local receiver in tests). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** Secrets live in settings of this prefix: a policy file must not be able to point a hook at the bot's own password. */
export const HOOK_SECRET_PREFIX = 'HOOK_SECRET_';

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits and -, starting with a letter or digit');

const settingName = z
  .string()
  .regex(new RegExp(`^${HOOK_SECRET_PREFIX}[A-Z0-9_]{1,60}$`), `must name a setting ${HOOK_SECRET_PREFIX}<NAME> (upper-case letters, digits, _): the secret itself lives in the settings, never in the policy file`);

// The target receives signed events about the galleries: plain http only to a receiver on this machine.
const url = z
  .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
  .refine((u) => u.startsWith('https:') || isLoopbackUrl(u), 'must be https:// (http only to 127.0.0.1, ::1 or localhost)');

// `all`, `<gallery>`, `<gallery>/<image>` or `<image>`: the words `subscribe` takes.
const scope = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,80}(\/[\w.-]{1,80})?$/, 'must be all, <gallery>, <gallery>/<image> or <image>')
  .default('all');

const webhook = z
  .object({
    name,
    type: z.literal('webhook'),
    url,
    secretSetting: settingName,
    scope,
    events: z.array(z.enum(HOOK_EVENT_KINDS)).min(1).default([...HOOK_EVENT_KINDS]),
  })
  .strict();

const pagerduty = z
  .object({
    name,
    type: z.literal('pagerduty'),
    url: url.default(PAGERDUTY_EVENTS_URL),
    routingKeySetting: settingName,
    scope,
  })
  .strict();

/** One outgoing hook in the policy file's `hooks` (see README "Outgoing hooks"). */
export const hookSchema = z.discriminatedUnion('type', [webhook, pagerduty]);

/** A hook entry as validated, defaults applied; its secret is still a setting's name. */
export type PolicyHook = z.infer<typeof hookSchema>;

