import { loadConfig } from '../../src/config';

test('settings: VERSION_INDEX_TTL_SECONDS (default 60, 5–3600) and VERSION_INDEX_MAX_VERSIONS (default 20,000)', () => {
  expect(loadConfig({}).versionIndex).toEqual({ ttlSeconds: 60, maxVersions: 20_000 });
  expect(loadConfig({ VERSION_INDEX_TTL_SECONDS: '300', VERSION_INDEX_MAX_VERSIONS: '1000' }).versionIndex).toEqual({ ttlSeconds: 300, maxVersions: 1000 });
  expect(() => loadConfig({ VERSION_INDEX_TTL_SECONDS: '2' })).toThrow(/VERSION_INDEX_TTL_SECONDS/);
});
