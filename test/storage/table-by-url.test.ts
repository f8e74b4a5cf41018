/**
 * In Azure the Table store is reached by URL with the bot's managed identity: the storage account allows no
 * shared key. Azurite over HTTPS with `--oauth basic` checks each bearer token's issuer, audience and lifetime,
 * so a store opened by URL with a token credential proves that path works without any account key.
 */
import { randomBytes } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createCertificate } from '../../emulator/certificate';
import { openStore } from '../../src/storage/open-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { fakeEntraCredential, fakeEntraToken } from '../helpers/fake-managed-identity';

let azurite: AzuriteTable;
let ca: string;

beforeAll(async () => {
  const certificate = await createCertificate();
  ca = certificate.cert;
  azurite = await startAzuriteTable({ oauth: certificate });
}, 30_000);
afterAll(() => azurite?.stop());

const settings = () => ({ kind: 'table' as const, tableName: `t${randomBytes(6).toString('hex')}`, url: azurite.endpoint, appendTimeoutMs: 5000 });

describe('Table store by account URL with a token (no shared key)', () => {
  it('creates its table, writes and reads with a bearer token for https://storage.azure.com', async () => {
    const store = await openStore(settings(), { credential: fakeEntraCredential(), ca });
    try {
      const report = await store.check();
      expect(report).toMatchObject({ readable: true, writable: true, problems: [] });
      expect(report.audit.ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('is refused with a token for another audience (the token is what lets it in)', async () => {
    const wrongAudience: TokenCredential = {
      async getToken(): Promise<AccessToken> {
        const { token, expiresOn } = fakeEntraToken('https://management.azure.com');
        return { token, expiresOnTimestamp: expiresOn * 1000 };
      },
    };
    await expect(openStore(settings(), { credential: wrongAudience, ca })).rejects.toThrow(/creating table/);
  });
});
