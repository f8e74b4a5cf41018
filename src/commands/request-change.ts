import type { Actor } from '../approvals/change-request';
import type { ChangeAsk } from '../approvals/plan-from-gallery';
import { planFromGallery } from '../approvals/plan-from-gallery';
import { errorCard } from '../cards/error-card';
import { quoteInput } from '../cards/escape-text';
import { runButton } from '../cards/run-button';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import { closestVersions } from '../gallery/version-match';
import { formatVersion } from '../gallery/version-number';
import type { VersionSpec } from '../gallery/version-spec';
import type { CommandContext } from './command-context';
import type { Reply } from '../cards/reply';
import { heldRequestReply } from './held-request-reply';
import { requestCardReply } from '../cards/request-card-reply';
import { requireApprovals } from './require-approvals';
import type { TargetImage } from './require-name';
import { resolveTypedVersion } from './resolve-typed-version';

/** Fixes that ask for a change themselves: typed, since buttons only run read-only commands. */
const CHANGE_COMMAND = /^(repair|promote|retire)\b/i;

/**
 * The version a change is about. A prefix or `latest` is allowed (the card shows the exact version the
 * request will change), read from the list; a version that does not exist gets the closest ones as choices.
 */
export async function resolveVersionFor(ctx: CommandContext, target: TargetImage, spec: VersionSpec, input: string): Promise<string> {
  const versions = await ctx.gallery.listVersions(target.image);
  const label = `\`${target.image.gallery}/${target.image.image}\``;
  if (spec.kind === 'exact') {
    const exact = formatVersion(spec.parts);
    if (versions.some((v) => v.version === exact)) return exact;
    const closest = closestVersions(spec, versions).map((v) => v.version);
    throw new NoSuchNameError(`${label} has no version ${quoteInput(input)}.${closest.length ? ` Closest: ${closest.join(', ')}.` : ''}`, closest, input);
  }
  return resolveTypedVersion(spec, versions, label, input).version.version;
}

/**
 * Plans the change on live data and files it as a pending request by `requester`. Nothing changes in Azure
 * here: the card that comes back carries the preview, the gates and the buttons. When an open request already
 * sets one of its fields, that request's card comes back instead (see `heldRequestReply`).
 */
export async function requestChange(ctx: CommandContext, ask: ChangeAsk, requester: Actor & { teamsUserId: string }, reason: string | undefined): Promise<Reply> {
  const approvals = requireApprovals(ctx);
  const plan = await planFromGallery(ask, { gallery: ctx.gallery, ...(ctx.usage ? { usage: ctx.usage } : {}), stages: ctx.stages, now: ctx.now });
  if (!plan.ok) return errorCard({ title: 'Nothing to request', message: plan.refused.reason, color: 'warning' });
  const submitted = await approvals.submit({ ...plan.plan, requester, ...(reason ? { reason } : {}) });
  if ('held' in submitted) return heldRequestReply(submitted.held, approvals.policy, ctx.now());
  if (!submitted.ok) {
    const { reason, fix } = submitted.refused;
    // Buttons run read-only commands only, so a fix that asks for a change (repair …) is given to type.
    if (fix && CHANGE_COMMAND.test(fix)) return errorCard({ title: 'Request refused', message: `${reason} To fix it, type: \`${fix}\``, color: 'attention' });
    return errorCard({ title: 'Request refused', message: reason, color: 'attention', ...(fix ? { suggestions: [runButton(fix, fix)], suggestionsTitle: 'What to do:' } : {}) });
  }
  return requestCardReply(submitted.request, approvals.policy, ctx.now(), { kind: 'everyone' }, { track: { announce: true } });
}
