import { describeAuditVerdict } from '../audit/describe-verdict';
import { noArguments } from './argument-rules';
import { defineCommand } from './command-spec';

const USAGE = 'audit verify';

/** `audit verify`: walks the whole hash chain and says whether any record was edited, reordered or removed. */
export const auditVerifyCommand = defineCommand({
  name: 'audit verify',
  aliases: [],
  summary: 'Checks the audit log\'s hash chain: whether any record was edited, reordered or removed.',
  usage: USAGE,
  examples: ['audit verify'],
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input) => noArguments(input, USAGE),
  handler: async (_args, ctx) => {
    if (!ctx.audit) throw new Error('the audit log is not wired into the command context');
    return { kind: 'text', text: describeAuditVerdict(await ctx.audit.verify(), ctx.now()) };
  },
});
