import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';

type Credentials = Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;

/** The bearer token the stub puts on the bot's outbound calls to the connector. */
export const OUTBOUND_TOKEN = 'outbound-test-token';

/**
 * Outbound credentials without Entra ID: MSAL would call login.microsoftonline.com for the reply's token.
 * Inherits the app id checks (`isValidAppId`, `isAuthenticationDisabled`), so inbound validation is the real one.
 * `failNext` makes the next `createCredentials` throw, a genuine (non-authentication) failure.
 */
export class StubCredentialsFactory extends ConfigurationServiceClientCredentialFactory {
  created = 0;
  failNext = false;

  override async createCredentials(): Promise<Credentials> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credential store unavailable');
    }
    this.created += 1;
    return {
      async signRequest(webResource) {
        webResource.headers.set('Authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return webResource;
      },
    };
  }
}
