/**
 * The stand-in for Container Apps' token endpoint must answer in any jest worker. restify replaces
 * http.ServerResponse.prototype.writeHead with one that returns nothing; a worker that ran an in-process bot
 * before keeps that, and a handler chaining writeHead(...).end(...) then threw instead of answering, so the
 * production-start bot waited for its token forever (CI, December 2026).
 */
import 'restify';
import { startFakeManagedIdentity } from '../helpers/fake-managed-identity';

it('hands out a token after restify has patched node:http in the same process', async () => {
  const identity = await startFakeManagedIdentity();
  try {
    const url = `${identity.env.IDENTITY_ENDPOINT}?resource=${encodeURIComponent('https://storage.azure.com/')}&api-version=2019-08-01&client_id=abc`;
    const answer = await fetch(url, { headers: { 'X-IDENTITY-HEADER': identity.env.IDENTITY_HEADER }, signal: AbortSignal.timeout(5000) });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ resource: 'https://storage.azure.com/', token_type: 'Bearer', client_id: 'abc' });
    const refused = await fetch(url, { signal: AbortSignal.timeout(5000) });
    expect(refused.status).toBe(400);
  } finally {
    await identity.stop();
  }
});
