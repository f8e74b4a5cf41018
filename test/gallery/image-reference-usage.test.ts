/** Which image references deploy an image: ARM ids, direct shared gallery ids and community gallery ids, from data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchImageReference, type GalleryAliases, type ImageReferenceIds } from '../../src/gallery/image-reference';

const EXAMPLES = join(__dirname, '../fixtures/usage-examples');
/** `properties.storageProfile.imageReference` of a Microsoft example's 200 response. */
const exampleReference = (file: string): ImageReferenceIds =>
  JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).responses['200'].body.properties.storageProfile.imageReference;

const SUB = '11111111-2222-3333-4444-555555555555';
const DISPATCH = { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const DEF = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch`;
// As Azure generates them: `<subscription>-<GALLERY>` (Gallery_Get.json) and `<prefix>-<guid>` (CommunityGallery_Get.json).
const ALIASES: GalleryAliases = { sharedGalleryName: `${SUB}-GAL_GOLDEN`, communityGalleryNames: ['contoso-dispatch-1fb35c99-9f7d-4e54-9b12-bd35cf2602f7'] };
const SHARED = `/SharedGalleries/${SUB}-GAL_GOLDEN/Images/dispatch`;
const COMMUNITY = '/CommunityGalleries/contoso-dispatch-1fb35c99-9f7d-4e54-9b12-bd35cf2602f7/Images/dispatch';

test.each<[string, ImageReferenceIds, string | undefined]>([
  // [what, the reference, the version it names ('latest' for the definition) or undefined for no match]
  ['an ARM version id', { id: `${DEF}/versions/2026.5.0` }, '2026.5.0'],
  ['an ARM definition id (latest)', { id: DEF }, 'latest'],
  ['an ARM id ending versions/latest', { id: `${DEF}/versions/latest` }, 'latest'],
  ['an ARM id in other letter case', { id: DEF.toLowerCase().replace('gal_golden', 'GAL_GOLDEN') + '/Versions/2026.5.0' }, '2026.5.0'],
  ['a look-alike definition', { id: `${DEF}-v2/versions/2026.5.0` }, undefined],
  ['a shared gallery version id', { sharedGalleryImageId: `${SHARED}/Versions/2026.5.0` }, '2026.5.0'],
  ['a shared gallery id without version (latest)', { sharedGalleryImageId: SHARED }, 'latest'],
  ['a shared gallery id ending Versions/latest', { sharedGalleryImageId: `${SHARED}/Versions/latest` }, 'latest'],
  ['a shared gallery id in lower case (as Azure docs spell it)', { sharedGalleryImageId: `${SHARED}/Versions/2026.5.0`.toLowerCase() }, '2026.5.0'],
  ["another gallery's shared id, same image name", { sharedGalleryImageId: `/SharedGalleries/${SUB}-GAL_STAGING/Images/dispatch/Versions/2026.5.0` }, undefined],
  ['a shared id for another image of the gallery', { sharedGalleryImageId: `/SharedGalleries/${SUB}-GAL_GOLDEN/Images/dispatch-v2` }, undefined],
  ['a community gallery version id', { communityGalleryImageId: `${COMMUNITY}/Versions/2026.5.0` }, '2026.5.0'],
  ['a community gallery id without version (latest)', { communityGalleryImageId: COMMUNITY }, 'latest'],
  ['a community gallery id in lower case', { communityGalleryImageId: `${COMMUNITY}/versions/LATEST`.toLowerCase() }, 'latest'],
  ["the gallery's unique name used as a community name", { communityGalleryImageId: `/CommunityGalleries/${SUB}-GAL_GOLDEN/Images/dispatch` }, undefined],
  ['a platform image (no id at all)', {}, undefined],
])('%s', (_what, ids, expected) => {
  const match = matchImageReference(ids, DISPATCH, ALIASES);
  expect(match === undefined ? undefined : (match.version ?? 'latest')).toBe(expected);
  if (match) expect(match.id).toBe(ids.id ?? ids.sharedGalleryImageId ?? ids.communityGalleryImageId);
});

test("Microsoft's examples match the gallery whose aliases they name, by the property they use", () => {
  const image = { ...DISPATCH, image: 'sharedGalleryImageName' };
  const shared = exampleReference('VirtualMachine_Create_FromASharedGalleryImage.json');
  expect(matchImageReference(shared, image, { sharedGalleryName: 'sharedGalleryName', communityGalleryNames: [] })).toEqual({
    kind: 'sharedGalleryImageId',
    id: '/SharedGalleries/sharedGalleryName/Images/sharedGalleryImageName/Versions/sharedGalleryImageVersionName',
    version: 'sharedGalleryImageVersionName',
  });
  // The gallery is known only by its ARM id: an alias cannot be attributed to it.
  expect(matchImageReference(shared, image, { communityGalleryNames: [] })).toBeUndefined();

  const community = exampleReference('VirtualMachine_Create_FromACommunityGalleryImage.json');
  const communityImage = { ...DISPATCH, image: 'communityGalleryImageName' };
  expect(matchImageReference(community, communityImage, { communityGalleryNames: ['other-x', 'galleryPublicName'] })?.kind).toBe('communityGalleryImageId');
  expect(matchImageReference(community, communityImage, { sharedGalleryName: 'galleryPublicName', communityGalleryNames: [] })).toBeUndefined();
});
