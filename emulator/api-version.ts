import { ArmError } from './arm-error';

/** The oldest gallery api-version the emulator accepts; older clients would expect shapes it does not model. */
export const OLDEST_API_VERSION = '2022-03-03';
/** The shape every answer has, whatever version was asked for (what `@azure/arm-compute` 25 sends). */
export const RESPONSE_API_VERSION = '2025-12-03';

/** Resource Graph versions its API separately from Compute; 2021-03-01 is the first with `objectArray` results by default. */
export const GRAPH_API_VERSIONS = { oldest: '2021-03-01', newest: '2024-04-01' } as const;

const API_VERSION = /^(\d{4}-\d{2}-\d{2})(-preview)?$/;

/**
 * Checks `api-version` the way ARM does: missing → MissingApiVersionParameter, unknown or too old →
 * InvalidApiVersionParameter (both 400). Returns the date part, which write handlers use for version-specific
 * defaults.
 */
export function checkApiVersion(
  value: string | null,
  range: { oldest: string; newest: string } = { oldest: OLDEST_API_VERSION, newest: RESPONSE_API_VERSION },
): string {
  if (value === null || value === '') {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      "The api-version query parameter (?api-version=) is required for all requests.",
    );
  }
  const match = API_VERSION.exec(value);
  const date = match?.[1];
  if (date === undefined || date < range.oldest || Number.isNaN(Date.parse(date))) {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${value}' is invalid. The supported versions are '${range.oldest}' ` +
        `through '${range.newest}' and later stable versions.`,
    );
  }
  return date;
}
