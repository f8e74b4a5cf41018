import { cardLines } from '../../scripts/as-user/card-lines';

test('cardLines reads text blocks, facts and buttons in card order, through containers and columns', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Promote dispatch 2026.6.0 to production' },
      { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: 'PENDING' }] }, { type: 'Column', items: [{ type: 'TextBlock', text: ' ' }] }] },
      { type: 'FactSet', facts: [{ title: 'Requested by', value: 'Alex Wilber' }] },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'a ' }, 'b'] },
      { type: 'Container', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Open', verb: 'galleryops.run' }] }] },
      { type: 'Image', url: 'x' },
    ],
    actions: [{ type: 'Action.Execute', title: 'Approve' }, { type: 'Action.Execute', title: 'Reject' }],
  };
  expect(cardLines(card)).toEqual(['Promote dispatch 2026.6.0 to production', 'PENDING', 'Requested by: Alex Wilber', 'a b', '[Open]', '[Approve]', '[Reject]']);
  expect(cardLines(undefined)).toEqual([]);
});
