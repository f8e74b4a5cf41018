import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { changeRequestSchema } from '../../approvals/change-request-schema';
import { SAFE_REQUEST_ID } from '../../approvals/request-order';
import { GENESIS_HASH, type AuditHead, type AuditRecord } from '../../audit/audit-record';
import { auditHeadSchema, auditRecordSchema } from '../../audit/audit-record-schema';
import { hashAuditRecord } from '../../audit/hash-record';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import { conversationKeyHash } from '../conversation-key-hash';
import { decodeRecord, MAX_RECORD_CHARS, type Decoded } from '../decode-record';
import { readLegacyBundle } from './legacy-bundle';
import type { LegacyData, SkippedFile } from './legacy-layout';

const AUDIT_FILE = /^(\d{12})\.json$/;
const CONVERSATION_FILE = /^([0-9a-f]{64})\.json$/;

/**
 * Reads an old data folder without changing it. Nothing here throws for a bad file: each one the old store
 * could not have read (empty, garbage, too large, another record's content) is listed in `skipped` and the
 * rest is imported. Temp files of an interrupted atomic write (names starting with `.`) were never data.
 */
export async function readLegacyFolder(dir: string): Promise<LegacyData> {
  const data: LegacyData = { requests: [], audit: [], head: undefined, conversations: [], evidence: [], skipped: [] };
  const skip = (path: string, problem: string) => data.skipped.push({ path, problem });

  for (const { name, path, text } of await readFolder(dir, 'requests', data.skipped)) {
    const id = name.replace(/\.json$/, '');
    const decoded = decodeRecord(text, changeRequestSchema);
    if (!name.endsWith('.json') || !SAFE_REQUEST_ID.test(id)) skip(path, 'not a change request file');
    else if (!decoded.ok) skip(path, decoded.problem);
    else if (decoded.value.id !== id) skip(path, `holds request ${decoded.value.id}, not ${id}`);
    else data.requests.push({ request: decoded.value, text });
  }

  let headFile: Decoded<AuditHead> | undefined;
  for (const { name, path, text } of await readFolder(dir, 'audit', data.skipped)) {
    const seq = AUDIT_FILE.exec(name)?.[1];
    if (name === 'head.json') {
      headFile = decodeRecord(text, auditHeadSchema);
      if (!headFile.ok) skip(path, headFile.problem);
      continue;
    }
    const decoded = decodeRecord(text, auditRecordSchema);
    if (seq === undefined) skip(path, 'not an audit record file');
    else if (!decoded.ok) skip(path, decoded.problem);
    else data.audit.push({ fileSeq: Number(seq), record: decoded.value, text });
  }
  data.audit.sort((a, b) => a.fileSeq - b.fileSeq);
  data.head = rollForward(headFile?.ok ? headFile.value : { seq: 0, hash: GENESIS_HASH }, data.audit);

  for (const { name, path, text } of await readFolder(dir, 'conversations', data.skipped)) {
    const hash = CONVERSATION_FILE.exec(name)?.[1];
    const decoded = decodeRecord(text, conversationRecordSchema);
    if (hash === undefined) skip(path, 'not a conversation file');
    else if (!decoded.ok) skip(path, decoded.problem);
    else if (conversationKeyHash(decoded.value.key) !== hash) skip(path, 'holds the record of another key');
    else if (decoded.value.key.startsWith('evidence:')) {
      const bundle = readLegacyBundle(decoded.value);
      if (bundle.ok) data.evidence.push(bundle.value);
      else skip(path, bundle.problem);
    } else data.conversations.push(decoded.value);
  }
  return data;
}

/**
 * The old store's head: `head.json`, then every next record that chains onto it (an append wrote the record
 * before the head, so a crash in between left a record the old store counted). Undefined for an empty chain.
 */
function rollForward(start: AuditHead, audit: LegacyData['audit']): AuditHead | undefined {
  const bySeq = new Map<number, AuditRecord>(audit.map((a) => [a.fileSeq, a.record]));
  let head = start;
  for (;;) {
    const next = bySeq.get(head.seq + 1);
    if (!next || next.seq !== head.seq + 1 || next.prevHash !== head.hash || hashAuditRecord(next) !== next.hash) break;
    head = { seq: next.seq, hash: next.hash };
  }
  return head.seq === 0 ? undefined : head;
}

interface LegacyFileText {
  name: string;
  /** Relative to the data folder. */
  path: string;
  text: string;
}

/** The files of one old folder with their text; files too large to be GalleryOps records are skipped unread. */
async function readFolder(dir: string, folder: string, skipped: SkippedFile[]): Promise<LegacyFileText[]> {
  let names: string[];
  try {
    names = (await readdir(join(dir, folder))).filter((n) => !n.startsWith('.')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') skipped.push({ path: `${folder}/`, problem: `cannot list the folder: ${(err as Error).message}` });
    return [];
  }
  const files: LegacyFileText[] = [];
  for (const name of names) {
    const path = `${folder}/${name}`;
    try {
      const info = await stat(join(dir, folder, name));
      if (!info.isFile()) skipped.push({ path, problem: 'not a file' });
      // UTF-8 takes at most 4 bytes per character: past this, decodeRecord would refuse it anyway.
      else if (info.size > MAX_RECORD_CHARS * 4) skipped.push({ path, problem: `the file is ${info.size} bytes, more than GalleryOps ever writes` });
      else files.push({ name, path, text: await readFile(join(dir, folder, name), 'utf8') });
    } catch (err) {
      skipped.push({ path, problem: `cannot read the file: ${(err as Error).message}` });
    }
  }
  return files;
}
