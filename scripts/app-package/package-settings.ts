import { z } from 'zod';

/** What `npm run package` needs to fill the manifest template; the keys are the template's `{{…}}` names. */
export interface PackageSettings {
  /** The Azure Bot resource's Microsoft App ID: `bots[0].botId`, and also the Teams app `id`. */
  botAppId: string;
  /** Where Teams reaches the bot (`https://<host>/api/messages`), lower-case, without scheme, path or port. */
  publicHostname: string;
  /** The Teams app version, MAJOR.MINOR.PATCH; Teams only offers an update when it grows. */
  appVersion: string;
}

/** Thrown by `readPackageSettings`: one message that lists every problem and how to fix it. */
export class PackageSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot package the Teams app; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageSettingsError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';
/** DNS labels of letters, digits and inner hyphens, at least two of them (Teams needs a public name). */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** The Teams schema's version pattern: three plain numbers, no leading zeros, no pre-release tag. */
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${what}` : 'must be text'),
});

function settingsSchema(packageVersion: string) {
  return z.object({
    MicrosoftAppId: z.preprocess(
      blankToUndefined,
      z
        .string(required("the Azure Bot resource's Microsoft App ID (a GUID)"))
        .trim()
        .regex(GUID, "must be a GUID (the Azure Bot resource's Microsoft App ID)")
        .refine((v) => v !== NIL_GUID, "must not be the all-zero placeholder GUID; use the Azure Bot resource's Microsoft App ID"),
    ),
    GALLERYOPS_PUBLIC_HOSTNAME: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
      z
        .string(required('the host name Teams reaches the bot at, e.g. galleryops.contoso.com'))
        .refine((v) => !v.includes('://'), 'give the host name only, without https://')
        .refine((v) => v.includes('://') || !/[/:?#]/.test(v), 'give the host name only, without a path or port')
        .refine((v) => /[/:?#]/.test(v) || HOSTNAME.test(v), 'must be a DNS host name such as galleryops.contoso.com'),
    ),
    // Defaults to package.json's version, so the Teams app and the bot release move together.
    GALLERYOPS_APP_VERSION: z.preprocess(
      (v) => blankToUndefined(v) ?? packageVersion,
      z.string().trim().regex(TEAMS_VERSION, `must be MAJOR.MINOR.PATCH such as 1.2.3 (defaults to package.json's version, now "${packageVersion}")`),
    ),
  });
}

/**
 * Reads and validates the packaging settings from `env`; throws one PackageSettingsError naming every
 * problem, so a first run shows everything to fix at once.
 */
export function readPackageSettings(env: Readonly<Record<string, string | undefined>>, packageVersion: string): PackageSettings {
  const parsed = settingsSchema(packageVersion).safeParse(env);
  if (!parsed.success) {
    throw new PackageSettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return Object.freeze({ botAppId: e.MicrosoftAppId, publicHostname: e.GALLERYOPS_PUBLIC_HOSTNAME, appVersion: e.GALLERYOPS_APP_VERSION });
}
