import type { ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import { PENDING_PAGE_SIZE, pendingCard, type PendingList } from '../../src/cards/pending-card';
import { createCardRenderer } from '../../src/cards/render-card';
import { RUN_VERB } from '../../src/cards/run-button';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion } from '../approvals/fixtures';
import { allActions, cardText, expectValidCard, MAX_CARD_BYTES, runButtons } from '../helpers/validate-card';

const render = createCardRenderer();
const NOW = minutes(60);

/** The list as the approver sees it in a personal chat: every request is theirs to decide. */
const toDecide = (requests: ChangeRequest[]): PendingList => ({ kind: 'personal', toDecide: requests, own: [] });

function show(requests: ChangeRequest[] | PendingList, page = 1, now = NOW) {
  const reply = pendingCard(Array.isArray(requests) ? toDecide(requests) : requests, now, page);
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

test('nothing open: says so for each section, no rows and no buttons', () => {
  const { text, buttons, reply } = show([]);
  expect(text).toEqual(['Pending change requests', 'Read 2026-11-20 10:00 UTC', 'Waiting for your approval: none · Your open requests: none']);
  expect(buttons).toEqual([]);
  expect(reply.summary).toBe('0 change requests waiting for your approval; 0 open requests of your own');
});

test('each row: what, id, requester, approvals and deadline, soonest deadline first, with an Open button', () => {
  const twoOfThree = { ...madeAt(10, 'CR-LATER001', stagePromotion(megan, { reason: 'x' })), requiredApprovals: 2 };
  const approvedOnce = transition(twoOfThree, { type: 'approve', by: adele }, NOW, demoPolicy).request;
  const { text, buttons, reply } = show([approvedOnce, madeAt(0, 'CR-FIRST001')]);
  expect(text).toEqual([
    'Pending change requests',
    'Read 2026-11-20 10:00 UTC',
    'Waiting for your approval: 2 · Your open requests: none',
    'Waiting for your approval (2)',
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
  expect(reply.summary).toBe('2 change requests waiting for your approval; 0 open requests of your own');
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
  ['under two hours left', minutes(24 * 60 - 90), '⚠ Expires in 1 h', 'default'],
  ['minutes left', minutes(24 * 60 - 5), '⚠ Expires in 5 min', 'default'],
  ['past the deadline, not yet swept', minutes(24 * 60 + 5), '✗ Expired 5 min ago', 'attention'],
])('deadline: %s', (_name, now, line, color) => {
  const { card, text } = show([madeAt(0, 'CR-FIRST001')], 1, now);
  expect(text).toContain(line);
  const block = JSON.stringify(card).match(/"text":"((?:⚠ |✗ )?Expire[^"]*)","size":"Small","spacing":"None","color":"(\w+)"/)!;
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
    expect(text).toContain(page === 1 ? 'Waiting for your approval (25)' : 'Waiting for your approval (25), continued');
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

describe('sections', () => {
  const mine = (id: string, minutesAfterT0 = 0): ChangeRequest => madeAt(minutesAfterT0, id, stagePromotion(megan));

  test('personal: what the viewer may decide, then their own open requests, each heading counting its rows', () => {
    const { text, reply } = show({ kind: 'personal', toDecide: [madeAt(0, 'CR-DECIDE01')], own: [mine('CR-MINE0001'), mine('CR-MINE0002', 5)] });
    expect(text).toEqual([
      'Pending change requests',
      'Read 2026-11-20 10:00 UTC',
      'Waiting for your approval: 1 · Your open requests: 2',
      'Waiting for your approval (1)',
      'Promote callcenter-desktop 2026.6.0 to latest (gal_golden)',
      'CR-DECIDE01 · asked by Megan Bowen · 0 of 1 approvals',
      'Expires in 23 h',
      'Your open requests (2)',
      'Promote dispatch 2026.6.0 to production (gal_golden)',
      'CR-MINE0001 · asked by Megan Bowen · 0 of 1 approvals',
      'Expires in 23 h',
      'Promote dispatch 2026.6.0 to production (gal_golden)',
      'CR-MINE0002 · asked by Megan Bowen · 0 of 1 approvals',
      'Expires in 23 h',
    ]);
    expect(reply.summary).toBe('1 change request waiting for your approval; 2 open requests of your own');
  });

  test('personal, only own requests: says nothing waits for the viewer\'s approval, and lists theirs', () => {
    const { text } = show({ kind: 'personal', toDecide: [], own: [mine('CR-MINE0001')] });
    expect(text.slice(0, 4)).toEqual(['Pending change requests', 'Read 2026-11-20 10:00 UTC', 'Waiting for your approval: none · Your open requests: 1', 'Your open requests (1)']);
    expect(text.join('\n')).not.toMatch(/Waiting for your approval \(/);
  });

  test('shared (a channel or group chat): neutral words, per gallery, with its count; never "you"', () => {
    const one = show({ kind: 'shared', galleries: [{ gallery: 'gal_golden', requests: [madeAt(0, 'CR-GOLDEN01'), mine('CR-GOLDEN02')] }] });
    expect(one.text.slice(0, 3)).toEqual(['Open change requests in gal_golden: 2', 'Read 2026-11-20 10:00 UTC', 'Everyone here sees this list; type pending in your personal chat with GalleryOps for what waits for you.']);
    expect(one.text).toContain('Open requests in gal_golden (2)');
    expect(one.reply.summary).toBe('2 open change requests in gal_golden');
    const two = show({ kind: 'shared', galleries: [{ gallery: 'gal_golden', requests: [] }, { gallery: 'gal_staging', requests: [mine('CR-STAGE001')] }] });
    expect(two.text[0]).toBe('Open change requests: 1');
    expect(two.text).toContain('Open requests in gal_golden: none · Open requests in gal_staging: 1');
    expect(show({ kind: 'shared', galleries: [{ gallery: 'gal_golden', requests: [] }] }).text).toEqual(['Open change requests in gal_golden: 0', 'Read 2026-11-20 10:00 UTC', 'No change requests are open in gal_golden.']);
    expect(two.text).toContain('Open requests in gal_staging (1)');
    expect(two.text.filter((l) => / (your|you)\b/i.test(l) && !l.startsWith('Everyone here'))).toEqual([]);
  });

  test('a section that continues on the next page repeats its heading', () => {
    const many = Array.from({ length: 12 }, (_, i) => madeAt(i, `CR-${String(i).padStart(8, '0')}`));
    const { text } = show({ kind: 'personal', toDecide: many, own: [mine('CR-MINE0001')] }, 2);
    expect(text.filter((l) => /^(Waiting|Your open).*\)/.test(l))).toEqual(['Waiting for your approval (12), continued', 'Your open requests (1)']);
  });
});
