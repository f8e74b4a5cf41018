import type { EventGridSettings } from '../config';
import type { EventGridEndpointDeps } from './event-grid-endpoint';
import { OpenIdSigningKeys } from './openid-signing-keys';

/** The endpoint's authentication from the settings: the shared secret, Entra ID (with one key cache per process), or both. */
export function eventGridAuth(settings: EventGridSettings, now: () => Date): Pick<EventGridEndpointDeps, 'secret' | 'entra'> {
  const entra = settings.entra;
  return {
    ...(settings.secret === undefined ? {} : { secret: settings.secret }),
    ...(entra
      ? {
          entra: {
            rules: { audiences: entra.audiences, issuers: entra.issuers, callerAppIds: entra.callerAppIds },
            keys: new OpenIdSigningKeys({ metadataUrl: entra.metadataUrl, now: () => now().getTime() }),
            now,
          },
        }
      : {}),
  };
}
