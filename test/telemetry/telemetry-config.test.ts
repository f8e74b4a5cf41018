/** APPLICATIONINSIGHTS_CONNECTION_STRING: validated at start, never echoed in the problems it reports. */
import { loadConfig, SETTING_NAMES } from '../../src/config';
import { configProblems } from '../helpers/config-problems';

const KEY = '0f3b2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PORTAL = `InstrumentationKey=${KEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=5a1c2e3f-0000-4000-8000-000000000001`;

const problemsOf = (value: string) => configProblems({ APPLICATIONINSIGHTS_CONNECTION_STRING: value });

test('unset (or blank): telemetry is off', () => {
  expect(loadConfig({}).telemetry).toBeUndefined();
  expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).telemetry).toBeUndefined();
  expect(SETTING_NAMES).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
});

test('the connection string the portal shows turns telemetry on, as given', () => {
  expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: PORTAL }).telemetry).toEqual({ connectionString: PORTAL, serviceName: 'galleryops' });
});

test('OTEL_SERVICE_NAME names the cloud role (one per deployment); blank keeps galleryops', () => {
  expect(SETTING_NAMES).toContain('OTEL_SERVICE_NAME');
  expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: PORTAL, OTEL_SERVICE_NAME: ' galleryops-staging ' }).telemetry?.serviceName).toBe('galleryops-staging');
  expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: PORTAL, OTEL_SERVICE_NAME: ' ' }).telemetry?.serviceName).toBe('galleryops');
  expect(() => loadConfig({ OTEL_SERVICE_NAME: 'x'.repeat(257) })).toThrow(/OTEL_SERVICE_NAME: must be at most 256 characters/);
});

test.each<[string, string, RegExp]>([
  ['an instrumentation key alone (a bare GUID)', KEY, /InstrumentationKey=<guid>/],
  ['no ingestion endpoint', `InstrumentationKey=${KEY}`, /IngestionEndpoint=https:/],
  ['a key that is not a GUID', 'InstrumentationKey=secret-key-1234;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/', /InstrumentationKey=<guid>/],
  ['an http endpoint (the exporter would send it to https anyway)', `InstrumentationKey=${KEY};IngestionEndpoint=http://collector.internal/`, /IngestionEndpoint=https:/],
  ['an endpoint that is no URL', `InstrumentationKey=${KEY};IngestionEndpoint=westeurope`, /IngestionEndpoint=https:/],
])('refuses %s, naming the setting but never its value', (_name, value, expected) => {
  const problems = problemsOf(value);
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((p) => p.startsWith('APPLICATIONINSIGHTS_CONNECTION_STRING: '))).toBe(true);
  expect(problems.some((p) => expected.test(p))).toBe(true);
  expect(problems.join('\n')).not.toContain(value.split(';')[0]!.replace('InstrumentationKey=', ''));
});
