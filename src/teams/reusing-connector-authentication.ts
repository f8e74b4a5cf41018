import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Claims = AuthResult['claimsIdentity'];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** More distinct connectors than Teams has service URLs; the bound only matters when anyone may post (no app id). */
const MAX_CLIENTS = 32;

/**
 * Bot Framework authentication whose connector factories hand out one ConnectorClient per (app id, serviceUrl,
 * audience) instead of building one, with its credentials and MSAL client, on every turn; likewise one
 * UserTokenClient per app id (CloudAdapter builds one for every turn, though this bot never signs users in).
 *
 * Reusing a client keeps authentication as it was: the credentials sign each outbound request anew, and
 * botbuilder's AppCredentials.getToken reads its token from a process-wide cache on every request, asking MSAL
 * for a new one five minutes before expiry, whichever client holds the credentials. A client is only shared by
 * turns that would have built an identical one: the key holds everything `ConnectorFactoryImpl.create` depends
 * on that varies by turn (the app id from the claims, the serviceUrl, the audience); the rest is this object's
 * fixed configuration (the user token client depends on the app id alone). A failed creation is not kept, so
 * the next turn tries again.
 */
export class ReusingConnectorAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthResult> {
    return this.withReuse(await super.authenticateRequest(...args));
  }

  override async authenticateStreamingRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>): Promise<AuthResult> {
    return this.withReuse(await super.authenticateStreamingRequest(...args));
  }

  /** Proactive sends (continueConversationAsync) come here rather than through authenticateRequest. */
  override createConnectorFactory(claimsIdentity: Claims): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: Claims): Promise<UserTokenClient> {
    return keep(this.tokenClients, JSON.stringify([appIdOf(claimsIdentity)]), () => super.createUserTokenClient(claimsIdentity));
  }

  /** How many connector clients are kept (for tests and diagnostics). */
  get clientCount(): number {
    return this.clients.size;
  }

  private withReuse(result: AuthResult): AuthResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private reusing(inner: ConnectorFactory, claims: Claims): ConnectorFactory {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
        keep(this.clients, JSON.stringify([appId, serviceUrl, audience ?? null]), () => inner.create(serviceUrl, audience)),
    };
  }
}

/** The kept promise for `key`, or a new one from `create`; a rejected one is dropped, and the oldest beyond MAX_CLIENTS. */
function keep<T>(kept: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const hit = kept.get(key);
  if (hit) return hit;
  const created = create();
  kept.set(key, created);
  created.catch(() => {
    if (kept.get(key) === created) kept.delete(key);
  });
  // Map keeps insertion order: the first key is the oldest.
  if (kept.size > MAX_CLIENTS) kept.delete(kept.keys().next().value!);
  return created;
}

/** The app id ConnectorFactoryImpl is built with (botframework-connector's getAppId): `aud`, else `appid`. */
function appIdOf(claims: Claims): string | null {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? null;
}
