import type { ConfigurationBotFrameworkAuthenticationOptions, ConfigurationServiceClientCredentialFactory, TurnContext } from 'botbuilder';
import type { BotIdentity } from '../config';
import type { Logger } from '../logging/logger';
import { AuthenticatingAdapter } from './authenticating-adapter';
import { ReusingConnectorAuthentication } from './reusing-connector-authentication';

/** The adapter's test seams, named here so that code outside src/teams/ never imports botbuilder. */
export interface AdapterSeams {
  /** Local OpenID metadata and token issuers instead of the Bot Framework's. */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Outbound credentials that do not call Entra ID. */
  credentialsFactory?: ConfigurationServiceClientCredentialFactory;
}

/**
 * The Bot Framework adapter. With an empty app id botbuilder accepts every request (local use only: config
 * then binds to loopback unless told otherwise); with one, every request must carry a valid channel JWT.
 *
 * `overrides` and `credentialsFactory` are test seams (local OpenID metadata; outbound credentials that do not
 * call Entra ID). Production passes neither: botbuilder then builds its own factory from the same identity.
 * Outbound connector clients are kept per serviceUrl rather than built per turn (ReusingConnectorAuthentication).
 */
export function createAdapter(
  identity: BotIdentity,
  logger: Logger,
  overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {},
  credentialsFactory?: ConfigurationServiceClientCredentialFactory,
): AuthenticatingAdapter {
  const auth = new ReusingConnectorAuthentication(
    {
      MicrosoftAppId: identity.appId,
      MicrosoftAppType: identity.appType,
      MicrosoftAppTenantId: identity.tenantId,
      MicrosoftAppPassword: identity.appPassword,
      ...overrides,
    } as ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory,
  );
  const adapter = new AuthenticatingAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when the bot's own error handling failed (e.g. the connector refused the reply).
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
  };
  return adapter;
}
