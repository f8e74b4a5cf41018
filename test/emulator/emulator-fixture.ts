/** Shared helpers for tests that talk to a real emulator over HTTPS. */
import { ComputeManagementClient } from '@azure/arm-compute';
import { request } from 'node:https';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/start-emulator';
import { staticTokenCredential } from '../../src/gallery/arm';

export const DEMO_SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
export const DEMO_GROUP = 'rg-images';
export const API = 'api-version=2025-12-03';

/** Starts an emulator with quick LROs (tests poll fast) unless told otherwise. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ lroPollDelayMs: 30, lroRetryAfterSeconds: 0, replicationMs: 200, ...options });
}

/** The real SDK pointed at the emulator, with retries shortened so fault tests stay fast. */
export function sdkFor(emulator: RunningEmulator, subscriptionId = DEMO_SUBSCRIPTION, maxRetries = 0): ComputeManagementClient {
  return new ComputeManagementClient(staticTokenCredential(), subscriptionId, {
    endpoint: emulator.url,
    tlsOptions: { ca: emulator.ca },
    retryOptions: { maxRetries, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-only convenience for reading ARM bodies
}

/** A plain HTTPS call (no SDK), for status codes and headers the SDK would hide. */
export function armRequest(
  emulator: RunningEmulator,
  path: string,
  init: { method?: string; body?: unknown; authorization?: string | null } = {},
): Promise<RawResponse> {
  const url = new URL(path, emulator.url);
  const headers: Record<string, string> = {};
  if (init.authorization !== null) headers['Authorization'] = init.authorization ?? 'Bearer test-token';
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, ca: emulator.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export const galleryPath = (gallery: string, sub = DEMO_SUBSCRIPTION, rg = DEMO_GROUP): string =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/galleries/${gallery}`;
export const versionPath = (gallery: string, image: string, version: string): string => `${galleryPath(gallery)}/images/${image}/versions/${version}`;
