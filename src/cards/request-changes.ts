import type { PlannedChange } from '../approvals/change-request';
import { escapeMarkdown } from './escape-text';
import { fieldLabel, formatFieldValue, regionChangeNote } from './field-value';
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
  fields: FieldRow[];
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
    // A PUT creates the resource: a field without a value before it did not exist, not "not set".
    const missing = change.method === 'PUT' ? 'does not exist' : 'not set';
    const fields: FieldRow[] = [];
    for (const f of change.fields) {
      const row: FieldRow = {
        label: escapeMarkdown(fieldLabel(f.field)),
        before: escapeMarkdown(formatFieldValue(f.before, missing)),
        after: escapeMarkdown(formatFieldValue(f.after, 'not set')),
        note: escapeMarkdown(regionChangeNote(f.before, f.after)),
      };
      const cost = Buffer.byteLength(JSON.stringify(row)) + FIELD_OVERHEAD + (fields.length === 0 ? BLOCK_OVERHEAD : 0);
      if (spent + cost > CHANGES_BYTE_BUDGET) {
        omitted++;
        continue;
      }
      spent += cost;
      fields.push(row);
    }
    if (fields.length === 0 && change.fields.length > 0) continue;
    if (fields.length === 0) fields.push({ label: 'No field changes', before: '', after: '', note: '' });
    blocks.push({ heading: escapeMarkdown(`${change.method === 'PUT' ? 'Create' : 'Update'} ${shortenResourceId(change.resourceId)}`), fields });
  }
  const more = omitted ? `${omitted} more field ${omitted === 1 ? 'change is' : 'changes are'} not shown here (card size limit).` : '';
  return { blocks, more };
}
