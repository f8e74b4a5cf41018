/**
 * Azure region names. People type display names (`East US 2`) and programmatic names (`eastus2`); ARM answers
 * with display names in publishing profiles. Both are compared flattened (lower case, no spaces).
 */

/** A region as ARM's `subscriptions/{id}/locations` lists it. */
export interface KnownRegion {
  /** Programmatic name, e.g. `eastus2`. */
  name: string;
  /** As Azure shows it, e.g. `East US 2`. */
  displayName: string;
}

/** The form regions are compared in: `East US 2` and `eastus2` are the same region. */
export function regionKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** True when two spellings name the same region. */
export function sameRegion(a: string, b: string): boolean {
  return regionKey(a) === regionKey(b);
}

// Public-cloud and US Government regions (November 2026). Callers that can ask ARM for the subscription's
// locations pass that list instead; this table only keeps the embedded mode and tests independent of it.
const DISPLAY_NAMES = [
  'East US', 'East US 2', 'Central US', 'North Central US', 'South Central US', 'West Central US', 'West US',
  'West US 2', 'West US 3', 'Canada Central', 'Canada East', 'Brazil South', 'Brazil Southeast', 'Mexico Central',
  'Chile Central', 'North Europe', 'West Europe', 'UK South', 'UK West', 'France Central', 'France South',
  'Germany West Central', 'Germany North', 'Switzerland North', 'Switzerland West', 'Norway East', 'Norway West',
  'Sweden Central', 'Sweden South', 'Poland Central', 'Italy North', 'Spain Central',
  'Belgium Central', 'Israel Central', 'Qatar Central', 'UAE North', 'UAE Central',
  'South Africa North', 'South Africa West', 'Central India', 'South India', 'West India', 'Jio India West',
  'Jio India Central', 'East Asia', 'Southeast Asia', 'Japan East', 'Japan West', 'Korea Central', 'Korea South',
  'Indonesia Central', 'Malaysia West', 'Australia East', 'Australia Southeast', 'Australia Central',
  'Australia Central 2', 'New Zealand North', 'US Gov Virginia', 'US Gov Arizona', 'US Gov Texas', 'US DoD Central',
  'US DoD East',
];

/** The built-in region table, used when no list from ARM is given. */
export const AZURE_REGIONS: readonly KnownRegion[] = DISPLAY_NAMES.map((displayName) => ({ name: regionKey(displayName), displayName }));

/** The known region a typed name means (by programmatic or display name), if any. */
export function findRegion(typed: string, known: readonly KnownRegion[] = AZURE_REGIONS): KnownRegion | undefined {
  const key = regionKey(typed);
  return known.find((r) => regionKey(r.name) === key || regionKey(r.displayName) === key);
}
