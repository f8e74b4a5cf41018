import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * A credential for the local emulator, which accepts any bearer token: no Azure login is needed in the
 * embedded demo or in tests. Azure mode uses DefaultAzureCredential instead.
 */
export function staticTokenCredential(token = 'galleryops-emulator-token'): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      // Refreshed hourly like a real token, so the SDK's token cache behaves as it does against Azure.
      return { token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' };
    },
  };
}
