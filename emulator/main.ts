/**
 * CLI of the gallery emulator. Prints "Gallery emulator listening on <url>" once ready (after the CA file is
 * written), so a parent process can wait for that line and then trust the certificate.
 */
import { writeFileSync } from 'node:fs';
import { readCliSettings, USAGE } from './cli-options';
import { startEmulator } from './start-emulator';

async function main(): Promise<void> {
  const settings = readCliSettings(process.argv.slice(2), process.env);
  if (settings === 'help') {
    console.log(USAGE);
    return;
  }
  const { caFile, ...options } = settings;
  const emulator = await startEmulator(options);
  if (caFile !== undefined) writeFileSync(caFile, emulator.ca, { mode: 0o644 });
  console.log(`Subscriptions: ${emulator.subscriptionIds.join(', ')}`);
  if (caFile !== undefined) console.log(`CA certificate written to ${caFile}`);
  console.log(`Gallery emulator listening on ${emulator.url}`);

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Gallery emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
