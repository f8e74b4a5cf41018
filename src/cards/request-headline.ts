import type { ChangeRequest, LatestMove, RequestState } from '../approvals/change-request';
import { formatTimestamp } from './format-date';
import { addedRegions } from './request-title';

/** Whether the change is still to come, was made, or will not be made any more. */
type Tense = 'will' | 'did' | 'would';

const TENSE: Record<RequestState, Tense> = {
  pending: 'will',
  approved: 'will',
  executing: 'will',
  succeeded: 'did',
  failed: 'would',
  rejected: 'would',
  cancelled: 'would',
  expired: 'would',
};

/**
 * What a person must decide on, in one line under the title: where latest goes, what is created where, which
 * regions are added. The field-by-field before → after follows lower on the card; this says what it means.
 * Not escaped: the caller escapes.
 */
export function requestHeadline(r: ChangeRequest, state: RequestState): string {
  const tense = TENSE[state];
  const v = r.target.version;
  switch (r.kind) {
    case 'promote-latest':
      return promoteLatestLine(v, r.latest, tense);
    case 'promote-stage': {
      const verb = { will: 'Creates', did: 'Created', would: 'Would have created' }[tense];
      return `${verb} ${r.target.image} ${v} in ${r.scope.gallery} (${r.toStage ?? 'the next stage'}), from ${r.target.gallery}, excluded from latest there`;
    }
    case 'promote-regions': {
      const verb = { will: 'Replicates', did: 'Replicated', would: 'Would have replicated' }[tense];
      return `${verb} ${v} to ${addedRegions(r)}`;
    }
    case 'retire':
      return retireLine(r, tense);
    default:
      // A kind without its own line: the title says what it does, and the card shows no line here.
      return '';
  }
}

function promoteLatestLine(v: string, latest: LatestMove | undefined, tense: Tense): string {
  const eligible = { will: 'becomes eligible', did: 'became eligible', would: 'would have become eligible' }[tense];
  // Requests stored before the planner recorded latest: say what the field change means, nothing more.
  if (!latest) return `${v} ${eligible} for latest`;
  const { before, after } = latest;
  if (after !== undefined && after !== v) {
    const stays = { will: 'stays', did: 'stayed', would: 'stays' }[tense];
    return `Latest ${stays} ${after}: ${v} ${eligible}, but ${after} is higher`;
  }
  if (before === undefined) {
    return { will: `${v} becomes latest (no version is latest now)`, did: `${v} became latest`, would: `${v} would have become latest` }[tense];
  }
  return `Latest ${{ will: 'moves', did: 'moved', would: 'would have moved' }[tense]} from ${before} to ${v}`;
}

function retireLine(r: ChangeRequest, tense: Tense): string {
  const v = r.target.version;
  const leaves = { will: 'leaves latest for good', did: 'left latest for good', would: 'would have left latest for good' }[tense];
  const eol = endOfLifeAfter(r);
  const first = `${v} ${leaves}${eol ? `, end of life ${eol}` : ''}`;
  if (!r.latest) return first;
  const { before, after } = r.latest;
  if (after === undefined) return `${first}; no version is latest after it`;
  if (before === after) return `${first}; latest stays ${after}`;
  return `${first}; latest ${{ will: 'moves', did: 'moved', would: 'would have moved' }[tense]} from ${before ?? 'none'} to ${after}`;
}

/** The end of life a retirement sets, as a UTC day, when it sets one. */
function endOfLifeAfter(r: ChangeRequest): string | undefined {
  for (const change of r.changes) {
    for (const f of change.fields) {
      if (f.field.toLowerCase() === 'publishingprofile.endoflifedate' && typeof f.after === 'string' && !Number.isNaN(Date.parse(f.after))) {
        return formatTimestamp(new Date(f.after)).slice(0, 10);
      }
    }
  }
  return undefined;
}
