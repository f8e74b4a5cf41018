import type { AuditEntry } from '../audit/audit-record';
import { canonicalJson } from '../audit/canonical-json';
import type { JsonValue } from '../json-value';
import type { Actor, ChangeRequest } from './change-request';
import { claimKey } from './field-claims';
import { requestAudit } from './request-audit';

/**
 * Why a new request was not created: the open request `request` already sets one of its fields (the store
 * refused the create on that claim). `sameTarget`: it sets every field asked to the value asked (the gallery
 * may have moved since it was planned, so it may set more), so it is the answer ("already requested");
 * otherwise the ask is refused, naming it, and `field` says where they differ (`differs`), or, when every
 * shared field agrees, the field it holds while the ask sets more.
 */
export interface HeldField {
  request: ChangeRequest;
  sameTarget: boolean;
  field: { resourceId: string; path: string; holderSets: JsonValue; asked: JsonValue; differs: boolean };
}

/** Compares what was asked (`wanted`) with the open request holding claim `key`. */
export function heldField(wanted: ChangeRequest, holder: ChangeRequest, key: string): HeldField {
  const theirs = fieldsOf(holder);
  const mine = fieldsOf(wanted);
  const agrees = (k: string) => theirs.has(k) && canonicalJson(theirs.get(k)!.after) === canonicalJson(mine.get(k)!.after);
  const sameTarget = [...mine.keys()].every(agrees);
  // The store names the first claim it met, which may be a field both set alike: name one that differs.
  const differing = [...mine.keys()].find((k) => theirs.has(k) && !agrees(k));
  const at = differing ?? key;
  const shown = mine.get(at) ?? theirs.get(at);
  return {
    request: holder,
    sameTarget,
    field: {
      resourceId: shown?.resourceId ?? at.slice(0, at.lastIndexOf('#')),
      path: shown?.path ?? at.slice(at.lastIndexOf('#') + 1),
      holderSets: theirs.get(at)?.after ?? null,
      asked: mine.get(at)?.after ?? null,
      differs: differing !== undefined,
    },
  };
}

/** Every field a request sets, by claim key. */
function fieldsOf(request: ChangeRequest): Map<string, { resourceId: string; path: string; after: JsonValue }> {
  return new Map(request.changes.flatMap((c) => c.fields.map((f) => [claimKey(c.resourceId, f.field), { resourceId: c.resourceId, path: f.field, after: f.after }] as const)));
}

/**
 * The refusal record of an ask that conflicts with an open request. Like every refused create it names the
 * version but no request id (the ask never became a request); the holder is named in the details.
 */
export function conflictAudit(wanted: ChangeRequest, held: HeldField, requester: Actor, now: Date): AuditEntry {
  const how = held.field.differs ? 'to another value' : 'and the ask changes more';
  const reason = `Request ${held.request.id} (${held.request.state}) already sets ${held.field.path} of this version, ${how}; only one open request may change a field.`;
  const { requestId: _none, ...entry } = requestAudit(wanted, now, requester, 'request.refused', {
    attempted: 'create',
    code: 'conflicting-request',
    reason,
    heldBy: held.request.id,
    field: held.field.path,
  });
  return entry;
}
