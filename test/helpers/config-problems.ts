import { ConfigError, loadConfig } from '../../src/config';

/** The problems `loadConfig` reports for these settings (none: it loads); any other error is rethrown. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
