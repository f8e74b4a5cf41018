import { evidenceCard } from '../cards/evidence-card';
import { collectEvidence } from '../evidence/collect-evidence';
import { evidenceLink } from '../evidence/download-link';
import type { EvidenceRequester } from '../evidence/evidence-bundle';
import { expectArgs } from './argument-rules';
import type { Caller, CommandContext } from './command-context';
import { defineCommand } from './command-spec';
import { requireImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';
import { typedVersion } from './version-argument';

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
    const [image, typed] = expectArgs(input, 2, 2, USAGE) as [string, string];
    const { spec, text: versionText } = typedVersion(typed, USAGE);
    return { image, spec, versionText };
  },
  handler: async ({ image, spec, versionText }, ctx) => {
    const { store, evidence } = requireEvidenceWiring(ctx);
    const target = await requireImage(ctx, image, (q) => `evidence ${q} ${versionText}`);
    const label = `\`${target.image.gallery}/${target.image.image}\``;
    const collected = await collectEvidence(
      { gallery: ctx.gallery, usage: ctx.usage, audit: store.audit, requests: store.requests, armResponses: ctx.armResponses, now: () => ctx.now() },
      target.image,
      (versions) => resolveTypedVersion(spec, versions, label, versionText).version.version,
      requester(ctx.caller),
    );
    const now = ctx.now();
    // Asked again with nothing but read times changed: the bundle already stored says the same (and is still there).
    const earlier = ctx.recentEvidence?.find(collected.sealed.bundle, now);
    const reused = earlier && (await store.evidence.get(earlier.sha256)) !== undefined ? earlier : undefined;
    if (!reused) {
      await store.evidence.put(collected.sealed.bundle, now);
      ctx.recentEvidence?.remember(collected.sealed.bundle, now);
    }
    const shown = reused ? { ...collected, sealed: { ...collected.sealed, bundle: reused } } : collected;
    return evidenceCard({ resolved: target, qualified: target.qualified, evidence: shown, link: evidenceLink(evidence, shown.sealed.bundle.sha256, now), now, ...(reused ? { reusedFrom: { at: new Date(reused.generatedAt), by: reused.generatedBy.name ?? 'someone' } } : {}) });
  },
});

/** The app always wires these; a missing one is a composition bug, not something the user can fix. */
export function requireEvidenceWiring(ctx: CommandContext): { store: NonNullable<CommandContext['store']>; evidence: NonNullable<CommandContext['evidence']> } {
  if (!ctx.store || !ctx.evidence) throw new Error('evidence needs the store and the evidence settings in the command context');
  return { store: ctx.store, evidence: ctx.evidence };
}

function requester(caller: Caller | undefined): EvidenceRequester {
  if (!caller) return { name: 'unknown (not asked from chat)' };
  return { ...(caller.aadObjectId ? { aadObjectId: caller.aadObjectId } : {}), teamsUserId: caller.id, ...(caller.name ? { name: caller.name } : {}) };
}
