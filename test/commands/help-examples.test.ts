/**
 * Help examples are lines to type; one with a date must never suggest a day that `retire` then refuses as past,
 * however long after this was written someone asks.
 */
import { parseRetire } from '../../src/commands/parse-retire';
import { ask, commandContext } from '../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import { cardText } from '../helpers/validate-card';

test.each([0, 400, 4000])('`help retire` %i days after the demo starts suggests an end-of-life date that retire accepts', async (days) => {
  const now = new Date(DEMO_NOW.getTime() + days * 86_400_000);
  const ctx = commandContext(demoGallery().port, now);
  const { rendered } = await ask(ctx, 'help retire', 'message');
  const example = cardText(rendered).find((line) => line.startsWith('retire dispatch 2026.4.0 on '));
  expect(example).toBeDefined();
  const day = example!.split(' on ')[1]!;
  expect(Date.parse(`${day}T00:00:00Z`)).toBeGreaterThan(now.getTime());
  const words = example!.split(' ').slice(1); // after the command name
  expect(parseRetire({ args: words, page: 1 }, now).on?.toISOString().slice(0, 10)).toBe(day);
});
