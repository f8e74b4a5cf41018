/** Why a request or a click was refused; the code is for programs, the reason for the person in chat. */
export interface Refusal {
  code: RefusalCode;
  reason: string;
  /** A command that fixes what stopped it (or shows what to do), offered as a button. */
  fix?: string;
}

export type RefusalCode =
  | 'no-rule'
  | 'not-requester'
  | 'not-approver'
  | 'self-approval'
  | 'already-approved'
  | 'decided'
  | 'cancelled'
  | 'expired'
  | 'not-due'
  | 'insufficient-approvals'
  | 'already-executing'
  | 'not-executing'
  | 'reason-required'
  | 'unsafe-retirement'
  | 'invalid-stage'
  | 'gate-failed'
  | 'not-found';
