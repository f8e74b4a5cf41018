import { PackageSettingsError, readPackageSettings } from '../../scripts/app-package/package-settings';

const APP_ID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
const valid = { MicrosoftAppId: APP_ID, GALLERYOPS_PUBLIC_HOSTNAME: 'galleryops.contoso.com' };

function problemsOf(env: Record<string, string | undefined>, packageVersion = '0.1.0'): string[] {
  try {
    readPackageSettings(env, packageVersion);
  } catch (err) {
    if (err instanceof PackageSettingsError) return err.problems;
    throw err;
  }
  throw new Error('expected a PackageSettingsError');
}

describe('readPackageSettings', () => {
  it('reads the app id, host name and version, with the version defaulting to package.json\'s', () => {
    expect(readPackageSettings(valid, '0.1.0')).toEqual({ botAppId: APP_ID, publicHostname: 'galleryops.contoso.com', appVersion: '0.1.0' });
    expect(readPackageSettings({ ...valid, GALLERYOPS_APP_VERSION: '2.10.0' }, '0.1.0').appVersion).toBe('2.10.0');
  });

  it('trims and lower-cases the host name, as Teams compares domains case-insensitively', () => {
    expect(readPackageSettings({ ...valid, GALLERYOPS_PUBLIC_HOSTNAME: ' GalleryOps.Contoso.COM ' }, '0.1.0').publicHostname).toBe('galleryops.contoso.com');
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      readPackageSettings({ GALLERYOPS_APP_VERSION: 'v1' }, '0.1.0');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PackageSettingsError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot package the Teams app; fix these settings:/);
    expect(message).toContain('MicrosoftAppId: required');
    expect(message).toContain('GALLERYOPS_PUBLIC_HOSTNAME: required');
    expect(message).toContain('GALLERYOPS_APP_VERSION: must be MAJOR.MINOR.PATCH');
    expect((error as PackageSettingsError).problems).toHaveLength(3);
  });

  it('treats blank values as missing', () => {
    expect(problemsOf({ MicrosoftAppId: '  ', GALLERYOPS_PUBLIC_HOSTNAME: '' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId: required/),
      expect.stringMatching(/^GALLERYOPS_PUBLIC_HOSTNAME: required/),
    ]);
  });

  it.each([
    ['not-a-guid', 'must be a GUID'],
    ['00000000-0000-0000-0000-000000000000', 'must not be the all-zero placeholder'],
  ])('rejects the app id %s', (id, message) => {
    expect(problemsOf({ ...valid, MicrosoftAppId: id })).toEqual([expect.stringContaining(`MicrosoftAppId: ${message}`)]);
  });

  it.each([
    ['https://galleryops.contoso.com', 'give the host name only, without https://'],
    ['galleryops.contoso.com/api/messages', 'give the host name only, without a path or port'],
    ['galleryops.contoso.com:443', 'give the host name only, without a path or port'],
    ['localhost', 'must be a DNS host name'],
    ['under_score.contoso.com', 'must be a DNS host name'],
    ['-bad.contoso.com', 'must be a DNS host name'],
  ])('rejects the host name %s', (host, message) => {
    expect(problemsOf({ ...valid, GALLERYOPS_PUBLIC_HOSTNAME: host })).toEqual([expect.stringContaining(`GALLERYOPS_PUBLIC_HOSTNAME: ${message}`)]);
  });

  it.each(['1.0', '1.0.0-beta.1', '01.2.3', 'v1.2.3'])('rejects the version %s, which the Teams schema does not allow', (version) => {
    expect(problemsOf({ ...valid, GALLERYOPS_APP_VERSION: version })).toEqual([expect.stringContaining('GALLERYOPS_APP_VERSION: must be MAJOR.MINOR.PATCH')]);
  });

  it('reports an unusable package.json version when no override is set', () => {
    expect(problemsOf(valid, '1.0.0-rc.1')).toEqual([expect.stringContaining('package.json\'s version, now "1.0.0-rc.1"')]);
  });
});
