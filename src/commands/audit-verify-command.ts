import { describeAuditVerdict } from '../audit/describe-verdict';
import { parseAnchor } from '../audit/parse-anchor';
import { UsageError } from '../errors';
import { defineCommand } from './command-spec';

const USAGE = 'audit verify [--anchor <seq>:<hash>]';

/**
 * `audit verify`: walks the whole hash chain and says whether any record was edited, reordered or removed. With
 * an anchor a request card or an evidence bundle named, it also proves the log still holds that record, which is
 * what catches a log cut back at its end (the chain alone cannot tell).
 */
export const auditVerifyCommand = defineCommand({
  name: 'audit verify',
  aliases: [],
  summary: 'Checks the audit log\'s hash chain (and, with an anchor from a card or bundle, that the log still holds that record).',
  usage: USAGE,
  examples: ['audit verify', 'audit verify --anchor 42:3f9a1c2b4d5e6f70'],
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => {
    const args = input.args.filter((a) => a !== '--anchor' && a !== 'anchor');
    if (args.length === 0) return {};
    const anchor = args.length === 1 ? parseAnchor(args[0]!) : undefined;
    if (!anchor) throw new UsageError('An anchor looks like `42:3f9a1c2b4d5e6f70`: the record number, a colon and at least 16 characters of its hash, as a request card or evidence bundle shows it.', USAGE);
    return { anchor };
  },
  handler: async ({ anchor }, ctx) => {
    if (!ctx.audit) throw new Error('the audit log is not wired into the command context');
    return { kind: 'text', text: describeAuditVerdict(await ctx.audit.verify(anchor ? { anchor } : {}), ctx.now()) };
  },
});
