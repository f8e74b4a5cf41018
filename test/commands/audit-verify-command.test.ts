/** `audit verify [--anchor <seq>:<hash>]` in chat, over a real embedded store. */
import { createAuditLog } from '../../src/audit/audit-log';
import type { CommandContext } from '../../src/commands/command-context';
import { runCommand } from '../../src/commands/run-command';
import { openTempStore } from '../helpers/temp-store';
import { minutes } from '../approvals/fixtures';

const textOf = (reply: Awaited<ReturnType<typeof runCommand>>): string => (reply.kind === 'text' ? reply.text : JSON.stringify(reply.data));

test('proves an anchor a card showed is still in the log; a cut-back log fails it; a short or odd anchor is a usage error', async () => {
  const { store, cleanup } = await openTempStore();
  try {
    const audit = createAuditLog(store.audit);
    const records = await audit.append(...[1, 2, 3].map((n) => ({ at: minutes(n).toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: `test.${n}`, details: {} })));
    const ctx = { audit, now: () => minutes(10) } as unknown as CommandContext;
    const anchor = `${records[1]!.seq}:${records[1]!.hash.slice(0, 16)}`;
    expect(textOf(await runCommand(`audit verify --anchor ${anchor}`, ctx))).toMatch(/^Audit log intact: 3 records.*It still holds anchor #2 /s);
    expect(textOf(await runCommand(`audit verify #${anchor}`, ctx))).toMatch(/It still holds anchor #2/);
    expect(textOf(await runCommand('audit verify --anchor 7:0123456789abcdef', ctx))).toMatch(/Audit log BROKEN: record #7 is gone: the log was cut back/);
    expect(textOf(await runCommand('audit verify --anchor 2:0123456789abcdef', ctx))).toMatch(/record #2 has another hash than the anchor names/);
    expect(textOf(await runCommand('audit verify --anchor 2:0123', ctx))).toMatch(/at least 16 characters of its hash/);
  } finally {
    await cleanup();
  }
});
