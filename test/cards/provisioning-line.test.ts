/** The galleries and images cards say when a gallery or definition is not Succeeded, and a definition's security type. */
import { galleriesCard } from '../../src/cards/galleries-card';
import { imagesCard } from '../../src/cards/images-card';
import { renderCard } from '../../src/cards/render-card';
import type { Gallery, ImageDefinition } from '../../src/gallery/model';
import { cardText, expectValidCard } from '../helpers/validate-card';

const key = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg', gallery: 'gal' };
const gallery = (name: string, provisioningState?: string): Gallery => ({ ...key, gallery: name, id: `/g/${name}`, location: 'eastus2', sharing: 'Private', sharedWith: [], softDeleteEnabled: false, ...(provisioningState ? { provisioningState } : {}) });
const definition = (image: string, provisioningState?: string, securityType?: string): ImageDefinition => ({
  ...key,
  image,
  id: `/i/${image}`,
  location: 'eastus2',
  osType: 'Linux',
  osState: 'Generalized',
  publisher: 'p',
  offer: 'o',
  sku: 's',
  ...(provisioningState ? { provisioningState } : {}),
  more: { features: securityType ? [{ name: 'SecurityType', value: securityType }] : [], disallowedDiskTypes: [] },
});
const readAt = new Date('2026-12-05T00:00:00Z');

test('galleries: Failed in red with its icon, Creating under way, Succeeded says nothing', () => {
  const card = renderCard(galleriesCard({ galleries: [gallery('a-failed', 'Failed'), gallery('b-new', 'Creating'), gallery('c-ok', 'Succeeded')], images: [], page: 1, readAt, scopeLabel: 'scope', qualify: (g) => g.gallery }));
  expectValidCard(card);
  const lines = cardText(card);
  expect(lines).toContain('✗ Gallery provisioning Failed: its last change did not complete in Azure');
  expect(lines).toContain('⏳ Gallery provisioning: Creating');
  expect(lines.filter((l) => /provisioning/.test(l))).toHaveLength(2);
  expect(JSON.stringify(card)).toContain('"color":"attention"');
});

test('images: the definition is Updating, and its security type is named', () => {
  const rows = [definition('cvm', 'Updating', 'ConfidentialVM'), definition('plain')].map((image) => ({ image, qualified: image.image, versions: [] }));
  const card = renderCard(imagesCard({ page: { items: rows, text: '', buttons: [], page: 1, pageCount: 1 }, total: 2, readAt, scopeLabel: 'scope' }));
  expectValidCard(card);
  const lines = cardText(card);
  expect(lines).toContain('Linux · Generalized · security type ConfidentialVM');
  expect(lines).toContain('⏳ Definition provisioning: Updating');
  expect(lines).toContain('Linux · Generalized');
  expect(lines.filter((l) => /provisioning/.test(l))).toHaveLength(1);
});
