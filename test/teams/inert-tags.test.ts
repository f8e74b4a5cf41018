/** Teams drops tag-like `<word>` from a message's text: every message the bot sends leaves with it inert. */
import { TestAdapter, type Activity } from 'botbuilder';
import { inertTags } from '../../src/cards/escape-text';
import { inertTagsMiddleware } from '../../src/teams/inert-tags-middleware';
import { messageResponse } from '../../src/teams/reply-to-activity';

test.each([
  ['`unsubscribe <id>` stops one.', '`unsubscribe ‹id›` stops one.'],
  ['subscribe <gallery>/<image> [to <event>]', 'subscribe ‹gallery›/‹image› [to ‹event›]'],
  ['<b>bold</b> and <img src=x onerror=alert(1)>', '‹b›bold‹/b› and ‹img src=x onerror=alert(1)›'],
  ['<at>Adele Vance</at>: CR-7 is waiting for your decision.', '<at>Adele Vance</at>: CR-7 is waiting for your decision.'],
  ['a < b, c > d, x <= y, 1<2', 'a < b, c > d, x <= y, 1<2'],
  ['no angle brackets at all', 'no angle brackets at all'],
])('%j reads %j', (text, expected) => {
  expect(inertTags(text)).toBe(expected);
});

test('a message sent, a message updated and an invoke answer all leave with inert tags; a card is left alone', async () => {
  const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x <y>' }] } };
  const updates: Array<Partial<Activity>> = [];
  const adapter = new TestAdapter(async (context) => {
    await context.sendActivity('Type `unsubscribe <id>` to stop, <at>Adele</at>.');
    await context.sendActivity({ type: 'message', attachments: [card] });
    await context.updateActivity({ type: 'message', id: 'a1', text: 'now <version>' });
  });
  const update = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = async (context, activity) => {
    updates.push({ ...activity });
    return update(context, activity);
  };
  adapter.use(inertTagsMiddleware);
  await adapter
    .send('hi')
    .assertReply((a) => expect(a.text).toBe('Type `unsubscribe ‹id›` to stop, <at>Adele</at>.'))
    .assertReply((a) => expect(a.attachments?.[0]).toEqual(card))
    .startTest();
  expect(updates.map((u) => u.text)).toEqual(['now ‹version›']);
  expect(messageResponse('`unsubscribe <id>`').value).toBe('`unsubscribe ‹id›`');
});
