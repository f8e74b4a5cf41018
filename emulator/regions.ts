import { regionKey } from './replication';

/**
 * Display names Azure answers with, whatever spelling the request used ("eastus2" → "East US 2"). Only regions
 * GalleryOps' demo and tests use are listed; any other name is echoed as given.
 */
const DISPLAY_NAMES = [
  'East US', 'East US 2', 'West US', 'West US 2', 'West US 3', 'Central US', 'North Central US', 'South Central US',
  'West Central US', 'Canada Central', 'North Europe', 'West Europe', 'UK South', 'France Central',
  'Germany West Central', 'Sweden Central', 'Southeast Asia', 'East Asia', 'Japan East', 'Australia East',
  'Central India', 'Brazil South',
];
const BY_KEY = new Map(DISPLAY_NAMES.map((name) => [regionKey(name), name]));

export function regionDisplayName(name: string): string {
  return BY_KEY.get(regionKey(name)) ?? name;
}
