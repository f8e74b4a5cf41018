/**
 * ARM's error contract: `{ error: { code, message, target?, details? } }` with an HTTP status. Handlers throw an
 * `ArmError`; the HTTP layer turns it into exactly that body, so every failure path looks like Azure to the SDK.
 */

/** One ARM error detail (same shape as the top-level error). */
export interface ArmErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorDetail[];
}

/** The JSON body ARM sends with every error. */
export interface ArmErrorBody {
  error: ArmErrorDetail;
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { target?: string; details?: ArmErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }

  toBody(): ArmErrorBody {
    const error: ArmErrorDetail = { code: this.code, message: this.message };
    if (this.extra.target !== undefined) error.target = this.extra.target;
    if (this.extra.details !== undefined) error.details = this.extra.details;
    return { error };
  }
}

/** 400 InvalidParameter, the code ARM uses for a malformed name or property value. */
export function invalidParameter(message: string, target?: string): ArmError {
  return new ArmError(400, 'InvalidParameter', message, target === undefined ? {} : { target });
}

/** 404 for a missing top-level (or leaf) resource, worded like ARM. */
export function resourceNotFound(type: string, name: string, resourceGroup: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. ` +
      'For more details please go to https://aka.ms/ARMResourceNotFoundFix',
  );
}

/** 404 for a nested resource whose parent does not exist. */
export function parentResourceNotFound(parentType: string, parentName: string): ArmError {
  return new ArmError(
    404,
    'ParentResourceNotFound',
    `Can not perform requested operation on nested resource. Parent resource '${parentName}' (${parentType}) not found.`,
  );
}
