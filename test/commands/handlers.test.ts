import { ThrottledError } from '../../src/errors';
import { ask, commandContext } from '../fixtures/command-harness';
import { DEMO_NOW, demoGallery } from '../fixtures/demo-gallery';
import { cardText, expectValidCard, runButtons } from '../helpers/validate-card';

/** The card a user sees for a command on the demo data: its lines of text and its run buttons. */
async function see(text: string, source: 'message' | 'card' = 'message', ctx = commandContext()) {
  const { card, rendered } = await ask(ctx, text, source);
  expectValidCard(rendered);
  return { template: card.template, summary: card.summary, lines: cardText(rendered), buttons: runButtons(rendered), ctx };
}

describe('image status', () => {
  test('`image status dispatch 2026.05` → 2026.5.1 in production, Central US failed first', async () => {
    const { lines, summary } = await see('image status dispatch 2026.05');
    expect(lines[0]).toBe('dispatch 2026.5.1');
    expect(lines).toContain('Gallery gal_golden · subscription 11111111-2222-3333-4444-555555555555 · resource group rg-images');
    expect(lines).toContain('Read 2026-11-23 12:00 UTC');
    expect(lines.join('\n')).toContain('Resolved to production (gal_golden); also in staging (gal_staging)');
    expect(lines).toContain('2026.05 → 2026.5.1 (the highest 2026.5.x)');
    expect(summary).toBe('dispatch 2026.5.1: Replication FAILED in 1 of 2 regions');
    const regions = lines.slice(lines.indexOf('Regions') + 1);
    expect(regions.slice(0, 3)).toEqual(['Central US', '✗ Failed', '████░░░░░░ 35 %']);
    expect(regions).toContain('Replication to Central US failed: disk copy timed out.');
    expect(regions.indexOf('East US 2')).toBeGreaterThan(regions.indexOf('Central US'));
    expect(lines).toContain('Latest: yes (what latest deploys)');
  });

  test('an exact version costs one GET with replication status and, once, the list beside it (is it latest?); then a prefix costs the GET alone', async () => {
    const exact = await see('image status gal_golden/dispatch 2026.5.1');
    const port = exact.ctx.port;
    const armCalls = () => port.calls.filter((c) => c.method === 'listVersions' || c.method === 'getVersion');
    expect(armCalls()).toEqual(expect.arrayContaining([{ method: 'getVersion', target: 'gal_golden/dispatch/2026.5.1', withReplication: true }, expect.objectContaining({ method: 'listVersions' })]));
    expect(armCalls()).toHaveLength(2);
    port.calls.length = 0;
    await ask(exact.ctx, 'status dispatch 2026.5');
    // The list is in the version index now: the prefix resolves from it.
    expect(armCalls().map((c) => c.method)).toEqual(['getVersion']);
  });

  test('defaults to latest, and shows the replicating region with its progress', async () => {
    const { lines } = await see('status callcenter-desktop');
    expect(lines[0]).toBe('callcenter-desktop 2026.5.0');
    const replicating = await see('STATUS CallCenter-Desktop 2026.6.0');
    expect(replicating.lines).toContain('⏳ Replicating: 1 of 5 regions still copying');
    expect(replicating.lines).toContain('Excluded from latest (all regions)');
    const regions = replicating.lines.slice(replicating.lines.indexOf('Regions') + 1);
    expect(regions.slice(0, 3)).toEqual(['Southeast Asia', '⏳ Replicating', '████░░░░░░ 40 %']);
  });

  test('end of life past is flagged', async () => {
    const { lines } = await see('image status gpu-analytics 1.0.0');
    expect(lines).toContain('✗ End of life: 2026-10-24 (30 days ago), past end of life');
  });

  test('an unknown version names the closest ones as buttons', async () => {
    const { lines, buttons } = await see('image status dispatch 2026.5.7');
    expect(lines.join(' ')).toContain('`gal_golden/dispatch` has no version 2026.5.7. Closest: 2026.5.1, 2026.5.0, 2026.4.0.');
    expect(buttons.map((b) => b.command)).toEqual([
      'image status dispatch 2026.5.1',
      'image status dispatch 2026.5.0',
      'image status dispatch 2026.4.0',
      'help image status',
    ]);
  });

  test('a version that is not a version is a usage error', async () => {
    const { template, lines } = await see('image status dispatch newest');
    expect(template).toBe('error');
    expect(lines).toContain('`newest` is not a version: use an exact version (2026.5.1), a prefix (2026.5) or latest.');
    expect(lines).toContain('Usage: image status ‹image› [‹version›|latest]');
  });
});

describe('versions', () => {
  test('`versions callcenter-desktop` newest first, 2026.5.0 marked latest, EOL flagged', async () => {
    const { lines, buttons } = await see('versions callcenter-desktop');
    expect(lines[0]).toBe('callcenter-desktop: 4 versions');
    expect(lines).toContain('Latest: 2026.5.0');
    const order = ['2026.6.0', '2026.5.0', '2026.4.0', '2026.3.0'].map((v) => lines.indexOf(v));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines[lines.indexOf('2026.5.0') + 1]).toBe('★ LATEST');
    expect(lines).toContain('⚠ End of life 2026-12-13 (in 20 days), soon');
    expect(lines).toContain('✗ End of life 2026-11-13 (10 days ago), past end of life');
    expect(lines.filter((l) => l === 'Excluded from latest')).toHaveLength(2);
    expect(lines).toContain('⏳ Replicating: 4 of 5 regions completed (Southeast Asia 40 %)');
    expect(lines).toContain('✓ Replication completed in 5 regions');
    expect(buttons[0]!.command).toBe('image status gal_golden/callcenter-desktop 2026.6.0');
  });

  test('costs one list call plus one replication read per version shown, reused by the next command', async () => {
    const { ctx } = await see('versions records');
    const armReads = () => ctx.port.calls.filter((c) => c.method === 'listVersions' || c.method === 'getVersion');
    expect(armReads()).toEqual([
      { method: 'listVersions', target: 'gal_golden/records' },
      { method: 'getVersion', target: 'gal_golden/records/2026.5.0', withReplication: true },
    ]);
    await ask(ctx, 'versions records');
    expect(armReads().filter((c) => c.method === 'getVersion')).toHaveLength(1);
  });

  test('a failed region is named on the list', async () => {
    const { lines } = await see('versions dispatch');
    expect(lines.some((l) => /Replication FAILED in Central US \(1 of 2 regions\)/.test(l))).toBe(true);
  });

  test('an unknown image says did-you-mean with a button', async () => {
    const { template, lines, buttons } = await see('versions dispach');
    expect(template).toBe('error');
    expect(lines.join(' ')).toContain('Did you mean `dispatch`?');
    expect(buttons[0]).toMatchObject({ title: 'dispatch', command: 'versions dispatch', verb: 'galleryops.run' });
  });

  test('an ambiguous name is answered with choices, never a guess', async () => {
    const port = demoGallery().gallery('gal_sandbox').image('gal_sandbox', 'records').port;
    const { template, lines, buttons } = await see('versions records', 'message', commandContext(port));
    expect(template).toBe('choices');
    expect(lines.join(' ')).toContain('`records` matches 2 image definitions. Which one?');
    expect(buttons.map((b) => b.command)).toEqual(['versions gal_golden/records', 'versions gal_sandbox/records']);
  });
});

describe('images and galleries', () => {
  test('`images gal_golden`: OS, generation, product, latest version', async () => {
    const { lines } = await see('images gal_golden');
    expect(lines[0]).toBe('Image definitions in gal_golden (5)');
    const i = lines.indexOf('callcenter-desktop');
    expect(lines.slice(i, i + 4)).toEqual(['callcenter-desktop', 'Windows · Generalized · V2 · x64', 'ClearWave / CallCenter / win11-desktop', 'Latest 2026.5.0 of 4']);
  });

  test('`images` across galleries qualifies names', async () => {
    const { lines } = await see('images');
    expect(lines).toEqual(expect.arrayContaining(['gal_golden/dispatch', 'gal_staging/dispatch']));
  });

  test('`galleries`: sharing, definition count, location, subscription and resource group', async () => {
    const { lines, buttons } = await see('galleries');
    const i = lines.indexOf('gal_staging');
    expect(lines.slice(i, i + 3)).toEqual([
      'gal_staging',
      '⚠ Groups with 1 · 1 definition · eastus2',
      'subscription 11111111-2222-3333-4444-555555555555 · resource group rg-images',
    ]);
    expect(buttons.map((b) => b.command)).toEqual(['images gal_golden', 'images gal_staging']);
  });

  test('`images` with an unknown gallery suggests one', async () => {
    const { lines, buttons } = await see('images gal_goldn');
    expect(lines.join(' ')).toContain('Did you mean `gal_golden`?');
    expect(buttons[0]!.command).toBe('images gal_golden');
  });
});

describe('help and unknown commands', () => {
  test('`help` lists only implemented commands', async () => {
    const { lines, buttons } = await see('help');
    expect(buttons.map((b) => b.command)).toEqual([
      'help help',
      'help galleries',
      'help images',
      'help versions',
      'help image status',
      'help usage',
      'help promote',
      'help retire',
      'help repair',
      'help pending',
      'help request',
      'help approve',
      'help reject',
      'help cancel',
      'help evidence',
      'help evidence verify',
      'help audit verify',
      'help history',
      'help report',
      'help drift',
      'help subscribe',
      'help unsubscribe',
      'help unmute',
      'help subscriptions',
    ]);
    
  });

  test('`help status` shows usage and runnable examples', async () => {
    const { lines, buttons } = await see('help status');
    expect(lines).toContain('Usage: image status ‹image› [‹version›|latest]');
    expect(buttons.map((b) => b.command)).toContain('image status dispatch 2026.05');
  });

  test('an empty mention answers with help', async () => {
    expect((await see('<at>GalleryOps</at>')).template).toBe('help');
  });

  test.each([
    ['verions callcenter-desktop', 'versions', 'versions callcenter-desktop'],
    ['imag status dispatch', 'image status', 'image status dispatch'],
    ['galeries', 'galleries', 'galleries'],
  ])('%s → did you mean %s', async (text, name, command) => {
    const { lines, buttons } = await see(text);
    expect(lines.join(' ')).toContain(`Did you mean \`${name}\``);
    expect(lines.join(' ')).toContain('Type `help` for the list.');
    expect(buttons.map((b) => b.command)).toContain(command);
  });

  test('markdown and HTML in echoed input are neutralised', async () => {
    const { lines } = await see('versions **[x](http://evil.example)**');
    const text = lines.join(' ');
    expect(text).not.toMatch(/(^|[^\\])\*\*/);
    expect(text).not.toMatch(/[^\\]\]\(/);
  });

  test('100 KB of text is a usage error card, not a crash', async () => {
    const { template, lines } = await see(`versions ${'a'.repeat(100 * 1024)}`);
    expect(template).toBe('error');
    expect(lines.join(' ')).toContain('commands are at most 2000');
  });

  test('control characters are refused politely', async () => {
    const { lines } = await see('versions x\u0007');
    expect(lines.join(' ')).toContain('control characters');
  });
});

describe('errors from Azure', () => {
  test('typed errors become cards; unknown errors propagate for the Teams layer to log', async () => {
    const ctx = commandContext();
    ctx.port.listVersions = async () => {
      throw new ThrottledError('Azure is throttling gallery reads.', 12);
    };
    const { lines } = await see('versions records', 'message', ctx);
    expect(lines).toEqual(expect.arrayContaining(['⚠ Azure is busy', 'Azure is throttling gallery reads. Try again in 12 s.']));
    ctx.port.listVersions = async () => {
      throw new TypeError('boom');
    };
    await expect(ask(ctx, 'versions records')).rejects.toThrow('boom');
  });
});

test('the clock is the context clock', async () => {
  const later = new Date(DEMO_NOW.getTime() + 30 * 86_400_000);
  const { lines } = await see('image status callcenter-desktop 2026.4.0', 'message', commandContext(demoGallery().port, later));
  expect(lines).toContain('✗ End of life: 2026-12-13 (10 days ago), past end of life');
});
