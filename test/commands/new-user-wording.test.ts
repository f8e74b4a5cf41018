/**
 * Wording a new user tripped over (issue 10, point 8), each tried the way they met it: the command, the
 * card's or message's words. Grouped by where the words come from.
 */
import type { CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import type { Reply } from '../../src/cards/reply';
import { commandInputOf } from '../../src/teams/command-input';
import { replyToInvokeResponse } from '../../src/teams/reply-to-activity';
import { renderCard } from '../../src/cards/render-card';
import { ask, commandContext } from '../fixtures/command-harness';
import { demoGallery } from '../fixtures/demo-gallery';
import { cardText } from '../helpers/validate-card';
import { demoUsage, withSeedSizes } from '../report/report-fixtures';
import { cardOf, evidenceHarness, hashOn, sampleEntries, sampleRequest, textOf, type EvidenceHarness } from '../evidence/evidence-fixture';
import { createAuditLog } from '../../src/audit/audit-log';
import { openTempStore } from '../helpers/temp-store';
import { minutes } from '../approvals/fixtures';
import { projectPath } from '../../src/project-root';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import { stateRefusal } from '../../src/approvals/state-refusal';
import { after, executing } from '../cards/samples/request-fixtures';

const linesOf = (reply: Reply): string[] => (reply.kind === 'card' ? cardText(renderCard(reply)) : [reply.text]);

describe('counts read as a person would say them', () => {
  let h: EvidenceHarness;
  beforeEach(async () => {
    h = await evidenceHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('an evidence bundle with one request and one audit record: "1 change request", "1 audit record (#1)"', async () => {
    await h.store.requests.commit({ request: { create: sampleRequest() }, audit: [] });
    await h.ctx.audit!.append(sampleEntries(sampleRequest())[0]!);
    const { text } = cardOf(await h.ask('evidence dispatch 2026.5.1'));
    expect(text).toContain('Contents: 3 ARM snapshots · 1 change request · 1 audit record');
    expect(text).toContain('1 audit record (#1) in the bundle');
    expect(text).not.toMatch(/#1–#1/);
  });

  test('audit verify over one record says "1 record"', async () => {
    const { store, cleanup } = await openTempStore();
    try {
      const audit = createAuditLog(store.audit);
      await audit.append({ at: minutes(1).toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: 'test.1', details: {} });
      const reply = await runCommand('audit verify', { audit, now: () => minutes(2) } as unknown as CommandContext);
      expect(textOf(reply)).toMatch(/^Audit log intact: 1 record, /);
    } finally {
      await cleanup();
    }
  });

  test('report: the title counts findings, and the paging line says what else the list holds', async () => {
    const ctx: CommandContext = {
      ...commandContext(withSeedSizes(demoGallery()).port),
      usage: demoUsage(),
      report: { eolSoonDays: 30, staleLatestDays: 90 },
      desiredStateFile: projectPath('config', 'desired-state.demo.json'),
    };
    const lines = cardText((await ask(ctx, 'report')).rendered);
    expect(lines[0]).toBe('Compliance report: 11 findings');
    const paging = lines.find((l) => l.startsWith('Showing'));
    expect(paging).toBe('Showing 1–12 of 17: 11 findings, then the replica storage of 6 definitions');
  });
});

describe('typed input', () => {
  test.each(['2026.05?', '2026.05.', '2026.05!', '2026.5.1.'])('image status dispatch %s: a sentence mark after the version is not part of it', async (typed) => {
    const lines = linesOf(await runCommand(`image status dispatch ${typed}`, commandContext()));
    expect(lines[0]).toBe('dispatch 2026.5.1');
  });

  test('the resolved line quotes the version without the sentence mark', async () => {
    const lines = linesOf(await runCommand('image status dispatch 2026.05?', commandContext()));
    expect(lines).toContain('2026.05 → 2026.5.1 (the highest 2026.5.x)');
  });

  test('a version that is really malformed is still refused', async () => {
    for (const typed of ['2026..5', '2026.05.?', '.2026', '2026.5.1.2']) {
      expect(linesOf(await runCommand(`image status dispatch ${typed}`, commandContext())).join('\n')).toMatch(/is not a version/);
    }
  });

  test('full-width letters and digits (an IME left on) read as the ordinary ones (NFKC)', async () => {
    const lines = linesOf(await runCommand('ｉｍａｇｅ ｓｔａｔｕｓ ｄｉｓｐａｔｃｈ ２０２６．０５', commandContext()));
    expect(lines[0]).toBe('dispatch 2026.5.1');
    expect(linesOf(await runCommand('ｖｅｒｓｉｏｎｓ dispatch', commandContext()))[0]).toMatch(/^dispatch: 3 versions/);
  });

  test('a 10,262-character message is reported as 10,262 characters, as Teams delivered it', async () => {
    const input = commandInputOf({ type: 'message', text: `versions ${'x'.repeat(10_253)}` });
    expect(input).toMatchObject({ source: 'message' });
    const text = (input as { text: string }).text;
    expect(text).toHaveLength(10_262);
    expect(linesOf(await runCommand(text, commandContext())).join('\n')).toContain('That message is 10,262 characters long');
  });
});

describe('evidence verify', () => {
  let h: EvidenceHarness;
  beforeEach(async () => {
    h = await evidenceHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('takes the 8-character short hash from the bundle\'s file name when it names one stored bundle', async () => {
    const hash = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    const text = textOf(await h.ask(`evidence verify ${hash.slice(0, 8)}`));
    expect(text).toMatch(new RegExp(`^Bundle \`${hash}\` intact`));
    // The file name as a whole works too.
    expect(textOf(await h.ask(`evidence verify galleryops-evidence-dispatch-2026.5.1-${hash.slice(0, 8)}.json`))).toMatch(/intact/);
  });

  test('a short hash that names several bundles says so and lists them; one that names none says so', async () => {
    const real = (await h.store.evidence.get(hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text))) as unknown as EvidenceBundle;
    const twin = (suffix: string): EvidenceBundle => ({ ...real, sha256: `abcdef12${suffix.repeat(56)}` });
    await h.store.evidence.put(twin('0'), minutes(0));
    await h.store.evidence.put(twin('1'), minutes(0));
    const several = textOf(await h.ask('evidence verify abcdef12'));
    expect(several).toMatch(/`abcdef12` names 2 stored bundles/);
    expect(several).toContain(`abcdef12${'0'.repeat(56)}`);
    expect(several).toContain(`abcdef12${'1'.repeat(56)}`);
    expect(textOf(await h.ask('evidence verify 0badc0de'))).toMatch(/no stored bundle's hash starts with `0badc0de`/i);
  });

  test('the Verify bundle button is answered with a short plain sentence: Teams shows it under the card without markdown', async () => {
    const hash = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    const reply = await runCommand(`evidence verify ${hash}`, h.ctx, { source: 'card' });
    const answer = replyToInvokeResponse(reply, renderCard);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    const shown = answer.value as string;
    expect(shown).not.toMatch(/[`*_]/);
    expect(shown).not.toContain('\n');
    expect(shown.length).toBeLessThanOrEqual(160);
    expect(shown).toMatch(new RegExp(`^Bundle ${hash.slice(0, 8)}… intact`));
  });
});

describe('no sentence ends twice', () => {
  test('a click on a request that failed quotes Azure\'s message without adding a second full stop', () => {
    const failed = after(executing(), [{ type: 'executionFailed', error: { code: 'Conflict', message: 'Another operation is in progress.' } }]);
    expect(stateRefusal(failed).reason).toBe(`Request ${failed.id} was approved, but Azure refused the change: Another operation is in progress.`);
    const bare = after(executing(), [{ type: 'executionFailed', error: { code: 'Conflict', message: 'busy' } }]);
    expect(stateRefusal(bare).reason).toMatch(/refused the change: busy\.$/);
  });

  test('a click on a request that GalleryOps\' own gate stopped says so, and never blames Azure', () => {
    const stopped = after(executing(), [{ type: 'executionFailed', error: { code: 'gate-failed', message: 'Central US is Failed' } }]);
    const reason = stateRefusal(stopped).reason;
    expect(reason).toBe(`Request ${stopped.id} was approved, but GalleryOps stopped it before calling Azure: Central US is Failed.`);
    expect(reason).not.toContain('Azure refused');
  });
});

describe('notification summaries count in the right number', () => {
  test('one record, one finding, one gallery, one version', async () => {
    const ctx = commandContext();
    expect((await ask(ctx, 'versions reporting')).card.summary).toBe('reporting: 1 version, latest 2026.5.0');
    const b = demoGallery();
    b.port.galleries.splice(1, 1);
    expect((await ask(commandContext(b.port), 'galleries')).card.summary).toBe('1 gallery in scope');
  });
});
