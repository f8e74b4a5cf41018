import type { WatchEvent } from '../subscriptions/watch-event';
import { pagerDutyAction, type PagerDutyAction } from './pagerduty-event';

/** One request a hook is to send, and the ids recorded once the receiver accepted it. */
export interface HookStep {
  event: WatchEvent;
  /** PagerDuty only. */
  action?: PagerDutyAction;
  record: string[];
}

// Markers beside the event ids: a trigger this hook sent, and its resolve (the store only adds ids, never removes).
const TRIGGERED = 'pagerduty-trigger|';
const RESOLVED = 'pagerduty-resolve|';

/**
 * What a PagerDuty hook sends now: a trigger for each Failed or stuck region not announced yet, and a resolve for
 * each region that is Completed while a trigger this hook sent for it is still open. The resolve looks at the
 * region's current state, not only at news: a region that had completed before (so its Completed id was delivered
 * long ago), then failed and completed again, still resolves its alert. Regions in the baseline never triggered,
 * so they are never resolved either.
 */
export function pagerDutySteps(relevant: readonly WatchEvent[], delivered: ReadonlySet<string>): HookStep[] {
  const triggers: HookStep[] = [];
  const resolves: HookStep[] = [];
  for (const event of relevant) {
    const action = pagerDutyAction(event);
    if (action === 'trigger' && !delivered.has(event.id)) triggers.push({ event, action, record: [event.id, TRIGGERED + event.id] });
    if (action !== 'resolve') continue;
    const region = event.id.slice(0, event.id.lastIndexOf('|') + 1);
    const open = [...delivered].filter((d) => d.startsWith(TRIGGERED + region) && !delivered.has(RESOLVED + d.slice(TRIGGERED.length)));
    if (open.length > 0) resolves.push({ event, action, record: [event.id, ...open.map((d) => RESOLVED + d.slice(TRIGGERED.length))] });
  }
  // A trigger reaches PagerDuty before any resolve of the same round.
  return [...triggers.sort(byId), ...resolves.sort(byId)];
}

const byId = (a: HookStep, b: HookStep): number => a.event.id.localeCompare(b.event.id);
