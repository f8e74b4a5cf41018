/**
 * `npm run soak [-- --minutes N] [--keep]` (default 10; not part of npm test; `--keep` leaves the data folder):
 * the bot in its own process with a fresh data folder and the embedded store, no Node flags (as `npm start`
 * runs it), against the gallery emulator (demo settings), under 200 conversations of 20 people sending the command mix back to back
 * (conversation-load.ts), plus, every 30 s, a real retirement that Alex asks for and Adele approves, so the
 * engine's write path runs. Each minute it prints the data folder's size (every file: database, -wal, -shm),
 * the bot's RSS, commands/s, the p95 answer time and what the database holds; at the end, whether the folder
 * and the RSS each grew less than 5 % between the middle and the last minute (PASS/FAIL with the numbers),
 * and what grew, by table. It measures, it does not judge: exit code 0 unless something crashed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector } from '../test/helpers/local-connector';
import { approvalRound } from './approval-round';
import { BotProcess } from './bot-process';
import { startBenchEmulator } from './bench-emulator';
import { ConversationLoad } from './conversation-load';
import { DATABASE_FILE, snapshotDb, type DbSnapshot } from './db-growth';
import { WarmConnection } from './http-post';
import { LoadConnector } from './load-connector';
import { cpuMs, dirBytes, mb, rssBytes } from './proc-stats';
import { percentiles } from './stats';

interface Minute {
  minute: number;
  folderBytes: number;
  rss: number;
  memory: NodeJS.MemoryUsage;
  commandsPerSecond: number;
  p95: number;
  cpuPercent: number;
  db?: DbSnapshot;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

async function main(): Promise<number> {
  const minutes = option('minutes', 10);
  const conversations = option('conversations', 200);
  const users = option('users', 20);
  const approvalEverySeconds = option('approval-every-s', 30);
  const dataDir = mkdtempSync(join(tmpdir(), 'galleryops-soak-'));

  const emulator = await startBenchEmulator([]);
  const bot = await BotProcess.start(emulator.url, emulator.ca, { dataDir });
  let stopping = false;
  const crashed = new Promise<string>((resolve) => bot.proc.once('exit', (code, signal) => !stopping && resolve(`the bot process exited (${code ?? signal})`)));
  const loadConnector = new LoadConnector();
  const approvals = new LocalConnector();
  const [loadUrl, approvalsUrl] = [await loadConnector.start(), await approvals.start()];
  const connection = new WarmConnection(bot.url);
  connection.keepWarm();
  const load = new ConversationLoad({ botUrl: bot.url, serviceUrl: loadUrl, connector: loadConnector, conversations, users, intervalMs: 0, tag: 'soak' });

  console.log(`soak: ${minutes} min, ${conversations} conversations of ${users} people back to back (image status / versions / pending / evidence / approve CR-<unknown>), a retirement approved every ${approvalEverySeconds} s`);
  console.log(`bot pid ${bot.pid} (no Node flags, as npm start), data folder ${dataDir}`);
  console.log('');
  console.log('min | data folder MB (db + wal) | bot RSS MB (V8 heap used / total, external) | bot CPU % | commands/s | answer p95 ms | failed | approvals ok / failed | rows: audit, evidence bundles, evidence parts, requests, conversations');

  const approvalsDone = { ok: 0, failed: 0, last: '' };
  const approvalLoop = (async () => {
    for (let round = 0; !stopping; round++) {
      const next = Date.now() + approvalEverySeconds * 1000;
      const day = new Date(Date.UTC(2027, 1, 1 + round)).toISOString().slice(0, 10);
      try {
        const r = await approvalRound({ bot: 'galleryops', connection, connector: approvals, serviceUrl: approvalsUrl, conversationId: `soak-approval-${round}`, day, timeoutMs: 60_000 });
        if (r.outcome === 'SUCCEEDED') approvalsDone.ok++;
        else {
          approvalsDone.failed++;
          approvalsDone.last = r.outcome;
        }
      } catch (err) {
        approvalsDone.failed++;
        approvalsDone.last = (err as Error).message.slice(0, 200);
      }
      while (!stopping && Date.now() < next) {
        connection.keepWarm();
        await sleep(500);
      }
    }
  })();

  const rows: Minute[] = [];
  let failedTotal = 0;
  load.start();
  let cpuBefore = cpuMs(bot.pid);
  try {
    for (let minute = 1; minute <= minutes; minute++) {
      const outcome = await Promise.race([sleep(60_000).then(() => undefined), crashed]);
      if (outcome) throw new Error(outcome);
      const w = load.take();
      const cpuNow = cpuMs(bot.pid);
      const row: Minute = {
        minute,
        folderBytes: dirBytes(dataDir),
        rss: rssBytes(bot.pid),
        memory: await bot.memory(),
        commandsPerSecond: w.answered / w.seconds,
        p95: percentiles(w.byCommand.flat()).p95,
        cpuPercent: ((cpuNow - cpuBefore) / (w.seconds * 1000)) * 100,
        db: snapshotDb(dataDir),
      };
      cpuBefore = cpuNow;
      failedTotal += w.failures;
      rows.push(row);
      const t = row.db?.tables ?? {};
      const wal = row.folderBytes - statSync(join(dataDir, DATABASE_FILE)).size;
      console.log(
        `${minute} | ${mb(row.folderBytes)} (${mb(row.folderBytes - wal)} + ${mb(wal)}) | ${mb(row.rss)} (${mb(row.memory.heapUsed)} / ${mb(row.memory.heapTotal)}, ${mb(row.memory.external)}) | ${row.cpuPercent.toFixed(0)} | ${row.commandsPerSecond.toFixed(0)} | ${row.p95.toFixed(0)} | ${w.failures}${w.lastFailure ? ` (${w.lastFailure})` : ''} | ${approvalsDone.ok} / ${approvalsDone.failed}${approvalsDone.last ? ` (${approvalsDone.last})` : ''} | ${['audit', 'evidence_bundles', 'evidence_parts', 'requests', 'conversations'].map((n) => t[n]?.rows ?? 0).join(', ')}`,
      );
    }
  } finally {
    stopping = true;
    await load.stop();
    await approvalLoop;
    connection.close();
    await loadConnector.stop();
    await approvals.stop();
    await bot.stopAndWait();
    await emulator.stop();
  }

  const mid = rows[Math.max(0, Math.floor(minutes / 2) - 1)]!;
  const end = rows[rows.length - 1]!;
  console.log('');
  console.log(`commands answered: ${rows.reduce((s, r) => s + r.commandsPerSecond * 60, 0).toFixed(0)} (failed ${failedTotal}); approvals ${approvalsDone.ok} succeeded, ${approvalsDone.failed} failed`);
  if (mid === end) console.log('(growth needs at least 2 minutes to compare)');
  else {
    console.log(`growth between minute ${mid.minute} and minute ${end.minute} (PASS below 5 %):`);
    const verdict = (label: string, a: number, b: number) => {
      const pct = ((b - a) / a) * 100;
      console.log(`${pct < 5 ? 'PASS' : 'FAIL'} ${label}: ${mb(a)} MB → ${mb(b)} MB (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %)`);
    };
    verdict('data folder', mid.folderBytes, end.folderBytes);
    verdict('bot RSS', mid.rss, end.rss);
    if (mid.db && end.db) printGrowth(mid, end);
  }
  // Hundreds of MB after 10 minutes: kept only when asked (`--keep`) for a closer look.
  if (process.argv.includes('--keep')) console.log(`\ndata folder kept: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
  return 0;
}

/** Rows and bytes per table at both minutes, largest growth first, and what the audit log holds by action. */
function printGrowth(mid: Minute, end: Minute): void {
  const a = mid.db!;
  const b = end.db!;
  const minutes = end.minute - mid.minute;
  console.log('');
  console.log(`what the database holds (rows / MB of table + index pages, from dbstat), minute ${mid.minute} → ${end.minute}:`);
  console.log('table | rows | MB | rows per minute | KB per minute | bytes per row');
  const names = Object.keys(b.tables).sort((x, y) => b.tables[y]!.bytes - (a.tables[y]?.bytes ?? 0) - (b.tables[x]!.bytes - (a.tables[x]?.bytes ?? 0)));
  for (const name of names) {
    const before = a.tables[name] ?? { rows: 0, bytes: 0 };
    const after = b.tables[name]!;
    const rows = after.rows - before.rows;
    console.log(
      `${name} | ${before.rows} → ${after.rows} | ${mb(before.bytes)} → ${mb(after.bytes)} | ${(rows / minutes).toFixed(0)} | ${((after.bytes - before.bytes) / 1024 / minutes).toFixed(0)} | ${after.rows ? (after.bytes / after.rows).toFixed(0) : '-'}`,
    );
  }
  console.log(`free pages: ${mb(a.freeBytes)} → ${mb(b.freeBytes)} MB; evidence bundles are about ${b.evidenceSubjects} distinct subject(s)`);
  const actions = Object.keys(b.auditActions).sort();
  console.log(`audit records by action, minute ${mid.minute} → ${end.minute}: ${actions.map((k) => `${k} ${a.auditActions[k] ?? 0} → ${b.auditActions[k]}`).join('; ')}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak stopped: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
