import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createGallery, type GalleryTarget } from '../src/gallery/create-gallery';
import { createLogger } from '../src/logging/logger';

/** ARM time and calls attributed to one command through AsyncLocalStorage. */
export interface ArmUsage {
  calls: number;
  ms: number;
}

/**
 * The real bot (createApp, restify, botbuilder, the ARM adapter) on a free loopback port, instrumented so
 * each command's ARM calls are counted and timed. Keyed by conversation: each benchmark conversation has one
 * command in flight at a time.
 */
export async function startBenchBot(target: GalleryTarget): Promise<{ url: string; app: App; usage: Map<string, ArmUsage> }> {
  const als = new AsyncLocalStorage<ArmUsage>();
  const usage = new Map<string, ArmUsage>();
  const gallery = createGallery(target, {
    observer: (call) => {
      const u = als.getStore();
      if (u) {
        u.calls += 1;
        u.ms += call.durationMs;
      }
    },
  });
  const app = createApp({
    config: loadConfig({ LOG_LEVEL: 'warn' }),
    gallery,
    logger: createLogger('warn'),
    aroundCommand: (request, run) => {
      const u: ArmUsage = { calls: 0, ms: 0 };
      usage.set(request.conversationId, u);
      return als.run(u, run);
    },
  });
  const port = await app.listen(0);
  await app.names.refresh();
  return { url: `http://127.0.0.1:${port}`, app, usage };
}

/** Samples this process's resident set size; the bot runs here, the emulator in its own process. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export const now = (): number => performance.now();
