import { hookScope } from '../../src/hooks/hook-scope';

const at = (gallery: string, image: string) => ({ subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery, image });

describe('a hook scope, matched by name without case', () => {
  it.each([
    ['all', at('gal_golden', 'dispatch'), true],
    ['gal_golden', at('GAL_GOLDEN', 'dispatch'), true],
    ['gal_golden', at('gal_staging', 'dispatch'), false],
    ['gal_golden/dispatch', at('gal_golden', 'Dispatch'), true],
    ['gal_golden/dispatch', at('gal_golden', 'callcenter-desktop'), false],
    ['gal_golden/dispatch', at('gal_staging', 'dispatch'), false],
    // One name is a gallery or a definition: `dispatch` in every gallery.
    ['dispatch', at('gal_staging', 'dispatch'), true],
    ['dispatch', at('gal_staging', 'callcenter-desktop'), false],
  ])('%s covers %o: %s', (scope, image, covered) => {
    expect(hookScope(scope).covers(image)).toBe(covered);
  });

  it('lists only its gallery when it names gallery/image, every gallery when one name could be a definition', () => {
    expect(hookScope('gal_golden/dispatch').touchesGallery(at('gal_staging', ''))).toBe(false);
    expect(hookScope('gal_golden/dispatch').touchesGallery(at('Gal_Golden', ''))).toBe(true);
    expect(hookScope('dispatch').touchesGallery(at('gal_staging', ''))).toBe(true);
  });
});
