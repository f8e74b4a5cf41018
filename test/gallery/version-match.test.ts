import fc from 'fast-check';
import { NotFoundError } from '../../src/errors';
import type { ImageVersion } from '../../src/gallery/model';
import { closestVersions, latestVersion, resolveVersion, sortNewestFirst } from '../../src/gallery/version-match';
import { compareVersionNames, formatVersion, parseVersion } from '../../src/gallery/version-number';
import { parseVersionSpec, type VersionSpec } from '../../src/gallery/version-spec';

function v(version: string, excludeFromLatest = false, regionExcluded = false): ImageVersion {
  return {
    subscriptionId: 's', resourceGroup: 'rg', gallery: 'g', image: 'i', id: `id/${version}`, version, location: 'eastus2',
    excludeFromLatest, dataDiskSizesGB: [], safety: { policyViolations: [] },
    targetRegions: [{ name: 'East US 2', excludeFromLatest: regionExcluded }],
  };
}

const spec = (text: string): VersionSpec => {
  const s = parseVersionSpec(text);
  if (!s) throw new Error(`not a spec: ${text}`);
  return s;
};

describe('parseVersion', () => {
  test.each([
    ['2026.5.1', [2026, 5, 1]],
    ['2026.05.01', [2026, 5, 1]],
    ['0.0.0', [0, 0, 0]],
    ['2147483647.0.0', [2147483647, 0, 0]],
    ['2147483648.0.0', undefined],
    ['1.2', undefined],
    ['1.2.3.4', undefined],
    ['1.-2.3', undefined],
    ['a.b.c', undefined],
    ['1..3', undefined],
    ['', undefined],
  ])('%s → %j', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  test('orders parts as numbers, not strings', () => {
    expect(['2026.9.0', '2026.10.0', '2026.1.0'].sort(compareVersionNames)).toEqual(['2026.1.0', '2026.9.0', '2026.10.0']);
  });

  test('format ∘ parse is the identity on canonical versions (property)', () => {
    const part = fc.integer({ min: 0, max: 2_147_483_647 });
    fc.assert(
      fc.property(part, part, part, (a, b, c) => {
        const text = `${a}.${b}.${c}`;
        expect(formatVersion(parseVersion(text)!)).toBe(text);
      }),
    );
  });

  test('numeric order agrees with tuple order (property)', () => {
    const part = fc.integer({ min: 0, max: 50 });
    const ver = fc.tuple(part, part, part);
    fc.assert(
      fc.property(ver, ver, (x, y) => {
        const byTuple = x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
        expect(Math.sign(compareVersionNames(x.join('.'), y.join('.')))).toBe(Math.sign(byTuple));
      }),
    );
  });
});

describe('parseVersionSpec', () => {
  test.each([
    ['latest', { kind: 'latest' }],
    ['LATEST', { kind: 'latest' }],
    ['2026.5.1', { kind: 'exact', parts: [2026, 5, 1] }],
    ['2026.05', { kind: 'prefix', parts: [2026, 5] }],
    ['2026', { kind: 'prefix', parts: [2026] }],
    // One sentence mark after a version is not part of it (`… 2026.05?`, `… 2026.`); two marks, or a gap, are malformed.
    ['2026.', { kind: 'prefix', parts: [2026] }],
    ['2026.05?', { kind: 'prefix', parts: [2026, 5] }],
    ['2026.5.1.', { kind: 'exact', parts: [2026, 5, 1] }],
    ['latest?', { kind: 'latest' }],
    ['2026..', undefined],
    ['2026.05.?', undefined],
    ['2026..5', undefined],
    ['v2026', undefined],
    ['1.2.3.4', undefined],
    ['newest', undefined],
  ])('%s → %j', (text, expected) => {
    expect(parseVersionSpec(text)).toEqual(expected);
  });
});

describe('resolveVersion', () => {
  const dispatch = [v('2026.4.0'), v('2026.5.0'), v('2026.5.1'), v('2026.10.0', true), v('2027.1.0', false, true)];

  test.each([
    ['2026.5.1', '2026.5.1'],
    ['2026.05.01', '2026.5.1'],
    ['2026.05', '2026.5.1'],
    ['2026.5', '2026.5.1'],
    ['2026.4', '2026.4.0'],
    ['2026', '2026.10.0'],
    // per-region exclusion does not affect the global latest; global exclusion does
    ['latest', '2027.1.0'],
  ])('%s → %s', (text, expected) => {
    expect(resolveVersion(spec(text), dispatch, 'dispatch').version.version).toBe(expected);
  });

  test('latest skips globally excluded versions', () => {
    expect(latestVersion([v('1.0.0'), v('2.0.0', true)])?.version).toBe('1.0.0');
    expect(latestVersion([v('2.0.0', true)])).toBeUndefined();
  });

  test.each([
    ['2026.5.2', ['2026.5.1', '2026.5.0', '2026.4.0']],
    ['2026.7', ['2026.5.1', '2026.5.0', '2026.4.0']],
    ['2025', ['2026.5.1', '2026.5.0', '2026.4.0']],
  ])('no match for %s names the closest versions', (text, closest) => {
    const versions = dispatch.slice(0, 3);
    let error: unknown;
    try {
      resolveVersion(spec(text), versions, 'dispatch');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).suggestions).toEqual(closest);
    expect((error as NotFoundError).userMessage).toContain(`Closest: ${closest.join(', ')}`);
  });

  test('latest with every version excluded says so', () => {
    expect(() => resolveVersion({ kind: 'latest' }, [v('1.0.0', true)], 'x')).toThrow(/no version eligible for latest/);
  });

  test('a definition without versions says so', () => {
    expect(() => resolveVersion(spec('1.0.0'), [], 'x')).toThrow(/has no version 1\.0\.0\. It has no versions\./);
  });

  const arbVersions = fc.uniqueArray(fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5), fc.boolean()), { selector: (t) => t.slice(0, 3).join('.'), maxLength: 30 });

  test('a prefix resolves to the highest version under it (property)', () => {
    fc.assert(
      fc.property(arbVersions, fc.nat(5), fc.nat(5), (tuples, a, b) => {
        const versions = tuples.map(([x, y, z, ex]) => v(`${x}.${y}.${z}`, ex));
        const under = tuples.filter(([x, y]) => x === a && y === b).map(([, , z]) => z);
        if (under.length === 0) {
          expect(() => resolveVersion({ kind: 'prefix', parts: [a, b] }, versions, 'i')).toThrow(NotFoundError);
        } else {
          expect(resolveVersion({ kind: 'prefix', parts: [a, b] }, versions, 'i').version.version).toBe(`${a}.${b}.${Math.max(...under)}`);
        }
      }),
    );
  });

  test('latest is never excluded and nothing newer is eligible (property)', () => {
    fc.assert(
      fc.property(arbVersions, (tuples) => {
        const versions = tuples.map(([x, y, z, ex]) => v(`${x}.${y}.${z}`, ex));
        const latest = latestVersion(versions);
        const eligible = versions.filter((x) => !x.excludeFromLatest);
        if (!latest) return expect(eligible).toHaveLength(0);
        expect(latest.excludeFromLatest).toBe(false);
        for (const e of eligible) expect(compareVersionNames(e.version, latest.version)).toBeLessThanOrEqual(0);
      }),
    );
  });

  test('newest-first sorting is a permutation in descending order (property)', () => {
    fc.assert(
      fc.property(arbVersions, (tuples) => {
        const sorted = sortNewestFirst(tuples.map(([x, y, z]) => v(`${x}.${y}.${z}`)));
        expect(sorted).toHaveLength(tuples.length);
        for (let i = 1; i < sorted.length; i++) expect(compareVersionNames(sorted[i - 1]!.version, sorted[i]!.version)).toBeGreaterThan(0);
      }),
    );
  });

  test('closest versions are existing versions, at most three', () => {
    const out = closestVersions(spec('2026.5.9'), dispatch);
    expect(out.length).toBeLessThanOrEqual(3);
    for (const c of out) expect(dispatch).toContain(c);
  });
});
