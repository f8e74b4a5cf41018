import { randomBytes } from 'node:crypto';
import type { Config } from '../config';

/**
 * The embedded demo runs Event Grid's push locally: the emulator POSTs its writes to the bot's `/api/events`,
 * authenticated like Event Grid's webhook, with a secret made for this run (or EVENT_GRID_SECRET when set).
 * Returns the settings the bot runs with and the URL the emulator is given; no URL when the port is only known
 * after binding (PORT=0), and nothing changes in Azure mode.
 */
export function demoEventGrid(config: Readonly<Config>): { config: Readonly<Config>; webhook?: string } {
  if (config.gallery.mode !== 'embedded' || config.port === 0) return { config };
  // The emulator cannot get Entra ID tokens: it always uses a secret, alongside any EVENT_GRID_AUDIENCE.
  const secret = config.eventGrid?.secret ?? randomBytes(32).toString('hex');
  return { config: { ...config, eventGrid: { ...config.eventGrid, secret } }, webhook: `http://${reachableHost(config.host)}:${config.port}/api/events?code=${secret}` };
}

/** Where a process on this machine reaches the bot bound to `host`. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === 'localhost') return '127.0.0.1';
  if (host === '::' || host === '::1') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
