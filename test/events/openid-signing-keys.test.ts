import { LocalTokenIssuer, makeSigningKey, type SigningKey } from '../helpers/local-token-issuer';
import { OpenIdSigningKeys } from '../../src/events/openid-signing-keys';

/** A key cache over a real local OpenID server, counting the fetches it makes. */
async function setup(published: SigningKey[]) {
  const issuer = new LocalTokenIssuer('https://issuer.example/', published);
  await issuer.start();
  let clock = 1_000_000;
  let fetches = 0;
  const keys = new OpenIdSigningKeys({ metadataUrl: issuer.metadataUrl, now: () => clock, minRefreshMs: 60_000, fetch: (input, init) => ((fetches += 1), fetch(input, init)) });
  return { issuer, keys, advance: (ms: number) => (clock += ms), fetches: () => fetches };
}

it('fetches once, then again for an unknown kid at most once a minute, and finds a rolled key after that', async () => {
  const published = [makeSigningKey('k1', [])];
  const { issuer, keys, advance, fetches } = await setup(published);
  try {
    expect((await keys.find('k1')).kind).toBe('key');
    const first = fetches(); // metadata + key set
    expect(first).toBe(2);
    expect((await keys.find('k1')).kind).toBe('key');
    for (let i = 0; i < 20; i++) expect((await keys.find(`forged-${i}`)).kind).toBe('unknown');
    published.push(makeSigningKey('k2', []));
    expect((await keys.find('k2')).kind).toBe('unknown'); // still within the minute
    expect(fetches()).toBe(first);
    advance(60_000);
    expect((await keys.find('k2')).kind).toBe('key');
    expect(fetches()).toBe(first + 2);
  } finally {
    await issuer.stop();
  }
});

it('says unavailable when the metadata was never readable, and shares one fetch between concurrent lookups', async () => {
  const unreachable = new OpenIdSigningKeys({ metadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration', now: () => 0 });
  expect((await unreachable.find('k1')).kind).toBe('unavailable');
  const { issuer, keys, fetches } = await setup([makeSigningKey('k1', [])]);
  try {
    const found = await Promise.all(Array.from({ length: 10 }, () => keys.find('k1')));
    expect(found.every((f) => f.kind === 'key')).toBe(true);
    expect(fetches()).toBe(2);
  } finally {
    await issuer.stop();
  }
});
