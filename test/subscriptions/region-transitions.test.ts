/** Transition ids from a recipient's delivered ids: the same state keeps its id, a change back takes the next number. */
import { numberTransitions } from '../../src/subscriptions/region-transitions';
import type { WatchEvent } from '../../src/subscriptions/watch-event';

const image = { subscriptionId: 's', resourceGroup: 'rg', gallery: 'g', image: 'i' };
const REGION = 'replication|s/rg/g/i/1.0.0|westeurope|';
const fact = (state: 'Completed' | 'Failed', stateSeenAt?: WatchEvent['stateSeenAt']): WatchEvent => ({ id: `${REGION}${state}`, kind: 'replication', image, version: '1.0.0', region: 'West Europe', state, ...(stateSeenAt ? { stateSeenAt } : {}) });

test.each([
  ['nothing told yet: the plain id', [], 'Completed', `${REGION}Completed`, undefined],
  ['told Completed, still Completed: the delivered id', ['Completed'], 'Completed', `${REGION}Completed`, undefined],
  ['told Completed, now Failed: the second transition', ['Completed'], 'Failed', `${REGION}Failed#2`, 'Completed'],
  ['told Completed then Failed#2, now Completed: the third', ['Completed', 'Failed#2'], 'Completed', `${REGION}Completed#3`, 'Failed'],
  ['told up to Completed#3, still Completed', ['Completed', 'Failed#2', 'Completed#3'], 'Completed', `${REGION}Completed#3`, undefined],
  ['told up to Failed#3, completes again: the fourth', ['Failed', 'Completed#2', 'Failed#3'], 'Completed', `${REGION}Completed#4`, 'Failed'],
  ['records from before counting (both plain): Failed counts as newer, a failure is not repeated', ['Completed', 'Failed'], 'Failed', `${REGION}Failed`, undefined],
] as const)('%s', (_label, told, state, id, before) => {
  const delivered = new Set(['baseline', ...told.map((t) => `${REGION}${t}`), `pagerduty-trigger|${REGION}Failed#9`]);
  const [out] = numberTransitions([fact(state)], delivered);
  expect(out!.id).toBe(id);
  expect(out!.before?.state).toBe(before);
});

it('says when this process saw the earlier state begin, and leaves the shared fact alone', () => {
  const shared = fact('Completed', { Failed: '2026-12-05T19:20:00.000Z' });
  const [out] = numberTransitions([shared], new Set([`${REGION}Failed`]));
  expect(out!.before).toEqual({ state: 'Failed', seenAt: '2026-12-05T19:20:00.000Z' });
  expect(shared.id).toBe(`${REGION}Completed`);
  expect(shared.before).toBeUndefined();
});

it('leaves other regions, stuck regions and other kinds as they are', () => {
  const stuck: WatchEvent = { id: `${REGION}Stuck@40`, kind: 'replication', image, version: '1.0.0', region: 'West Europe', stuck: { progress: 40, since: '2026-12-05T19:00:00Z' } };
  const published: WatchEvent = { id: 'published|s/rg/g/i/1.0.0', kind: 'published', image, version: '1.0.0' };
  const other = { ...fact('Failed'), id: 'replication|s/rg/g/i/1.0.0|northeurope|Failed' };
  expect(numberTransitions([stuck, published, other], new Set([`${REGION}Completed`])).map((f) => f.id)).toEqual([stuck.id, published.id, other.id]);
});
