/**
 * Approval click → updated card, against the emulator: Alex asks for a change, Adele clicks Approve, and we
 * time the invoke's answer, the first update of the posted card (approved / executing) and the update that
 * shows the final result. Each round is a real change (a retirement with a later end-of-life date), so every
 * round makes its own ARM PATCH and long-running operation.
 */
import { isProgressCard } from './final-answer';
import { cardAction, message, post } from '../test/helpers/activities';
import { LocalConnector } from '../test/helpers/local-connector';
import { BotProcess } from './bot-process';
import { startBenchEmulator } from './bench-emulator';
import { percentiles } from './stats';

const ALEX = { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
const ADELE = { id: 'user-id-2', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022' };
const ROUNDS = 20;

/** Two emulator settings: the demo's (operations take 1 s, Retry-After 1 s) and instant operations. */
export async function approvalScenarios(): Promise<string[]> {
  const rows = ['approval click → | emulator operations | invoke answered p50 / max ms | first card update p50 / max ms | final card update p50 / max ms'];
  rows.push(await approvalScenario('as in the demo (1 s, Retry-After 1)', []));
  rows.push(await approvalScenario('instant (0 s, Retry-After 0)', ['--lro-delay-ms', '0', '--retry-after', '0']));
  return rows;
}

async function approvalScenario(label: string, emulatorArgs: string[]): Promise<string> {
  const emulator = await startBenchEmulator(emulatorArgs);
  const bot = await BotProcess.start(emulator.url, emulator.ca);
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  const invoke: number[] = [];
  const first: number[] = [];
  const final: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const conversationId = `bench-approval-${label.length}-${i}`;
      const day = new Date(Date.UTC(2027, 1, 1 + i)).toISOString().slice(0, 10);
      await post(bot.url, message(`retire gal_golden/dispatch 2026.4.0 on ${day} because benchmark round ${i}`, { serviceUrl, conversationId, from: ALEX }));
      const card = await requestCard(connector, conversationId);
      const id = /CR-[0-9A-Z]{8}/.exec(JSON.stringify(card))?.[0];
      if (!id) throw new Error(`no request card in round ${i}: ${JSON.stringify(card).slice(0, 300)}`);
      const clickedAt = Date.now();
      const res = await post(bot.url, cardAction('galleryops.approve', { requestId: id }, { serviceUrl, conversationId, from: ADELE }));
      invoke.push(Date.now() - clickedAt);
      if (res.status !== 200 || !JSON.stringify(res.body).includes(`You approved ${id}`)) throw new Error(`approve of ${id} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 3000)}`);
      const updates = await finalUpdates(connector, conversationId, 30_000);
      first.push(updates[0]!.receivedAt - clickedAt);
      final.push(updates[updates.length - 1]!.receivedAt - clickedAt);
    }
  } finally {
    await connector.stop();
    bot.stop();
    await emulator.stop();
  }
  const f = (values: number[]) => `${percentiles(values).p50.toFixed(0)} / ${Math.max(...values).toFixed(0)}`;
  return `${ROUNDS} approvals | ${label} | ${f(invoke)} | ${f(first)} | ${f(final)}`;
}

/**
 * The request card in a conversation. Not simply the first message: the previous round's outcome is sent to
 * Alex's personal chat, which the bot knows as the conversation he used last — this one.
 */
async function requestCard(connector: LocalConnector, conversationId: string): Promise<Record<string, unknown>> {
  for (let n = 1; ; n++) {
    const messages = await connector.waitForMessages(conversationId, n, 30_000);
    const card = messages.find((m) => Array.isArray(m.attachments) && !isProgressCard(m));
    if (card) return card;
  }
}

/** Waits for the card update that shows the outcome; returns every update of that card so far. */
async function finalUpdates(connector: LocalConnector, conversationId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const updates = connector.sent.filter((s) => s.method === 'PUT' && s.conversationId === conversationId);
    // The badge is the only all-capitals SUCCEEDED / FAILED on the card (gate texts say "Failed").
    if (updates.some((u) => /\bSUCCEEDED\b|\bFAILED\b/.test(JSON.stringify(u.body)))) return updates;
    if (Date.now() > deadline) throw new Error(`no final card update in ${conversationId}: ${JSON.stringify(connector.sent.filter((s) => s.conversationId === conversationId).map((s) => [s.method, JSON.stringify(s.body).slice(0, 1500)]))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
