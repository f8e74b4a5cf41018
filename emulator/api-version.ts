import { ArmError } from './arm-error';
import { GALLERY_API_VERSIONS, NEWEST_GALLERY_API_VERSION } from './gallery-api-versions';

export { GALLERY_API_VERSIONS, NEWEST_GALLERY_API_VERSION } from './gallery-api-versions';

/** Resource Graph versions its API separately from Compute; 2021-03-01 is the first with `objectArray` results by default. */
export const GRAPH_API_VERSIONS = { kind: 'range', oldest: '2021-03-01', newest: '2024-04-01' } as const;

/**
 * Scale sets and VMs are only read, in shapes that have not changed for years, so any well-formed Compute
 * api-version from this one on is accepted for them (the SDK sends 2026-04-01).
 */
const OLDEST_COMPUTE_API_VERSION = '2015-06-15';

const API_VERSION = /^(\d{4}-\d{2}-\d{2})(-preview)?$/;

/** How the request's api-version is judged: a gallery resource type, Resource Graph, or another Compute type. */
export type ApiVersionScope =
  | { kind: 'gallery'; type: string; location: string | undefined }
  | { kind: 'range'; oldest: string; newest: string };

function missing(): ArmError {
  return new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
}

function malformed(value: string, supported: string): ArmError {
  return new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${value}' is invalid. The supported versions are ${supported}.`);
}

/**
 * ARM's answer for a well-formed api-version the provider has not registered for the type. Seen in the wild:
 * `400 NoRegisteredProviderFound` "No registered resource provider found for location 'eastus' and API version
 * '2022-08-01' for type 'galleries'. The supported api-versions are '2018-06-01, …, 2023-07-03'. The supported
 * locations are '…'." (flatcar/mantle pull request 520, 2024), and the same for type 'galleries/images/versions'
 * (Azure/azure-libraries-for-java issue 1293, 2020). The emulator lists the versions it models.
 */
export function noRegisteredProvider(value: string, type: string, location: string | undefined): ArmError {
  return new ArmError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location '${location ?? ''}' and API version '${value}' for type '${type}'. ` +
      `The supported api-versions are '${GALLERY_API_VERSIONS.join(', ')}'. The supported locations are '${SUPPORTED_LOCATIONS}'.`,
  );
}

const SUPPORTED_LOCATIONS = 'eastus, eastus2, westus, westus2, westus3, centralus, northcentralus, southcentralus, westcentralus, ' +
  'canadacentral, northeurope, westeurope, uksouth, francecentral, germanywestcentral, swedencentral, southeastasia, eastasia, ' +
  'japaneast, australiaeast, centralindia, brazilsouth';

/**
 * Checks `api-version` the way ARM does: missing → MissingApiVersionParameter, not a version at all →
 * InvalidApiVersionParameter, a version the gallery provider does not serve → NoRegisteredProviderFound (all 400).
 * Returns the date part, which handlers use to shape answers for that version.
 */
export function checkApiVersion(value: string | null, scope: ApiVersionScope = { kind: 'range', oldest: OLDEST_COMPUTE_API_VERSION, newest: NEWEST_GALLERY_API_VERSION }): string {
  if (value === null || value === '') throw missing();
  const match = API_VERSION.exec(value);
  const date = match?.[1];
  if (scope.kind === 'gallery') {
    if (date === undefined || Number.isNaN(Date.parse(date))) throw malformed(value, `'${GALLERY_API_VERSIONS.join(',')}'`);
    // Previews are registered separately; the emulator models stable versions only.
    if (match?.[2] !== undefined || !(GALLERY_API_VERSIONS as readonly string[]).includes(date)) throw noRegisteredProvider(value, scope.type, scope.location);
    return date;
  }
  if (date === undefined || date < scope.oldest || Number.isNaN(Date.parse(date))) {
    throw malformed(value, `'${scope.oldest}' through '${scope.newest}' and later stable versions`);
  }
  return date;
}
