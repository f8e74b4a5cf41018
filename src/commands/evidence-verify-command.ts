import { UsageError } from '../errors';
import { briefBundleVerdict, describeBundleVerdict } from '../evidence/describe-bundle-verdict';
import { checkEvidenceToken } from '../evidence/download-link';
import { verifyStoredBundle } from '../evidence/verify-bundle';
import { formatTimestamp } from '../cards/format-date';
import { expectArgs } from './argument-rules';
import { defineCommand } from './command-spec';
import { requireEvidenceWiring } from './evidence-command';

const USAGE = 'evidence verify <bundle hash or link>';

// A link first: its base64 payload must not be mistaken for a hash. Teams may deliver a pasted link as an
// HTML anchor, so the token is searched for anywhere in the words, not expected to be the whole argument.
const LINK_TOKEN = /\/evidence\/([A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,64})/;
const BARE_TOKEN = /^([A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43})$/;
const HASH = /(?:^|[^0-9a-f])([0-9a-f]{64})(?![0-9a-f])/i;
// The short hash a downloaded bundle's file name ends with (`galleryops-evidence-dispatch-2026.5.1-85deede8.json`),
// or a prefix of the hash typed on its own.
const FILE_NAME_HASH = /-([0-9a-f]{8,63})\.json\b/i;
const SHORT_HASH = /^([0-9a-f]{8,63})$/i;
/** How many bundles a short hash may name before the answer stops listing them. */
const MAX_LISTED = 5;

type Target = { kind: 'hash'; hash: string } | { kind: 'prefix'; prefix: string } | { kind: 'token'; token: string };

/**
 * `evidence verify <hash or link>`: recomputes a stored bundle's hash and checks its audit anchor against
 * today's log. A link is read for the hash it signs; an expired link still works (only downloads expire).
 */
export const evidenceVerifyCommand = defineCommand({
  name: 'evidence verify',
  aliases: [],
  summary: 'Checks an evidence bundle: intact, altered or unknown, and whether its audit anchor is still in the log.',
  usage: USAGE,
  // Any bundle's hash differs per moment, so the example is well-formed but names no bundle: it shows the format,
  // and as a help button it answers "unknown" with where hashes come from.
  examples: [`evidence verify ${'3f9a6c0e'.repeat(8)}`],
  readOnly: true,
  popular: false,
  paged: false,
  parse: (input): Target => {
    const text = expectArgs(input, 1, 20, USAGE).join(' ');
    const link = LINK_TOKEN.exec(text) ?? BARE_TOKEN.exec(text);
    if (link) return { kind: 'token', token: link[1]! };
    const hash = HASH.exec(text);
    if (hash) return { kind: 'hash', hash: hash[1]!.toLowerCase() };
    const short = FILE_NAME_HASH.exec(text) ?? SHORT_HASH.exec(text);
    if (short) return { kind: 'prefix', prefix: short[1]!.toLowerCase() };
    throw new UsageError('Give the bundle\'s SHA-256 (64 hex characters, shown on the evidence card; the first 8 are enough when they name one bundle), its file name or its download link.', USAGE);
  },
  handler: async (target, ctx) => {
    const { store, evidence } = requireEvidenceWiring(ctx);
    let hash: string;
    let preface = '';
    if (target.kind === 'hash') {
      hash = target.hash;
    } else if (target.kind === 'prefix') {
      const found = await store.evidence.hashesStartingWith(target.prefix, MAX_LISTED + 1);
      if (found.length !== 1) return { kind: 'text', text: shortHashAnswer(target.prefix, found) };
      hash = found[0]!;
    } else {
      const check = checkEvidenceToken(target.token, evidence.verifyKeys ?? evidence.signingKey, ctx.now());
      if (!check.ok && check.reason !== 'expired') {
        return {
          kind: 'text',
          text: 'That link was not signed by this GalleryOps: it was altered, cut short, or made by another deployment. Paste the SHA-256 shown on the evidence card instead: `evidence verify ‹hash›`.',
        };
      }
      hash = check.claims.hash;
      const until = formatTimestamp(new Date(check.claims.exp * 1000));
      preface = check.ok ? `The link is genuine and downloads until ${until}.\n\n` : `The link is genuine but expired at ${until}; the bundle it names can still be checked.\n\n`;
    }
    const verdict = await verifyStoredBundle(hash, { bundles: store.evidence, audit: store.audit });
    return { kind: 'text', text: `${preface}${describeBundleVerdict(verdict)}`, brief: briefBundleVerdict(verdict) };
  },
});

/** A short hash that names no stored bundle, or several. */
function shortHashAnswer(prefix: string, found: string[]): string {
  if (found.length === 0) {
    return `No stored bundle's hash starts with \`${prefix}\`. Bundles are kept by the deployment that made them; check the file name, or paste the full SHA-256 from the evidence card.`;
  }
  const shown = found.slice(0, MAX_LISTED).map((h) => `\`${h}\``).join(', ');
  const count = found.length > MAX_LISTED ? `more than ${MAX_LISTED}` : String(found.length);
  return `\`${prefix}\` names ${count} stored bundles: ${shown}. Verify one with its full hash: \`evidence verify ‹hash›\`.`;
}
