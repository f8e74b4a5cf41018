/**
 * The bundle's hash: SHA-256 of the RFC 8785 canonical JSON of everything but the hash. Stable for the same
 * content however it is held in memory, and different as soon as any byte of the bundle differs.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/audit/canonical-json';
import type { UnsealedBundle } from '../../src/evidence/evidence-bundle';
import { bundleMatchesHash, recomputeBundleHash, sealBundle } from '../../src/evidence/seal-bundle';
import type { JsonValue } from '../../src/json-value';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function sample(): UnsealedBundle {
  return {
    schema: 'galleryops.evidence/2',
    generatedAt: '2026-11-23T12:00:00.000Z',
    generatedBy: { aadObjectId: '00000000-0000-0000-0000-000000000020', teamsUserId: '29:alex', name: 'Alex Wilber' },
    subject: { subscription: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '2026.5.1' },
    snapshots: [
      {
        kind: 'version',
        readAt: '2026-11-23T12:00:00.000Z',
        azCommand: 'az sig image-version show --gallery-image-version 2026.5.1 --expand ReplicationStatus',
        armRequest: { method: 'GET', path: '/subscriptions/x/versions/2026.5.1', apiVersion: '2025-12-03', expand: 'ReplicationStatus' },
        body: { version: '2026.5.1', replication: { aggregatedState: 'Failed', regions: [{ region: 'Central US', state: 'Failed', progress: 35 }] }, note: 'Zürich ✓ 𝄞' },
        verbatim: {
          responses: [
            {
              method: 'GET',
              url: 'https://management.azure.com/subscriptions/x/versions/2026.5.1?api-version=2025-12-03&$expand=ReplicationStatus',
              apiVersion: '2025-12-03',
              status: 200,
              requestId: '0f6c2d3e-0000-4000-8000-000000000001',
              readAt: '2026-11-23T12:00:00.000Z',
              contentType: 'application/json; charset=utf-8',
              // What canonical JSON would respell if it were an object: key order, 1.0, escapes, a line break.
              body: '{"name":"2026.5.1","b":1.0,"a":"Z\u00fcrich ✓ 𝄞","futureField":{"x":[1e2]}}\n',
            },
          ],
        },
      },
    ],
    changeRequests: [{ id: 'CR-1', approvals: [{ by: { name: 'Adele Vance' }, at: '2026-11-20T09:30:00.000Z' }] }],
    auditRecords: [
      { seq: 1, at: '2026-11-20T09:00:00.000Z', actor: { id: 'a', name: 'Alex' }, action: 'request.created', requestId: 'CR-1', image: 'gal_golden/dispatch', version: '2026.5.1', details: { ratio: 0.1, big: 1e21 }, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) },
    ],
    usage: { readAt: '2026-11-23T12:00:00.000Z', azCommand: 'az graph query -q "…"', scaleSets: [], vms: [] },
    auditHead: { seq: 1, hash: 'f'.repeat(64) },
  };
}

/** The same object with every object's keys in reverse order: only the in-memory representation differs. */
function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).reverse().map((k) => [k, reverseKeys(value[k]!)]));
  return value;
}

describe('sealBundle', () => {
  test('sha256 is SHA-256 of the canonical JSON without it; the text is the canonical JSON with it', () => {
    const { bundle, text } = sealBundle(sample());
    expect(bundle.sha256).toBe(sha256(canonicalJson(sample() as unknown as JsonValue)));
    expect(text).toBe(canonicalJson(bundle as unknown as JsonValue));
    expect(recomputeBundleHash(JSON.parse(text) as JsonValue)).toBe(bundle.sha256);
    expect(bundleMatchesHash(JSON.parse(text) as JsonValue, bundle.sha256)).toBe(true);
  });

  test('stable: the same input gives the same bytes, whatever the key order and whether a stale sha256 rides along', () => {
    const a = sealBundle(sample());
    expect(sealBundle(sample())).toEqual(a);
    expect(sealBundle(reverseKeys(sample() as unknown as JsonValue) as unknown as UnsealedBundle).text).toBe(a.text);
    expect(sealBundle({ ...sample(), sha256: 'stale' } as UnsealedBundle).text).toBe(a.text);
  });

  test('property: any JSON content seals to the same hash in any key order, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const input = { ...sample(), snapshots: [{ ...sample().snapshots[0]!, body: body as JsonValue }] };
        const sealed = sealBundle(input);
        const reordered = sealBundle(reverseKeys(input as unknown as JsonValue) as unknown as UnsealedBundle);
        const stored = JSON.parse(JSON.stringify(sealed.bundle)) as JsonValue;
        return reordered.bundle.sha256 === sealed.bundle.sha256 && canonicalJson(stored) === sealed.text && bundleMatchesHash(stored, sealed.bundle.sha256);
      }),
      { numRuns: 300 },
    );
  });

  test('property: changing any one byte of a downloaded bundle is detected', () => {
    const { bundle, text } = sealBundle(sample());
    const bytes = Buffer.from(text, 'utf8');
    const original = JSON.stringify(JSON.parse(text));
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const changed = Buffer.from(bytes);
        changed[at] = (changed[at]! + delta) % 256;
        let parsed: JsonValue;
        try {
          parsed = JSON.parse(changed.toString('utf8')) as JsonValue;
        } catch {
          return true; // no longer JSON: nobody can mistake it for the bundle
        }
        // Accepted only if it still claims the hash the card named and its content matches it: a byte changed
        // inside the sha256 field itself leaves the content alone but no longer names the card's bundle.
        const claimed = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed.sha256 : undefined;
        // Another spelling of the same JSON value (`1e+21` → `1e021`) is the same bundle: the hash is over the
        // value, canonicalised (RFC 8785), not over the file's bytes.
        if (JSON.stringify(parsed) === original) return bundleMatchesHash(parsed, bundle.sha256);
        return !(claimed === bundle.sha256 && bundleMatchesHash(parsed, bundle.sha256));
      }),
      { numRuns: 2000 },
    );
  });

  test('a number edited out of JSON range (1e+21 → 1e321, parsed as Infinity) is not the bundle, and does not throw', () => {
    const { bundle, text } = sealBundle(sample());
    expect(text).toContain('1e+21');
    const parsed = JSON.parse(text.replace('1e+21', '1e321')) as JsonValue;
    expect(recomputeBundleHash(parsed)).toBeUndefined();
    expect(bundleMatchesHash(parsed, bundle.sha256)).toBe(false);
  });

  test('every byte position, exhaustively, with one replacement each', () => {
    const { bundle, text } = sealBundle(sample());
    const bytes = Buffer.from(text, 'utf8');
    let stillJson = 0;
    for (let at = 0; at < bytes.length; at++) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at] === 0x31 ? 0x32 : 0x31; // '1' or '2': keeps digits and many strings valid
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(changed.toString('utf8')) as JsonValue;
      } catch {
        continue;
      }
      stillJson++;
      expect(bundleMatchesHash(parsed, bundle.sha256)).toBe(false);
    }
    // Most replacements keep valid JSON, so the check above really exercised the hash.
    expect(stillJson).toBeGreaterThan(bytes.length / 2);
  });

  test.each<[string, (b: UnsealedBundle) => void]>([
    ['generatedAt one millisecond later', (b) => void (b.generatedAt = '2026-11-23T12:00:00.001Z')],
    ['another caller', (b) => void (b.generatedBy.name = 'Alex Wilbur')],
    ['a region state', (b) => void ((b.snapshots[0]!.body as { replication: { regions: Array<{ state: string }> } }).replication.regions[0]!.state = 'Completed')],
    ['a replication progress 35 → 35.0000001', (b) => void ((b.snapshots[0]!.body as { replication: { regions: Array<{ progress: number }> } }).replication.regions[0]!.progress = 35.0000001)],
    ['one character of an az command', (b) => void (b.snapshots[0]!.azCommand = b.snapshots[0]!.azCommand.replace('2026.5.1', '2026.5.2'))],
    ['the api-version', (b) => void (b.snapshots[0]!.armRequest.apiVersion = '2025-12-04')],
    ['an approver dropped', (b) => void (b.changeRequests = [{ id: 'CR-1', approvals: [] }])],
    ['an audit record removed', (b) => void (b.auditRecords = [])],
    ['an audit detail added', (b) => void (b.auditRecords[0]!.details['extra'] = null)],
    ['the audit head moved', (b) => void (b.auditHead = { seq: 2, hash: 'e'.repeat(64) })],
    ['the anchor dropped', (b) => void (b.auditHead = null)],
    ['a field added at the top', (b) => void ((b as unknown as Record<string, unknown>)['note'] = '')],
    ['a non-ASCII character appended to a name', (b) => void (b.subject.image = 'dispatch\u00e9')],
  ])('changes the hash: %s', (_name, mutate) => {
    const original = sealBundle(sample()).bundle.sha256;
    const changed = sample();
    mutate(changed);
    expect(sealBundle(changed).bundle.sha256).not.toBe(original);
  });

  test('a bundle with another bundle\'s hash field is not that bundle', () => {
    const a = sealBundle(sample()).bundle;
    const b = sealBundle({ ...sample(), generatedAt: '2026-11-24T00:00:00.000Z' }).bundle;
    expect(bundleMatchesHash({ ...b, sha256: a.sha256 } as unknown as JsonValue, a.sha256)).toBe(false);
    expect(bundleMatchesHash([] as JsonValue, a.sha256)).toBe(false);
    expect(recomputeBundleHash('not a bundle')).toBeUndefined();
  });
});
