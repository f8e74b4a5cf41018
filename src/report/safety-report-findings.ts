import type { ImageVersion } from '../gallery/model';
import { failedValidations, validationName } from '../gallery/version-state';
import { runnableFix, typedFix } from './fix-command';
import type { ReportFinding } from './report-types';
import type { VersionCheck } from './version-findings';

/**
 * What Azure itself says is wrong with a version: its provisioning failed, it is flagged for a policy
 * violation (ImageFlaggedUnsafe, CVE findings), or a validation it ran failed. Each is checked before end of
 * life: a version past end of life that is also unsafe must still be reported as unsafe.
 */
export function safetyReportFindings(c: VersionCheck, v: ImageVersion): ReportFinding[] {
  const read = c.snapshot.replication.get(v.version);
  // The list carries the state and safety profile; the version GET beside it (when made) is newer and carries validations.
  const state = read?.ok && read.provisioningState ? read.provisioningState : v.provisioningState;
  const full: ImageVersion = read?.ok && read.validation ? { ...v, validation: read.validation } : v;
  const out: ReportFinding[] = [];
  const isLatest = v === c.latest;
  const base = { subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, gallery: v.gallery, image: v.image, version: v.version, isLatest };
  const label = `${v.gallery}/${v.image} ${v.version}`;
  const status = runnableFix(`image status ${c.q} ${v.version}`, 'see what Azure reports');
  if (state === 'Failed') {
    out.push({
      kind: 'provisioning-failed',
      severity: 'high',
      ...base,
      text: `${label}: provisioning failed; it cannot be deployed.`,
      fixes: [status, runnableFix(`versions ${c.q}`, 'pick a version that provisioned')],
    });
  }
  const violations = v.safety.policyViolations.map((p) => (p.details ? `${p.category} (${p.details})` : p.category));
  if (violations.length || v.safety.reportedForPolicyViolation) {
    const what = violations.length ? violations.join('; ') : 'a policy violation';
    const retire = v.excludeFromLatest ? [] : [typedFix(`retire ${c.q} ${v.version}`, 'exclude it from latest')];
    out.push({
      kind: 'flagged-unsafe',
      severity: 'high',
      ...base,
      text: `${label} is flagged by Azure for ${what}.${isLatest ? ' It is the latest version: every deployment of latest gets it.' : ''}`,
      fixes: [status, ...retire],
      violations: violations.length ? violations : ['policy violation'],
    });
  }
  const failed = failedValidations(full);
  if (failed.length) {
    const names = failed.map(validationName);
    out.push({
      kind: 'validation-failed',
      severity: isLatest ? 'high' : 'medium',
      ...base,
      text: `${label} failed Azure's validation ${names.join(', ')}.${isLatest ? ' It is the latest version.' : ''}`,
      fixes: [status],
      violations: names,
    });
  }
  return out;
}
