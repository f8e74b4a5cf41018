/** A published card offers the version's next promotion along config.stages as a button (it only creates a change request). */
import { watchEventCard } from '../../src/cards/watch-event-card';
import { createCardRenderer } from '../../src/cards/render-card';
import type { Stage } from '../../src/stages';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';
import { callcenterSubscription } from '../subscriptions/callcenter-subscription';

const STAGES: Stage[] = [
  { name: 'staging', gallery: 'gal_staging' },
  { name: 'canary', gallery: 'gal_canary' },
  { name: 'production', gallery: 'gal_golden' },
];
// Its scope and conversation do not matter here: the card only names the subscription.
const subscription = callcenterSubscription('S-7K3F9Q', ['published']);
const published = (gallery: string, isLatest: boolean): WatchEvent => ({
  id: `published|${gallery}`,
  kind: 'published',
  image: { subscriptionId: 's', resourceGroup: 'rg-images', gallery, image: 'dispatch' },
  version: '2026.6.0',
  regions: ['East US 2'],
  isLatest,
});
const render = createCardRenderer();
const promoteButtons = (event: WatchEvent, stages: readonly Stage[]) => {
  const card = render(watchEventCard(event, subscription, new Date('2026-05-03T14:02:00Z'), undefined, stages));
  expectValidCard(card);
  return runButtons(card).filter((b) => b.command.startsWith('promote')).map((b) => `${b.title}: ${b.command}`);
};

test.each([
  ['first stage: the next one', 'gal_staging', false, ['Promote to canary: promote gal_staging/dispatch 2026.6.0 to canary']],
  ['a middle stage: the next one, latest or not', 'GAL_CANARY', true, ['Promote to production: promote GAL_CANARY/dispatch 2026.6.0 to production']],
  ['last stage, excluded from latest: to latest', 'gal_golden', false, ['Promote to latest: promote gal_golden/dispatch 2026.6.0 to latest']],
  ['last stage, already latest: nothing to promote', 'gal_golden', true, []],
  ['a gallery outside the path: no guess', 'gal_sandbox', false, []],
] as const)('%s', (_label, gallery, isLatest, expected) => {
  expect(promoteButtons(published(gallery, isLatest), STAGES)).toEqual(expected);
});

it('no stages configured: no promotion button, the card is otherwise the same', () => {
  expect(promoteButtons(published('gal_golden', false), [])).toEqual([]);
  const text = cardText(render(watchEventCard(published('gal_golden', false), subscription, new Date('2026-05-03T14:02:00Z')))).join('\n');
  expect(text).toContain('gal_golden/dispatch 2026.6.0 was published');
});
