import type { PlannedChange } from '../approvals/change-request';
import { escapeMarkdown } from './escape-text';
import { fieldLabel, formatFieldValue, regionChangeNote, shortFieldLabel } from './field-value';
import { shortenResourceId } from './shorten-resource-id';

/** One field on the card: its name, the exact value before and after, and what a region list change does. */
export interface FieldRow {
  label: string;
  before: string;
  after: string;
  note: string;
}

/** One ARM write on the card. */
export interface ChangeBlock {
  heading: string;
  /** An update: each field before → after. */
  fields: FieldRow[];
  /**
   * A create: each field's value. Nothing exists before a create, so the heading says so once instead of every
   * field saying "before: does not exist".
   */
  created: { title: string; value: string }[];
}

/**
 * Bytes of card JSON the changes may take. Real requests are one write of one to three fields; the budget
 * keeps a pathological plan (many writes of long region lists) under Teams' message size, and the card then
 * says how much it left out rather than failing to post.
 */
export const CHANGES_BYTE_BUDGET = 30_000;
/** The template's elements around one field row and one change block (measured, rounded up). */
const FIELD_OVERHEAD = 350;
const BLOCK_OVERHEAD = 250;

/** Every field of every planned change as the card shows it, and a line naming what did not fit. */
export function changeBlocks(changes: readonly PlannedChange[]): { blocks: ChangeBlock[]; more: string } {
  const blocks: ChangeBlock[] = [];
  let spent = 0;
  let omitted = 0;
  for (const change of changes) {
    const creates = change.method === 'PUT';
    const fields: FieldRow[] = [];
    const created: ChangeBlock['created'] = [];
    for (const f of change.fields) {
      const value = { title: escapeMarkdown(shortFieldLabel(f.field)), value: escapeMarkdown(formatFieldValue(f.after, 'not set')) };
      const row: FieldRow = {
        label: escapeMarkdown(fieldLabel(f.field)),
        before: escapeMarkdown(formatFieldValue(f.before, 'not set')),
        after: escapeMarkdown(formatFieldValue(f.after, 'not set')),
        note: escapeMarkdown(regionChangeNote(f.before, f.after)),
      };
      const shown = fields.length + created.length;
      const cost = Buffer.byteLength(JSON.stringify(creates ? value : row)) + FIELD_OVERHEAD + (shown === 0 ? BLOCK_OVERHEAD : 0);
      if (spent + cost > CHANGES_BYTE_BUDGET) {
        omitted++;
        continue;
      }
      spent += cost;
      if (creates) created.push(value);
      else fields.push(row);
    }
    if (fields.length + created.length === 0 && change.fields.length > 0) continue;
    if (fields.length + created.length === 0) fields.push({ label: 'No field changes', before: '', after: '', note: '' });
    const heading = creates ? `Create ${shortenResourceId(change.resourceId)} (it does not exist yet)` : `Update ${shortenResourceId(change.resourceId)}`;
    blocks.push({ heading: escapeMarkdown(heading), fields, created });
  }
  const more = omitted ? `${omitted} more field ${omitted === 1 ? 'change is' : 'changes are'} not shown here (card size limit).` : '';
  return { blocks, more };
}
