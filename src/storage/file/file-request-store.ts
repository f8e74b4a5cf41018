import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeRequest } from '../../approvals/change-request';
import { OPEN_STATES } from '../../approvals/change-request';
import { changeRequestSchema } from '../../approvals/change-request-schema';
import { byCreation, requestTouchesImage, SAFE_REQUEST_ID } from '../matches';
import { StoreError } from '../store-error';
import type { ChangeRequestStore, CreateResult, ReplaceResult } from '../store-port';
import { writeFileAtomic } from './atomic-write';
import { readJsonFile } from './read-json-file';

/** One JSON file per request under `<dir>/requests`; writes run inside the store's exclusive section. */
export class FileRequestStore implements ChangeRequestStore {
  constructor(
    private readonly dir: string,
    private readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async get(id: string): Promise<ChangeRequest | undefined> {
    if (!SAFE_REQUEST_ID.test(id)) return undefined;
    return readJsonFile(this.pathOf(id), changeRequestSchema);
  }

  create(request: ChangeRequest): Promise<CreateResult> {
    const path = this.checkedPath(request.id);
    return this.exclusive(async () => {
      if (await readJsonFile(path, changeRequestSchema)) return { ok: false, reason: 'exists' } as const;
      await writeFileAtomic(path, JSON.stringify(request));
      return { ok: true } as const;
    });
  }

  replace(next: ChangeRequest, expectedRevision: number): Promise<ReplaceResult> {
    const path = this.checkedPath(next.id);
    return this.exclusive(async (): Promise<ReplaceResult> => {
      const current = await readJsonFile(path, changeRequestSchema);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.revision !== expectedRevision) return { ok: false, reason: 'stale', current };
      await writeFileAtomic(path, JSON.stringify(next));
      return { ok: true };
    });
  }

  async listOpen(): Promise<ChangeRequest[]> {
    return (await this.all()).filter((r) => OPEN_STATES.includes(r.state));
  }

  async listByImage(gallery: string, image: string): Promise<ChangeRequest[]> {
    return (await this.all()).filter((r) => requestTouchesImage(r, gallery, image));
  }

  // A full scan: fine for the single-instance default (hundreds of requests); the table store indexes.
  private async all(): Promise<ChangeRequest[]> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    const requests = await Promise.all(names.map((n) => readJsonFile(join(this.dir, n), changeRequestSchema)));
    return requests.filter((r): r is ChangeRequest => r !== undefined).sort(byCreation);
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private checkedPath(id: string): string {
    if (!SAFE_REQUEST_ID.test(id)) throw new StoreError(`refusing unsafe request id ${JSON.stringify(id)}`);
    return this.pathOf(id);
  }
}
