/** The security group says what it knows of UEFI keys, and that it did not ask when it did not. */
import { securityFacts } from '../../src/cards/security-facts';
import type { ImageDefinition } from '../../src/gallery/model';
import { demoVersion } from '../approvals/plan/plan-fixtures';

const definition = (hyperVGeneration: string): ImageDefinition => ({
  subscriptionId: 's', resourceGroup: 'g', gallery: 'gal_golden', image: 'dispatch', id: 'x', location: 'eastus2',
  osType: 'Linux', osState: 'Generalized', hyperVGeneration, publisher: 'p', offer: 'o', sku: 's',
});
const uefiFact = (facts: { title: string; value: string }[]) => facts.find((f) => f.title === 'UEFI keys')?.value;
const full = demoVersion('gal_golden/dispatch', '2026.5.0', (v) => ({ ...v, validation: { executed: [], platformAttributes: [] } }));

test.each([
  ['a Gen2 image read in full, no UEFI settings in the answer', full, 'V2', 'not read: GalleryOps does not ask Azure for them'],
  ['a Gen1 image (BIOS boot): nothing to say', full, 'V1', undefined],
  ['a list read (no validation): nothing claimed', { ...full, validation: undefined }, 'V2', undefined],
  ['UEFI settings in the answer', { ...full, uefi: { signatureTemplateNames: ['MicrosoftWindowsTemplate'], additionalSignatures: [{ kind: 'db', type: 'x509', values: 2 }] } }, 'V2', 'templates MicrosoftWindowsTemplate · additional db 2 x509'],
])('%s', (_name, version, generation, expected) => {
  expect(uefiFact(securityFacts(version, definition(generation), undefined))).toBe(expected);
});
