/**
 * A version's own cards say what matters before anything else (issue 10, point 5): whether it is latest, also
 * when asked by its exact number; a version flagged unsafe or past end of life never gets a green headline; and
 * the versions list shows the flag.
 */
import type { CardReply } from '../../src/cards/reply';
import { renderCard } from '../../src/cards/render-card';
import { ask, commandContext } from '../fixtures/command-harness';
import { demoGallery } from '../fixtures/demo-gallery';
import { cardText } from '../helpers/validate-card';

/** The headline's text and colour on a rendered status or evidence card. */
function headline(card: CardReply): { text: string; color: string } {
  const data = card.data as { summary: string; summaryColor: string };
  const rendered = JSON.stringify(renderCard(card));
  expect(rendered).toContain(JSON.stringify(data.summary));
  return { text: data.summary, color: data.summaryColor };
}

test('image status with the exact version says "Latest: yes", as the prefix form does', async () => {
  const ctx = commandContext();
  for (const typed of ['2026.5.1', '2026.05']) {
    expect(cardText((await ask(ctx, `image status dispatch ${typed}`)).rendered)).toContain('Latest: yes (what latest deploys)');
  }
  expect(cardText((await ask(ctx, 'image status dispatch 2026.5.0')).rendered)).toContain('Latest: no');
});

test('when the list cannot be read, the exact version is still shown, without a Latest line', async () => {
  const ctx = commandContext();
  ctx.port.listVersions = async () => {
    throw new Error('list unavailable');
  };
  const lines = cardText((await ask(ctx, 'image status dispatch 2026.5.1')).rendered);
  expect(lines[0]).toBe('dispatch 2026.5.1');
  expect(lines.filter((l) => l.startsWith('Latest'))).toEqual([]);
});

test.each([
  ['flagged unsafe and past end of life (gpu-analytics 1.0.0)', 'gpu-analytics 1.0.0', '✗ Flagged unsafe (ImageFlaggedUnsafe), past end of life · Replication Completed in 2 regions'],
  ['past end of life (callcenter-desktop 2026.3.0)', 'callcenter-desktop 2026.3.0', '✗ Past end of life · Replication Completed in 5 regions'],
])('a version %s never has a green headline: it leads with the flag, in red', async (_name, which, line) => {
  const b = demoGallery();
  const unsafe = b.port.versions.find((v) => v.image === 'gpu-analytics' && v.version === '1.0.0')!;
  unsafe.safety = { ...unsafe.safety, policyViolations: [{ category: 'ImageFlaggedUnsafe', details: 'CVE-2024-0090' }] };
  const { card } = await ask(commandContext(b.port), `image status ${which}`);
  expect(headline(card)).toEqual({ text: line, color: 'attention' });
});

test('a healthy, fully replicated version reads green, with its ✓', async () => {
  const { card } = await ask(commandContext(), 'image status gpu-analytics 1.2.0');
  expect(headline(card)).toEqual({ text: '✓ Replication Completed in 2 regions', color: 'good' });
});

test('the versions list shows the flag on the flagged version, and past end of life in red with its ✗', async () => {
  const b = demoGallery();
  const unsafe = b.port.versions.find((v) => v.image === 'gpu-analytics' && v.version === '1.0.0')!;
  unsafe.safety = { ...unsafe.safety, policyViolations: [{ category: 'ImageFlaggedUnsafe' }] };
  const lines = cardText((await ask(commandContext(b.port), 'versions gpu-analytics')).rendered);
  const row = lines.slice(lines.indexOf('1.0.0'));
  expect(row.slice(0, 4)).toEqual(['1.0.0', '✗ Flagged unsafe (ImageFlaggedUnsafe)', expect.stringMatching(/^Published /), expect.stringMatching(/^✗ End of life .*, past end of life$/)]);
  // Only the flagged one carries it.
  expect(lines.filter((l) => l.startsWith('✗ Flagged unsafe'))).toHaveLength(1);
  expect(lines).toContain('★ LATEST');
});
