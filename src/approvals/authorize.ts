import type { Policy, PolicyAction, PolicyPerson, PolicyRule } from './policy';
import { findRule } from './find-rule';
import { sameId } from './same-id';

/** Who asks to do what, where. `gallery` is the gallery that changes (see `galleryThatChanges`). */
export interface AuthorizeInput {
  action: PolicyAction;
  gallery: string;
  image: string;
  /** The caller's Entra object id (`from.aadObjectId`); never a name. */
  actor: string;
  role: 'request' | 'approve';
}

/** The verdict, with the rule that decided it so callers can read its other settings. */
export type Authorization =
  | { allowed: true; rule: PolicyRule }
  | { allowed: false; code: 'no-rule' | 'not-requester' | 'not-approver'; reason: string; rule?: PolicyRule };

/** Pure: may `actor` request (or approve) `action` on `gallery/image` under `policy`? */
export function authorize(policy: Policy, input: AuthorizeInput): Authorization {
  const where = `${input.gallery}/${input.image}`;
  const rule = findRule(policy, input);
  if (!rule) {
    return {
      allowed: false,
      code: 'no-rule',
      reason: `No approval rule covers ${input.action} in ${where}, so it cannot be requested. Ask whoever runs GalleryOps to add a rule for ${input.gallery} to the policy file.`,
    };
  }
  const people = input.role === 'request' ? rule.requesters : rule.approvers;
  if (people.some((p) => sameId(p.id, input.actor))) return { allowed: true, rule };
  const who = input.role === 'request' ? 'request' : 'approve';
  return {
    allowed: false,
    code: input.role === 'request' ? 'not-requester' : 'not-approver',
    reason: `You are not allowed to ${who} ${input.action} in ${where}. People who may: ${labels(people)}.`,
    rule,
  };
}

/** Names for messages; an unnamed person shows as the start of their object id. */
export function labels(people: readonly PolicyPerson[]): string {
  return people.map((p) => p.name ?? `${p.id.slice(0, 8)}…`).join(', ');
}
