/**
 * Long-running operations. A write registers an operation that stays InProgress for a configured time and then
 * settles — Succeeded, or Failed when fault injection said so — running the write's own completion callback.
 * Settling is lazy (checked at the start of every request), so no timers outlive `close()`.
 */
import { randomUUID } from 'node:crypto';
import type { ArmErrorDetail } from './arm-error';
import type { ResourceAddress } from './arm-route';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface Operation {
  id: string;
  subscriptionId: string;
  /** Programmatic region name used in the operation URL, like ARM's `locations/eastus2/capsOperations/…`. */
  location: string;
  method: 'PUT' | 'PATCH' | 'DELETE';
  /** The resource the operation changes. */
  address: ResourceAddress;
  status: OperationStatus;
  startTime: Date;
  endTime?: Date;
  error?: ArmErrorDetail;
  /** Monotonic ms at which the operation settles. */
  dueAt: number;
  /** When set at start, the operation ends Failed with this error. */
  failWith?: ArmErrorDetail;
  onSucceeded(): void;
  onFailed(): void;
}

export type OperationSpec = Omit<Operation, 'id' | 'status' | 'startTime' | 'endTime' | 'error'>;

/** ARM's operation-status body (the `Azure-AsyncOperation` URL's answer). */
export interface OperationStatusBody {
  name: string;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  error?: ArmErrorDetail;
}

export class OperationTracker {
  private readonly operations = new Map<string, Operation>();

  start(spec: OperationSpec, now: Date): Operation {
    const operation: Operation = { ...spec, id: randomUUID(), status: 'InProgress', startTime: now };
    this.operations.set(operation.id, operation);
    return operation;
  }

  get(id: string): Operation | undefined {
    return this.operations.get(id.toLowerCase());
  }

  /** Settles every operation that is due at monotonic time `at`. */
  settle(at: number, now: Date): void {
    for (const op of this.operations.values()) {
      if (op.status !== 'InProgress' || op.dueAt > at) continue;
      op.endTime = now;
      if (op.failWith !== undefined) {
        op.status = 'Failed';
        op.error = op.failWith;
        op.onFailed();
      } else {
        op.status = 'Succeeded';
        op.onSucceeded();
      }
    }
  }
}

export function operationStatusBody(op: Operation): OperationStatusBody {
  const body: OperationStatusBody = { name: op.id, status: op.status, startTime: op.startTime.toISOString() };
  if (op.endTime !== undefined) body.endTime = op.endTime.toISOString();
  if (op.error !== undefined) body.error = op.error;
  return body;
}
