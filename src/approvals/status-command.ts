import { executionPlanOf } from './plan';
import type { ChangeRequest } from './change-request';

/** The command that shows the version a request changes, for checking by hand (`image status gal/img 1.2.3`). */
export function statusCommandOf(request: ChangeRequest): string {
  try {
    const plan = executionPlanOf(request);
    return `image status ${plan.image.gallery}/${plan.image.image} ${plan.version}`;
  } catch {
    return `image status ${request.target.gallery}/${request.target.image} ${request.target.version}`;
  }
}
