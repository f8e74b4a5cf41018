/**
 * `npm run report` (or `npm run -s report -- --json` for automation: `-s` keeps npm's own banner out of the
 * JSON): the compliance report of the `report` command, from the command line, over the configured galleries.
 * With GALLERY_SCOPES unset it starts the gallery emulator with the demo seed, like `npm start`, so it works on
 * a fresh clone. Exit code 0 = report printed, 1 = findings and `--fail-on-findings` was given, 2 = the
 * settings or Azure could not be read.
 */
import { writeFileSync } from 'node:fs';
import { startEmulator } from '../emulator/start-emulator';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../src/config';
import { loadDesiredState } from '../src/drift/load-desired-state';
import { createGallery, type GalleryTarget } from '../src/gallery/create-gallery';
import { buildReport } from '../src/report/build-report';
import { readReportSnapshot } from '../src/report/read-report-snapshot';
import { reportReads } from '../src/report/replication-memory';
import { reportText } from '../src/report/report-text';
import type { ReportSettings } from '../src/report/report-types';

const USAGE = `Usage: npm run -s report -- [--json] [--out <file>] [--fail-on-findings]
  --json              print the report as JSON (findings with their fix commands, replica storage, problems)
  --out <file>        write it to a file instead (npm prints its own banner on stdout unless run with -s)
  --fail-on-findings  exit with code 1 when there is anything to fix (for scheduled jobs and CI)
Settings come from the environment and .env, as for npm start (GALLERY_SCOPES, DESIRED_STATE_FILE, REPORT_*).`;

interface Options {
  json: boolean;
  failOnFindings: boolean;
  out?: string;
}

function parseArgs(argv: readonly string[]): Options | 'help' | string {
  const options: Options = { json: false, failOnFindings: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--fail-on-findings') options.failOnFindings = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const file = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (!file) return '--out needs a file name.';
      options.out = file;
    }
    else if (arg === '--help' || arg === '-h') return 'help';
    else return `Unknown option ${arg}.`;
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  let config: Readonly<Config>;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 2;
  }
  const { target, scope, stop } = await galleriesOf(config);
  try {
    const { gallery, usage } = createGallery(target);
    const now = (): Date => new Date();
    const desired = loadDesiredState(config.desiredStateFile);
    const settings: ReportSettings = config.report;
    const snapshot = await readReportSnapshot({
      gallery,
      usage,
      ...(desired.kind === 'loaded' ? { desired: desired.state } : {}),
      now,
      ...(settings.replicationDays === undefined ? {} : { replicationDays: settings.replicationDays }),
      reads: reportReads(settings.armReadsPerSecond ?? 20),
    });
    const report = buildReport(snapshot, settings, now());
    const text = options.json ? `${JSON.stringify({ scope, ...report }, null, 2)}\n` : reportText(report, scope);
    if (options.out) {
      writeFileSync(options.out, text);
      console.error(`Report written to ${options.out}: ${report.findings.length} findings.`);
    } else {
      // Flushed before returning: the caller exits the process, which could cut off a large report on a pipe.
      await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
    }
    return options.failOnFindings && report.findings.length > 0 ? 1 : 0;
  } finally {
    await stop();
  }
}

/**
 * Azure mode reads the configured scopes; embedded mode starts the emulator with the demo seed. In-process
 * rather than as a child program: a one-shot command then leaves nothing running if it fails, and the report
 * still reads it over HTTPS through the real SDK.
 */
async function galleriesOf(config: Readonly<Config>): Promise<{ target: GalleryTarget; scope: string; stop: () => Promise<void> }> {
  if (config.gallery.mode === 'azure') {
    const scope = config.gallery.scopes.map((s) => `/subscriptions/${s.subscriptionId}${s.resourceGroup ? `/resourceGroups/${s.resourceGroup}` : ''}`).join(', ');
    return { target: { mode: 'azure', settings: config.gallery }, scope, stop: async () => undefined };
  }
  const emulator = await startEmulator();
  return {
    target: { mode: 'emulator', endpoint: emulator.url, ca: emulator.ca, scopes: emulator.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) },
    scope: 'the embedded demo (gallery emulator with the demo seed)',
    stop: () => emulator.close(),
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Cannot build the report: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
