import type { ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import { PENDING_PAGE_SIZE, pendingCard } from '../../src/cards/pending-card';
import { createCardRenderer } from '../../src/cards/render-card';
import { RUN_VERB } from '../../src/cards/run-button';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion } from '../approvals/fixtures';
import { allActions, cardText, expectValidCard, MAX_CARD_BYTES, runButtons } from '../helpers/validate-card';

const render = createCardRenderer();
const NOW = minutes(60);

function show(requests: ChangeRequest[], page = 1, now = NOW) {
  const reply = pendingCard(requests, now, page);
  const card = render(reply) as Record<string, unknown>;
  expectValidCard(card);
  return { reply, card, text: cardText(card), buttons: runButtons(card) };
}

/** A pending request made `madeAt` minutes after T0 (so it expires 24 h later). */
function madeAt(minutesAfterT0: number, id: string, input = latestPromotion(megan)): ChangeRequest {
  const r = pendingRequest(input, demoPolicy, id);
  const shift = (iso: string) => new Date(Date.parse(iso) + minutesAfterT0 * 60_000).toISOString();
  return { ...r, createdAt: shift(r.createdAt), expiresAt: shift(r.expiresAt) };
}

test('nothing open: says so, no rows and no buttons', () => {
  const { text, buttons, reply } = show([]);
  expect(text).toEqual(['Nothing is waiting for you', 'Read 2026-11-20 10:00 UTC', 'You have no open change requests to approve, reject or cancel.']);
  expect(buttons).toEqual([]);
  expect(reply.summary).toBe('Nothing is waiting for you');
});

test('each row: what, id, requester, approvals and deadline, soonest deadline first, with an Open button', () => {
  const twoOfThree = { ...madeAt(10, 'CR-LATER001', stagePromotion(megan, { reason: 'x' })), requiredApprovals: 2 };
  const approvedOnce = transition(twoOfThree, { type: 'approve', by: adele }, NOW, demoPolicy).request;
  const { text, buttons, reply } = show([approvedOnce, madeAt(0, 'CR-FIRST001')]);
  expect(text).toEqual([
    'Waiting for you (2)',
    'Read 2026-11-20 10:00 UTC',
    'Promote callcenter-desktop 2026.6.0 to latest (gal_golden)',
    'CR-FIRST001 · asked by Megan Bowen · 0 of 1 approvals',
    'Expires in 23 h',
    'Promote dispatch 2026.6.0 to production (gal_golden)',
    'CR-LATER001 · asked by Megan Bowen · 1 of 2 approvals',
    'Expires in 23 h',
  ]);
  expect(buttons).toEqual([
    { title: 'Open', verb: RUN_VERB, command: 'request CR-FIRST001' },
    { title: 'Open', verb: RUN_VERB, command: 'request CR-LATER001' },
  ]);
  expect(reply.summary).toBe('2 change requests are waiting for you');
});

test('the Open button has a Submit fallback that sends the same command for old clients', () => {
  const { card } = show([madeAt(0, 'CR-FIRST001')]);
  const open = allActions(card).find((a) => a.type === 'Action.Execute' && a.title === 'Open')!;
  expect(open).toEqual({
    type: 'Action.Execute', title: 'Open', verb: RUN_VERB, data: { verb: RUN_VERB, command: 'request CR-FIRST001' },
    fallback: { type: 'Action.Submit', title: 'Open', data: { verb: RUN_VERB, command: 'request CR-FIRST001' } },
  });
});

test.each<[string, Date, string, string]>([
  ['a day left', minutes(60), 'Expires in 23 h', 'default'],
  ['under two hours left', minutes(24 * 60 - 90), 'Expires in 1 h', 'warning'],
  ['minutes left', minutes(24 * 60 - 5), 'Expires in 5 min', 'warning'],
  ['past the deadline, not yet swept', minutes(24 * 60 + 5), 'Expired 5 min ago', 'attention'],
])('deadline: %s', (_name, now, line, color) => {
  const { card, text } = show([madeAt(0, 'CR-FIRST001')], 1, now);
  expect(text).toContain(line);
  const block = JSON.stringify(card).match(/"text":"(Expire[^"]*)","size":"Small","spacing":"None","color":"(\w+)"/)!;
  expect([block[1], block[2]]).toEqual([line, color]);
});

test('an open request past pending says where it is', () => {
  const approved = transition(madeAt(0, 'CR-FIRST001'), { type: 'approve', by: adele }, NOW, demoPolicy).request;
  const { text } = show([approved]);
  expect(text).toContain('CR-FIRST001 · approved · asked by Megan Bowen · 1 of 1 approvals');
  expect(text.filter((l) => l.startsWith('Expire'))).toEqual([]);
});

describe('paging', () => {
  const many = Array.from({ length: 25 }, (_, i) => madeAt(i, `CR-${String(i).padStart(8, '0')}`));

  test.each<[number, string, string[], string[]]>([
    [1, 'Showing 1–10 of 25', ['CR-00000000', 'CR-00000009'], ['More (page 2 of 3)']],
    [2, 'Showing 11–20 of 25', ['CR-00000010', 'CR-00000019'], ['Previous', 'More (page 3 of 3)']],
    [3, 'Showing 21–25 of 25', ['CR-00000020', 'CR-00000024'], ['Previous']],
    [99, 'Showing 21–25 of 25', ['CR-00000020', 'CR-00000024'], ['Previous']],
  ])('page %d', (page, range, [first, last], paging) => {
    const { text, buttons, card } = show(many, page);
    expect(text[0]).toBe('Waiting for you (25)');
    expect(text).toContain(range);
    const opens = buttons.filter((b) => b.title === 'Open').map((b) => b.command);
    expect(opens.length).toBeLessThanOrEqual(PENDING_PAGE_SIZE);
    expect(opens[0]).toBe(`request ${first}`);
    expect(opens[opens.length - 1]).toBe(`request ${last}`);
    expect(((card.actions ?? []) as { title: string }[]).map((a) => a.title)).toEqual(paging);
  });

  test('More runs the pending command for the next page', () => {
    const more = show(many, 1).buttons.find((b) => b.title.startsWith('More'))!;
    expect(more).toEqual({ title: 'More (page 2 of 3)', verb: RUN_VERB, command: 'pending page 2' });
  });
});

test('requester names with markdown or HTML are escaped', () => {
  const eve = { ...megan, name: '*Eve* [x](http://evil) <script>alert(1)</script>' };
  const { card, text } = show([{ ...madeAt(0, 'CR-FIRST001'), requester: { ...eve, teamsUserId: 'user-id-9' } }]);
  expect(JSON.stringify(card)).not.toContain('<script>');
  expect(text).toContain('CR-FIRST001 · asked by \\*Eve\\* \\[x\\](http://evil) ‹script›alert(1)‹/script› · 0 of 1 approvals');
});

test('a full page of long titles stays under 80 KB', () => {
  const long = (i: number) => {
    const r = madeAt(i, `CR-LONG${String(i).padStart(4, '0')}`);
    return { ...r, target: { ...r.target, image: `image-${'x'.repeat(80)}-${i}` }, requester: { ...r.requester, name: 'N'.repeat(200) } };
  };
  const { card } = show(Array.from({ length: 40 }, (_, i) => long(i)));
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
});
