import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { BotIdentity } from '../config';
import type { Logger } from '../logging/logger';

/**
 * The Bot Framework adapter. With an empty app id botbuilder accepts every request (local use only: config
 * then binds to loopback); with one, it validates the channel's JWT on every request.
 */
export function createAdapter(identity: BotIdentity, logger: Logger, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.tenantId,
    MicrosoftAppPassword: identity.appPassword,
    ...overrides,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when the bot's own error handling failed (e.g. the connector refused the reply).
    logger.error({ err: error, activityId: context.activity?.id }, 'unhandled turn error');
  };
  return adapter;
}
