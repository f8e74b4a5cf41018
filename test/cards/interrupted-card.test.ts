import { interruptedCard } from '../../src/cards/progress-card';
import { renderCard } from '../../src/cards/render-card';
import { cardText } from '../helpers/activities';

test('the stopped-before-it-finished card says what will not come and what to type again', () => {
  const text = cardText(renderCard(interruptedCard('report')));
  expect(text).toMatch(/Stopped before it finished: report/);
  expect(text).toMatch(/will not change/);
  expect(text).toMatch(/Type `report` again/);
});

test('a typed command is quoted inert: no link, no bold, no breaking out of the quote, bounded', () => {
  const typed = `image status *\`[x](http://evil)\`* ${'y'.repeat(200)}`;
  const text = cardText(renderCard(interruptedCard(typed)));
  expect(text).not.toMatch(/(^|[^\\])\]\(/);
  expect(text).not.toMatch(/(^|[^\\])\*/);
  expect(text.split('\n').every((line) => line.length < 400)).toBe(true);
  expect(text).toMatch(/again for the answer/);
});
