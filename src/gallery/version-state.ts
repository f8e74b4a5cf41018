import type { ImageVersion } from './model';

/**
 * A version ARM has finished provisioning. Creating, Updating, Failed, Deleting and Migrating versions are
 * still being worked on (or broken): their replication is not final and they are not what latest should be
 * taken to deploy. A version without a state (fakes, old answers) counts as settled.
 */
export function isProvisioned(v: Pick<ImageVersion, 'provisioningState'>): boolean {
  return v.provisioningState === undefined || v.provisioningState === 'Succeeded';
}

/** Validations Azure ran on the version that failed (`validationsProfile.executedValidations`). */
export function failedValidations(v: Pick<ImageVersion, 'validation'>): { type: string; version?: string }[] {
  return (v.validation?.executed ?? []).filter((e) => e.status.toLowerCase() === 'failed').map((e) => ({ type: e.type, ...(e.version ? { version: e.version } : {}) }));
}

/** `LinuxSecurityBaseline (beta)`. */
export function validationName(e: { type: string; version?: string }): string {
  return e.version ? `${e.type} (${e.version})` : e.type;
}
