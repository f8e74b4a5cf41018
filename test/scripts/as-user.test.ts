/**
 * `npm run as` against the real Agents Playground and the real bot (no browser): the message reaches the bot
 * as the named user (policy decisions use that identity), the answer is read back, and the failures a person
 * will meet (playground not running, unknown user) end with a clear message and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { actAsUser } from '../../scripts/as-user/act-as-user';
import { cardLines } from '../../scripts/as-user/card-lines';
import { PlaygroundStream } from '../../scripts/as-user/playground-stream';
import { postAsUser } from '../../scripts/as-user/post-as-user';
import { loadConfig } from '../../src/config';
import type { Child } from '../../src/launcher/child-process';
import { startPlayground } from '../../src/launcher/playground';
import { projectPath, projectRoot } from '../../src/project-root';
import { freePort } from '../helpers/browser';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';

jest.setTimeout(60_000);

const ADELE_AAD = '00000000-0000-0000-0000-0000000000022';
const REQUEST_ID = /CR-[0-9A-Z]{8}/;

let bot: BotUnderTest;
let playground: Child;
let uiPort: number;
let stream: PlaygroundStream;

beforeAll(async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0 }, {}, { seedDemoRequest: true });
  uiPort = await freePort();
  playground = await startPlayground({ botPort: Number(new URL(bot.botUrl).port), uiPort, configFile: projectPath('config', 'playground.yml'), echo: () => undefined });
  stream = await PlaygroundStream.open(`http://127.0.0.1:${uiPort}`);
});

afterAll(async () => {
  stream?.close();
  await playground?.stop();
  await bot?.stop();
});

/** Runs scripts/as-user.ts as `npm run as` would (sources compiled by SWC, as in jest). */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', join(projectRoot(), 'test', 'helpers', 'ts-register.cjs'), join(projectRoot(), 'scripts', 'as-user.ts'), ...args], {
    cwd: projectRoot(),
    env: { ...process.env, LOG_LEVEL: 'silent', GALLERYOPS_PLAYGROUND_CONFIG: 'config/playground.yml', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const config = () => loadConfig({ LOG_LEVEL: 'silent', GALLERYOPS_PLAYGROUND_PORT: String(uiPort) });

test('the CLI sends `pending` as Adele in the group chat and prints the bot\'s answer (the demo request she may approve)', async () => {
  const run = await runCli(['adele', 'pending'], { GALLERYOPS_PLAYGROUND_PORT: String(uiPort) });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Adele Vance in "Image publishers" (group-chat-image-publishers, playground http://127.0.0.1:${uiPort}): pending`);
  expect(run.stdout).toContain('GalleryOps answered:');
  // A group chat: everyone there reads the answer, so it lists the open requests in words for everyone.
  expect(run.stdout).toContain('Open change requests in gal_golden: 1');
  expect(run.stdout).toMatch(/CR-[0-9A-Z]{8} · asked by Megan Bowen/);
});

test('the CLI refuses an unknown user, naming the users there are, and exits 1', async () => {
  const run = await runCli(['bob', 'approve CR-7K3F9QXM'], { GALLERYOPS_PLAYGROUND_PORT: String(uiPort) });
  expect(run.code).toBe(1);
  expect(run.stderr.trim()).toBe(
    'No user "bob" in config/playground.yml. Its users: Alex Wilber (the current user), Megan Bowen, Adele Vance, Isaiah Langer, Patti Fernandez, Lynne Robbins.',
  );
});

test('the CLI says the playground is not running, and how to start it, and exits 1', async () => {
  const nothing = await freePort();
  const run = await runCli(['adele', 'pending'], { GALLERYOPS_PLAYGROUND_PORT: String(nothing) });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`The Agents Playground is not running at http://127.0.0.1:${nothing} (ECONNREFUSED). Start the demo with \`npm start\``);
});

test('Megan asks in the group chat; the bot has learned the approvals channel from Adele, posts the card there, and Adele approves there as herself', async () => {
  // Adele mentions the bot in the approvals channel once: that is how the bot learns where the channel is.
  const inChannel = await actAsUser(config(), { who: 'Adele Vance', text: 'help approve', channel: true });
  expect(inChannel.conversation).toEqual({ kind: 'channel', id: 'channel-image-approvals', name: 'Image approvals', teamId: 'team-platform' });
  expect(inChannel.answers[0]?.lines.join('\n')).toMatch(/approve/i);

  const asked = await actAsUser(config(), { who: 'megan', text: 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging', settleMs: 500 });
  const lines = asked.answers[0]?.lines ?? [];
  expect(lines).toContain('Promote dispatch 2026.6.0 to production (gal_golden)');
  const id = REQUEST_ID.exec(lines.join('\n'))![0];
  const posted = await stream.waitFor((e) => e.action === 'createMessage' && e.conversationId === 'channel-image-approvals' && e.attachments.some((a) => cardLines(a.content).some((line) => line.startsWith(`Request ${id}`))), 10_000);
  expect(posted.fromId).toBe('00000000-0000-0000-0000-00000000000011');

  const approved = await actAsUser(config(), { who: 'adele', text: `approve ${id}`, channel: 'channel-image-approvals' });
  expect(approved.answers[0]?.firstLines).toContain(`You approved ${id}.`);
  const request = await bot.store.requests.get(id);
  expect(request?.approvals.map((a) => a.by.aadObjectId)).toEqual([ADELE_AAD]);
});

test('someone who is not a member of the conversation, or a conversation the playground does not have, is refused before anything is sent', async () => {
  const base = { playgroundUrl: `http://127.0.0.1:${uiPort}`, text: 'pending', waitMs: 0 };
  await expect(postAsUser({ ...base, user: { id: 'user-id-9', name: 'Nobody' }, conversation: { kind: 'groupChat', id: 'group-chat-image-publishers', name: 'Image publishers' } })).rejects.toThrow(
    'Nobody (user-id-9) is not a member of Image publishers in the running playground.',
  );
  await expect(postAsUser({ ...base, user: { id: 'user-id-2', name: 'Adele Vance' }, conversation: { kind: 'groupChat', id: 'group-chat-other', name: 'Other' } })).rejects.toThrow(
    /has no conversation group-chat-other \(Other\); was it started with another configuration file\?/,
  );
});
