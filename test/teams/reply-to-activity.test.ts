/**
 * Every card the bot sends is checked against Teams' message limit (MAX_MESSAGE_BYTES) before it is sent: the
 * project's renderer hands over a size bound added up while the card was built; a bare renderer's card is bounded
 * by walking it. Either way a card over the limit is refused with its size, and one under it is sent, even when
 * only the exact measure can tell.
 */
import { errorCard } from '../../src/cards/error-card';
import { createCardRenderer } from '../../src/cards/render-card';
import { MAX_MESSAGE_BYTES, replyToActivity } from '../../src/teams/reply-to-activity';

const sizing = createCardRenderer();
const bare = (reply: Parameters<typeof sizing>[0]): object => sizing(reply);
const cardBytes = (activity: ReturnType<typeof replyToActivity>): number => Buffer.byteLength(JSON.stringify(activity.attachments?.[0]?.content));

/** An error card whose message is `chars` characters of `unit`. */
const cardWith = (unit: string, chars: number) => errorCard({ title: 'Big', message: unit.repeat(chars / unit.length) });

describe.each([
  ['the project renderer (bound added up while rendering)', sizing],
  ['a bare renderer (bound by walking the card)', bare],
])('%s', (_name, render) => {
  test('a card over the limit is refused, saying how big it is', () => {
    expect(() => replyToActivity(cardWith('x', MAX_MESSAGE_BYTES + 10), render)).toThrow(/card error is \d+ bytes, over the 81920-byte limit/);
  });

  test('a card under the limit whose bound is over it is measured exactly, and sent', () => {
    // Plain letters: about a third of the bound's worst case of 3 bytes a character.
    const activity = replyToActivity(cardWith('x', MAX_MESSAGE_BYTES - 2000), render);
    expect(cardBytes(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(cardBytes(activity)).toBeGreaterThan(MAX_MESSAGE_BYTES / 3);
  });

  test('three-byte characters count as three bytes: a card of them that is over the limit only in UTF-8 is refused', () => {
    expect(() => replyToActivity(cardWith('█', Math.ceil(MAX_MESSAGE_BYTES / 3) + 100), render)).toThrow(/over the 81920-byte limit/);
  });
});

test('a card far under the limit is sent on the renderer\'s bound alone, without an exact measure', () => {
  const stringify = jest.spyOn(JSON, 'stringify');
  try {
    replyToActivity(cardWith('x', 200), sizing);
    expect(stringify).not.toHaveBeenCalled();
  } finally {
    stringify.mockRestore();
  }
});
