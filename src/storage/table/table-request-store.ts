import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { ChangeRequest } from '../../approvals/change-request';
import { imageKeyOf, OPEN_STATES } from '../../approvals/change-request';
import { changeRequestSchema } from '../../approvals/change-request-schema';
import { byCreation, SAFE_REQUEST_ID } from '../matches';
import { StoreError } from '../store-error';
import type { ChangeRequestStore, CreateResult, ReplaceResult } from '../store-port';
import { toBodyColumns } from './entity-body';
import { parseEntity } from './parse-entity';
import { isConflict, isNotFound, storeFailure } from './table-errors';

const PARTITION = 'request';
type Row = Record<string, unknown>;

/**
 * Requests as rows of one partition. The body is the JSON document; `revision`, `isOpen` and the image keys
 * are copied into columns so listings filter on the server. `replace` compares the revision and then writes
 * with the ETag it read, so a write that slipped in between is refused by the service (412).
 */
export class TableRequestStore implements ChangeRequestStore {
  constructor(private readonly client: TableClient) {}

  async get(id: string): Promise<ChangeRequest | undefined> {
    if (!SAFE_REQUEST_ID.test(id)) return undefined;
    const row = await this.read(id);
    return row ? parseEntity(row, changeRequestSchema) : undefined;
  }

  async create(request: ChangeRequest): Promise<CreateResult> {
    try {
      await this.client.createEntity(entityOf(request));
      return { ok: true };
    } catch (err) {
      if (isConflict(err)) return { ok: false, reason: 'exists' };
      throw storeFailure('creating a request', err);
    }
  }

  async replace(next: ChangeRequest, expectedRevision: number): Promise<ReplaceResult> {
    const row = await this.read(next.id);
    if (!row) return { ok: false, reason: 'not-found' };
    const current = parseEntity(row, changeRequestSchema);
    if (current.revision !== expectedRevision) return { ok: false, reason: 'stale', current };
    try {
      await this.client.updateEntity(entityOf(next), 'Replace', { etag: row.etag });
      return { ok: true };
    } catch (err) {
      if (isConflict(err)) return { ok: false, reason: 'stale' };
      if (isNotFound(err)) return { ok: false, reason: 'not-found' };
      throw storeFailure('replacing a request', err);
    }
  }

  listOpen(): Promise<ChangeRequest[]> {
    return this.query(odata`PartitionKey eq ${PARTITION} and isOpen eq true`);
  }

  listByImage(gallery: string, image: string): Promise<ChangeRequest[]> {
    const key = imageKeyOf({ gallery, image });
    return this.query(odata`PartitionKey eq ${PARTITION} and (sourceImage eq ${key} or scopeImage eq ${key})`);
  }

  private async read(id: string): Promise<TableEntityResult<Row> | undefined> {
    try {
      return await this.client.getEntity<Row>(PARTITION, id);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading a request', err);
    }
  }

  private async query(filter: string): Promise<ChangeRequest[]> {
    const out: ChangeRequest[] = [];
    try {
      for await (const row of this.client.listEntities<Row>({ queryOptions: { filter } })) {
        out.push(parseEntity(row, changeRequestSchema));
      }
    } catch (err) {
      throw storeFailure('listing requests', err);
    }
    return out.sort(byCreation);
  }
}

function entityOf(request: ChangeRequest) {
  if (!SAFE_REQUEST_ID.test(request.id)) throw new StoreError(`refusing unsafe request id ${JSON.stringify(request.id)}`);
  return {
    partitionKey: PARTITION,
    rowKey: request.id,
    revision: request.revision,
    state: request.state,
    isOpen: OPEN_STATES.includes(request.state),
    sourceImage: imageKeyOf(request.target),
    scopeImage: imageKeyOf(request.scope),
    createdAt: request.createdAt,
    ...toBodyColumns(JSON.stringify(request)),
  };
}
