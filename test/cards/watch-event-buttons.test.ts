/** Every event card ends with Mute and Unsubscribe as Action.Execute (verb + subscription id, Action.Submit fallback). */
import { createCardRenderer } from '../../src/cards/render-card';
import { MUTE_VERB, UNSUBSCRIBE_VERB } from '../../src/cards/subscription-verbs';
import { watchEventSamples } from './samples/watch-event-samples';
import { allActions, cardText, expectValidCard } from '../helpers/validate-card';

const render = createCardRenderer();
const subscriptionButtons = (card: object) =>
  allActions(card)
    .filter((a) => a.type === 'Action.Execute' && a.verb !== 'galleryops.run')
    .map((a) => ({ title: a.title, verb: a.verb, data: a.data, fallback: a.fallback }));
const button = (title: string, verb: string) => ({ title, verb, data: { verb, subscriptionId: 'S-7K3F9Q' }, fallback: { type: 'Action.Submit', title, data: { verb, subscriptionId: 'S-7K3F9Q' } } });

it('the verbs are the ones the template spells out', () => {
  expect([MUTE_VERB, UNSUBSCRIBE_VERB]).toEqual(['galleryops.subscription.mute', 'galleryops.subscription.unsubscribe']);
});

test.each(watchEventSamples().map((s) => [s.label, s.reply] as const))('%s', (label, reply) => {
  const card = render(reply);
  expectValidCard(card);
  const text = cardText(card).join('\n');
  if (label.includes('muted by a click')) {
    expect(subscriptionButtons(card)).toEqual([button('Unsubscribe', UNSUBSCRIBE_VERB)]);
    expect(text).toContain('Muted until 2026-05-04 14:05 UTC by Megan Bowen');
  } else if (label.includes('unsubscribed by a click')) {
    expect(subscriptionButtons(card)).toEqual([]);
    expect(text).toContain('Unsubscribed by Megan Bowen');
  } else {
    expect(subscriptionButtons(card)).toEqual([button('Mute this subscription for 24 h', MUTE_VERB), button('Unsubscribe', UNSUBSCRIBE_VERB)]);
  }
  if (label.startsWith('watch: 30 regions')) {
    expect(text).toContain('finished replicating to 30 regions');
    expect(text).toMatch(/Regions: East US 2 1, West US 2 1, .*Southeast Asia 6$/m);
  }
});
