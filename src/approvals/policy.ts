import { deepFreeze } from '../deep-freeze';
import { DocumentProblemsError } from '../document-problems-error';
import { checkDocument, readJsonDocument } from '../json-document';
import type { PolicyHook } from '../hooks/hook-schema';
import type { Stage } from '../stages';
import { policyFileSchema, type PolicyFile } from './policy-schema';

/**
 * What a change does to a gallery; `promote` covers latest, regions and stage copies; `repair` re-drives the
 * replication of Failed regions (it may remove a region and add it back).
 */
export type PolicyAction = 'promote' | 'retire' | 'repair';

/** An Entra identity named in the policy; `name` is a label only, never used for decisions. */
export interface PolicyPerson {
  id: string;
  name?: string;
}

/** One rule, with the file's defaults and the product defaults already applied. */
export interface PolicyRule {
  gallery: string;
  image?: string;
  actions: readonly PolicyAction[];
  requesters: readonly PolicyPerson[];
  approvers: readonly PolicyPerson[];
  minApprovals: number;
  allowSelfApproval: boolean;
  expiresAfterMs: number;
  reasonRequired: boolean;
  allowUnsafeRetirement: boolean;
  approvalsChannel?: string;
}

/** The validated, frozen policy: promotion path and approval rules. */
export interface Policy {
  stages: readonly Stage[];
  rules: readonly PolicyRule[];
  /** Who may subscribe a channel to events; absent: anyone in the team. */
  channelSubscribers?: readonly PolicyPerson[];
  /** Outgoing hooks (README "Outgoing hooks"); config.ts resolves their settings into secrets. */
  hooks?: readonly PolicyHook[];
}

/** Thrown when the policy file is invalid: one message listing every problem. */
export class PolicyError extends DocumentProblemsError {
  constructor(problems: string[], source = 'the policy file') {
    super(problems, source);
    this.name = 'PolicyError';
  }
}

const HOUR_MS = 3_600_000;

/** Validates a parsed policy document; throws one PolicyError naming every problem. */
export function parsePolicy(raw: unknown, source?: string): Policy {
  const file = checkDocument(policyFileSchema, raw, (problems) => new PolicyError(problems, source));
  const rules = file.rules.map((r) => applyDefaults(r, file.defaults));
  const problems = rules.flatMap((rule, i) => ruleProblems(rule, i)).concat(overlapProblems(rules), hookNameProblems(file.hooks ?? []));
  if (problems.length > 0) throw new PolicyError(problems, source);
  const channelSubscribers = file.subscriptions?.channelSubscribers;
  return deepFreeze({ stages: file.stages, rules, ...(channelSubscribers ? { channelSubscribers } : {}), ...(file.hooks?.length ? { hooks: file.hooks } : {}) });
}

/** Reads and validates a policy file (JSON). */
export function readPolicyFile(path: string): Policy {
  return parsePolicy(readJsonDocument(path, (problems) => new PolicyError(problems, path)), path);
}

type FileRule = PolicyFile['rules'][number];

function applyDefaults(r: FileRule, d: PolicyFile['defaults']): PolicyRule {
  const rule: PolicyRule = {
    gallery: r.gallery,
    actions: [...new Set(r.actions)],
    requesters: r.requesters,
    approvers: r.approvers,
    minApprovals: r.minApprovals ?? d.minApprovals ?? 1,
    allowSelfApproval: r.allowSelfApproval ?? d.allowSelfApproval ?? false,
    expiresAfterMs: (r.expiresAfterHours ?? d.expiresAfterHours ?? 24) * HOUR_MS,
    reasonRequired: r.reasonRequired ?? d.reasonRequired ?? false,
    allowUnsafeRetirement: r.allowUnsafeRetirement ?? d.allowUnsafeRetirement ?? false,
  };
  if (r.image !== undefined) rule.image = r.image;
  if (r.approvalsChannel !== undefined) rule.approvalsChannel = r.approvalsChannel;
  return rule;
}

function ruleProblems(rule: PolicyRule, index: number): string[] {
  const at = `rules.${index} (${rule.gallery}${rule.image ? `/${rule.image}` : ''})`;
  const problems: string[] = [];
  const approvers = new Set(rule.approvers.map((p) => p.id.toLowerCase()));
  if (approvers.size !== rule.approvers.length) problems.push(`${at}: an approver is listed twice`);
  if (rule.minApprovals > approvers.size) {
    problems.push(`${at}: minApprovals is ${rule.minApprovals} but only ${approvers.size} approver(s) are listed`);
  }
  // A requester who is one of exactly N approvers could never collect N approvals from others: their requests
  // would sit until they expire. Refuse the configuration rather than strand requests.
  if (!rule.allowSelfApproval) {
    const stuck = rule.requesters.filter((p) => approvers.has(p.id.toLowerCase()) && approvers.size - 1 < rule.minApprovals);
    for (const p of stuck) {
      problems.push(
        `${at}: requester ${p.name ?? p.id} is an approver and self-approval is forbidden, so their requests could never reach ${rule.minApprovals} approval(s); add approvers or lower minApprovals`,
      );
    }
  }
  return problems;
}

/** A hook's name keys what it has delivered: two hooks by one name would silence each other. */
function hookNameProblems(hooks: readonly PolicyHook[]): string[] {
  return hooks.flatMap((hook, i) => {
    const first = hooks.findIndex((h) => h.name === hook.name);
    return first < i ? [`hooks.${i} (${hook.name}): hooks.${first} already has this name`] : [];
  });
}

/** Two rules for the same gallery, image and action would make "most specific wins" ambiguous. */
function overlapProblems(rules: readonly PolicyRule[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    for (const action of rule.actions) {
      const key = `${rule.gallery.toLowerCase()}/${rule.image?.toLowerCase() ?? '*'}/${action}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else problems.push(`rules.${i}: rules.${first} already covers ${action} in ${rule.gallery}${rule.image ? `/${rule.image}` : ''}`);
    }
  });
  return problems;
}
