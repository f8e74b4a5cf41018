import { evidenceCard } from '../cards/evidence-card';
import { quoteInput } from '../cards/escape-text';
import { NotFoundError, UsageError } from '../errors';
import { createBundleStore } from '../evidence/bundle-store';
import { collectEvidence } from '../evidence/collect-evidence';
import { evidenceLink } from '../evidence/download-link';
import type { EvidenceRequester } from '../evidence/evidence-bundle';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { resolveVersion } from '../gallery/version-match';
import { parseVersionSpec, type VersionSpec } from '../gallery/version-spec';
import type { ImageVersion } from '../gallery/model';
import { expectArgs } from './argument-rules';
import type { Caller, CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage } from './require-name';

const USAGE = 'evidence <image> <version>';

/**
 * `evidence <image> <version>`: reads the definition, the version with replication status, the version list,
 * usage, change requests and audit records once; answers with a card of those facts and stores the hashed
 * bundle of the same reads under `evidence:<sha256>`, downloadable through a signed, expiring link.
 */
export const evidenceCommand = defineCommand({
  name: 'evidence',
  aliases: [],
  summary: 'Evidence for one version: source, approvals, replication, who runs it, and a signed link to a hashed bundle.',
  usage: USAGE,
  examples: ['evidence dispatch 2026.5.1', 'evidence callcenter-desktop latest'],
  readOnly: true,
  popular: true,
  paged: false,
  parse: (input) => {
    const [image, versionText] = expectArgs(input, 2, 2, USAGE) as [string, string];
    const spec = parseVersionSpec(versionText);
    if (!spec) throw new UsageError(`${quoteInput(versionText)} is not a version: use an exact version (2026.5.1), a prefix (2026.5) or latest.`, USAGE);
    return { image, spec, versionText };
  },
  handler: async ({ image, spec, versionText }, ctx) => {
    const { store, evidence } = requireEvidenceWiring(ctx);
    const target = await requireImage(ctx, image, (q) => `evidence ${q} ${versionText}`);
    const label = `\`${target.image.gallery}/${target.image.image}\``;
    const collected = await collectEvidence(
      { gallery: ctx.gallery, usage: ctx.usage, audit: store.audit, requests: store.requests, now: () => ctx.now() },
      target.image,
      (versions) => pickVersion(spec, versions, label, versionText),
      requester(ctx.caller),
    );
    await createBundleStore(store.conversations).put(collected.sealed.bundle, ctx.now());
    const now = ctx.now();
    return evidenceCard({ resolved: target, qualified: target.qualified, evidence: collected, link: evidenceLink(evidence, collected.sealed.bundle.sha256, now), now });
  },
});

/** The app always wires these; a missing one is a composition bug, not something the user can fix. */
export function requireEvidenceWiring(ctx: CommandContext): { store: NonNullable<CommandContext['store']>; evidence: NonNullable<CommandContext['evidence']> } {
  if (!ctx.store || !ctx.evidence) throw new Error('evidence needs the store and the evidence settings in the command context');
  return { store: ctx.store, evidence: ctx.evidence };
}

/** Gives resolveVersion's NotFoundError the user's text, so its suggestions become buttons. */
function pickVersion(spec: VersionSpec, versions: readonly ImageVersion[], label: string, input: string): string {
  try {
    return resolveVersion(spec, versions, label).version.version;
  } catch (err) {
    if (err instanceof NotFoundError && !(err instanceof NoSuchNameError)) throw new NoSuchNameError(err.userMessage, err.suggestions, input);
    throw err;
  }
}

function requester(caller: Caller | undefined): EvidenceRequester {
  if (!caller) return { name: 'unknown (not asked from chat)' };
  return { ...(caller.aadObjectId ? { aadObjectId: caller.aadObjectId } : {}), teamsUserId: caller.id, ...(caller.name ? { name: caller.name } : {}) };
}
