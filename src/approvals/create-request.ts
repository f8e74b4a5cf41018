import type { AuditEntry } from '../audit/audit-record';
import type { Actor, ChangeRequest, Gate, LatestMove, PlannedChange, VersionTarget } from './change-request';
import type { Policy, PolicyRule } from './policy';
import type { Refusal } from './refusal';
import { authorize } from './authorize';
import { actionOf, galleryThatChanges, type ChangeKind } from './gallery-that-changes';
import { asJson, refusalAudit, requestAudit } from './request-audit';

/** What a `promote` / `retire` command hands over once it has read the gallery and planned the change. */
export interface NewChangeRequest {
  kind: ChangeKind;
  target: VersionTarget;
  /** Required for `promote-stage`. */
  toStage?: string;
  changes: PlannedChange[];
  gates: Gate[];
  warnings?: string[];
  requester: Actor & { teamsUserId: string };
  reason?: string;
  /** Retiring would leave the definition with no version eligible for latest. */
  unsafeRetirement?: boolean;
  /** What latest is now and becomes (promote to latest, retire), for the card. */
  latest?: LatestMove;
}

/** Injected so tests control time and ids. */
export interface CreateDeps {
  now: Date;
  newId: () => string;
}

export type CreateResult =
  | { ok: true; request: ChangeRequest; rule: PolicyRule; auditEvents: AuditEntry[] }
  | { ok: false; refused: Refusal; auditEvents: AuditEntry[] };

/** Checks the requester's rights and the rule's conditions, then builds a pending request (revision 1). */
export function createChangeRequest(policy: Policy, input: NewChangeRequest, deps: CreateDeps): CreateResult {
  const draft = buildDraft(input, deps);
  // A refused request never exists, so its audit record names the image and version but no request id.
  const refuse = (refused: Refusal): CreateResult => {
    const { requestId: _none, ...entry } = refusalAudit(draft, deps.now, input.requester, 'create', refused);
    return { ok: false, refused, auditEvents: [entry] };
  };

  const location =
    input.kind === 'promote-stage'
      ? galleryThatChanges(policy.stages, { kind: 'promote-stage', gallery: input.target.gallery, toStage: input.toStage ?? '' })
      : galleryThatChanges(policy.stages, { kind: input.kind, gallery: input.target.gallery });
  if ('refused' in location) return refuse({ code: 'invalid-stage', reason: location.refused });

  const scope = { action: actionOf(input.kind), gallery: location.gallery, image: input.target.image };
  const verdict = authorize(policy, { ...scope, actor: input.requester.aadObjectId, role: 'request' });
  if (!verdict.allowed) return refuse({ code: verdict.code, reason: verdict.reason });
  const rule = verdict.rule;

  const reason = input.reason?.trim();
  if (rule.reasonRequired && !reason) {
    return refuse({ code: 'reason-required', reason: `Changes in ${scope.gallery} need a reason: add "because <reason>" to the command.` });
  }
  // A promotion is judged when asked: a gate that cannot pass as asked (a Failed region, past end of life, a policy
  // violation, a version already in that stage) would only send approvers a request that cannot succeed.
  // Retirements keep their own rule (the unsafe-retirement override below): retiring a bad version is the point.
  const blocking = input.kind === 'retire' ? [] : input.gates.filter((g) => !g.passed && g.waitsFor === undefined);
  if (blocking.length > 0) {
    const first = blocking[0]!;
    const shown = blocking.slice(0, 3).map((g) => bounded(`${g.name} does not hold${g.detail ? ` (${g.detail.replace(/\.+$/, '')})` : ''}`, 600));
    const more = blocking.length > 3 ? `; and ${blocking.length - 3} more gates` : '';
    return refuse({ code: 'gate-failed', reason: `Not requested: ${shown.join('; ')}${more}. Nothing was sent to the approvers.`, ...(first.fix ? { fix: first.fix } : {}) });
  }
  const warnings = [...(input.warnings ?? [])];
  if (input.unsafeRetirement) {
    const what = `Retiring ${input.target.version} leaves ${input.target.gallery}/${input.target.image} with no version eligible for latest`;
    if (!rule.allowUnsafeRetirement) {
      return refuse({ code: 'unsafe-retirement', reason: `${what}; the policy does not allow that. Promote another version to latest first.` });
    }
    warnings.push(`${what} (allowed by the policy's override).`);
  }

  const waits = input.gates.filter((g) => !g.passed && g.waitsFor !== undefined).map((g) => g.waitsFor as string);
  const request: ChangeRequest = {
    ...draft,
    scope,
    warnings,
    ...(waits.length > 0 ? { waiting: { for: waits.join('; '), checkedAt: deps.now.toISOString() } } : {}),
    requiredApprovals: rule.minApprovals,
    expiresAt: new Date(deps.now.getTime() + rule.expiresAfterMs).toISOString(),
    ...(reason ? { reason } : {}),
  };
  const details = {
    kind: request.kind,
    ...(request.toStage ? { toStage: request.toStage } : {}),
    ...(reason ? { reason } : {}),
    changes: asJson(request.changes),
    gates: asJson(request.gates),
    requiredApprovals: request.requiredApprovals,
    expiresAt: request.expiresAt,
    ...(request.waiting ? { waitingFor: request.waiting.for } : {}),
  };
  return { ok: true, request, rule, auditEvents: [requestAudit(request, deps.now, input.requester, 'request.created', details)] };
}

function buildDraft(input: NewChangeRequest, deps: CreateDeps): ChangeRequest {
  const at = deps.now.toISOString();
  return {
    id: deps.newId(),
    revision: 1,
    kind: input.kind,
    target: input.target,
    ...(input.toStage ? { toStage: input.toStage } : {}),
    changes: input.changes,
    gates: input.gates,
    warnings: input.warnings ?? [],
    ...(input.latest ? { latest: input.latest } : {}),
    scope: { action: actionOf(input.kind), gallery: input.target.gallery, image: input.target.image },
    requester: input.requester,
    createdAt: at,
    expiresAt: at,
    requiredApprovals: 1,
    approvals: [],
    state: 'pending',
    cards: [],
  };
}

/** A refusal names gates from the planner (and ARM's words in them): bounded, so one odd gate cannot flood a card. */
function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
